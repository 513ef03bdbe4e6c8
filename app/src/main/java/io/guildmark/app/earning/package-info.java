/** Earning a credential by evidence: rubrics, assessments and peer review, as a plain-Java domain core. */
@NullMarked
package io.guildmark.app.earning;

import org.jspecify.annotations.NullMarked;
