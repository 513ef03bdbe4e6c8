package io.guildmark.app.renewals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import io.guildmark.app.credits.ReminderLog;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import org.springframework.stereotype.Component;

/**
 * Warns holders 60 days and again 14 days before a credential expires, once each ({@link ReminderLog}). A credential
 * already renewed, or whose holder has since earned the same micro-credential again, is not mentioned: there is
 * nothing to do.
 */
@Component
public class ExpiryReminders {

    static final String KIND = "credential-expiry";
    static final List<Integer> STEPS = List.of(14, 60);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final Awards awards;
    private final Renewals renewals;
    private final Organizations organizations;
    private final ReminderLog log;
    private final Mailer mailer;
    private final GuildmarkSettings settings;

    private final io.guildmark.app.notifications.EmailTemplates templates;

    ExpiryReminders(Awards awards, Renewals renewals, Organizations organizations, ReminderLog log, Mailer mailer, GuildmarkSettings settings,
            io.guildmark.app.notifications.EmailTemplates templates) {
        this.templates = templates;
        this.awards = awards;
        this.renewals = renewals;
        this.organizations = organizations;
        this.log = log;
        this.mailer = mailer;
        this.settings = settings;
    }

    /** Sends the warnings due on {@code today}; answers how many went out now. Safe to run any number of times. */
    public int sendExpiryWarnings(LocalDate today) {
        int sent = 0;
        int furthest = STEPS.get(STEPS.size() - 1);
        for (Award award : awards.expiringBetween(today.atStartOfDay().toInstant(ZoneOffset.UTC),
                today.plusDays(furthest + 1L).atStartOfDay().toInstant(ZoneOffset.UTC))) {
            LocalDate expires = LocalDate.ofInstant(award.validUntil(), ZoneOffset.UTC);
            long daysLeft = ChronoUnit.DAYS.between(today, expires);
            Integer step = STEPS.stream().filter(d -> daysLeft <= d).findFirst().orElse(null);
            if (step == null || daysLeft < 0 || superseded(award)) continue;
            Organization org = organizations.findById(award.organizationId()).orElse(null);
            if (org == null) continue;
            if (log.sendOnce(KIND, award.recipientEmail(), award.id().toString(), step, () -> mail(org, award, expires, daysLeft))) sent++;
        }
        return sent;
    }

    private boolean superseded(Award award) {
        if (renewals.renewedBy(award.id()).isPresent()) return true;
        return awards.heldBy(award.recipientEmail()).stream().anyMatch(other -> !other.id().equals(award.id()) && !other.revoked()
                && other.achievementId().equals(award.achievementId()) && other.validFrom().isAfter(award.validFrom())
                && (other.validUntil() == null || other.validUntil().isAfter(award.validUntil())));
    }

    private void mail(Organization org, Award award, LocalDate expires, long daysLeft) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        values.put("recipient.name", award.recipientName());
        values.put("recipient.email", award.recipientEmail());
        values.put("credential.name", award.achievementName());
        values.put("organization.name", org.name());
        values.put("expires.date", DAY.format(expires));
        values.put("days.left", Long.toString(daysLeft));
        values.put("renew.url", settings.url("/renewals"));
        values.put("credential.url", awards.credentialUrl(award.id()));
        mailer.send(EmailAddress.of(award.recipientEmail()),
                templates.render(Awards.sender(org, settings), io.guildmark.app.notifications.EmailTemplates.Kind.EXPIRY_WARNING, values));
    }
}
