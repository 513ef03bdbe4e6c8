package io.guildmark.app.support;

import java.util.UUID;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pathway completion is checked in the background after an award commits (a row in {@code pathway_checks}, deleted
 * once the check has run). A test that expects a completion right after an award waits here for its organization's
 * checks to have run, with a bound, instead of reading the result before it exists.
 */
public final class PathwayCheckQueue {

    private static final long BOUND_MILLIS = 20_000;

    private PathwayCheckQueue() {}

    /** Waits until no pathway check of the organization is left to run (at most 20 s, then fails). */
    public static void awaitChecked(ApplicationContext context, UUID organizationId) {
        awaitChecked(context.getBean(JdbcClient.class), organizationId);
    }

    /** The same, for set-up code that holds the database client rather than the application. */
    public static void awaitChecked(JdbcClient db, UUID organizationId) {
        long deadline = System.currentTimeMillis() + BOUND_MILLIS;
        while (true) {
            long left = db.sql("select count(*) from pathway_checks where organization_id = ?").param(organizationId).query(Long.class).single();
            if (left == 0) return;
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(left + " pathway checks of organization " + organizationId + " still waiting after 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for pathway checks", e);
            }
        }
    }

    /** {@link #awaitChecked(ApplicationContext, UUID)} for the organization with this slug. */
    public static void awaitChecked(ApplicationContext context, String slug) {
        UUID id = context.getBean(JdbcClient.class).sql("select id from organizations where slug = ?").param(slug).query(UUID.class).single();
        awaitChecked(context, id);
    }
}
