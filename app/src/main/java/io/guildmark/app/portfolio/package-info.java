/**
 * Portfolio: what a person does with the badges they hold as a whole: download everything at once, and show chosen
 * badges together under one link that an employer checks in one go.
 */
@NullMarked
package io.guildmark.app.portfolio;

import org.jspecify.annotations.NullMarked;
