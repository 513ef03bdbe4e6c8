package io.guildmark.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A signed-in person's page views no longer each write the session row: its last-access time is written at most once
 * a minute, and anything else about the session at once. Idle expiry still holds.
 */
class SessionAccessWritesIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    private record Stored(long lastAccess, long expiry) {}

    private Stored stored(String email) {
        return db.sql("select last_access_time, expiry_time from spring_session where lower(principal_name) = lower(?)").param(email)
                .query((rs, n) -> new Stored(rs.getLong(1), rs.getLong(2))).single();
    }

    @Test
    void pageViewsWithinAMinuteOfTheLastWriteLeaveTheSessionRowAsItWas() {
        var person = new EarningWorld(context, admin(), baseUrl()).person("Quiet Reader", null);
        WebSession web = new WebSession(baseUrl());
        web.signIn(person.email(), EarningWorld.PASSWORD);
        Stored afterSignIn = stored(person.email());

        for (int i = 0; i < 5; i++) assertThat(web.get("/learning").status()).isEqualTo(200);

        assertThat(stored(person.email())).as("the session row after five signed-in page views").isEqualTo(afterSignIn);
    }

    @Test
    void aViewMoreThanAMinuteAfterTheLastWriteRecordsTheAccessAndMovesTheExpiry() {
        var person = new EarningWorld(context, admin(), baseUrl()).person("Returning Reader", null);
        WebSession web = new WebSession(baseUrl());
        web.signIn(person.email(), EarningWorld.PASSWORD);
        // As if the last write was two minutes ago.
        db.sql("update spring_session set last_access_time = last_access_time - 120000, expiry_time = expiry_time - 120000 where lower(principal_name) = lower(?)")
                .param(person.email()).update();
        Stored before = stored(person.email());
        long now = System.currentTimeMillis();

        assertThat(web.get("/learning").status()).isEqualTo(200);

        Stored after = stored(person.email());
        assertThat(after.lastAccess()).isGreaterThanOrEqualTo(now - 1000).isGreaterThan(before.lastAccess());
        assertThat(after.expiry() - after.lastAccess()).as("the idle time kept").isEqualTo(before.expiry() - before.lastAccess());
    }

    @Test
    void aSessionIdleForLongerThanItsTimeoutIsOverEvenThoughItsLastViewsWereNotWritten() {
        var person = new EarningWorld(context, admin(), baseUrl()).person("Idle Reader", null);
        WebSession web = new WebSession(baseUrl());
        web.signIn(person.email(), EarningWorld.PASSWORD);
        assertThat(web.get("/learning").uri().getPath()).isEqualTo("/learning");
        // Nine hours idle (the timeout is eight).
        db.sql("update spring_session set last_access_time = last_access_time - 32400000, expiry_time = expiry_time - 32400000 where lower(principal_name) = lower(?)")
                .param(person.email()).update();

        assertThat(web.get("/learning").uri().getPath()).as("where the person lands").isEqualTo("/signin");
        assertThat(db.sql("select count(*) from spring_session where lower(principal_name) = lower(?)").param(person.email())
                .query(Long.class).single()).isZero();
    }

    @Test
    void signingOutStillEndsTheSessionAtOnce() {
        var person = new EarningWorld(context, admin(), baseUrl()).person("Leaving Reader", null);
        WebSession web = new WebSession(baseUrl());
        web.signIn(person.email(), EarningWorld.PASSWORD);
        web.submit("/learning", "/signout");

        assertThat(web.get("/learning").uri().getPath()).isEqualTo("/signin");
        assertThat(db.sql("select count(*) from spring_session where lower(principal_name) = lower(?)").param(person.email())
                .query(Long.class).single()).isZero();
    }
}
