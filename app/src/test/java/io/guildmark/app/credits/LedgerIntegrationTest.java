package io.guildmark.app.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.SignedInClient;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class LedgerIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Ledger ledger;
    @Autowired ExternalCredits external;
    @Autowired ExternalCreditList externalList;
    @Autowired RenewalRules rules;
    @Autowired CreditCategories categories;

    CreditsFixture credits;

    @BeforeEach
    void fixture() {
        credits = new CreditsFixture(context, admin(), baseUrl());
    }

    /** Certified on 10 January 2022 under "30 PDU every 3 years, 5 in ethics": cycles end 10 January 2025 and 2028. */
    record Practitioner(CreditsFixture.Association association, EarningWorld.Person learner, RenewalRules.Rule rule) {}

    Practitioner certifiedPractitioner(String stem) {
        var association = credits.association(stem);
        UUID certification = credits.microCredential(association, "Certified " + stem + " practitioner", null, null, null);
        var rule = credits.credentialRule(association, "Certified " + stem + " practitioner", "PDU", "30", 3, "ethics=5", certification);
        var learner = credits.world.person("Lea Ledger", null);
        credits.award(association, certification, learner, LocalDate.of(2022, 1, 10));
        return new Practitioner(association, learner, rule);
    }

    @Test
    void creditsFromAwardsAndApprovedReportsAddUpPerCycleWhilePendingAndRejectedOnesDoNot() {
        var p = certifiedPractitioner("ledger");
        var association = p.association();
        UUID ethics = credits.microCredential(association, "Ethics in practice", "4", "PDU", null);
        categories.set(association.owner().actor(), association.slug(), ethics, "Ethics");
        UUID risk = credits.microCredential(association, "Risk workshop", "12", "PDU", null);
        UUID ceu = credits.microCredential(association, "Accounting refresher", "6", "CEU", null);
        credits.award(association, risk, p.learner(), LocalDate.of(2023, 5, 1));
        credits.award(association, ethics, p.learner(), LocalDate.of(2024, 12, 1));
        credits.award(association, ceu, p.learner(), LocalDate.of(2024, 2, 1));
        var conference = credits.report(association, p.learner(), "Annual conference", LocalDate.of(2024, 6, 1), "15", "pdu", null);
        var webinar = credits.report(association, p.learner(), "Ethics webinar", LocalDate.of(2025, 3, 1), "3", "PDU", "ethics");
        var blog = credits.report(association, p.learner(), "Reading blogs", LocalDate.of(2025, 2, 1), "10", "PDU", null);
        var staff = association.owner().actor();
        external.approve(staff, association.slug(), conference.id());
        external.reject(staff, association.slug(), blog.id(), "Reading is not an accredited activity.");

        LocalDate today = LocalDate.of(2025, 6, 1);
        List<CycleView> cycles = ledger.cyclesFor(association.id(), p.learner().email(), today);

        assertThat(cycles).hasSize(2);
        CycleView first = cycles.get(0);
        assertThat(first.cycleNumber()).isEqualTo(1);
        assertThat(first.start()).isEqualTo(LocalDate.of(2022, 1, 10));
        assertThat(first.end()).isEqualTo(LocalDate.of(2025, 1, 10));
        assertThat(first.earned()).as("12 risk + 4 ethics + 15 approved; the CEU do not count").isEqualByComparingTo("31");
        assertThat(first.categories().get("ethics").earned()).isEqualByComparingTo("4");
        assertThat(first.remaining()).as("the total is passed but one ethics credit is missing").isEqualByComparingTo("1");
        assertThat(first.met()).isFalse();
        assertThat(first.current()).isFalse();

        CycleView second = cycles.get(1);
        assertThat(second.current()).isTrue();
        assertThat(second.earned()).isEqualByComparingTo("0");
        assertThat(second.pending()).isEqualByComparingTo("3");
        assertThat(second.categories().get("ethics").pending()).isEqualByComparingTo("3");
        assertThat(second.remaining()).as("the rejected report counts nowhere").isEqualByComparingTo("30");
        assertThat(second.daysLeft()).isEqualTo(ChronoUnit.DAYS.between(today, LocalDate.of(2028, 1, 10)));

        assertThat(ledger.entries(association.id(), p.learner().email())).extracting(Ledger.Entry::status)
                .contains(io.guildmark.app.credits.model.CreditEntry.Status.REJECTED, io.guildmark.app.credits.model.CreditEntry.Status.PENDING);
        assertThat(webinar.status()).isEqualTo(ExternalCredits.Status.PENDING);
        assertThat(Mailbox.await(p.learner().email(), "did not approve").body()).contains("Reading is not an accredited activity.");
        assertThat(Mailbox.await(p.learner().email(), "approved your credits").body()).contains("15 PDU").contains("/credits");
    }

    @Test
    void aLicenseRuleCountsFromTheDateTheHolderEnters() {
        var association = credits.association("license");
        var rule = credits.licenseRule(association, "State license", "CE", "20", 2, "");
        var learner = credits.world.person("Lars License", null);
        assertThat(ledger.cyclesFor(association.id(), learner.email(), LocalDate.of(2025, 1, 1))).as("not tracked yet").isEmpty();
        rules.trackLicense(learner.actor(), rule.id(), "2021-09-01");
        var report = credits.report(association, learner, "Safety course", LocalDate.of(2024, 3, 3), "8", "CE", null);
        external.approve(association.owner().actor(), association.slug(), report.id());
        List<CycleView> cycles = ledger.cyclesFor(association.id(), learner.email(), LocalDate.of(2024, 6, 1));
        assertThat(cycles).extracting(CycleView::cycleNumber).containsExactly(1, 2);
        assertThat(cycles.get(1).start()).isEqualTo(LocalDate.of(2023, 9, 1));
        assertThat(cycles.get(1).earned()).isEqualByComparingTo("8");
        assertThat(cycles.get(1).remaining()).isEqualByComparingTo("12");
    }

    @Test
    void aRuleWhoseCategoriesExceedItsTotalIsRefusedAndNothingIsStored() {
        var association = credits.association("badrule");
        long before = count("renewal_rules");
        assertThatThrownBy(() -> credits.licenseRule(association, "Too much ethics", "PDU", "10", 3, "ethics=8, safety=5"))
                .isInstanceOf(Problem.class).hasMessageContaining("exceed");
        assertThatThrownBy(() -> credits.licenseRule(association, "", "PDU", "-1", 30, "ethics"))
                .isInstanceOf(Problem.class).satisfies(p -> assertThat(((Problem) p).fieldErrors()).extracting(Problem.FieldError::field)
                        .contains("name", "requiredTotal", "cycleYears", "categories"));
        assertThat(count("renewal_rules")).isEqualTo(before);
    }

    @Test
    void aProofThatIsNotWhatItsNameSaysIsRefusedAndNothingIsStored() {
        var p = certifiedPractitioner("disguise");
        long before = count("external_credits");
        byte[] page = "<html><body><script>alert('x')</script></body></html>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> external.report(p.learner().actor(), new ExternalCredits.ReportForm(p.association().slug(), "Conference",
                "Someone", "2024-01-01", "5", "PDU", ""), page, "certificate.pdf"))
                .isInstanceOf(Problem.class).satisfies(e -> assertThat(((Problem) e).kind()).isEqualTo(Problem.Kind.UNSUPPORTED_MEDIA));
        byte[] program = new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0};
        assertThatThrownBy(() -> external.report(p.learner().actor(), new ExternalCredits.ReportForm(p.association().slug(), "Conference",
                "Someone", "2024-01-01", "5", "PDU", ""), program, "scan.jpg")).isInstanceOf(Problem.class);
        assertThat(count("external_credits")).isEqualTo(before);
    }

    @Test
    void learnersSeeOnlyTheirOwnLedgerAndProofs() {
        var p = certifiedPractitioner("privacy");
        var report = credits.report(p.association(), p.learner(), "Private conference", LocalDate.of(2024, 6, 1), "7", "PDU", null);
        var other = credits.world.person("Olli Other", null);

        assertThat(ledger.cyclesFor(p.association().id(), other.email(), LocalDate.of(2025, 1, 1))).isEmpty();
        assertThat(ledger.entries(p.association().id(), other.email())).isEmpty();
        assertThatThrownBy(() -> external.proof(other.actor(), report.id())).isInstanceOf(Problem.class)
                .extracting(e -> ((Problem) e).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        assertThat(external.proof(p.learner().actor(), report.id()).contentType()).isEqualTo("application/pdf");

        WebSession otherBrowser = new WebSession(baseUrl());
        otherBrowser.signIn(other.email(), EarningWorld.PASSWORD);
        assertThat(otherBrowser.get("/credits").body()).doesNotContain("Private conference");
        assertThat(otherBrowser.get("/credits/external/" + report.id() + "/proof").status()).isEqualTo(404);
        WebSession ownBrowser = new WebSession(baseUrl());
        ownBrowser.signIn(p.learner().email(), EarningWorld.PASSWORD);
        assertThat(ownBrowser.get("/credits").body()).contains("Private conference").contains("Certified privacy practitioner");
        assertThat(ownBrowser.get("/credits/external/" + report.id() + "/proof").status()).isEqualTo(200);
    }

    @Test
    void staffOfAnotherOrganizationGetNotFoundAndAReviewerMayNotDecide() {
        var p = certifiedPractitioner("tenant");
        var report = credits.report(p.association(), p.learner(), "Workshop", LocalDate.of(2024, 6, 1), "7", "PDU", null);
        var elsewhere = credits.association("elsewhere");
        var foreignStaff = elsewhere.owner().actor();

        assertThatThrownBy(() -> externalList.pageAt(foreignStaff, p.association().slug(), ExternalCreditList.Filter.pending(), 0, 50)).isInstanceOf(Problem.class)
                .extracting(e -> ((Problem) e).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        assertThatThrownBy(() -> external.approve(foreignStaff, p.association().slug(), report.id())).isInstanceOf(Problem.class)
                .extracting(e -> ((Problem) e).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        assertThatThrownBy(() -> external.approve(foreignStaff, elsewhere.slug(), report.id())).as("the report is not theirs")
                .isInstanceOf(Problem.class).extracting(e -> ((Problem) e).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        assertThatThrownBy(() -> external.proof(foreignStaff, report.id())).isInstanceOf(Problem.class)
                .extracting(e -> ((Problem) e).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        var reviewer = credits.member(p.association(), Role.REVIEWER, "Rex Reviewer");
        assertThatThrownBy(() -> external.approve(reviewer.actor(), p.association().slug(), report.id())).isInstanceOf(Problem.class)
                .extracting(e -> ((Problem) e).kind()).isEqualTo(Problem.Kind.FORBIDDEN);
        assertThat(external.find(report.id()).orElseThrow().status()).isEqualTo(ExternalCredits.Status.PENDING);

        WebSession foreignBrowser = new WebSession(baseUrl());
        foreignBrowser.signIn(elsewhere.owner().email(), EarningWorld.PASSWORD);
        assertThat(foreignBrowser.get("/organizations/" + p.association().slug() + "/credits").status()).isEqualTo(404);
    }

    @Test
    void staffKeepRulesAndDecideReportsFromTheCreditsTabAndLearnersReportWithAnUpload() throws Exception {
        var p = certifiedPractitioner("pages");
        var association = p.association();
        WebSession owner = new WebSession(baseUrl());
        owner.signIn(association.owner().email(), EarningWorld.PASSWORD);
        var added = owner.submit("/organizations/" + association.slug() + "/credits", "/organizations/" + association.slug() + "/credits/rules",
                "name", "Safety license", "creditType", "CEU", "requiredTotal", "12", "cycleYears", "2", "categories", "", "anchor", "LICENSE",
                "achievementId", "");
        assertThat(added.body()).contains("Added the renewal rule").contains("Safety license").contains("12 CEU every 2 years");
        var refused = owner.submit("/organizations/" + association.slug() + "/credits", "/organizations/" + association.slug() + "/credits/rules",
                "name", "Broken", "creditType", "CEU", "requiredTotal", "5", "cycleYears", "2", "categories", "ethics=9", "anchor", "LICENSE");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("exceed");

        SignedInClient learner = new SignedInClient(baseUrl(), p.learner().email(), EarningWorld.PASSWORD);
        assertThat(learner.get("/credits").body()).contains("Report external credits").contains("Certified pages practitioner");
        var uploaded = learner.postMultipart("/credits", "/credits/external", java.util.Map.of("organization", association.slug(),
                "title", "Uploaded seminar", "provider", "Seminar House", "completedOn", "2024-04-04", "amount", "2.5", "creditType", "PDU",
                "category", "ethics"), "proof", "seminar.pdf", "application/pdf", CreditsFixture.PDF);
        assertThat(uploaded.status()).isEqualTo(200);
        assertThat(uploaded.body()).contains("Reported 2.5 PDU");
        assertThat(learner.get("/credits").body()).contains("Uploaded seminar").contains("Pending");

        var queue = owner.get("/organizations/" + association.slug() + "/credits").body();
        assertThat(queue).contains("Uploaded seminar").contains("seminar.pdf");
        var report = externalList.pageAt(association.owner().actor(), association.slug(), ExternalCreditList.Filter.pending(), 0, 50).items().get(0);
        var approved = owner.submit("/organizations/" + association.slug() + "/credits",
                "/organizations/" + association.slug() + "/credits/external/" + report.id() + "/approve");
        assertThat(approved.body()).contains("Approved 2.5 PDU");
        assertThat(owner.get("/organizations/" + association.slug() + "/renewals").status()).isEqualTo(200);
    }
}
