/** The credit ledger: credits earned toward license and certification renewal, by renewal cycle. */
@NullMarked
package io.guildmark.app.credits;

import org.jspecify.annotations.NullMarked;
