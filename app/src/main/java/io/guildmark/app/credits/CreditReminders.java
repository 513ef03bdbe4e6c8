package io.guildmark.app.credits;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import org.springframework.stereotype.Component;

/**
 * Warns holders whose current renewal cycle is not met yet: 90 days and again 30 days before it ends. Each warning goes
 * out once per holder, rule, cycle and step ({@link ReminderLog}); a holder first seen inside the last 30 days gets
 * only the 30-day warning.
 */
@Component
public class CreditReminders {

    static final String KIND = "renewal-deadline";
    static final List<Integer> STEPS = List.of(30, 90);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final RenewalRules rules;
    private final Ledger ledger;
    private final Awards awards;
    private final Organizations organizations;
    private final ReminderLog log;
    private final Mailer mailer;
    private final GuildmarkSettings settings;

    CreditReminders(RenewalRules rules, Ledger ledger, Awards awards, Organizations organizations, ReminderLog log, Mailer mailer,
            GuildmarkSettings settings) {
        this.rules = rules;
        this.ledger = ledger;
        this.awards = awards;
        this.organizations = organizations;
        this.log = log;
        this.mailer = mailer;
        this.settings = settings;
    }

    /** Sends the warnings due on {@code today}; answers how many went out now. Safe to run any number of times. */
    public int sendDeadlineWarnings(LocalDate today) {
        int sent = 0;
        for (RenewalRules.Rule rule : rules.all()) {
            Organization org = organizations.findById(rule.organizationId()).orElse(null);
            if (org == null) continue;
            for (String email : holders(rule)) {
                for (Ledger.RuleStanding standing : ledger.standings(rule.organizationId(), email, today)) {
                    if (!standing.rule().id().equals(rule.id())) continue;
                    CycleView cycle = standing.currentCycle();
                    Integer step = step(cycle);
                    if (step == null) continue;
                    String key = rule.id() + "/cycle-" + cycle.cycleNumber();
                    if (log.sendOnce(KIND, email, key, step, () -> mail(org, email, cycle))) sent++;
                }
            }
        }
        return sent;
    }

    /** The smallest step the cycle has reached, or {@code null} when it is met or still far off. */
    static Integer step(CycleView cycle) {
        if (cycle.met() || !cycle.current()) return null;
        return STEPS.stream().filter(days -> cycle.daysLeft() <= days).findFirst().orElse(null);
    }

    private Set<String> holders(RenewalRules.Rule rule) {
        Set<String> emails = new LinkedHashSet<>();
        if (rule.anchor() == RenewalRules.Anchor.LICENSE) {
            rules.licenseHolders(rule.id()).forEach(h -> emails.add(h.email()));
        } else if (rule.achievementId() != null) {
            awards.ofAchievement(rule.achievementId()).stream().filter(a -> !a.revoked()).map(Award::recipientEmail)
                    .forEach(e -> emails.add(e.toLowerCase(Locale.ROOT)));
        }
        return emails;
    }

    private void mail(Organization org, String email, CycleView cycle) {
        String subject = "Renewal of " + cycle.ruleName() + ": " + cycle.daysLeft() + " days left";
        StringBuilder body = new StringBuilder();
        body.append("Your renewal cycle for ").append(cycle.ruleName()).append(" with ").append(org.name()).append(" ends on ")
                .append(DAY.format(cycle.end())).append(" (").append(cycle.daysLeft()).append(" days from now).\n\n")
                .append("Earned: ").append(plain(cycle.earned())).append(" of ").append(plain(cycle.required())).append(' ').append(cycle.creditType())
                .append(cycle.pending().signum() > 0 ? " (" + plain(cycle.pending()) + " waiting for approval)" : "").append('\n')
                .append("Still needed: ").append(plain(cycle.remaining())).append(' ').append(cycle.creditType()).append('\n');
        cycle.categories().forEach((name, c) -> {
            if (c.remaining().signum() > 0) {
                body.append("  of which in ").append(name).append(": ").append(plain(c.remaining())).append('\n');
            }
        });
        body.append("\nSee your credit ledger and report credits earned elsewhere:\n\n").append(settings.url("/credits")).append('\n');
        mailer.send(EmailAddress.of(email), subject, body.toString());
    }

    static String plain(java.math.BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
