/** Plain-Java rule engine of pathways: requirement trees evaluated against what a learner holds. */
@NullMarked
@NamedInterface("model")
package io.guildmark.app.pathways.model;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
