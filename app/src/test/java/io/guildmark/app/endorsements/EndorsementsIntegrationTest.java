package io.guildmark.app.endorsements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Holders;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import io.guildmark.credentials.schema.Ob3Schemas;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An employer partner endorses an association's micro-credential: a signed OB 3.0 EndorsementCredential of its own,
 * shown on the catalog and badge pages and inside every credential issued afterwards, revocable by the employer and
 * hidden at will by the association.
 */
class EndorsementsIntegrationTest extends IntegrationTest {

    private static final String STATEMENT = "We hire forklift operators who hold this micro-credential: it covers what our floor needs.";

    @Autowired ApplicationContext context;

    CreditsFixture fixture;
    CreditsFixture.Association association;
    CreditsFixture.Association employer;
    UUID microCredential;

    @BeforeEach
    void anEmployerPartnerOfAnAssociationWithAPublishedMicroCredential() {
        fixture = new CreditsFixture(context, admin(), baseUrl());
        association = fixture.association("endorsed");
        employer = fixture.employer("hiring");
        fixture.partners(association, employer);
        microCredential = fixture.microCredential(association, "Operate a forklift safely", null, null, null);
    }

    @Test
    void anEndorsementIsSignedByTheEmployerShownPubliclyEmbeddedInLaterCredentialsOnlyAndRevocable() {
        Api.Response before = award("before");

        Api.Response made = endorse(employer, Map.of("achievementId", microCredential.toString(), "statement", STATEMENT));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(made.json().get("state").asText()).isEqualTo("active");
        String url = made.json().get("url").asText();
        assertThat(url).isEqualTo(baseUrl() + "/endorsements/" + made.json().get("id").asText());

        // The credential: OB 3.0 EndorsementCredential signed by the employer's did:web key, on the employer's status list.
        Api.Response asJsonLd = api().get(url, "application/ld+json");
        assertThat(asJsonLd.header("Content-Type")).startsWith("application/ld+json");
        JsonObject endorsement = parse(asJsonLd.body());
        assertThat(api().get(url, "application/vc+ld+json").header("Content-Type")).startsWith("application/vc+ld+json");
        assertThat(endorsement.getJsonArray("type").toString()).contains("VerifiableCredential", "EndorsementCredential");
        JsonObject subject = endorsement.getJsonObject("credentialSubject");
        assertThat(subject.getString("id")).isEqualTo(baseUrl() + "/achievements/" + microCredential);
        assertThat(subject.getJsonArray("type").getString(0)).isEqualTo("EndorsementSubject");
        assertThat(subject.getString("endorsementComment")).isEqualTo(STATEMENT);
        String employerDid = endorsement.getJsonObject("issuer").getString("id");
        assertThat(employerDid).startsWith("did:web:").endsWith(employer.slug());
        assertThat(endorsement.getJsonObject("issuer").getString("name")).contains("Employer");
        assertThat(endorsement.getString("validFrom")).isNotBlank();
        JsonObject proof = endorsement.getJsonArray("proof").getJsonObject(0);
        assertThat(proof.getString("cryptosuite")).isEqualTo("eddsa-rdfc-2022");
        assertThat(proof.getString("verificationMethod")).startsWith(employerDid + "#");
        String statusList = endorsement.getJsonObject("credentialStatus").getString("statusListCredential");
        assertThat(db.sql("select organization_id from status_lists where id = ?")
                .param(UUID.fromString(statusList.substring(statusList.lastIndexOf('/') + 1))).query(UUID.class).single())
                .isEqualTo(employer.id());
        assertThat(Ob3Schemas.validateEndorsementCredential(endorsement)).isEmpty();
        assertThat(verify(asJsonLd.body()).get("verified").asBoolean()).isTrue();

        // Its page says verified; the catalog page shows it.
        String page = api().get(url, "text/html").body();
        assertThat(page).contains("Verified", STATEMENT, employer.slug());
        assertThat(api().get("/achievements/" + microCredential, "text/html").body()).contains("Endorsed by employers", STATEMENT, url);

        // A credential issued afterwards carries the full signed endorsement, and still verifies and validates.
        JsonObject after = credential(award("after"));
        var embedded = after.getJsonObject("credentialSubject").getJsonObject("achievement").getJsonArray("endorsement");
        assertThat(embedded).hasSize(1);
        assertThat(embedded.getJsonObject(0)).isEqualTo(endorsement);
        assertThat(Ob3Schemas.validateAchievementCredential(after)).isEmpty();
        assertThat(verify(after.toString()).get("verified").asBoolean()).as(verify(after.toString()).toString()).isTrue();
        // One issued before is unchanged (it is signed), but its badge page shows the endorsements in force now.
        JsonObject earlier = credential(before);
        assertThat(earlier.getJsonObject("credentialSubject").getJsonObject("achievement").containsKey("endorsement")).isFalse();
        Holders.acceptAndMakePublic(context, UUID.fromString(before.json().get("id").asText()));
        assertThat(api().get(before.json().get("credentialUrl").asText(), "text/html").body()).contains("Endorsed by employers", STATEMENT);

        // The association itself may be endorsed too; its micro-credentials' pages say so.
        Api.Response ofAssociation = endorse(employer, Map.of("association", association.slug(), "statement", "A program we trust."));
        assertThat(ofAssociation.status()).as(ofAssociation.body()).isEqualTo(201);
        assertThat(parse(api().get(ofAssociation.json().get("url").asText(), "application/ld+json").body())
                .getJsonObject("credentialSubject").getString("id")).startsWith("did:web:").endsWith(association.slug());
        assertThat(api().get("/achievements/" + microCredential, "text/html").body()).contains("is endorsed by", "A program we trust.");

        // The employer revokes: its status list says so, the page and the verifier too, and new credentials leave it out.
        String id = made.json().get("id").asText();
        Api.Response revoked = as(employer).post(endorsements(employer) + "/" + id + "/revoke", Map.of());
        assertThat(revoked.json().get("state").asText()).isEqualTo("revoked");
        assertThat(as(employer).post(endorsements(employer) + "/" + id + "/revoke", Map.of()).status()).isEqualTo(409);
        JsonNode report = verify(asJsonLd.body());
        assertThat(report.get("verified").asBoolean()).isFalse();
        assertThat(report.get("verdict").asText()).isEqualTo("revoked");
        assertThat(api().get(url, "text/html").body()).contains("Revoked");
        assertThat(api().get("/achievements/" + microCredential, "text/html").body()).doesNotContain(STATEMENT);
        JsonObject afterRevocation = credential(award("revoked"));
        assertThat(afterRevocation.getJsonObject("credentialSubject").getJsonObject("achievement").containsKey("endorsement")).isFalse();
        // The endorsement of the association itself goes into the issuer Profile of its new credentials.
        assertThat(afterRevocation.getJsonObject("issuer").getJsonArray("endorsement").getJsonObject(0).getString("id"))
                .isEqualTo(ofAssociation.json().get("url").asText());
        assertThat(Ob3Schemas.validateAchievementCredential(afterRevocation)).isEmpty();
        assertThat(verify(afterRevocation.toString()).get("verified").asBoolean()).isTrue();
        assertThat(db.sql("select count(*) from audit_entries where organization_id = ? and action like 'endorsement.%'")
                .param(employer.id()).query(Long.class).single()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void whenThePartnershipEndsTheEmployersEndorsementsLeaveThePagesAndNewCredentialsUnrevokedAndComeBackWithThePartnership() {
        String ofCredential = endorse(employer, Map.of("achievementId", microCredential.toString(), "statement", STATEMENT))
                .json().get("id").asText();
        String ofAssociation = endorse(employer, Map.of("association", association.slug(), "statement", "A guild we trust."))
                .json().get("id").asText();
        // Another employer's endorsement of the same micro-credential is not touched.
        CreditsFixture.Association stays = fixture.employer("stays");
        fixture.partners(association, stays);
        endorse(stays, Map.of("achievementId", microCredential.toString(), "statement", "We stay partners and keep endorsing."));
        assertThat(api().get("/achievements/" + microCredential, "text/html").body()).contains(STATEMENT, "We stay partners");

        // The association ends the partnership.
        String partnership = partnershipOf(employer);
        assertThat(as(association).post("/api/v1/organizations/" + association.slug() + "/partners/" + partnership + "/end", Map.of())
                .status()).isEqualTo(200);

        String page = api().get("/achievements/" + microCredential, "text/html").body();
        assertThat(page).doesNotContain(STATEMENT).doesNotContain("A guild we trust.").contains("We stay partners");
        JsonObject later = credential(award("after-end"));
        assertThat(later.getJsonObject("credentialSubject").getJsonObject("achievement").getJsonArray("endorsement")).hasSize(1);
        assertThat(later.getJsonObject("credentialSubject").getJsonObject("achievement").getJsonArray("endorsement").toString())
                .doesNotContain(STATEMENT);
        assertThat(later.getJsonObject("issuer").containsKey("endorsement")).isFalse();
        // Not revoked: it is the employer's signed statement and still verifies; both sides see why it is not shown.
        for (String id : java.util.List.of(ofCredential, ofAssociation)) {
            assertThat(verify(api().get("/endorsements/" + id, "application/ld+json").body()).get("verified").asBoolean()).isTrue();
        }
        assertThat(api().get("/endorsements/" + ofCredential, "text/html").body()).contains("is no longer a partner");
        for (JsonNode item : as(employer).get(endorsements(employer)).json().get("items")) {
            assertThat(item.get("state").asText()).isEqualTo("partnership-ended");
        }
        assertThat(db.sql("select count(*) from audit_entries where organization_id = ? and action = 'endorsement.partnership-ended'")
                .param(association.id()).query(Long.class).single()).isEqualTo(1);
        // An ended partner cannot endorse anew either.
        assertThat(endorse(employer, Map.of("achievementId", microCredential.toString(), "statement", "Again")).status()).isEqualTo(403);

        // Partners again: the same endorsements are shown and embedded again.
        Api.Response invited = as(association).post("/api/v1/organizations/" + association.slug() + "/partners",
                Map.of("employer", employer.slug()));
        assertThat(as(employer).post("/api/v1/organizations/" + employer.slug() + "/partners/" + invited.json().get("id").asText()
                + "/accept", Map.of()).status()).isEqualTo(200);
        assertThat(api().get("/achievements/" + microCredential, "text/html").body()).contains(STATEMENT);
        JsonObject again = credential(award("after-resume"));
        assertThat(again.getJsonObject("credentialSubject").getJsonObject("achievement").getJsonArray("endorsement")).hasSize(2);
        assertThat(again.getJsonObject("issuer").getJsonArray("endorsement")).hasSize(1);
    }

    private String partnershipOf(CreditsFixture.Association org) {
        for (JsonNode p : as(association).get("/api/v1/organizations/" + association.slug() + "/partners?state=active").json().get("items")) {
            if (org.slug().equals(p.get("employer").asText())) return p.get("id").asText();
        }
        throw new AssertionError("No active partnership with " + org.slug());
    }

    @Test
    void theAssociationHidesAnEndorsementFromItsPagesAndFutureCredentialsAndOthersSeeNothing() {
        String id = endorse(employer, Map.of("achievementId", microCredential.toString(), "statement", STATEMENT)).json().get("id").asText();
        assertThat(as(association).get(endorsements(association)).json().get("total").asLong()).isEqualTo(1);
        assertThat(as(employer).get(endorsements(employer)).json().get("items").get(0).get("statement").asText()).isEqualTo(STATEMENT);

        // Another organization sees none of it and can neither revoke nor hide it; the employer cannot hide it either.
        CreditsFixture.Association other = fixture.employer("other");
        CreditsFixture.Association otherAssociation = fixture.association("elsewhere");
        assertThat(as(other).get(endorsements(other)).json().get("total").asLong()).isZero();
        assertThat(as(other).get(endorsements(employer)).status()).isEqualTo(404);
        assertThat(as(other).post(endorsements(other) + "/" + id + "/revoke", Map.of()).status()).isEqualTo(404);
        assertThat(as(otherAssociation).post(endorsements(otherAssociation) + "/" + id + "/hide", Map.of()).status()).isEqualTo(404);
        assertThat(as(employer).post(endorsements(employer) + "/" + id + "/hide", Map.of()).status()).isEqualTo(404);
        assertThat(as(association).post(endorsements(association) + "/" + id + "/revoke", Map.of()).status()).isEqualTo(403);

        Api.Response hidden = as(association).post(endorsements(association) + "/" + id + "/hide", Map.of());
        assertThat(hidden.json().get("state").asText()).isEqualTo("hidden");
        assertThat(api().get("/achievements/" + microCredential, "text/html").body()).doesNotContain(STATEMENT);
        assertThat(credential(award("hidden")).getJsonObject("credentialSubject").getJsonObject("achievement")
                .containsKey("endorsement")).isFalse();
        // Hiding is the association's record only: the endorsement itself still verifies.
        assertThat(verify(api().get("/endorsements/" + id, "application/ld+json").body()).get("verified").asBoolean()).isTrue();

        assertThat(as(association).post(endorsements(association) + "/" + id + "/show", Map.of()).json().get("state").asText()).isEqualTo("active");
        assertThat(api().get("/achievements/" + microCredential, "text/html").body()).contains(STATEMENT);
        assertThat(credential(award("shown")).getJsonObject("credentialSubject").getJsonObject("achievement")
                .getJsonArray("endorsement")).hasSize(1);

        // The tab lists it for both sides, a page at a time.
        WebSession owner = new WebSession(baseUrl());
        owner.signIn(association.owner().email(), EarningWorld.PASSWORD);
        assertThat(owner.get("/organizations/" + association.slug() + "/endorsements").body()).contains(STATEMENT, "Hide", "1</span> endorsements");
    }

    @Test
    void endorsementsTheProgramDidNotAgreeToAreRefusedWithAClearAnswerAndWriteNothing() {
        String key = endorsements(employer);
        long before = count("endorsements");

        // Drafts are not endorsable, retired micro-credentials no longer are.
        Api.Response draft = as(association).post("/api/v1/organizations/" + association.slug() + "/achievements",
                io.guildmark.app.catalog.CatalogFixture.apiBody("Rig a load"));
        assertThat(endorse(employer, Map.of("achievementId", draft.json().get("id").asText(), "statement", STATEMENT)).status()).isEqualTo(400);
        UUID retired = fixture.microCredential(association, "Drive a reach truck", null, null, null);
        as(association).post("/api/v1/organizations/" + association.slug() + "/achievements/" + retired + "/retire", Map.of());
        Api.Response ofRetired = endorse(employer, Map.of("achievementId", retired.toString(), "statement", STATEMENT));
        assertThat(ofRetired.status()).isEqualTo(409);
        assertThat(ofRetired.body()).contains("retired");

        // The statement is 1 to 2,000 characters; one subject only.
        assertThat(endorse(employer, Map.of("achievementId", microCredential.toString(), "statement", "  ")).status()).isEqualTo(400);
        Api.Response tooLong = endorse(employer, Map.of("achievementId", microCredential.toString(), "statement", "x".repeat(2001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("statement");
        assertThat(endorse(employer, Map.of("statement", STATEMENT)).status()).isEqualTo(400);
        assertThat(endorse(employer, Map.of("achievementId", microCredential.toString(), "association", association.slug(),
                "statement", STATEMENT)).status()).isEqualTo(400);

        // Only partners the association accepted; never the association itself; never a recruiter.
        CreditsFixture.Association stranger = fixture.employer("stranger");
        Api.Response notPartner = endorse(stranger, Map.of("achievementId", microCredential.toString(), "statement", STATEMENT));
        assertThat(notPartner.status()).isEqualTo(403);
        assertThat(notPartner.json().get("code").asText()).isEqualTo("not-a-partner");
        assertThat(endorse(association, Map.of("achievementId", microCredential.toString(), "statement", STATEMENT)).status()).isEqualTo(403);
        EarningWorld.Person recruiter = fixture.member(employer, Role.RECRUITER, "Rae Recruiter");
        Endorsements service = context.getBean(Endorsements.class);
        assertThatThrownBy(() -> service.endorse(recruiter.actor(), employer.slug(),
                new Endorsements.EndorseRequest(microCredential, null, STATEMENT)))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        // An endorser may.
        EarningWorld.Person endorser = fixture.member(employer, Role.ENDORSER, "Eli Endorser");
        assertThat(service.endorse(endorser.actor(), employer.slug(), new Endorsements.EndorseRequest(microCredential, null, STATEMENT))
                .state()).isEqualTo("active");
        assertThat(endorse(employer, Map.of("achievementId", microCredential.toString(), "statement", STATEMENT)).status()).isEqualTo(409);

        // An employer the operator suspended signs nothing.
        CreditsFixture.Association suspended = fixture.employer("suspended");
        fixture.partners(association, suspended);
        admin().post("/api/v1/admin/organizations/" + suspended.slug() + "/approval", Map.of("decision", "suspend", "note", "Checks"));
        Api.Response unapproved = endorse(suspended, Map.of("achievementId", microCredential.toString(), "statement", STATEMENT));
        assertThat(unapproved.status()).isEqualTo(403);
        assertThat(unapproved.json().get("code").asText()).isEqualTo("issuer-not-approved");
        assertThat(count("endorsements")).isEqualTo(before + 1);

        // The co-design sign-off, called by the co-design module without a person's permission, once per version.
        Endorsement coDesigned = service.endorseAsCoDesigner(employer.id(), microCredential, "2");
        assertThat(coDesigned.statement()).isEqualTo("Co-designed and signed off version 2 of this micro-credential.");
        assertThat(coDesigned.kind()).isEqualTo("co-design");
        assertThat(service.endorseAsCoDesigner(employer.id(), microCredential, "2").id()).isEqualTo(coDesigned.id());
        assertThat(verify(service.signedCredential(coDesigned.id()).orElseThrow()).get("verified").asBoolean()).isTrue();
        assertThat(as(employer).get(key + "?limit=0").status()).isEqualTo(400);
    }

    private Api as(CreditsFixture.Association org) {
        return api().withToken(org.apiKey());
    }

    private static String endorsements(CreditsFixture.Association org) {
        return "/api/v1/organizations/" + org.slug() + "/endorsements";
    }

    private Api.Response endorse(CreditsFixture.Association org, Map<String, String> body) {
        return as(org).post(endorsements(org), body);
    }

    private Api.Response award(String who) {
        Api.Response awarded = as(association).post("/api/v1/organizations/" + association.slug() + "/awards", Map.of(
                "achievementId", microCredential.toString(),
                "recipient", Map.of("email", io.guildmark.app.support.Fixtures.uniqueEmail(who), "name", "Dana " + who)));
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);
        return awarded;
    }

    private JsonObject credential(Api.Response awarded) {
        return parse(api().get(awarded.json().get("credentialUrl").asText(), "application/vc+ld+json").body());
    }

    private JsonNode verify(String credential) {
        Api.Response response = api().post("/api/v1/verify", credential.getBytes(StandardCharsets.UTF_8), "application/vc+ld+json");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
