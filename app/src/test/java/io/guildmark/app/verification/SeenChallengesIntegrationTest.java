package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A challenge this verifier handed out is answered once across every node, since the nodes share the database. */
class SeenChallengesIntegrationTest extends IntegrationTest {

    @Autowired Clock clock;
    @Autowired VcApiChallenges challenges;

    @Test
    void aChallengeAnsweredOnOneNodeIsAReplayOnAnother() {
        var first = new SeenChallenges(db, clock);
        var second = new SeenChallenges(db, clock);
        String challenge = challenges.issue().challenge();

        assertThat(first.firstUse(challenge)).isTrue();
        assertThat(second.firstUse(challenge)).as("the other node").isFalse();
        assertThat(first.firstUse(challenge)).isFalse();
        assertThat(second.firstUse(challenges.issue().challenge())).as("a fresh challenge").isTrue();
    }

    @Test
    void onlyADigestIsKeptAndExpiredRowsAreSweptAway() {
        String challenge = challenges.issue().challenge();
        var seen = new SeenChallenges(db, clock);
        seen.firstUse(challenge);
        assertThat(db.sql("select count(*) from vc_api_answered_challenges where challenge_hash = ?").param(challenge)
                .query(Long.class).single()).as("the challenge itself is not stored").isZero();

        db.sql("insert into vc_api_answered_challenges (challenge_hash, expires_at) values ('expired-long-ago', ?)")
                .param(Timestamp.from(Instant.parse("2020-01-01T00:00:00Z"))).update();
        for (int i = 0; i < 1_000 && count("vc_api_answered_challenges where challenge_hash = 'expired-long-ago'") > 0; i++) {
            seen.firstUse(challenges.issue().challenge());
        }
        assertThat(count("vc_api_answered_challenges where challenge_hash = 'expired-long-ago'")).isZero();
    }
}
