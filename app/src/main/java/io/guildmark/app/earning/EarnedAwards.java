package io.guildmark.app.earning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.Rubric;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.shared.GuildmarkSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Issues the badge when an enrollment's last requirement is met: through the same path as staff awards, with evidence
 * linking to the work and, where a rubric scored it, the rubric outcome as Open Badges 3.0 results.
 *
 * <p>Runs after the change that met the requirement has committed, in a transaction of its own: a failed signing
 * never undoes a learner's submission or a reviewer's review, and the enrollment stays open to be checked again. The
 * enrollment row is claimed with a conditional update first, so two requirements met at the same moment award once.
 */
@Component
class EarnedAwards {

    private static final Logger log = LoggerFactory.getLogger(EarnedAwards.class);

    private final JdbcClient db;
    private final Awards awards;
    private final Progress progress;
    private final Notices notices;
    private final GuildmarkSettings settings;
    private final TransactionTemplate ownTransaction;

    EarnedAwards(JdbcClient db, Awards awards, Progress progress, Notices notices, GuildmarkSettings settings,
            PlatformTransactionManager transactions) {
        this.db = db;
        this.awards = awards;
        this.progress = progress;
        this.notices = notices;
        this.settings = settings;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** How many times a check that lost a deadlock (or a serialization conflict) to another award is run again. */
    static final int ATTEMPTS = 3;

    /**
     * An award check that runs once the current transaction commits. {@link #awarded} says whether this check is the
     * one that made the award: when the same requirement is met by two requests at once, exactly one of them is.
     */
    static final class Pending {
        private volatile boolean awarded;

        boolean awarded() {
            return awarded;
        }
    }

    /** Checks the enrollment once the current transaction commits (at once when there is none). */
    Pending checkAfterCommit(UUID enrollmentId) {
        Pending pending = new Pending();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    pending.awarded = check(enrollmentId).isPresent();
                }
            });
        } else {
            pending.awarded = check(enrollmentId).isPresent();
        }
        return pending;
    }

    /**
     * Awards the enrollment if every requirement is met and nothing is due; answers the award if this check made it.
     * A check that loses a deadlock to another award runs again (its transaction rolled back whole); one that still
     * cannot get through throws, so the request that triggered it fails visibly rather than answering success without
     * the award. Any other failure leaves the enrollment open, to be checked again on its next change or by
     * {@link MissedAwards}.
     */
    Optional<Award> check(UUID enrollmentId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.ofNullable(ownTransaction.execute(tx -> awardIfDue(enrollmentId)));
            } catch (ConcurrencyFailureException e) {
                if (attempt == ATTEMPTS) {
                    log.warn("Award check of enrollment {} lost to concurrent awards {} times; giving up for now", enrollmentId, ATTEMPTS, e);
                    throw e;
                }
                log.info("Award check of enrollment {} lost to a concurrent award (attempt {}); running it again", enrollmentId, attempt);
            } catch (RuntimeException e) {
                log.error("Could not award enrollment {}; it stays open and is checked again on its next change", enrollmentId, e);
                return Optional.empty();
            }
        }
    }

    private Award awardIfDue(UUID enrollmentId) {
        Enrollment e = db.sql("select * from enrollments where id = ?").param(enrollmentId).query(Enrollments::row).optional().orElse(null);
        if (e == null || !e.active() || e.paymentDue()) return null;
        Progress.View view = progress.of(e);
        if (!view.allMet()) return null;
        // Claims the row: a second check running at the same moment waits here, then finds it taken.
        int claimed = db.sql("update enrollments set state = 'awarded' where id = ? and state = 'active'").param(e.id()).update();
        if (claimed == 0) return null;
        Award award = awards.awardEarned(e.organizationId(), new Awards.AwardRequest(e.achievementId(), e.email(), e.name(),
                evidence(e, view), null, null, outcome(e, view.design()).orElse(null)));
        db.sql("update enrollments set award_id = ?, awarded_at = ? where id = ?")
                .params(award.id(), java.sql.Timestamp.from(award.issuedAt()), e.id()).update();
        // The award's own e-mail (with its claim link) is the one message; the notice only lists it on the Notices page.
        notices.list(e.email(), e.organizationId(), "You earned " + view.achievementName(), "/credentials/" + award.id());
        return award;
    }

    private List<Awards.Evidence> evidence(Enrollment e, Progress.View view) {
        List<Awards.Evidence> evidence = new ArrayList<>();
        for (Progress.Step step : view.steps()) {
            switch (step.method()) {
                case ASSESSMENT -> evidence.add(new Awards.Evidence(step.detail().replace("Passed", "Passed the assessment"), null, "Assessment"));
                case SUBMISSION -> decidedSubmission(e.id()).ifPresent(id -> evidence.add(new Awards.Evidence(
                        "Work product reviewed by peers against the rubric: meets the standard.", settings.url("/evidence/" + id), "Work product")));
                case DEMONSTRATION -> evidence.add(new Awards.Evidence("Skills demonstration observed by an assessor against the rubric: meets the standard.",
                        null, "Skills demonstration"));
                case COMPLETION -> evidence.add(new Awards.Evidence(step.detail(), null, "Course completion"));
            }
        }
        return evidence;
    }

    private Optional<UUID> decidedSubmission(UUID enrollmentId) {
        return db.sql("select id from submissions where enrollment_id = ? and state = 'meets' order by round desc limit 1")
                .param(enrollmentId).query(UUID.class).optional();
    }

    /** The rubric outcome of the work product that met the standard, else of the demonstration that did. */
    private Optional<Awards.Outcome> outcome(Enrollment e, EarningDesign design) {
        Rubric rubric = design.rubric();
        if (rubric == null) return Optional.empty();
        Optional<String> levels = db.sql("select levels from submissions where enrollment_id = ? and state = 'meets' and levels is not null order by round desc limit 1")
                .param(e.id()).query(String.class).optional();
        if (levels.isEmpty()) {
            levels = db.sql("select levels from demonstrations where enrollment_id = ? and verdict = 'meets' order by recorded_at desc limit 1")
                    .param(e.id()).query(String.class).optional();
        }
        return levels.map(json -> {
            Map<String, String> chosen = EarningDesigns.JSON.readValue(json, new TypeReference<Map<String, String>>() {});
            var scored = rubric.score(chosen);
            return new Awards.Outcome(rubric.toResultDescriptions(), scored.toResults(rubric));
        });
    }
}
