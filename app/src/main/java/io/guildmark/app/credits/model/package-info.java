/** Plain-Java arithmetic of the credit ledger: renewal cycles, entries, standing per cycle. */
@NullMarked
@NamedInterface("model")
package io.guildmark.app.credits.model;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
