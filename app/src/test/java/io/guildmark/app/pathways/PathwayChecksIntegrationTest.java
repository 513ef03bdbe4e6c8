package io.guildmark.app.pathways;

import static io.guildmark.app.pathways.PathwayWorld.allOf;
import static io.guildmark.app.pathways.PathwayWorld.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.PathwayCheckQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Pathway completion runs in the background from a row the award writes: an award request never waits for it. */
class PathwayChecksIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired LearnerPathways learners;
    @Autowired PathwayChecks checks;

    PathwayWorld world;

    @BeforeEach
    void world() {
        world = new PathwayWorld(context, admin());
    }

    @Test
    void everyAwardLeavesACheckThatCompletesThePathwayInTheBackground() {
        var a = world.association("background");
        UUID cert = world.certificate(a, "Certified Background Checker");
        UUID first = world.microCredential(a, "Check once", null);
        UUID second = world.microCredential(a, "Check twice", null);
        Pathway p = world.pathway(a, "Background path", cert, allOf("Both", step(first), step(second)));
        world.publish(a, p.id());
        var learner = world.person("Bea Background");

        world.award(a, first, learner); // waits for the organization's checks, as every award in these tests does
        world.award(a, second, learner);

        assertThat(learners.learner(p.id(), learner.email()).orElseThrow().completed()).isTrue();
        assertThat(waiting(a.id())).as("a check that has run is deleted").isZero();
    }

    @Test
    void aCheckLeftPendingByANodeKilledAfterTheAwardsCommitIsPickedUpByTheBackgroundJob() {
        var a = world.association("killed");
        UUID cert = world.certificate(a, "Certified Survivor");
        UUID first = world.microCredential(a, "Survive once", null);
        UUID second = world.microCredential(a, "Survive twice", null);
        Pathway p = world.pathway(a, "Survivor path", cert, allOf("Both", step(first), step(second)));
        world.publish(a, p.id());
        var learner = world.person("Kim Killed");
        var someoneElse = world.person("Sam Else");
        world.award(a, first, learner);
        UUID secondAward = world.award(a, second, someoneElse);
        assertThat(learners.learner(p.id(), learner.email()).orElseThrow().completed()).isFalse();

        // The state a kill -9 right after the commit of the learner's second award leaves: the award is stored with
        // its check row, and nothing ran the check (the award is moved to the learner with SQL, so no event fires).
        db.sql("update awards set recipient_email = ? where id = ?").params(learner.email(), secondAward).update();
        db.sql("""
                insert into pathway_checks (id, organization_id, recipient_email, achievement_id, created_at, attempts, next_attempt_at)
                values (?, ?, ?, ?, ?, 0, ?)""")
                .params(UUID.randomUUID(), a.id(), learner.email(), second, Timestamp.from(Instant.now()), Timestamp.from(Instant.now())).update();
        assertThat(learners.learner(p.id(), learner.email()).orElseThrow().completed()).isFalse();

        checks.drain(); // what the recurring job runs on whichever node has it
        PathwayCheckQueue.awaitChecked(context, a.id());

        Learner done = learners.learner(p.id(), learner.email()).orElseThrow();
        assertThat(done.completed()).isTrue();
        assertThat(done.awardId()).isNotNull();
        assertThat(db.sql("select count(*) from awards where achievement_id = ? and recipient_email = ?").params(cert, learner.email())
                .query(Long.class).single()).as("awarded once").isEqualTo(1);
    }

    private long waiting(UUID organizationId) {
        return db.sql("select count(*) from pathway_checks where organization_id = ?").param(organizationId).query(Long.class).single();
    }
}
