package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SignedInClient;
import io.guildmark.app.support.WebSession;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import io.guildmark.credentials.proof.EddsaRdfc2022;
import io.guildmark.credentials.proof.ProofOptions;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An employer account keeps its past checks: a recruiter checks for the employer (on the page, or with the employer's
 * API key), every recruiter of the employer sees the check, and nobody else does. And a presentation in a batch: its
 * holder's proof is checked and each credential's subject is compared with its holder.
 */
class EmployerBatchChecksIntegrationTest extends IntegrationTest {

    private static final Pattern BATCH_ID = Pattern.compile("data-batch-id=\"([0-9a-f-]{36})\"");

    @Autowired ApplicationContext context;

    BatchFixture issuer;
    CreditsFixture fixture;
    CreditsFixture.Association employer;

    @BeforeEach
    void anAssociationThatAwardsBadgesAndAnEmployer() {
        issuer = new BatchFixture(admin(), baseUrl(), "batch-employer");
        fixture = new CreditsFixture(context, admin(), baseUrl());
        employer = fixture.employer("batch-hiring");
    }

    private static String batches(CreditsFixture.Association org) {
        return "/api/v1/organizations/" + org.slug() + "/verification-batches";
    }

    private String checkOnThePage(SignedInClient browser, Map<String, String> fields, byte[] zip) {
        SignedInClient.Download started = browser.postMultipart("/verify/batch", "/verify/batch", fields, "files", "candidates.zip",
                "application/zip", zip);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        Matcher id = BATCH_ID.matcher(started.body());
        assertThat(id.find()).as(started.body()).isTrue();
        String batch = "/verify/batch/" + id.group(1);
        String progress = started.body();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!progress.contains("data-state=\"done\"") && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            progress = browser.get(batch + "/progress").body();
        }
        assertThat(progress).contains("data-state=\"done\"");
        return batch;
    }

    @Test
    void aRecruitersCheckForTheEmployerIsSeenByEveryRecruiterOfItFoundBySearchAndDateAndByNoOtherOrganization() {
        String alexEmail = Fixtures.uniqueEmail("alex");
        BatchFixture.Badge good = issuer.award(alexEmail, "Alex Rivera");
        String csv = "url,name,email\n" + good.url() + ",Alex Rivera," + alexEmail + "\n";
        byte[] zip = BatchFixture.zip(Map.of("alex.png", issuer.png(good), "candidates.csv", csv.getBytes(StandardCharsets.UTF_8)));
        EarningWorld.Person rita = fixture.member(employer, Role.RECRUITER, "Rita Recruiter");
        EarningWorld.Person ray = fixture.member(employer, Role.RECRUITER, "Ray Recruiter");
        EarningWorld.Person eddie = fixture.member(employer, Role.ENDORSER, "Eddie Endorser");
        SignedInClient ritaWeb = new SignedInClient(baseUrl(), rita.email(), EarningWorld.PASSWORD);

        // The form offers her employer; she checks for it.
        assertThat(ritaWeb.get("/verify/batch").body()).contains("name=\"organization\"", "value=\"" + employer.slug() + "\"");
        String batch = checkOnThePage(ritaWeb, Map.of("organization", employer.slug()), zip);
        assertThat(ritaWeb.get(batch).body()).contains("id=\"batch-kept-for\"");

        // Every recruiter of the employer sees it in the employer's past checks, with who ran it; not in their own list.
        SignedInClient rayWeb = new SignedInClient(baseUrl(), ray.email(), EarningWorld.PASSWORD);
        String list = rayWeb.get("/verify/batches?organization=" + employer.slug()).body();
        assertThat(list).contains(batch, "candidates.zip", rita.email(), "id=\"batches-total\">1<");
        assertThat(rayWeb.get(batch).status()).isEqualTo(200);
        assertThat(rayWeb.get(batch + "/results.csv").body()).contains(alexEmail);
        assertThat(ritaWeb.get("/verify/batches").body()).doesNotContain(batch);
        // A personal check stays personal.
        String personal = checkOnThePage(ritaWeb, Map.of(), zip);
        assertThat(ritaWeb.get("/verify/batches").body()).contains(personal);
        assertThat(rayWeb.get(personal).status()).isEqualTo(404);
        assertThat(rayWeb.get("/verify/batches?organization=" + employer.slug()).body()).doesNotContain(personal);

        // Search by a candidate's name or e-mail, or by what was checked; and by day.
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        String base = "/verify/batches?organization=" + employer.slug();
        assertThat(rayWeb.get(base + "&q=alex+rivera").body()).contains(batch);
        assertThat(rayWeb.get(base + "&q=" + alexEmail).body()).contains(batch);
        assertThat(rayWeb.get(base + "&q=nobody-like-this").body()).doesNotContain(batch).contains("No checks match");
        assertThat(rayWeb.get(base + "&from=" + today + "&to=" + today).body()).contains(batch);
        assertThat(rayWeb.get(base + "&from=" + tomorrow).body()).doesNotContain(batch);
        assertThat(rayWeb.get(base + "&from=yesterday").body()).contains("Give the date as YYYY-MM-DD");

        // An endorser of the employer does not check candidates; another employer's recruiter sees nothing.
        SignedInClient eddieWeb = new SignedInClient(baseUrl(), eddie.email(), EarningWorld.PASSWORD);
        assertThat(eddieWeb.get(base).status()).isEqualTo(403);
        assertThat(eddieWeb.get(batch).status()).isEqualTo(404);
        CreditsFixture.Association rival = fixture.employer("batch-rival");
        EarningWorld.Person rivalRecruiter = fixture.member(rival, Role.RECRUITER, "Rick Rival");
        SignedInClient rivalWeb = new SignedInClient(baseUrl(), rivalRecruiter.email(), EarningWorld.PASSWORD);
        assertThat(rivalWeb.get(base).status()).isEqualTo(404);
        for (String path : List.of(batch, batch + "/progress", batch + "/results.csv", batch + "/report.pdf")) {
            assertThat(rivalWeb.get(path).status()).as(path).isEqualTo(404);
            assertThat(new WebSession(baseUrl()).get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(rivalWeb.get("/verify/batches?organization=" + rival.slug()).body()).doesNotContain(batch);
        // Checking "for" an employer one does not work for is refused, and nothing is kept.
        SignedInClient.Download refused = rivalWeb.postMultipart("/verify/batch", "/verify/batch",
                Map.of("organization", employer.slug()), "files", "candidates.zip", "application/zip", zip);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(db.sql("select count(*) from verification_batches where organization_id = ?").param(employer.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(db.sql("select count(*) from audit_entries where organization_id = ? and action = 'verification.batch-checked'")
                .param(employer.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theEmployersApiKeyKeepsItsChecksListedWithTheTotalAndAnotherOrganizationGetsNothing() {
        String alexEmail = Fixtures.uniqueEmail("alex");
        BatchFixture.Badge good = issuer.award(alexEmail, "Alex Rivera");
        Api key = api().withToken(employer.apiKey());

        // With the employer's key, a check is kept for it; the answer names it.
        Api.Response checked = key.post("/api/v1/verify/batch", (good.url() + "\n").getBytes(StandardCharsets.UTF_8), "text/uri-list");
        assertThat(checked.status()).as(checked.body()).isEqualTo(200);
        assertThat(checked.json().get("organization").asText()).isEqualTo(employer.slug());
        String id = checked.json().get("id").asText();
        String csv = good.url() + ",Alex Rivera," + alexEmail + "\n";
        Api.Response named = key.post("/api/v1/verify/batch?organization=" + employer.slug(), csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(named.status()).as(named.body()).isEqualTo(200);

        Api.Response list = key.get(batches(employer));
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().get("total").asLong()).isEqualTo(2);
        assertThat(list.json().get("items").get(0).get("checkedBy").asText()).isEqualTo("API key");
        assertThat(key.get(batches(employer) + "?q=" + alexEmail).json().get("total").asLong()).isEqualTo(1);
        assertThat(key.get(batches(employer) + "?q=alex+rivera").json().get("total").asLong()).as("the name a badge gives counts too").isEqualTo(2);
        assertThat(key.get(batches(employer) + "?limit=1").json().get("nextCursor").isNull()).isFalse();
        assertThat(key.get(batches(employer) + "?from=" + LocalDate.now(ZoneOffset.UTC).plusDays(1)).json().get("total").asLong()).isZero();
        assertThat(key.get(batches(employer) + "?from=soon").status()).isEqualTo(400);
        Api.Response one = key.get(batches(employer) + "/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("verified").asInt()).isEqualTo(1);
        assertThat(key.get(batches(employer) + "/not-an-id").status()).isEqualTo(404);

        // Anonymous checks are not kept; naming an organization needs its key.
        Api.Response anonymous = api().post("/api/v1/verify/batch", (good.url() + "\n").getBytes(StandardCharsets.UTF_8), "text/uri-list");
        assertThat(anonymous.json().path("id").isMissingNode() || anonymous.json().path("id").isNull()).isTrue();
        assertThat(api().post("/api/v1/verify/batch?organization=" + employer.slug(), (good.url() + "\n").getBytes(StandardCharsets.UTF_8),
                "text/uri-list").status()).isEqualTo(401);

        // Another employer, or the association, sees none of it and cannot check in its name.
        CreditsFixture.Association rival = fixture.employer("batch-rival-key");
        Api rivalKey = api().withToken(rival.apiKey());
        assertThat(rivalKey.get(batches(rival)).json().get("total").asLong()).isZero();
        assertThat(rivalKey.get(batches(employer)).status()).isEqualTo(404);
        assertThat(rivalKey.get(batches(rival) + "/" + id).status()).isEqualTo(404);
        assertThat(rivalKey.get(batches(employer) + "/" + id).status()).isEqualTo(404);
        assertThat(rivalKey.post("/api/v1/verify/batch?organization=" + employer.slug(), (good.url() + "\n").getBytes(StandardCharsets.UTF_8),
                "text/uri-list").status()).isEqualTo(404);
        CreditsFixture.Association association = fixture.association("batch-assoc");
        Api associationKey = api().withToken(association.apiKey());
        assertThat(associationKey.get(batches(association)).status()).isEqualTo(403);
        Api.Response associationCheck = associationKey.post("/api/v1/verify/batch", (good.url() + "\n").getBytes(StandardCharsets.UTF_8),
                "text/uri-list");
        assertThat(associationCheck.status()).isEqualTo(200);
        assertThat(associationCheck.json().path("id").isMissingNode() || associationCheck.json().path("id").isNull())
                .as("an association is no employer: nothing kept").isTrue();
        assertThat(db.sql("select count(*) from verification_batches where organization_id = ?").param(employer.id())
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aPresentationsHolderProofIsCheckedAndEachCredentialsSubjectIsComparedWithItsHolder() {
        Ed25519KeyPair holder = Ed25519KeyPair.generate();
        String holderDid = DidKeyResolver.didFor(holder.publicKey());
        BatchFixture.Badge badge = issuer.award(Fixtures.uniqueEmail("alex"), "Alex Rivera");
        BatchFixture.Badge other = issuer.award(Fixtures.uniqueEmail("alex"), "Alex Rivera");
        List<String> credentials = List.of(issuer.vcApiCredential(holderDid), issuer.json(badge), issuer.tampered(other),
                issuer.vcApiCredential("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"));

        JsonObject signed = signed(holder, holderDid, credentials);
        JsonNode table = check(signed.toString());
        assertThat(table.get("credentials").asInt()).isEqualTo(4);
        JsonNode mine = badge(table, "credential 1");
        assertThat(mine.get("holderBinding").asText()).isEqualTo("MATCH");
        assertThat(mine.get("holderProof").asText()).isEqualTo("OK");
        assertThat(mine.get("holder").asText()).contains("Issued to the presentation's holder", "the holder signed");
        JsonNode good = badge(table, "credential 2");
        assertThat(good.get("verified").asBoolean()).isTrue();
        assertThat(good.get("holderBinding").asText()).as("its subject is an opaque URN, not the holder").isEqualTo("MISMATCH");
        JsonNode forged = badge(table, "credential 3");
        assertThat(forged.get("verified").asBoolean()).isFalse();
        assertThat(forged.get("reason").asText()).contains("signature does not match");
        assertThat(badge(table, "credential 4").get("holderBinding").asText()).isEqualTo("MISMATCH");
        assertThat(badge(table, "credential 4").get("holder").asText()).contains("someone other than");

        // The presentation changed after its holder signed it: the proof fails for all, the credentials still verify.
        JsonObject altered = Json.createObjectBuilder(signed).add("holder", holderDid).add("id", "urn:uuid:changed").build();
        JsonNode alteredTable = check(altered.toString());
        assertThat(badge(alteredTable, "credential 1").get("holderProof").asText()).isEqualTo("INVALID_SIGNATURE");
        assertThat(badge(alteredTable, "credential 2").get("holderProof").asText()).isEqualTo("INVALID_SIGNATURE");
        assertThat(badge(alteredTable, "credential 2").get("verified").asBoolean()).isTrue();
        assertThat(badge(alteredTable, "credential 3").get("verified").asBoolean()).isFalse();

        // Without a proof: the binding is a claim, and the table says it is not proven.
        JsonObject unsigned = Json.createObjectBuilder(signed).remove("proof").build();
        JsonNode unsignedTable = check(unsigned.toString());
        assertThat(badge(unsignedTable, "credential 1").get("holderProof").asText()).isEqualTo("NONE");
        assertThat(badge(unsignedTable, "credential 1").get("holder").asText()).contains("not proven");
        // A credential outside a presentation has no holder to compare.
        JsonNode single = check(issuer.json(badge));
        assertThat(single.get("candidates").get(0).get("badges").get(0).get("holderBinding").asText()).isEqualTo("NOT_PRESENTED");
    }

    private JsonNode check(String json) {
        Api.Response response = api().post("/api/v1/verify/batch", json.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode badge(JsonNode response, String sourceContains) {
        for (JsonNode candidate : response.get("candidates")) {
            for (JsonNode badge : candidate.get("badges")) {
                if (badge.get("source").asText().contains(sourceContains)) return badge;
            }
        }
        throw new AssertionError("No badge from " + sourceContains + " in " + response);
    }

    /** A presentation of the credentials by the holder, with its eddsa-rdfc-2022 authentication proof. */
    private static JsonObject signed(Ed25519KeyPair holder, String holderDid, List<String> credentials) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (String credential : credentials) {
            try (var reader = Json.createReader(new java.io.StringReader(credential))) {
                array.add(reader.readObject());
            }
        }
        JsonObject vp = Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2"))
                .add("type", Json.createArrayBuilder().add("VerifiablePresentation")).add("holder", holderDid)
                .add("verifiableCredential", array).build();
        JsonObject signed = EddsaRdfc2022.create().sign(vp, new ProofOptions(DidKeyResolver.verificationMethodFor(holder.publicKey()),
                "authentication", Instant.now(), null, null, null), holder);
        return Json.createObjectBuilder(signed).add("proof", signed.getJsonArray("proof").getJsonObject(0)).build();
    }
}
