package io.guildmark.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.earning.Oversight;
import io.guildmark.app.earning.Submission;
import io.guildmark.app.earning.Submissions;
import io.guildmark.app.issuing.Claims;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Organizations subscribe endpoints and receive signed events, retried until a 2xx, with a delivery log only they see. */
class WebhooksIntegrationTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired ApplicationContext context;

    CreditsFixture credits;
    CreditsFixture.Association association;
    UUID badge;
    Api staff;
    final List<Receiver> receivers = new ArrayList<>();

    @BeforeEach
    void anAssociationThatAwards() {
        credits = new CreditsFixture(context, admin(), baseUrl());
        association = credits.association("hooks");
        badge = credits.microCredential(association, "Webhook Practice", null, null, null);
        staff = api().withToken(association.apiKey());
    }

    @AfterEach
    void closeReceivers() {
        receivers.forEach(Receiver::close);
    }

    Receiver receiver(java.util.function.IntUnaryOperator behaviour) {
        Receiver receiver = new Receiver(behaviour);
        receivers.add(receiver);
        return receiver;
    }

    String hooks() {
        return "/api/v1/organizations/" + association.slug() + "/webhooks";
    }

    JsonNode subscribe(Api api, String path, String url, String... types) {
        Api.Response created = api.post(path, Map.of("url", url, "eventTypes", List.of(types), "description", "test receiver"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    UUID award(String email, String name) {
        Api.Response created = staff.post("/api/v1/organizations/" + association.slug() + "/awards",
                Map.of("achievementId", badge.toString(), "recipient", Map.of("email", email, "name", name)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asText());
    }

    /** Standard Webhooks verification, written from the specification and independent of the application's code. */
    static boolean signedWith(String secret, Receiver.Request request) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        String signed = request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.body();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        for (String signature : request.header("webhook-signature").split(" ")) {
            String[] parts = signature.split(",", 2);
            if (parts[0].equals("v1") && java.security.MessageDigest.isEqual(parts[1].getBytes(StandardCharsets.US_ASCII),
                    expected.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    static JsonNode json(Receiver.Request request) {
        return Api.JSON.readTree(request.body());
    }

    @Test
    void anAwardMadeThroughTheApiReachesTheSubscribedReceiverSignedTheStandardWebhooksWay() throws Exception {
        Receiver receiver = receiver(n -> 204);
        JsonNode endpoint = subscribe(staff, hooks(), receiver.url(), "award.issued");
        String secret = endpoint.get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeBetween(24, 32);

        String email = io.guildmark.app.support.Fixtures.uniqueEmail("wanda");
        UUID awardId = award(email, "Wanda Webhook");

        Receiver.Request request = receiver.awaitBodyContaining(awardId.toString(), WAIT);
        assertThat(request.header("content-type")).startsWith("application/json");
        assertThat(request.header("webhook-id")).startsWith("msg_");
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(300);
        assertThat(signedWith(secret, request)).as("signature %s", request.header("webhook-signature")).isTrue();
        JsonNode event = json(request);
        assertThat(event.get("type").asText()).isEqualTo("award.issued");
        assertThat(Instant.parse(event.get("timestamp").asText())).isBefore(Instant.now().plusSeconds(1));
        JsonNode data = event.get("data");
        assertThat(data.get("awardId").asText()).isEqualTo(awardId.toString());
        assertThat(data.get("achievementName").asText()).isEqualTo("Webhook Practice");
        assertThat(data.get("recipient").get("email").asText()).isEqualTo(email);
        assertThat(data.get("credentialUrl").asText()).isEqualTo(baseUrl() + "/credentials/" + awardId);
        // Described from the award event (the row is written with the webhook's, in one go), yet exactly as stored.
        var stored = db.sql("select issued_at, valid_from, claim_state from awards where id = ?").param(awardId)
                .query((rs, n) -> List.of(rs.getTimestamp(1).toInstant().toString(), rs.getTimestamp(2).toInstant().toString(), rs.getString(3)))
                .single();
        assertThat(List.of(data.get("issuedAt").asText(), data.get("validFrom").asText(), data.get("claimState").asText())).isEqualTo(stored);
        assertThat(request.body()).doesNotContain("claim_token", "whsec_");

        String id = endpoint.get("id").asText();
        JsonNode log = awaitDelivered(id, request.header("webhook-id"));
        assertThat(log.get("log").get(0).get("status").asInt()).isEqualTo(204);
        JsonNode byEvent = staff.get(hooks() + "/events/" + request.header("webhook-id")).json();
        assertThat(byEvent.get("type").asText()).isEqualTo("award.issued");
        assertThat(byEvent.get("deliveries")).hasSize(1);
    }

    JsonNode awaitDelivered(String endpointId, String eventId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode d : staff.get(hooks() + "/" + endpointId + "/deliveries").json().get("items")) {
                if (d.get("eventId").asText().equals(eventId) && d.get("state").asText().equals("delivered")) return d;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Delivery of " + eventId + " not recorded as delivered: "
                + staff.get(hooks() + "/" + endpointId + "/deliveries").body());
    }

    @Test
    void aReceiverAnswering500ThenGetsTheSameWebhookIdAgainAndTheLogShowsBothAttempts() throws Exception {
        Receiver receiver = receiver(n -> n == 1 ? 500 : 200);
        JsonNode endpoint = subscribe(staff, hooks(), receiver.url(), "award.issued");
        String id = endpoint.get("id").asText();
        Api.Response test = staff.post(hooks() + "/" + id + "/test", Map.of());
        assertThat(test.status()).isEqualTo(202);
        String eventId = test.json().get("eventId").asText();

        List<Receiver.Request> got = receiver.await(list -> list.size() >= 2, WAIT);
        assertThat(got).extracting(r -> r.header("webhook-id")).containsExactly(eventId, eventId);
        assertThat(json(got.get(0)).get("type").asText()).isEqualTo("webhook.test");
        assertThat(signedWith(endpoint.get("secret").asText(), got.get(1))).isTrue();

        JsonNode delivery = awaitDelivered(id, eventId);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.get("log")).extracting(a -> a.get("status").asInt()).containsExactly(500, 200);
        assertThat(delivery.get("log").get(1).get("response").asText()).contains("received");

        // Send again: the same webhook-id once more.
        Api.Response again = staff.post(hooks() + "/" + id + "/deliveries/" + delivery.get("id").asText() + "/resend", Map.of());
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(receiver.await(list -> list.size() >= 3, WAIT).get(2).header("webhook-id")).isEqualTo(eventId);
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutAndIsRetriedWithoutHoldingUpAnotherReceiver() throws Exception {
        Receiver silent = receiver(n -> 0);
        Receiver prompt = receiver(n -> 200);
        String silentId = subscribe(staff, hooks(), silent.url(), "award.issued").get("id").asText();
        subscribe(staff, hooks(), prompt.url(), "award.issued");

        UUID first = award(io.guildmark.app.support.Fixtures.uniqueEmail("sam"), "Sam Silent");
        silent.awaitBodyContaining(first.toString(), WAIT);
        // While the silent receiver holds its connection, the next award reaches the prompt one.
        UUID second = award(io.guildmark.app.support.Fixtures.uniqueEmail("pat"), "Pat Prompt");
        Instant awarded = Instant.now();
        Receiver.Request quick = prompt.awaitBodyContaining(second.toString(), WAIT);
        assertThat(Duration.between(awarded, quick.at())).isLessThan(Duration.ofSeconds(5));

        silent.await(list -> list.stream().filter(r -> r.body().contains(first.toString())).count() >= 2, WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode timedOut = null;
        while (timedOut == null && System.nanoTime() < deadline) {
            for (JsonNode d : staff.get(hooks() + "/" + silentId + "/deliveries").json().get("items")) {
                JsonNode log = d.get("log");
                if (log.size() >= 1 && log.get(0).path("error").asText().contains("No answer within")) timedOut = d;
            }
            Thread.sleep(100);
        }
        assertThat(timedOut).as("an attempt recorded as timed out").isNotNull();
        assertThat(timedOut.get("log").get(0).get("durationMs").asLong()).isBetween(900L, 5000L);
    }

    @Test
    void revocationsClaimsEnrollmentsAndRosterChangesAreDelivered() throws Exception {
        Receiver receiver = receiver(n -> 200);
        subscribe(staff, hooks(), receiver.url(), "award.revoked", "award.claimed", "member.updated");

        var learner = credits.world.person("Clara Claimer", null);
        UUID claimed = award(learner.email(), learner.name());
        String link = Mailbox.await(learner.email(), "You earned Webhook Practice").firstLinkContaining("/claim/");
        context.getBean(Claims.class).accept(learner.actor(), link.substring(link.indexOf("/claim/") + 7));
        JsonNode claim = json(receiver.awaitBodyContaining("award.claimed", WAIT));
        assertThat(claim.get("data").get("awardId").asText()).isEqualTo(claimed.toString());
        assertThat(claim.get("data").get("claimState").asText()).isEqualTo("accepted");

        UUID revoked = award(io.guildmark.app.support.Fixtures.uniqueEmail("rex"), "Rex Revoked");
        assertThat(staff.post("/api/v1/awards/" + revoked + "/revoke", Map.of("reason", "Issued in error")).status()).isEqualTo(200);
        JsonNode revocation = json(receiver.awaitBodyContaining("award.revoked", WAIT));
        assertThat(revocation.get("data").get("awardId").asText()).isEqualTo(revoked.toString());
        assertThat(revocation.get("data").get("reason").asText()).isEqualTo("Issued in error");

        Api.Response member = staff.put("/api/v1/organizations/" + association.slug() + "/members/roster/M-77",
                Map.of("name", "Mo Member", "emails", List.of("mo@example.org"), "status", "active"));
        assertThat(member.status()).isEqualTo(201);
        JsonNode changed = json(receiver.awaitBodyContaining("member.updated", WAIT));
        assertThat(changed.get("data").get("memberNumber").asText()).isEqualTo("M-77");
        assertThat(changed.get("data").get("change").asText()).isEqualTo("created");
        assertThat(receiver.requests()).noneMatch(r -> r.body().contains("award.issued"));

        // Enrollment happens at a program of its own.
        EarningWorld.Program program = credits.world.program("hookenroll", EarningWorld.onlyCompletion("HOOK-101"));
        Api programStaff = api().withToken(program.apiKey());
        Receiver enrollments = receiver(n -> 200);
        subscribe(programStaff, "/api/v1/organizations/" + program.slug() + "/webhooks", enrollments.url(), "enrollment.created");
        var student = credits.world.person("Ed Enroller", null);
        var enrollment = credits.world.enroll(student, program);
        JsonNode enrolled = json(enrollments.awaitBodyContaining("enrollment.created", WAIT));
        assertThat(enrolled.get("data").get("enrollmentId").asText()).isEqualTo(enrollment.id().toString());
        assertThat(enrolled.get("data").get("learner").get("email").asText()).isEqualTo(student.email());
        assertThat(enrolled.get("data").get("achievementId").asText()).isEqualTo(program.achievementId().toString());
    }

    @Test
    void aWorkProductDecidedByStaffIsDeliveredWithItsDecision() {
        EarningWorld.Program program = credits.world.program("hookreview", EarningWorld.only(EarningWorld.submissionDefaults()));
        Receiver receiver = receiver(n -> 200);
        subscribe(api().withToken(program.apiKey()), "/api/v1/organizations/" + program.slug() + "/webhooks", receiver.url(),
                "submission.decided");
        var learner = credits.world.person("Dora Decided", null);
        var enrollment = credits.world.enroll(learner, program);
        Submissions submissions = context.getBean(Submissions.class);
        submissions.saveDraft(learner.actor(), enrollment.id(), Map.of("facilitation", "I ran it.", "actions", "We followed up."), false);
        Submission submitted = submissions.submit(learner.actor(), enrollment.id());
        context.getBean(Oversight.class).override(program.owner().actor(), program.slug(), submitted.id(), "meets",
                Map.of("facilitation", "meets", "actions", "meets"), "Observed it ourselves.");

        JsonNode decided = json(receiver.awaitBodyContaining("submission.decided", WAIT));
        assertThat(decided.get("data").get("submissionId").asText()).isEqualTo(submitted.id().toString());
        assertThat(decided.get("data").get("decision").asText()).isEqualTo("meets");
        assertThat(decided.get("data").get("decidedBy").asText()).isEqualTo("staff");
        assertThat(decided.get("data").get("learner").get("email").asText()).isEqualTo(learner.email());
        assertThat(receiver.requests()).noneMatch(r -> r.body().contains("enrollment.created"));
    }

    @Test
    void aDeliveryThatFailsEveryAttemptEndsFailedAndAnEndpointSilentForDaysIsDisabled() throws Exception {
        Receiver receiver = receiver(n -> 503);
        String id = subscribe(staff, hooks(), receiver.url(), "award.issued").get("id").asText();
        db.sql("update webhook_endpoints set created_at = ? where id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(6))), UUID.fromString(id)).update();
        String eventId = staff.post(hooks() + "/" + id + "/test", Map.of()).json().get("eventId").asText();

        receiver.await(list -> list.size() >= 4, WAIT); // the first attempt and one per step of the test schedule
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode delivery = null;
        while (System.nanoTime() < deadline) {
            delivery = staff.get(hooks() + "/" + id + "/deliveries").json().get("items").get(0);
            if (delivery.get("state").asText().equals("failed")) break;
            Thread.sleep(100);
        }
        assertThat(delivery.get("eventId").asText()).isEqualTo(eventId);
        assertThat(delivery.get("state").asText()).isEqualTo("failed");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(4);
        assertThat(delivery.has("nextAttemptAt")).isFalse();
        assertThat(staff.get(hooks() + "/" + id).json().get("enabled").asBoolean()).isFalse();
        Thread.sleep(1500);
        assertThat(receiver.requests()).hasSize(4);
    }

    @Test
    void theSecretIsShownOnceAndStoredEncrypted() {
        Receiver receiver = receiver(n -> 200);
        JsonNode created = subscribe(staff, hooks(), receiver.url(), "award.issued");
        String secret = created.get("secret").asText();
        String id = created.get("id").asText();
        assertThat(staff.get(hooks() + "/" + id).json().has("secret")).isFalse();
        assertThat(staff.get(hooks()).body()).doesNotContain(secret, "whsec_");
        String stored = db.sql("select secret_sealed from webhook_endpoints where id = ?").param(UUID.fromString(id)).query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain(secret).doesNotContain(secret.substring(6));

        String rotated = staff.post(hooks() + "/" + id + "/secret", Map.of()).json().get("secret").asText();
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(db.sql("select secret_sealed from webhook_endpoints where id = ?").param(UUID.fromString(id)).query(String.class).single())
                .isNotEqualTo(stored);
    }

    @Test
    void badSubscriptionsAreRefusedWithAReasonAndStoreNothing() {
        long before = count("webhook_endpoints");
        assertRefused(Map.of("url", "ftp://hooks.example.org/in", "eventTypes", List.of("award.issued")), "url");
        assertRefused(Map.of("url", "https://hooks.example.org/" + "a".repeat(2000), "eventTypes", List.of("award.issued")), "url");
        assertRefused(Map.of("url", "http://10.1.2.3/hooks", "eventTypes", List.of("award.issued")), "url");
        assertRefused(Map.of("url", "https://hooks.example.org/in", "eventTypes", List.of("award.exploded")), "eventTypes[0]");
        assertRefused(Map.of("url", "https://hooks.example.org/in", "eventTypes", List.of()), "eventTypes");
        assertRefused(Map.of("url", "not a url at all", "eventTypes", List.of("award.issued")), "url");
        assertThat(count("webhook_endpoints")).isEqualTo(before);

        Receiver receiver = receiver(n -> 200);
        for (int i = 0; i < 20; i++) subscribe(staff, hooks(), receiver.url() + "?n=" + i, "award.issued");
        Api.Response tooMany = staff.post(hooks(), Map.of("url", receiver.url(), "eventTypes", List.of("award.issued")));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("at most 20");
        assertThat(staff.get(hooks()).json()).hasSize(20);
    }

    void assertRefused(Map<String, Object> body, String field) {
        Api.Response refused = staff.post(hooks(), body);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsString("field")).contains(field);
    }

    @Test
    void anotherOrganizationCannotSeeOrChangeTheEndpointsOrTheirLog() {
        Receiver receiver = receiver(n -> 200);
        String id = subscribe(staff, hooks(), receiver.url(), "award.issued").get("id").asText();
        String eventId = staff.post(hooks() + "/" + id + "/test", Map.of()).json().get("eventId").asText();
        receiver.await(list -> !list.isEmpty(), WAIT);
        String deliveryId = staff.get(hooks() + "/" + id + "/deliveries").json().get("items").get(0).get("id").asText();

        CreditsFixture.Association other = credits.association("intruder");
        Api intruder = api().withToken(other.apiKey());
        String theirs = "/api/v1/organizations/" + other.slug() + "/webhooks";
        for (Api.Response r : List.of(intruder.get(hooks()), intruder.get(hooks() + "/" + id),
                intruder.patch(hooks() + "/" + id, Map.of("url", "https://evil.example.org/")),
                intruder.delete(hooks() + "/" + id), intruder.post(hooks() + "/" + id + "/test", Map.of()),
                intruder.post(hooks() + "/" + id + "/secret", Map.of()), intruder.get(hooks() + "/" + id + "/deliveries"),
                intruder.post(hooks() + "/" + id + "/deliveries/" + deliveryId + "/resend", Map.of()),
                intruder.get(hooks() + "/events/" + eventId),
                intruder.get(theirs + "/" + id), intruder.get(theirs + "/" + id + "/deliveries"),
                intruder.patch(theirs + "/" + id, Map.of("enabled", false)), intruder.delete(theirs + "/" + id),
                intruder.get(theirs + "/events/" + eventId),
                intruder.post(theirs + "/" + id + "/deliveries/" + deliveryId + "/resend", Map.of()))) {
            assertThat(r.status()).as(r.body()).isEqualTo(404);
            assertThat(r.body()).doesNotContain(receiver.url(), "webhook.test", "test receiver");
        }
        assertThat(staff.get(hooks() + "/" + id).json().get("enabled").asBoolean()).isTrue();

        var outsider = credits.world.person("Otto Outsider", null);
        io.guildmark.app.support.WebSession page = new io.guildmark.app.support.WebSession(baseUrl());
        page.signIn(other.owner().email(), EarningWorld.PASSWORD);
        assertThat(page.get("/organizations/" + association.slug() + "/webhooks").status()).isEqualTo(404);
        assertThat(page.get("/organizations/" + association.slug() + "/webhooks/" + id).status()).isEqualTo(404);
        assertThat(outsider).isNotNull();
    }

    @Test
    void staffAddAnEndpointOnThePageAndSeeTheSecretOnce() throws Exception {
        Receiver receiver = receiver(n -> 200);
        io.guildmark.app.support.WebSession owner = new io.guildmark.app.support.WebSession(baseUrl());
        owner.signIn(association.owner().email(), EarningWorld.PASSWORD);
        String list = "/organizations/" + association.slug() + "/webhooks";
        assertThat(owner.get(list).body()).contains("Add an endpoint", "award.issued");
        var created = owner.submit(list, list, "url", receiver.url(), "description", "CRM", "eventTypes", "award.issued");
        assertThat(created.body()).contains("whsec_", "only time the secret is shown");
        String again = owner.get(list).body();
        assertThat(again).contains(receiver.url()).doesNotContain("whsec_");
        var refused = owner.submit(list, list, "url", "ftp://example.org/", "eventTypes", "award.issued");
        assertThat(refused.body()).contains("https:// addresses only", "Nothing was saved");

        String page = created.uri().getPath();
        assertThat(owner.submit(page, page + "/test").body()).contains("queued");
        String eventId = receiver.await(r -> !r.isEmpty(), WAIT).get(0).header("webhook-id");
        long deadline = System.nanoTime() + WAIT.toNanos();
        String log = "";
        while (!log.contains("HTTP 200") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            log = owner.get(page).body();
        }
        assertThat(log).contains("webhook.test", eventId, "HTTP 200", "delivered");
        String delivery = staff.get(hooks() + "/" + page.substring(page.lastIndexOf('/') + 1) + "/deliveries").json()
                .get("items").get(0).get("id").asText();
        assertThat(owner.submit(page, page + "/deliveries/" + delivery + "/resend").body()).contains("will be sent again");
        assertThat(receiver.await(r -> r.size() >= 2, WAIT).get(1).header("webhook-id")).isEqualTo(eventId);
        assertThat(owner.submit(page, page + "/disable").body()).contains("Endpoint disabled");
        assertThat(owner.submit(page, page + "/delete").body()).contains("Endpoint deleted");
        assertThat(owner.get(list).body()).doesNotContain(receiver.url());
    }
}
