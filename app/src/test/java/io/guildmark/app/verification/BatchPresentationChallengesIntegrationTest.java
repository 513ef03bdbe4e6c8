package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import io.guildmark.credentials.proof.EddsaRdfc2022;
import io.guildmark.credentials.proof.ProofOptions;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Presentations in a batch check: a presentation made for the employer's check (its challenge and domain) is accepted,
 * one made for another check is reported on each of its credentials while they are still verified; a VP-JWT (pasted as a
 * line, in a JSON array, as a file) is taken apart, its signature and holder checked; and bad JWTs get an answer per row.
 */
class BatchPresentationChallengesIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    BatchFixture issuer;
    Ed25519KeyPair holder;
    String holderDid;
    List<String> credentials;

    @BeforeEach
    void aHolderWithTwoGoodCredentialsAndOneForged() {
        issuer = new BatchFixture(admin(), baseUrl(), "batch-vp");
        holder = Ed25519KeyPair.generate();
        holderDid = DidKeyResolver.didFor(holder.publicKey());
        BatchFixture.Badge badge = issuer.award(Fixtures.uniqueEmail("alex"), "Alex Rivera");
        BatchFixture.Badge other = issuer.award(Fixtures.uniqueEmail("alex"), "Alex Rivera");
        credentials = List.of(issuer.vcApiCredential(holderDid), issuer.json(badge), issuer.tampered(other));
    }

    @Test
    void aPresentationMadeForThisChecksChallengeIsAcceptedAndOneMadeForAnotherCheckIsReportedOnEachCredential() {
        JsonNode challenge = challenge(api(), "");
        String nonce = challenge.get("challenge").asText();
        String domain = challenge.get("domain").asText();
        assertThat(domain).isEqualTo(baseUrl().endsWith("/") ? baseUrl() : domain);
        assertThat(challenge.get("expiresAt").asText()).isNotBlank();

        JsonNode table = check("?challenge=" + nonce, presentation(nonce, domain).toString(), "application/json");
        assertThat(table.get("challenge").asText()).isEqualTo(nonce);
        assertThat(table.get("domain").asText()).isEqualTo(domain);
        assertThat(badge(table, "credential 1").get("holderProof").asText()).isEqualTo("OK");
        assertThat(badge(table, "credential 1").get("holderBinding").asText()).isEqualTo("MATCH");
        assertThat(badge(table, "credential 2").get("verified").asBoolean()).isTrue();
        assertThat(badge(table, "credential 3").get("verified").asBoolean()).isFalse();

        // Signed by the same holder, but for another check: another challenge, or another site's domain.
        for (JsonObject elsewhere : List.of(presentation("someone-elses-challenge", domain), presentation(nonce, "https://elsewhere.example"))) {
            JsonNode replayed = check("?challenge=" + nonce, elsewhere.toString(), "application/json");
            for (String credential : List.of("credential 1", "credential 2", "credential 3")) {
                assertThat(badge(replayed, credential).get("holderProof").asText()).isEqualTo("NOT_FOR_THIS_CHECK");
                assertThat(badge(replayed, credential).get("holder").asText()).contains("holder proof not for this check");
            }
            assertThat(badge(replayed, "credential 2").get("verified").asBoolean()).as("its credentials are still verified").isTrue();
            assertThat(badge(replayed, "credential 3").get("verified").asBoolean()).isFalse();
        }
    }

    @Test
    void aChallengeThatWasNotIssuedOrWasIssuedForAnotherEmployerIsRefusedBeforeAnythingIsChecked() {
        String body = presentation("made-up", "https://elsewhere.example").toString();
        Api.Response madeUp = api().post("/api/v1/verify/batch?challenge=made-up", body.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(madeUp.status()).as(madeUp.body()).isEqualTo(400);
        assertThat(madeUp.body()).contains("unknown-challenge", "was not issued for this check");
        Api.Response tooLong = api().post("/api/v1/verify/batch?challenge=" + "x".repeat(5000), body.getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);

        CreditsFixture.Association employer = new CreditsFixture(context, admin(), baseUrl()).employer("batch-vp-hiring");
        Api key = api().withToken(employer.apiKey());
        JsonNode employersChallenge = challenge(key, "?organization=" + employer.slug());
        assertThat(employersChallenge.get("organization").asText()).isEqualTo(employer.slug());
        String nonce = employersChallenge.get("challenge").asText();
        // The employer's challenge is for its own checks: an anonymous check with it is refused, the employer's accepted.
        Api.Response anonymous = api().post("/api/v1/verify/batch?challenge=" + nonce, body.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(400);
        Api.Response own = key.post("/api/v1/verify/batch?challenge=" + nonce + "&organization=" + employer.slug(),
                presentation(nonce, employersChallenge.get("domain").asText()).toString().getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(badge(own.json(), "credential 1").get("holderProof").asText()).isEqualTo("OK");
    }

    @Test
    void aVpJwtIsTakenApartWhereverItComesAndItsSignatureAndHolderAreChecked() {
        JsonNode challenge = challenge(api(), "");
        String nonce = challenge.get("challenge").asText();
        String domain = challenge.get("domain").asText();
        String jwt = vpJwt(holder, holderDid, nonce, domain, Json.createObjectBuilder());

        // A line of the list, an element of a JSON array, and a file of its own.
        List<JsonNode> tables = List.of(check("?challenge=" + nonce, "# candidates\n" + jwt + "\n", "text/uri-list"),
                check("?challenge=" + nonce, Json.createArrayBuilder().add(jwt).build().toString(), "application/json"),
                check("?challenge=" + nonce, jwt, "application/octet-stream"));
        for (JsonNode table : tables) {
            assertThat(table.get("credentials").asInt()).isEqualTo(3);
            JsonNode mine = badge(table, "credential 1");
            assertThat(mine.get("holderBinding").asText()).isEqualTo("MATCH");
            assertThat(mine.get("holderProof").asText()).isEqualTo("OK");
            assertThat(mine.get("holder").asText()).contains("Issued to the presentation's holder", "the holder signed");
            assertThat(badge(table, "credential 2").get("verified").asBoolean()).isTrue();
            JsonNode forged = badge(table, "credential 3");
            assertThat(forged.get("verified").asBoolean()).isFalse();
            assertThat(forged.get("reason").asText()).contains("signature does not match");
        }

        // Without a challenge, the signature and holder are still checked; the nonce is not compared.
        assertThat(badge(check("", jwt, "text/uri-list"), "credential 1").get("holderProof").asText()).isEqualTo("OK");

        // Forged: the payload changed after the holder signed it (a credential added). The signature fails for all its
        // credentials; each is still verified on its own.
        String[] parts = jwt.split("\\.");
        JsonObject payload = Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))).readObject();
        JsonObject vp = payload.getJsonObject("vp");
        JsonObject added = Json.createObjectBuilder(payload).add("vp", Json.createObjectBuilder(vp).add("verifiableCredential",
                Json.createArrayBuilder(vp.getJsonArray("verifiableCredential")).add(read(credentials.get(1))))).build();
        String forged = parts[0] + "." + base64(added.toString()) + "." + parts[2];
        JsonNode forgedTable = check("?challenge=" + nonce, forged, "text/uri-list");
        assertThat(forgedTable.get("credentials").asInt()).isEqualTo(4);
        assertThat(badge(forgedTable, "credential 1").get("holderProof").asText()).isEqualTo("INVALID_SIGNATURE");
        assertThat(badge(forgedTable, "credential 2").get("verified").asBoolean()).isTrue();
        assertThat(badge(forgedTable, "credential 4").get("holderProof").asText()).isEqualTo("INVALID_SIGNATURE");

        // Signed by someone else than the holder it names: the key is not the holder's.
        Ed25519KeyPair thief = Ed25519KeyPair.generate();
        String stolen = vpJwt(thief, holderDid, nonce, domain, Json.createObjectBuilder(), DidKeyResolver.verificationMethodFor(thief.publicKey()));
        assertThat(badge(check("?challenge=" + nonce, stolen, "text/uri-list"), "credential 1").get("holderProof").asText())
                .isIn("KEY_NOT_AUTHORIZED", "DID_MISMATCH", "INVALID_SIGNATURE");

        // Made for another check: another nonce, or another audience.
        for (String other : List.of(vpJwt(holder, holderDid, "another-check", domain, Json.createObjectBuilder()),
                vpJwt(holder, holderDid, nonce, "https://elsewhere.example", Json.createObjectBuilder()))) {
            JsonNode replayed = check("?challenge=" + nonce, other, "text/uri-list");
            assertThat(badge(replayed, "credential 1").get("holderProof").asText()).isEqualTo("NOT_FOR_THIS_CHECK");
            assertThat(badge(replayed, "credential 2").get("verified").asBoolean()).isTrue();
        }
    }

    @Test
    void badJwtsGetAnAnswerOnTheirOwnRowAndTheRestOfTheBatchIsChecked() {
        JsonNode challenge = challenge(api(), "");
        String nonce = challenge.get("challenge").asText();
        String domain = challenge.get("domain").asText();
        String good = vpJwt(holder, holderDid, nonce, domain, Json.createObjectBuilder());

        // alg none: an unsigned token is never a holder's proof; its credentials are still checked.
        String[] parts = good.split("\\.");
        String unsigned = base64("{\"alg\":\"none\",\"typ\":\"vp+jwt\"}") + "." + parts[1] + ".";
        // Malformed: the shape of a JWT, but nothing readable in it.
        String malformed = "eyJub3QiOiJqc29u.bm90LWpzb24.c2lnbmF0dXJl";
        Api.Response response = api().post("/api/v1/verify/batch?challenge=" + nonce,
                (unsigned + "\n" + malformed + "\n" + good + "\n").getBytes(StandardCharsets.UTF_8), "text/uri-list");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode table = response.json();
        assertThat(table.get("credentials").asInt()).isEqualTo(7);
        JsonNode none = badge(table, "line 1 credential 1");
        assertThat(none.get("holderProof").asText()).isEqualTo("UNSUPPORTED_ALGORITHM");
        assertThat(none.get("holder").asText()).contains("alg none");
        assertThat(badge(table, "line 1 credential 2").get("verified").asBoolean()).as("its credentials are still checked").isTrue();
        JsonNode unreadable = badge(table, "line 2");
        assertThat(unreadable.get("verified").asBoolean()).isFalse();
        assertThat(unreadable.get("reason").asText()).contains("could not be decoded");
        assertThat(badge(table, "line 3 credential 1").get("holderProof").asText()).isEqualTo("OK");

        // Oversized: a VP-JWT over 1 MB is taken apart, but its signature is not checked.
        String large = vpJwt(holder, holderDid, nonce, domain, Json.createObjectBuilder().add("padding", "x".repeat(1_100_000)));
        JsonNode largeTable = check("?challenge=" + nonce, large, "text/uri-list");
        assertThat(badge(largeTable, "credential 1").get("holderProof").asText()).isEqualTo("TOO_LARGE");
        assertThat(badge(largeTable, "credential 2").get("verified").asBoolean()).isTrue();

        // A VP-JWT whose presentation carries nothing: one row that says so.
        String empty = sign(holder, DidKeyResolver.verificationMethodFor(holder.publicKey()), Json.createObjectBuilder().add("iss", holderDid)
                .add("nonce", nonce).add("aud", domain).add("iat", Instant.now().getEpochSecond())
                .add("exp", Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond())
                .add("vp", Json.createObjectBuilder().add("type", Json.createArrayBuilder().add("VerifiablePresentation"))).build());
        JsonNode emptyTable = check("?challenge=" + nonce, empty, "text/uri-list");
        assertThat(emptyTable.get("credentials").asInt()).isEqualTo(1);
        assertThat(emptyTable.get("candidates").get(0).get("badges").get(0).get("reason").asText()).contains("carries no credentials");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static JsonNode challenge(Api api, String query) {
        Api.Response response = api.get("/api/v1/verify/batch/challenge" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode check(String query, String body, String contentType) {
        Api.Response response = api().post("/api/v1/verify/batch" + query, body.getBytes(StandardCharsets.UTF_8), contentType);
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

    private static JsonObject read(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private JsonArrayBuilder credentialArray() {
        JsonArrayBuilder array = Json.createArrayBuilder();
        credentials.forEach(c -> array.add(read(c)));
        return array;
    }

    /** The credentials presented by the holder, with an eddsa-rdfc-2022 proof answering the challenge and domain. */
    private JsonObject presentation(String challenge, String domain) {
        JsonObject vp = Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2"))
                .add("type", Json.createArrayBuilder().add("VerifiablePresentation")).add("holder", holderDid)
                .add("verifiableCredential", credentialArray()).build();
        JsonObject signed = EddsaRdfc2022.create().sign(vp, new ProofOptions(DidKeyResolver.verificationMethodFor(holder.publicKey()),
                "authentication", Instant.now(), null, domain, challenge), holder);
        return Json.createObjectBuilder(signed).add("proof", signed.getJsonArray("proof").getJsonObject(0)).build();
    }

    private String vpJwt(Ed25519KeyPair key, String did, String nonce, String audience, JsonObjectBuilder extra) {
        return vpJwt(key, did, nonce, audience, extra, DidKeyResolver.verificationMethodFor(key.publicKey()));
    }

    /** A VP-JWT (VCDM 1.1 style: a vp claim) of the credentials, signed with Nimbus as a wallet does. */
    private String vpJwt(Ed25519KeyPair key, String did, String nonce, String audience, JsonObjectBuilder extra, String keyId) {
        Instant now = Instant.now();
        JsonObject claims = extra.add("iss", did).add("aud", audience).add("nonce", nonce).add("iat", now.getEpochSecond())
                .add("exp", now.plus(Duration.ofMinutes(10)).getEpochSecond())
                .add("vp", Json.createObjectBuilder().add("@context", Json.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2"))
                        .add("type", Json.createArrayBuilder().add("VerifiablePresentation")).add("holder", did)
                        .add("verifiableCredential", credentialArray()))
                .build();
        return sign(key, keyId, claims);
    }

    private static String sign(Ed25519KeyPair key, String keyId, JsonObject claims) {
        try {
            OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(key.publicKey())).d(Base64URL.encode(key.privateKey())).build();
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(new JOSEObjectType("vp+jwt")).keyID(keyId).build(),
                    new Payload(claims.toString()));
            jws.sign(new Ed25519Signer(jwk));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
