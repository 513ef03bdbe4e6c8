/**
 * Immutable, Spring-free domain of earning: designs, rubrics and their outcome mapped to OB 3.0 results, questions and
 * scoring, reviewer assignment. Other modules (the demo) build designs from these records, so it is a named interface.
 */
@NullMarked
@NamedInterface("model")
package io.guildmark.app.earning.model;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
