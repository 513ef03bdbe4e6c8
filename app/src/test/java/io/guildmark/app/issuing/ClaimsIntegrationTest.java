package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Claiming binds an award to the account that verified its address; the bad ways to use a claim or address link. */
class ClaimsIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Awards awards;

    CreditsFixture credits;
    CreditsFixture.Association association;
    UUID badge;
    Api staff;

    @BeforeEach
    void association() {
        credits = new CreditsFixture(context, admin(), baseUrl());
        association = credits.association("claims");
        badge = credits.microCredential(association, "Claims Practice", "3", "CPE", null);
        staff = api().withToken(association.apiKey());
    }

    record Sent(Award award, String path) {}

    Sent awardTo(EarningWorld.Person person) {
        return awardTo(person.email(), person.name());
    }

    Sent awardTo(String email, String name) {
        Api.Response created = staff.post("/api/v1/organizations/" + association.slug() + "/awards",
                Map.of("achievementId", badge.toString(), "recipient", Map.of("email", email, "name", name)));
        assertThat(created.status()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("id").asText());
        return new Sent(awards.find(id).orElseThrow(), claimPath(email));
    }

    static String claimPath(String email) {
        String link = Mailbox.await(email, "You earned Claims Practice").firstLinkContaining("/claim/");
        return link.substring(link.indexOf("/claim/"));
    }

    WebSession signedIn(EarningWorld.Person person) {
        WebSession session = new WebSession(baseUrl());
        session.signIn(person.email(), EarningWorld.PASSWORD);
        return session;
    }

    JsonNode claimJson(UUID awardId) {
        Api.Response response = staff.get("/api/v1/awards/" + awardId);
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("claim");
    }

    @Test
    void theClaimPageNamesTheBadgeTheIssuerAndTheAddressAndStaffSeeWhoAcceptedAndWhen() {
        var learner = credits.world.person("Carla Claimer", null);
        Sent sent = awardTo(learner);
        JsonNode before = claimJson(sent.award().id());
        assertThat(before.get("state").asText()).isEqualTo("pending");
        assertThat(before.hasNonNull("by")).isFalse(); // absent until someone decides
        assertThat(Instant.parse(before.get("linkExpiresAt").asText())).isAfter(Instant.now().plusSeconds(80L * 24 * 3600));

        String signedOut = new WebSession(baseUrl()).get(sent.path()).body();
        assertThat(signedOut).contains("Claims Practice", "Guild of claims", learner.email().charAt(0) + "***@example.org", "Sign in")
                .doesNotContain(learner.email());

        WebSession carla = signedIn(learner);
        assertThat(carla.submit(sent.path(), sent.path() + "/accept").body()).contains("The badge is in your account");
        JsonNode after = claimJson(sent.award().id());
        assertThat(after.get("state").asText()).isEqualTo("accepted");
        assertThat(after.get("by").get("userId").asText()).isEqualTo(learner.id().toString());
        assertThat(after.get("by").get("name").asText()).isEqualTo("Carla Claimer");
        assertThat(after.get("at").asText()).isNotBlank();
        WebSession owner = signedIn(association.owner());
        assertThat(owner.get("/organizations/" + association.slug() + "/awards").body()).contains("Accepted", "by <span>Carla Claimer</span>");
    }

    @Test
    void aClaimLinkUsedTwiceAddsTheBadgeOnceAndSaysSo() {
        var learner = credits.world.person("Tess Twice", null);
        Sent sent = awardTo(learner);
        WebSession tess = signedIn(learner);
        tess.submit(sent.path(), sent.path() + "/accept");
        Instant first = awards.find(sent.award().id()).orElseThrow().claimedAt();

        assertThat(tess.submit(sent.path(), sent.path() + "/accept").body()).contains("You have already added this badge to your account.");
        assertThat(tess.submit(sent.path(), sent.path() + "/decline").body()).contains("You have already added this badge to your account.");
        Award award = awards.find(sent.award().id()).orElseThrow();
        assertThat(award.claimState()).isEqualTo("accepted");
        assertThat(award.claimedAt()).isEqualTo(first);
        assertThat(awards.held(learner.actor())).extracting(Award::id).containsOnlyOnce(award.id());
        assertThat(staff.post("/api/v1/organizations/" + association.slug() + "/awards/" + award.id() + "/claim-link", Map.of()).status())
                .isEqualTo(409);
    }

    @Test
    void aRevokedAwardCannotBeClaimedAndGetsNoNewLink() {
        var learner = credits.world.person("Rita Revoked", null);
        Sent sent = awardTo(learner);
        assertThat(staff.post("/api/v1/awards/" + sent.award().id() + "/revoke", Map.of("reason", "Issued in error")).status()).isEqualTo(200);
        WebSession rita = signedIn(learner);
        assertThat(rita.get(sent.path()).body()).contains("revoked by its issuer").doesNotContain(">Accept<");
        assertThat(rita.submit(sent.path(), sent.path() + "/accept").body()).contains("revoked by its issuer");
        assertThat(awards.find(sent.award().id()).orElseThrow().claimState()).isEqualTo("pending");
        Api.Response renew = staff.post("/api/v1/organizations/" + association.slug() + "/awards/" + sent.award().id() + "/claim-link", Map.of());
        assertThat(renew.status()).isEqualTo(409);
        assertThat(renew.json().get("detail").asText()).contains("revoked");
    }

    @Test
    void anExpiredLinkIsRefusedUntilStaffSendANewOneAndThenOnlyTheNewOneWorks() {
        var learner = credits.world.person("Ezra Expired", null);
        Sent sent = awardTo(learner);
        db.sql("update awards set claim_link_expires_at = ? where id = ?").params(Timestamp.from(Instant.now().minusSeconds(60)), sent.award().id())
                .update();
        WebSession ezra = signedIn(learner);
        assertThat(ezra.get(sent.path()).body()).contains("This claim link has expired").doesNotContain(">Accept<");
        assertThat(ezra.submit(sent.path(), sent.path() + "/accept").body()).contains("This claim link has expired");
        assertThat(awards.find(sent.award().id()).orElseThrow().claimState()).isEqualTo("pending");

        Api.Response renew = staff.post("/api/v1/organizations/" + association.slug() + "/awards/" + sent.award().id() + "/claim-link", Map.of());
        assertThat(renew.status()).isEqualTo(200);
        assertThat(Instant.parse(renew.json().get("claim").get("linkExpiresAt").asText())).isAfter(Instant.now());
        String fresh = awaitNewLink(learner.email(), sent.path());
        WebSession.Page old = ezra.get(sent.path());
        assertThat(old.status()).isEqualTo(404);
        assertThat(old.body()).contains("This claim link is not valid");
        assertThat(ezra.submit(fresh, fresh + "/accept").body()).contains("The badge is in your account");
    }

    @Test
    void theClaimLinkEndpointIsForStaffOfTheAwardsOwnOrganization() {
        var learner = credits.world.person("Otto Other", null);
        Sent sent = awardTo(learner);
        String otherSlug = Fixtures.createOrganization(admin(), "claimsother");
        Api otherKey = api().withToken(Fixtures.createApiKey(admin(), otherSlug));
        assertThat(otherKey.post("/api/v1/organizations/" + association.slug() + "/awards/" + sent.award().id() + "/claim-link", Map.of())
                .status()).isIn(403, 404);
        assertThat(otherKey.post("/api/v1/organizations/" + otherSlug + "/awards/" + sent.award().id() + "/claim-link", Map.of()).status())
                .isEqualTo(404);
        assertThat(api().post("/api/v1/organizations/" + association.slug() + "/awards/" + sent.award().id() + "/claim-link", Map.of())
                .status()).isEqualTo(401);
        assertThat(staff.post("/api/v1/organizations/" + association.slug() + "/awards/" + UUID.randomUUID() + "/claim-link", Map.of())
                .status()).isEqualTo(404);
    }

    @Test
    void aDeclinedAwardCountsForNobodyAndGetsNoNewLink() {
        var learner = credits.world.person("Dora Decliner", null);
        Sent sent = awardTo(learner);
        WebSession dora = signedIn(learner);
        assertThat(dora.submit(sent.path(), sent.path() + "/decline").body()).contains("You declined the badge");
        Award award = awards.find(sent.award().id()).orElseThrow();
        assertThat(award.claimState()).isEqualTo("declined");
        assertThat(awards.held(learner.actor())).extracting(Award::id).doesNotContain(award.id());
        assertThat(awards.holds(learner.email(), badge)).isFalse();
        assertThat(dora.submit(sent.path(), sent.path() + "/accept").body()).contains("This badge was declined");
        assertThat(staff.post("/api/v1/organizations/" + association.slug() + "/awards/" + award.id() + "/claim-link", Map.of()).status())
                .isEqualTo(409);
    }

    @Test
    void aPersonAddsASecondAddressVerifiesItAndClaimsTheAwardSentThere() {
        var learner = credits.world.person("Seth Second", null);
        String work = Fixtures.uniqueEmail("seth.work");
        Sent sent = awardTo(work, "Seth Second");
        WebSession seth = signedIn(learner);
        assertThat(seth.get(sent.path()).body()).contains("add and verify that address");
        assertThat(awards.held(learner.actor())).extracting(Award::id).doesNotContain(sent.award().id());

        assertThat(seth.submit("/account/emails", "/account/emails", "email", work).body())
                .contains("We sent a confirmation link to " + work).contains("Waiting for confirmation");
        String verify = Mailbox.await(work, "Confirm this e-mail address").firstLinkContaining("/account/emails/verify/");
        String verifyPath = verify.substring(verify.indexOf("/account/"));
        assertThat(seth.submit(verifyPath, verifyPath).body()).contains(work + " is verified");

        assertThat(seth.get(sent.path()).body()).contains(work, ">Accept<");
        assertThat(seth.submit(sent.path(), sent.path() + "/accept").body()).contains("The badge is in your account");
        assertThat(awards.held(learner.actor())).extracting(Award::id).containsOnlyOnce(sent.award().id());

        // The verification link works once.
        assertThat(seth.submit("/account/emails", verifyPath).body()).contains("This confirmation link cannot be used");

        // The primary address cannot be removed; the extra one can be made primary, and then the old one removed.
        UUID primaryId = addressId(learner.id(), learner.email());
        UUID workId = addressId(learner.id(), work);
        assertThat(seth.submit("/account/emails", "/account/emails/" + primaryId + "/remove").body()).contains("cannot be removed");
        assertThat(seth.submit("/account/emails", "/account/emails/" + workId + "/primary").body()).contains("Your primary address is now " + work);
        assertThat(db.sql("select email from users where id = ?").param(learner.id()).query(String.class).single()).isEqualTo(work);
        assertThat(seth.submit("/account/emails", "/account/emails/" + primaryId + "/remove").body()).contains("The address is removed");
        WebSession.Page signedInWithWork = new WebSession(baseUrl()).signIn(work, EarningWorld.PASSWORD);
        assertThat(signedInWithWork.uri().toString()).doesNotContain("/signin");
        // The accepted award stays with the account that accepted it.
        assertThat(awards.held(learner.actor())).extracting(Award::id).containsOnlyOnce(sent.award().id());
    }

    @Test
    void addingAnAddressAnotherAccountVerifiedAnswersTheSameAndRevealsNobody() {
        var owner = credits.world.person("Olive Owner", null);
        var other = credits.world.person("Ivan Intruder", null);
        String free = Fixtures.uniqueEmail("free");
        WebSession ivan = signedIn(other);
        String freeAnswer = ivan.submit("/account/emails", "/account/emails", "email", free).body();
        String takenAnswer = ivan.submit("/account/emails", "/account/emails", "email", owner.email()).body();
        assertThat(freeAnswer).contains("We sent a confirmation link to " + free + ". Follow it while signed in");
        assertThat(takenAnswer).contains("We sent a confirmation link to " + owner.email() + ". Follow it while signed in")
                .doesNotContain("Olive").doesNotContain("already");
        // The owner is told; the intruder receives no link and the address stays the owner's.
        assertThat(Mailbox.await(owner.email(), "Someone tried to add your e-mail address").body()).doesNotContain("/account/emails/verify/");
        assertThat(db.sql("select user_id from user_emails where verified_email = ?").param(owner.email()).query(UUID.class).single())
                .isEqualTo(owner.id());
        Sent sent = awardTo(owner);
        assertThat(ivan.submit(sent.path(), sent.path() + "/accept").body()).contains("add and verify that address");
        assertThat(awards.held(other.actor())).extracting(Award::id).doesNotContain(sent.award().id());

        // Signing up with it is refused exactly like an address that has an account.
        String signUp = new WebSession(baseUrl()).submit("/signup", "/signup", "name", "Ivan Again", "email", owner.email(), "password",
                "a long enough password").body();
        String existing = new WebSession(baseUrl()).submit("/signup", "/signup", "name", "Ivan Again", "email", other.email(), "password",
                "a long enough password").body();
        assertThat(answer(signUp, owner.email())).isEqualTo(answer(existing, other.email()));
    }

    @Test
    void aVerificationLinkIsRefusedWhenExpiredOrOpenedByAnotherAccount() {
        var learner = credits.world.person("Vera Verify", null);
        var other = credits.world.person("Nico Nosy", null);
        String extra = Fixtures.uniqueEmail("vera.extra");
        WebSession vera = signedIn(learner);
        vera.submit("/account/emails", "/account/emails", "email", extra);
        String link = Mailbox.await(extra, "Confirm this e-mail address").firstLinkContaining("/account/emails/verify/");
        String path = link.substring(link.indexOf("/account/"));

        // Someone else's account cannot use the link, and that does not use it up.
        assertThat(signedIn(other).submit(path, path).body()).contains("This confirmation link cannot be used");
        assertThat(db.sql("select count(*) from user_emails where verified_email = ?").param(extra).query(Long.class).single()).isZero();

        db.sql("update user_email_tokens set expires_at = ? where user_email_id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(60)), addressId(learner.id(), extra)).update();
        assertThat(vera.submit(path, path).body()).contains("This confirmation link cannot be used");
        assertThat(db.sql("select count(*) from user_emails where verified_email = ?").param(extra).query(Long.class).single()).isZero();
    }

    UUID addressId(UUID userId, String email) {
        return db.sql("select id from user_emails where user_id = ? and email = ?").params(userId, email).query(UUID.class).single();
    }

    /** What the page's main content says, with the address typed in and the form tokens blanked. */
    static String answer(String page, String address) {
        String main = page.substring(page.indexOf("<main"), page.indexOf("</main>"));
        return main.replace(address, "ADDRESS").replaceAll("name=\"_csrf\"\\s+value=\"[^\"]+\"", "").replaceAll("value=\"[^\"]+\"\\s+name=\"_csrf\"", "");
    }

    static String awaitNewLink(String email, String oldPath) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            for (Mailbox.Mail mail : Mailbox.messagesTo(email)) {
                if (!mail.subject().contains("You earned Claims Practice")) continue;
                String link = mail.firstLinkContaining("/claim/");
                String path = link.substring(link.indexOf("/claim/"));
                if (!path.equals(oldPath)) return path;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("No new claim link arrived for " + email);
    }
}
