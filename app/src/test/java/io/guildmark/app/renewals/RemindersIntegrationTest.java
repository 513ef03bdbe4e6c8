package io.guildmark.app.renewals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.guildmark.app.credits.CreditReminders;
import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.credits.ExternalCredits;
import io.guildmark.app.credits.RenewalRules;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class RemindersIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired ExpiryReminders expiry;
    @Autowired CreditReminders deadlines;
    @Autowired RenewalRules rules;
    @Autowired ExternalCredits external;

    CreditsFixture credits;

    @BeforeEach
    void fixture() {
        credits = new CreditsFixture(context, admin(), baseUrl());
    }

    long mailsTo(String email, String subjectContains) {
        return db.sql("select count(*) from outbound_emails where recipient = ? and subject like ?")
                .params(email, "%" + subjectContains + "%").query(Long.class).single();
    }

    @Test
    void expiryWarningsGoOutOnceAt60AndOnceAt14DaysHoweverOftenTheJobRuns() {
        var association = credits.association("expiry");
        UUID firstAid = credits.microCredential(association, "First aid at work", null, null, 12);
        var holder = credits.world.person("Hana Holder", null);
        credits.award(association, firstAid, holder, LocalDate.of(2024, 3, 1));

        expiry.sendExpiryWarnings(LocalDate.of(2024, 12, 1));
        assertThat(mailsTo(holder.email(), "expires in")).as("91 days before: nothing yet").isZero();

        expiry.sendExpiryWarnings(LocalDate.of(2025, 1, 5));
        expiry.sendExpiryWarnings(LocalDate.of(2025, 1, 5));
        expiry.sendExpiryWarnings(LocalDate.of(2025, 1, 20));
        assertThat(mailsTo(holder.email(), "expires in")).as("one warning for the 60-day step").isEqualTo(1);
        assertThat(Mailbox.await(holder.email(), "expires in 55 days").body()).contains("/renewals").contains("1 March 2025");

        expiry.sendExpiryWarnings(LocalDate.of(2025, 2, 20));
        expiry.sendExpiryWarnings(LocalDate.of(2025, 2, 21));
        assertThat(mailsTo(holder.email(), "expires in")).as("and one for the 14-day step").isEqualTo(2);

        expiry.sendExpiryWarnings(LocalDate.of(2025, 3, 2));
        assertThat(mailsTo(holder.email(), "expires in")).as("nothing after it expired").isEqualTo(2);
    }

    @Test
    void twoRunsRacingSendEachWarningOnce() throws Exception {
        var association = credits.association("race");
        UUID cpr = credits.microCredential(association, "CPR refresher", null, null, 24);
        List<String> holders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var holder = credits.world.person("Rita Racer", null);
            credits.award(association, cpr, holder, LocalDate.of(2023, 6, 10));
            holders.add(holder.email());
        }
        LocalDate day = LocalDate.of(2025, 6, 1);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Callable<Integer> run = () -> {
                start.await();
                return expiry.sendExpiryWarnings(day);
            };
            List<Future<Integer>> runs = List.of(pool.submit(run), pool.submit(run), pool.submit(run));
            start.countDown();
            for (Future<Integer> f : runs) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        for (String email : holders) {
            assertThat(mailsTo(email, "expires in")).as(email).isEqualTo(1);
        }
    }

    @Test
    void aRenewedCredentialIsNotWarnedAbout() {
        var association = credits.association("renewedwarn");
        UUID badge = credits.microCredential(association, "Forklift safety", null, null, 12);
        var holder = credits.world.person("Fred Forklift", null);
        credits.award(association, badge, holder, LocalDate.of(2024, 3, 1));
        credits.award(association, badge, holder, LocalDate.of(2025, 2, 1));
        expiry.sendExpiryWarnings(LocalDate.of(2025, 2, 20));
        assertThat(mailsTo(holder.email(), "expires in")).as("earned again since: nothing to do").isZero();
    }

    @Test
    void renewalDeadlineWarningsGoOutAt90And30DaysOnlyToHoldersWhoAreShort() {
        var association = credits.association("deadline");
        var rule = credits.licenseRule(association, "Electrician license", "CEU", "12", 3, "");
        var shortHolder = credits.world.person("Sam Short", null);
        var doneHolder = credits.world.person("Dora Done", null);
        rules.trackLicense(shortHolder.actor(), rule.id(), "2022-04-01");
        rules.trackLicense(doneHolder.actor(), rule.id(), "2022-04-01");
        var done = credits.report(association, doneHolder, "Code update course", LocalDate.of(2024, 5, 5), "12", "CEU", null);
        external.approve(association.owner().actor(), association.slug(), done.id());
        credits.report(association, shortHolder, "Pending course", LocalDate.of(2024, 5, 5), "12", "CEU", null);

        deadlines.sendDeadlineWarnings(LocalDate.of(2024, 12, 1));
        assertThat(mailsTo(shortHolder.email(), "Renewal of Electrician license")).as("121 days before: nothing").isZero();
        deadlines.sendDeadlineWarnings(LocalDate.of(2025, 1, 10));
        deadlines.sendDeadlineWarnings(LocalDate.of(2025, 1, 11));
        assertThat(mailsTo(shortHolder.email(), "Renewal of Electrician license")).isEqualTo(1);
        assertThat(Mailbox.await(shortHolder.email(), "Renewal of Electrician license: 81 days left").body())
                .contains("Still needed: 12 CEU").contains("12 waiting for approval").contains("/credits");
        deadlines.sendDeadlineWarnings(LocalDate.of(2025, 3, 10));
        deadlines.sendDeadlineWarnings(LocalDate.of(2025, 3, 30));
        assertThat(mailsTo(shortHolder.email(), "Renewal of Electrician license")).isEqualTo(2);
        assertThat(mailsTo(doneHolder.email(), "Renewal of")).as("met: no warning").isZero();

        deadlines.sendDeadlineWarnings(LocalDate.of(2028, 1, 10));
        assertThat(mailsTo(doneHolder.email(), "Renewal of Electrician license")).as("the next cycle starts from zero").isEqualTo(1);
    }
}
