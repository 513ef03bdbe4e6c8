/** Immutable, Spring-free domain of earning: rubrics and their outcome mapped to OB 3.0 results. */
@NullMarked
package io.guildmark.app.earning.model;

import org.jspecify.annotations.NullMarked;
