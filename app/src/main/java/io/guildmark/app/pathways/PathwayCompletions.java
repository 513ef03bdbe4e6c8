package io.guildmark.app.pathways;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.organizations.Issuers;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What happens when a learner satisfies a pathway: the stacked credential is issued with every component credential as
 * evidence (its URL, its name, and who issued it, so a verifier can follow and check each), or certification
 * eligibility is recorded and the learner told. Runs inside the caller's transaction, after the learner's row was
 * claimed, so it happens once.
 */
@Component
class PathwayCompletions {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final JdbcClient db;
    private final Awards awards;
    private final Organizations organizations;
    private final Accounts accounts;
    private final Mailer mailer;
    private final GuildmarkSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PathwayCompletions(JdbcClient db, Awards awards, Organizations organizations, Accounts accounts, Mailer mailer, GuildmarkSettings settings,
            ApplicationEventPublisher events, Clock clock) {
        this.db = db;
        this.awards = awards;
        this.organizations = organizations;
        this.accounts = accounts;
        this.mailer = mailer;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** Completes a claimed learner; answers the completion event (also published). */
    PathwayCompleted complete(Learner learner, Standing standing) {
        PathwayVersion version = standing.pathway();
        Organization org = organizations.findById(version.organizationId()).orElseThrow();
        String name = nameOf(version.organizationId(), learner.email());
        Instant now = clock.instant();
        UUID awardId = null;
        UUID eligibilityId = null;
        if (version.awardsCredential()) {
            Award award = awards.awardEarned(org.id(), new Awards.AwardRequest(version.capstoneAchievementId(), learner.email(), name,
                    evidence(standing), null, null));
            awardId = award.id();
        } else {
            eligibilityId = UUID.randomUUID();
            db.sql("""
                    insert into pathway_eligibilities (id, learner_id, pathway_id, organization_id, version, email, name, recorded_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(eligibilityId, learner.id(), version.pathwayId(), org.id(), version.version(), learner.email(), name,
                            Timestamp.from(now)).update();
            mailer.send(EmailAddress.of(learner.email()), "You are eligible: " + version.name(),
                    "Congratulations, " + name + "!\n\nYou completed every requirement of \"" + version.name() + "\" from " + org.name()
                            + ", so you are eligible to sit the certification exam.\n\nYour eligibility is on record. Anyone you show it to"
                            + " (an exam provider, an employer) can check it at\n\n" + settings.url("/pathways/eligibility/" + eligibilityId)
                            + "\n\nDownload your eligibility letter (PDF) there, or from your pathway page.\n");
        }
        db.sql("update pathway_learners set state = 'completed', completed_at = ?, award_id = ? where id = ?")
                .params(Timestamp.from(now), awardId, learner.id()).update();
        PathwayCompleted completed = new PathwayCompleted(version.pathwayId(), org.id(), version.version(), learner.email(), awardId, eligibilityId);
        events.publishEvent(completed);
        return completed;
    }

    /** One piece of evidence per component credential held, in the order the rules name them. */
    private List<Awards.Evidence> evidence(Standing standing) {
        List<Awards.Evidence> evidence = new ArrayList<>();
        for (Standing.Step step : standing.earnedSteps()) {
            ImportedCredentials.Imported imported = step.imported();
            if (step.awardId() == null && imported != null) {
                String url = imported.sourceUrl() != null ? imported.sourceUrl() : imported.credentialId();
                evidence.add(new Awards.Evidence(
                        "Component credential of the pathway \"" + standing.pathway().name() + "\", recognized from another issuer as \""
                                + step.name() + "\": \"" + imported.achievementName() + "\" issued by " + imported.issuerName() + " (issuer "
                                + imported.issuerId() + ")" + (imported.issuedAt() == null ? "" : " on " + DATE.format(imported.issuedAt()))
                                + "; imported credential " + imported.id() + ", verified " + DATE.format(imported.checkedAt()) + ".",
                        url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null, imported.achievementName()));
                continue;
            }
            Award component = awards.find(step.awardId()).orElseThrow();
            Organization issuer = organizations.findById(component.organizationId()).orElseThrow();
            evidence.add(new Awards.Evidence(
                    "Component credential of the pathway \"" + standing.pathway().name() + "\": \"" + component.achievementName()
                            + "\", awarded to " + component.recipientName() + " on " + DATE.format(component.issuedAt()) + " by "
                            + issuer.name() + " (issuer " + Issuers.did(settings, issuer.slug()) + ", " + settings.url("/issuers/" + issuer.slug())
                            + "). Verify it at its URL.",
                    awards.credentialUrl(component.id()), component.achievementName()));
        }
        return evidence;
    }

    /**
     * The learner's name as the stacked credential states it: the name the organization made its latest award to them
     * out to (its own record), else the name of their verified account, else their address. Fixed in the signed
     * credential; a later change of the account's name does not alter it.
     */
    private String nameOf(UUID organizationId, String email) {
        return awards.validAwardsTo(email).stream().filter(a -> a.organizationId().equals(organizationId)).findFirst().map(Award::recipientName)
                .or(() -> awards.validAwardsTo(email).stream().findFirst().map(Award::recipientName))
                .or(() -> accounts.findByEmail(email).filter(User::emailVerified).map(User::name))
                .orElse(email);
    }

    static @Nullable Instant ts(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
