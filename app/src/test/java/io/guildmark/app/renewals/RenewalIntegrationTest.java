package io.guildmark.app.renewals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.credits.ExternalCredits;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class RenewalIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Renewals renewals;
    @Autowired RenewalList list;
    @Autowired RenewalPaths paths;
    @Autowired Awards awards;
    @Autowired ExternalCredits external;

    CreditsFixture credits;
    LocalDate today;

    @BeforeEach
    void fixture() {
        credits = new CreditsFixture(context, admin(), baseUrl());
        today = LocalDate.now(ZoneOffset.UTC);
    }

    @Test
    void theCreditsPathIssuesANewCredentialThatReferencesTheOldOneWhichIsKept() throws Exception {
        var association = credits.association("renewcredits");
        UUID inspector = credits.microCredential(association, "Site inspector", null, null, 12);
        UUID course = credits.microCredential(association, "Inspection update course", "6", "PDU", null);
        paths.set(association.owner().actor(), association.slug(), inspector, "credits", "PDU", "10");
        credits.credentialRule(association, "Site inspector", "PDU", "30", 3, "", inspector);
        var holder = credits.world.person("Ines Inspector", null);
        Award old = credits.award(association, inspector, holder, today.minusMonths(12).plusDays(30));
        credits.award(association, course, holder, today.minusDays(20));

        assertThatThrownBy(() -> renewals.renewByCredits(holder.actor(), old.id(), today)).isInstanceOf(Problem.class)
                .hasMessageContaining("10 PDU").hasMessageContaining("you have 6");
        long awardsBefore = count("awards");

        var report = credits.report(association, holder, "Regional inspection forum", today.minusDays(5), "4", "PDU", null);
        external.approve(association.owner().actor(), association.slug(), report.id());
        assertThat(renewals.mine(holder.actor(), today)).filteredOn(r -> r.award().id().equals(old.id())).singleElement()
                .satisfies(r -> assertThat(r.creditsSuffice()).isTrue());

        Award renewed = renewals.renewByCredits(holder.actor(), old.id(), today);

        assertThat(count("awards")).isEqualTo(awardsBefore + 1);
        assertThat(renewed.achievementId()).isEqualTo(inspector);
        assertThat(renewed.validUntil()).isAfter(old.validUntil().plusSeconds(300L * 24 * 3600));
        assertThat(awards.find(old.id()).orElseThrow().revoked()).as("the old credential is kept").isFalse();
        assertThat(renewals.renewedBy(old.id())).contains(renewed.id());
        String credential = awards.signedCredential(renewed.id()).orElseThrow();
        assertThat(credential).contains("Renews \\\"Site inspector\\\"").contains(awards.credentialUrl(old.id()));

        Api.Response verified = api().post("/api/v1/verify", credential.getBytes(StandardCharsets.UTF_8), "application/vc+ld+json");
        assertThat(verified.json().get("verified").asBoolean()).as(verified.body()).isTrue();

        assertThatThrownBy(() -> renewals.renewByCredits(holder.actor(), old.id(), today)).isInstanceOf(Problem.class)
                .hasMessageContaining("already renewed");
        assertThat(count("awards")).isEqualTo(awardsBefore + 1);
        assertThat(renewals.mine(holder.actor(), today)).filteredOn(r -> r.award().id().equals(old.id())).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(Renewals.State.RENEWED));
    }

    @Test
    void staffReviewRenewsOnApprovalAndExplainsARefusal() {
        var association = credits.association("renewreview");
        UUID badge = credits.microCredential(association, "Crane operator", null, null, 24);
        var holder = credits.world.person("Carl Crane", null);
        Award old = credits.award(association, badge, holder, today.minusMonths(24).plusDays(10));
        var staff = association.owner().actor();

        var first = renewals.request(holder.actor(), old.id(), "Logged 400 hours this year.", today);
        assertThatThrownBy(() -> renewals.request(holder.actor(), old.id(), "", today)).isInstanceOf(Problem.class)
                .hasMessageContaining("already asked");
        assertThat(list.pageAt(staff, association.slug(), RenewalList.Filter.pending(), 0, 50).items()).extracting(l -> l.request().id())
                .containsExactly(first.id());
        renewals.reject(staff, association.slug(), first.id(), "Send the hours log signed by your supervisor.");
        assertThat(Mailbox.await(holder.email(), "did not renew").body()).contains("signed by your supervisor");

        var second = renewals.request(holder.actor(), old.id(), "Signed log attached to my file.", today);
        var elsewhere = credits.association("renewforeign");
        assertThatThrownBy(() -> renewals.approve(elsewhere.owner().actor(), association.slug(), second.id())).isInstanceOf(Problem.class)
                .extracting(e -> ((Problem) e).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        Award renewed = renewals.approve(staff, association.slug(), second.id());
        assertThat(renewals.renewedBy(old.id())).contains(renewed.id());
        assertThat(awards.signedCredential(renewed.id()).orElseThrow()).contains("Renews \\\"Crane operator\\\"");
        assertThat(Mailbox.await(holder.email(), "You earned Crane operator")).isNotNull();
    }

    @Test
    void noOneRenewsAnotherPersonsCredentialOrOneThatIsNotDueYet() {
        var association = credits.association("renewguard");
        UUID badge = credits.microCredential(association, "Scaffold safety", null, null, 36);
        var holder = credits.world.person("Stan Scaffold", null);
        Award fresh = credits.award(association, badge, holder, today.minusMonths(1));
        var other = credits.world.person("Olga Other", null);
        assertThatThrownBy(() -> renewals.request(other.actor(), fresh.id(), "", today)).isInstanceOf(Problem.class)
                .extracting(e -> ((Problem) e).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        assertThatThrownBy(() -> renewals.request(holder.actor(), fresh.id(), "", today)).isInstanceOf(Problem.class)
                .hasMessageContaining("Renewal opens");

        WebSession browser = new WebSession(baseUrl());
        browser.signIn(holder.email(), EarningWorld.PASSWORD);
        assertThat(browser.get("/renewals").body()).contains("Scaffold safety").contains("Staff review");
    }
}
