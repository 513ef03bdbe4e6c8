package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import io.guildmark.app.credits.ClrTranscripts;
import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.credits.Ledger;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Finding (issue 9, item 1): a claim link from A's award e-mail could be used by anyone signed in. B opened it and
 * clicked "Add it to my account": the badge moved to B's wallet, B's credit ledger gained its hours, B's signed CLR
 * transcript embedded A's credential, A's own link then said "claimed by another account", and A still counted it
 * too. Now only an account that has verified the address an award was sent to can claim it, and who holds an award
 * is decided in one place.
 */
class ClaimLinkCannotBeUsedByAnotherAccountIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Awards awards;
    @Autowired Ledger ledger;
    @Autowired ClrTranscripts transcripts;
    @Autowired Organizations organizations;

    @Test
    void aSecondAccountIsRefusedAndNothingCountsForItWhileTheRecipientClaimsAndCountsItOnce() {
        CreditsFixture credits = new CreditsFixture(context, admin(), baseUrl());
        var association = credits.association("claimguard");
        UUID ethics = credits.microCredential(association, "Claim Guard Ethics", "6", "CPE", null);
        EarningWorld.Person alice = credits.world.person("Alice Recipient", null);
        EarningWorld.Person bob = credits.world.person("Bob Bystander", null);
        Award award = credits.award(association, ethics, alice, LocalDate.of(2025, 3, 1));
        String link = Mailbox.await(alice.email(), "You earned Claim Guard Ethics").firstLinkContaining("/claim/");
        String path = link.substring(link.indexOf("/claim/"));

        // Bob opens Alice's link: the page names the badge, the issuer and the (masked) address, and offers nothing.
        WebSession bobs = new WebSession(baseUrl());
        bobs.signIn(bob.email(), EarningWorld.PASSWORD);
        String page = bobs.get(path).body();
        assertThat(page).contains("Claim Guard Ethics", "Guild of claimguard", alice.email().charAt(0) + "***@example.org",
                "add and verify that address in your account to claim it").doesNotContain(alice.email()).doesNotContain(">Accept<");

        // Posting anyway (the old button, or the new one) changes nothing.
        assertThat(bobs.submit(path, path).body()).contains("add and verify that address");
        assertThat(bobs.submit(path, path + "/accept").body()).contains("add and verify that address");
        assertThat(bobs.submit(path, path + "/decline").body()).contains("add and verify that address");
        Award untouched = awards.find(award.id()).orElseThrow();
        assertThat(untouched.claimState()).isEqualTo("pending");
        assertThat(untouched.recipientUserId()).isNull();

        // Nothing of Bob's counts the credential: wallet, ledger, transcript, pathway steps and prerequisites.
        assertThat(bobs.get("/wallet").body()).doesNotContain("Claim Guard Ethics");
        assertThat(awards.held(bob.actor())).extracting(Award::id).doesNotContain(award.id());
        assertThat(ledger.entries(association.id(), bob.email())).isEmpty();
        var org = organizations.findById(association.id()).orElseThrow();
        try {
            var clr = transcripts.signed(org, bob.email());
            assertThat(clr.toString()).doesNotContain(award.id().toString());
        } catch (Problem nothingToSign) {
            assertThat(nothingToSign.getMessage()).contains("awarded you no credentials");
        }
        assertThat(awards.holds(bob.email(), ethics)).isFalse();
        assertThat(awards.validAwardsTo(bob.email())).extracting(Award::id).doesNotContain(award.id());

        // Alice's own link still works: she accepts, and the credential counts for her once.
        WebSession alices = new WebSession(baseUrl());
        alices.signIn(alice.email(), EarningWorld.PASSWORD);
        String hers = alices.get(path).body();
        assertThat(hers).contains("Claim Guard Ethics", alice.email(), ">Accept<", ">Decline<");
        WebSession.Page accepted = alices.submit(path, path + "/accept");
        assertThat(accepted.uri().getPath()).isEqualTo("/credentials/" + award.id());
        assertThat(accepted.body()).contains("The badge is in your account");
        Award claimed = awards.find(award.id()).orElseThrow();
        assertThat(claimed.claimState()).isEqualTo("accepted");
        assertThat(claimed.recipientUserId()).isEqualTo(alice.id());
        assertThat(awards.held(alice.actor())).extracting(Award::id).containsOnlyOnce(award.id());
        assertThat(ledger.entries(association.id(), alice.email())).singleElement()
                .satisfies(e -> assertThat(e.sourceId()).isEqualTo(award.id()));
        assertThat(transcripts.signed(org, alice.email()).toString()).contains(award.id().toString());

        // After the claim Bob still gets nothing, and the link says so without naming anyone.
        assertThat(bobs.get(path).body()).contains("This badge has already been claimed.").doesNotContain(alice.email());
        assertThat(ledger.entries(association.id(), bob.email())).isEmpty();
        assertThat(awards.held(bob.actor())).extracting(Award::id).doesNotContain(award.id());
    }
}
