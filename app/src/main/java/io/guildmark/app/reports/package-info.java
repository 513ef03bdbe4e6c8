/**
 * Reports for an organization's owners and admins: awards per month, the funnel from a micro-credential's page to its
 * award, assessments, review turnaround and load, pathway progress, revenue and engagement, each as an SVG chart, a
 * table and a CSV, over a date range. Read-only aggregate queries over the other modules' tables, plus the counters of
 * micro-credential page views and verifications that those queries need.
 */
@NullMarked
package io.guildmark.app.reports;

import org.jspecify.annotations.NullMarked;
