/**
 * Talent: learners who choose to be findable by the employer partners of their association, the employers' search over
 * what each person chose to show, contact through the platform, and the log the person keeps of both.
 */
@NullMarked
package io.guildmark.app.talent;

import org.jspecify.annotations.NullMarked;
