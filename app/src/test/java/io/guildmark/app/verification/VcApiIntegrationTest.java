package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import io.guildmark.credentials.proof.EddsaRdfc2022;
import io.guildmark.credentials.proof.ProofOptions;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The W3C VC-API: {@code POST /credentials/verify}, {@code POST /presentations/verify} and an organization's
 * {@code POST /api/v1/organizations/{slug}/vc-api/credentials/issue}, driven with the W3C test suites' own example
 * credentials (app/src/test/resources/w3c, see its README) and their negative cases, the way the suites call an
 * implementation: status codes 201/200 for the good, 400/422 for the bad, never a 500.
 */
class VcApiIntegrationTest extends IntegrationTest {

    private static final Path W3C = Path.of("src/test/resources/w3c");
    private static final String ISSUE = "/api/v1/organizations/%s/vc-api/credentials/issue";

    private String slug;
    private Api key;
    private String did;

    @BeforeEach
    void anOrganizationWithAnApiKey() {
        slug = Fixtures.createOrganization(admin(), "vcapi");
        key = api().withToken(Fixtures.createApiKey(admin(), slug));
        did = key.get("/api/v1/organizations/" + slug + "/vc-api/settings").json().get("issuerIds").get(0).asText();
    }

    // ---- issuing, with the VC Data Model 2.0 suite's inputs ------------------------------------------------------

    @Test
    void everyPositiveDataModelExampleIsIssuedAndThenVerifies() {
        List<String> checked = new ArrayList<>();
        String didKey = key.put("/api/v1/organizations/" + slug + "/vc-api/settings", Map.of("didKeyIssuer", true))
                .json().get("issuerIds").get(1).asText();
        for (Path file : fixtures("-ok.json")) {
            if (file.getFileName().toString().startsWith("presentation-")) continue;
            String text = read(file);
            ObjectNode credential = withSuiteDates((ObjectNode) Api.JSON.readTree(text));
            // An issuer that describes itself: only as the did:key, never under the organization's did:web.
            boolean describesItself = credential.get("issuer") instanceof ObjectNode o && (o.has("name") || o.has("description"));
            if (describesItself) {
                assertThat(issue(asTheSuiteSendsIt(credential, did), Map.of()).status()).as(file.toString()).isEqualTo(400);
            }
            String issuerId = describesItself ? didKey : did;
            Api.Response issued = issue(asTheSuiteSendsIt(credential, issuerId), Map.of());
            if (credential.has("proof")) {
                // A documented refusal: the platform signs, so a credential comes without a proof.
                assertThat(issued.status()).as(file + ": " + issued.body()).isEqualTo(400);
                continue;
            }
            assertThat(issued.status()).as(file + ": " + issued.body()).isEqualTo(201);
            JsonNode vc = issued.json().get("verifiableCredential");
            assertThat(vc.get("proof").get("cryptosuite").asText()).isEqualTo("eddsa-rdfc-2022");
            assertThat(vc.get("proof").get("verificationMethod").asText()).startsWith(issuerId + "#");
            Api.Response verified = verify(vc);
            String outOfTime = outOfTime(vc);
            if (outOfTime != null) {
                // Issued as the suite asks; a verifier rightly says it is not valid yet, or no longer.
                assertThat(verified.status()).as(file + ": " + verified.body()).isEqualTo(422);
                assertThat(verified.body()).contains(outOfTime);
                continue;
            }
            assertThat(verified.status()).as(file + ": " + verified.body()).isEqualTo(200);
            assertThat(verified.json().get("verified").asBoolean()).isTrue();
            checked.add(file.getFileName().toString());
        }
        assertThat(checked).hasSizeGreaterThan(20);
    }

    @Test
    void theExamplesContextIsBundledForTheSuitesCredentialsButNotForOpenBadges() {
        ObjectNode vc = (ObjectNode) Api.JSON.readTree(read(W3C.resolve("vc-data-model-2.0/credential-optional-type-ok.json")));
        assertThat(vc.get("@context").toString()).contains("https://www.w3.org/ns/credentials/examples/v2");
        vc.put("issuer", did);
        Api.Response issued = issue(vc, Map.of());
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        Api.Response verified = verify(issued.json().get("verifiableCredential"));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);

        ObjectNode badge = vc.deepCopy();
        badge.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        Api.Response refused = issue(badge, Map.of());
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("examples context");
        assertThat(verify(badge).status()).isEqualTo(400);
    }

    @Test
    void aStatusOfTheCallersOwnSchemeIsSignedAsWrittenButThePlatformsOwnKindsAreNot() {
        ObjectNode vc = (ObjectNode) Api.JSON.readTree(read(W3C.resolve("vc-data-model-2.0/credential-status-ok.json")));
        vc.put("issuer", did);
        Api.Response issued = issue(vc, Map.of());
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode signed = issued.json().get("verifiableCredential");
        assertThat(signed.get("credentialStatus").get("type").asText()).isEqualTo("CredentialStatusList2017");
        Api.Response verified = verify(signed);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("warnings").toString()).contains("UNSUPPORTED_STATUS_TYPE");
        // Asking for the platform's entry as well, or writing one of the platform's kinds, is refused; nothing written.
        assertThat(issue(vc, Map.of("credentialStatus", Map.of("type", "BitstringStatusListEntry"))).status()).isEqualTo(400);
        ObjectNode revocationList = vc.deepCopy();
        ((ObjectNode) revocationList.get("credentialStatus")).put("type", "1EdTechRevocationList");
        assertThat(issue(revocationList, Map.of()).status()).isEqualTo(400);
        assertThat(ownCredentials()).isZero();
    }

    @Test
    void relatedResourcesNeedAnIdOfTheirOwnAndADigest() {
        // The VC Data Model suite's 5-advanced-concepts cases (fixtures.js relatedResource).
        String id = "https://www.w3.org/ns/credentials/v2";
        String sri = "sha384-NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg";
        String multibase = "uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k";
        ObjectNode ok = credential(did);
        ok.putArray("relatedResource").add(Api.JSON.valueToTree(Map.of("id", id, "mediaType", "application/ld+json",
                "digestSRI", sri)));
        assertThat(issue(ok, Map.of()).status()).isEqualTo(201);
        ok.set("relatedResource", Api.JSON.valueToTree(Map.of("id", id, "digestMultibase", multibase)));
        assertThat(issue(ok, Map.of()).status()).isEqualTo(201);

        List<Object> refused = List.of(List.of(id), List.of(Map.of("digestMultibase", multibase)),
                List.of(Map.of("id", id, "digestSRI", sri), Map.of("id", id, "digestMultibase", multibase)),
                List.of(Map.of("id", id)));
        for (Object related : refused) {
            ObjectNode vc = credential(did);
            vc.set("relatedResource", Api.JSON.valueToTree(related));
            Api.Response response = issue(vc, Map.of());
            assertThat(response.status()).as(related + ": " + response.body()).isEqualTo(400);
            assertThat(response.body()).contains("data-model-violation");
            assertThat(verify(vc).status()).isEqualTo(400);
        }
    }

    @Test
    void aRelatedResourceWhoseDigestDoesNotMatchIsRefusedAtIssueAndFailsVerification() throws Exception {
        // The VC Data Model suite's negative case: wrong digests of the base context.
        String base = "https://www.w3.org/ns/credentials/v2";
        for (Map<String, String> wrong : List.of(
                Map.of("id", base, "digestMultibase", "uM4RgWQc3RUDtjJCSgTJtTfvpZ7SPEg_LNO0ESlovQC0"),
                Map.of("id", base, "digestSRI", "sha384-_rCVIV7fSXXTNIvpiq26jRDyj8JG8TDjij-tD0ewLk4JpnXEz6a5AeeY_1qQ0d0P"))) {
            ObjectNode vc = credential(did);
            vc.putArray("relatedResource").add(Api.JSON.valueToTree(wrong));
            Api.Response refused = issue(vc, Map.of());
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("related-resource-mismatch", "does not match");
        }

        // A resource retrieved over the network (the platform's own logo, through the verifier's guarded fetcher).
        String logo = baseUrl() + "/images/guildmark.svg";
        byte[] bytes = Files.readAllBytes(Path.of("src/main/resources/static/images/guildmark.svg"));
        String sri = "sha256-" + java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        ObjectNode ok = credential(did);
        ok.putArray("relatedResource").add(Api.JSON.valueToTree(Map.of("id", logo, "digestSRI", sri)));
        Api.Response issued = issue(ok, Map.of());
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        Api.Response verified = verify(issued.json().get("verifiableCredential"));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("checks").toString()).contains("relatedResource");

        ObjectNode wrongLogo = credential(did);
        wrongLogo.putArray("relatedResource").add(Api.JSON.valueToTree(Map.of("id", logo, "digestSRI", "sha256-"
                + java.util.Base64.getEncoder().encodeToString(new byte[32]))));
        assertThat(issue(wrongLogo, Map.of()).body()).contains("related-resource-mismatch");
        ObjectNode missing = credential(did);
        missing.putArray("relatedResource").add(Api.JSON.valueToTree(Map.of("id", baseUrl() + "/images/none.svg", "digestSRI", sri)));
        Api.Response unavailable = issue(missing, Map.of());
        assertThat(unavailable.status()).as(unavailable.body()).isEqualTo(400);
        assertThat(unavailable.body()).contains("related-resource-unavailable");

        // Signed by someone else, whose issuer the verifier can resolve (did:key): the wrong digest alone fails it, and a
        // resource that can't be retrieved is a warning.
        Ed25519KeyPair other = Ed25519KeyPair.generate();
        String otherDid = DidKeyResolver.verificationMethodFor(other.publicKey());
        for (ObjectNode vc : List.of(wrongLogo, missing)) {
            vc.put("issuer", otherDid.substring(0, otherDid.indexOf('#')));
            vc.put("validFrom", Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        }
        JsonObject mismatched = EddsaRdfc2022.create().sign(jakarta(wrongLogo), ProofOptions.assertion(otherDid, Instant.now()), other);
        assertNotVerified(Api.JSON.readTree(mismatched.toString()), "DIGEST_MISMATCH");
        JsonObject unreachable = EddsaRdfc2022.create().sign(jakarta(missing), ProofOptions.assertion(otherDid, Instant.now()), other);
        Api.Response warned = verify(Api.JSON.readTree(unreachable.toString()));
        assertThat(warned.status()).as(warned.body()).isEqualTo(200);
        assertThat(warned.json().get("warnings").toString()).contains("RELATED_RESOURCE_UNAVAILABLE");
    }

    @Test
    void everyNegativeDataModelExampleIsRefusedWithA400AtIssueAndAtVerify() {
        List<Path> negatives = fixtures("-fail.json");
        negatives.addAll(fixtures("-fail-or-inject.json"));
        assertThat(negatives).hasSizeGreaterThan(30);
        for (Path file : negatives) {
            if (file.getFileName().toString().startsWith("presentation-")) continue;
            ObjectNode credential = withSuiteDates((ObjectNode) Api.JSON.readTree(read(file)));
            Api.Response issued = issue(asTheSuiteSendsIt(credential, did), Map.of());
            assertThat(issued.status()).as(file + ": " + issued.body()).isIn(400, 422);
            assertThat(issued.header("Content-Type")).startsWith("application/problem+json");
            Api.Response verified = verify(credential);
            assertThat(verified.status()).as(file + ": " + verified.body()).isIn(400, 422);
        }
    }

    @Test
    void anIssuerOtherThanTheOrganizationIsRefused() {
        String other = Fixtures.createOrganization(admin(), "vcapi-other");
        String otherDid = key.get("/api/v1/organizations/" + slug + "/vc-api/settings").json().get("issuerIds").get(0).asText()
                .replace(slug, other);
        Api.Response refused = issue(credential(otherDid), Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains(did);
        Api.Response named = issue(withIssuer(credential(did), Map.of("id", did, "name", "Someone Else")), Map.of());
        assertThat(named.status()).isEqualTo(400);
        Api.Response extra = issue(withIssuer(credential(did), Map.of("id", did, "url", "https://evil.example")), Map.of());
        assertThat(extra.status()).isEqualTo(400);
    }

    @Test
    void oneOrganizationsKeyCannotIssueForAnotherAndStrangersNeedAKey() {
        String other = Fixtures.createOrganization(admin(), "vcapi-other");
        Api otherKey = api().withToken(Fixtures.createApiKey(admin(), other));
        assertThat(otherKey.post(ISSUE.formatted(slug), Map.of("credential", Api.JSON.readTree(credential(did).toString())))
                .status()).isEqualTo(404);
        assertThat(api().post(ISSUE.formatted(slug), Map.of("credential", Api.JSON.readTree(credential(did).toString())))
                .status()).isEqualTo(401);
        assertThat(otherKey.get("/api/v1/organizations/" + slug + "/vc-api/settings").status()).isEqualTo(404);
    }

    @Test
    void anOrganizationTheOperatorSuspendedCannotSignAnything() {
        assertThat(admin().post("/api/v1/admin/organizations/" + slug + "/approval", Map.of("decision", "suspend",
                "note", "Complaint")).status()).isEqualTo(200);
        Api.Response refused = issue(credential(did), Map.of("credentialStatus", Map.of("type", "BitstringStatusListEntry")));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(ownCredentials()).isZero();
    }

    @Test
    void aStatusEntryIsAddedWhenAskedAndTheCredentialVerifiesAsActive() {
        ObjectNode vc = (ObjectNode) Api.JSON.readTree(read(W3C.resolve("vc-bitstring-status-list/validVc.json")));
        vc.put("issuer", did);
        Api.Response issued = issue(vc, Map.of("credentialStatus", Map.of("type", "BitstringStatusListEntry")));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode signed = issued.json().get("verifiableCredential");
        JsonNode status = signed.get("credentialStatus");
        assertThat(status.get("type").asText()).isEqualTo("BitstringStatusListEntry");
        assertThat(status.get("statusPurpose").asText()).isEqualTo("revocation");
        assertThat(ownCredentials()).isEqualTo(1);
        Api.Response verified = verify(signed);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("checks").toString()).contains("status");

        // The status list suite's updateStatus: revoke by the credential's id (given by the platform), then clear.
        String id = signed.get("id").asText();
        assertThat(id).startsWith("urn:uuid:");
        String statusUrl = "/api/v1/organizations/" + slug + "/vc-api/credentials/status";
        Map<String, Object> revoke = Map.of("credentialId", id, "credentialStatus", Map.of("type", "BitstringStatusListEntry",
                "statusPurpose", "revocation"));
        Api.Response revoked = key.post(statusUrl, revoke);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        Api.Response afterRevocation = verify(signed);
        assertThat(afterRevocation.status()).isEqualTo(422);
        assertThat(afterRevocation.body()).contains("REVOKED");
        String other = Fixtures.createOrganization(admin(), "vcapi-other");
        Api otherKey = api().withToken(Fixtures.createApiKey(admin(), other));
        assertThat(otherKey.post("/api/v1/organizations/" + other + "/vc-api/credentials/status", revoke).status()).isEqualTo(404);
        assertThat(otherKey.post(statusUrl, revoke).status()).isEqualTo(404);
        assertThat(key.post(statusUrl, Map.of("credentialId", id, "credentialStatus", Map.of("type", "BitstringStatusListEntry",
                "status", false))).status()).isEqualTo(200);
        assertThat(verify(signed).status()).isEqualTo(200);
        assertThat(key.post(statusUrl, Map.of("credentialId", "urn:uuid:nothing", "credentialStatus",
                Map.of("type", "BitstringStatusListEntry"))).status()).isEqualTo(404);
        ObjectNode sameId = vc.deepCopy();
        sameId.put("id", id);
        assertThat(issue(sameId, Map.of("credentialStatus", Map.of("type", "BitstringStatusListEntry"))).status()).isEqualTo(409);

        Api.Response unknownPurpose = issue(vc, Map.of("credentialStatus", Map.of("type", "BitstringStatusListEntry",
                "statusPurpose", "message")));
        assertThat(unknownPurpose.status()).isEqualTo(400);
        assertThat(ownCredentials()).as("nothing written for a refused request").isEqualTo(1);
        ObjectNode own = vc.deepCopy();
        own.putObject("credentialStatus").put("type", "BitstringStatusListEntry").put("id", "https://elsewhere.example/1#1");
        assertThat(issue(own, Map.of()).status()).isEqualTo(400);
    }

    @Test
    void aSuspensionEntryComesFromASuspensionListAndIsSuspendedAndResumedThroughTheStatusEndpoint() {
        ObjectNode vc = (ObjectNode) Api.JSON.readTree(read(W3C.resolve("vc-bitstring-status-list/validVc.json")));
        vc.put("issuer", did);
        Api.Response issued = issue(vc, Map.of("credentialStatus", Map.of("type", "BitstringStatusListEntry",
                "statusPurpose", "suspension")));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode signed = issued.json().get("verifiableCredential");
        JsonNode status = signed.get("credentialStatus");
        assertThat(status.get("statusPurpose").asText()).isEqualTo("suspension");
        JsonNode list = api().get(URI.create(status.get("statusListCredential").asText()).getPath()).json();
        assertThat(list.get("credentialSubject").get("statusPurpose").asText()).isEqualTo("suspension");
        assertThat(verify(signed).status()).isEqualTo(200);

        String id = signed.get("id").asText();
        String statusUrl = "/api/v1/organizations/" + slug + "/vc-api/credentials/status";
        Map<String, Object> suspend = Map.of("credentialId", id, "credentialStatus", Map.of("type", "BitstringStatusListEntry",
                "statusPurpose", "suspension", "status", true));
        // Its entry is a suspension: asking to revoke it finds no revocation entry.
        assertThat(key.post(statusUrl, Map.of("credentialId", id, "credentialStatus", Map.of("type", "BitstringStatusListEntry",
                "statusPurpose", "revocation"))).status()).isEqualTo(404);
        Api.Response suspended = key.post(statusUrl, suspend);
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
        assertThat(suspended.json().get("status").asText()).isEqualTo("suspended");
        Api.Response whileSuspended = verify(signed);
        assertThat(whileSuspended.status()).isEqualTo(422);
        assertThat(whileSuspended.body()).contains("SUSPENDED");
        Api.Response resumed = key.post(statusUrl, Map.of("credentialId", id, "credentialStatus", Map.of("type",
                "BitstringStatusListEntry", "statusPurpose", "suspension", "status", false)));
        assertThat(resumed.json().get("status").asText()).isEqualTo("active");
        assertThat(verify(signed).status()).isEqualTo(200);
    }

    @Test
    void aDidKeyIssuerIsAllowedOnlyWhenTheOrganizationChoseIt() {
        ObjectNode vc = (ObjectNode) Api.JSON.readTree(read(W3C.resolve("vc-di-eddsa/validVc.json")));
        Api.Response before = key.put("/api/v1/organizations/" + slug + "/vc-api/settings", Map.of("didKeyIssuer", true));
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        String didKey = before.json().get("issuerIds").get(1).asText();
        assertThat(didKey).startsWith("did:key:z6Mk");
        vc.put("issuer", didKey);
        Api.Response issued = issue(vc, Map.of());
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(verify(issued.json().get("verifiableCredential")).status()).isEqualTo(200);

        key.put("/api/v1/organizations/" + slug + "/vc-api/settings", Map.of("didKeyIssuer", false));
        assertThat(issue(vc, Map.of()).status()).isEqualTo(400);
    }

    @Test
    void aVc11CredentialIsIssuedWithAnIssuanceDateAndVerifies() {
        ObjectNode vc = (ObjectNode) Api.JSON.readTree("""
                {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"],
                 "credentialSubject": {"id": "did:example:subject"}}""");
        vc.put("issuer", did);
        Api.Response issued = issue(vc, Map.of());
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode signed = issued.json().get("verifiableCredential");
        assertThat(signed.has("issuanceDate")).isTrue();
        assertThat(verify(signed).status()).isEqualTo(200);
    }

    // ---- verifying, with the Data Integrity suite's negative cases -------------------------------------------

    @Test
    void aSignedCredentialVerifiesAndEveryTamperingIsA422() {
        ObjectNode vc = (ObjectNode) Api.JSON.readTree(read(W3C.resolve("vc-di-eddsa/validVc.json")));
        vc.put("issuer", did);
        ObjectNode signed = (ObjectNode) issue(vc, Map.of()).json().get("verifiableCredential");
        Api.Response ok = verify(signed);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("checks").toString()).contains("proof");
        assertThat(ok.json().get("errors").size()).isZero();

        ObjectNode altered = signed.deepCopy();
        ((ObjectNode) altered.get("credentialSubject")).put("name", "Another claim");
        assertNotVerified(altered, "INVALID_SIGNATURE");
        ObjectNode badValue = signed.deepCopy();
        String value = badValue.get("proof").get("proofValue").asText();
        ((ObjectNode) badValue.get("proof")).put("proofValue", value.substring(0, value.length() - 4) + "abcd");
        assertNotVerified(badValue, null);
        ObjectNode noValue = signed.deepCopy();
        ((ObjectNode) noValue.get("proof")).remove("proofValue");
        assertNotVerified(noValue, null);
        ObjectNode otherSuite = signed.deepCopy();
        ((ObjectNode) otherSuite.get("proof")).put("cryptosuite", "eddsa-jcs-2022");
        assertNotVerified(otherSuite, null);
        ObjectNode otherType = signed.deepCopy();
        ((ObjectNode) otherType.get("proof")).put("type", "Ed25519Signature2020");
        Api.Response typed = verify(otherType);
        assertThat(typed.status()).as(typed.body()).isIn(400, 422);
        ObjectNode noProof = signed.deepCopy();
        noProof.remove("proof");
        assertNotVerified(noProof, "NO_PROOF");

        // A proof made with someone else's key, naming it: not the issuer's key.
        Ed25519KeyPair stranger = Ed25519KeyPair.generate();
        JsonObject unsigned = jakarta(vc);
        JsonObject forged = EddsaRdfc2022.create().sign(unsigned, ProofOptions.assertion(
                DidKeyResolver.verificationMethodFor(stranger.publicKey()), Instant.now()), stranger);
        assertNotVerified((ObjectNode) Api.JSON.readTree(forged.toString()), "KEY_NOT_ISSUERS");
    }

    @Test
    void anEddsaJcs2022CredentialIsIssuedWhenAskedAndVerifiesAndItsTamperingIsA422() {
        ObjectNode vc = (ObjectNode) Api.JSON.readTree(read(W3C.resolve("vc-di-eddsa/validVc.json")));
        vc.put("issuer", did);
        Api.Response issued = issue(vc, Map.of("cryptosuite", "eddsa-jcs-2022"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        ObjectNode signed = (ObjectNode) issued.json().get("verifiableCredential");
        assertThat(signed.get("proof").get("cryptosuite").asText()).isEqualTo("eddsa-jcs-2022");
        assertThat(signed.get("proof").get("@context")).isEqualTo(signed.get("@context"));

        Api.Response ok = verify(signed);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("verified").asBoolean()).isTrue();

        ObjectNode altered = signed.deepCopy();
        ((ObjectNode) altered.get("credentialSubject")).put("name", "Another claim");
        assertNotVerified(altered, "INVALID_SIGNATURE");
        ObjectNode asRdfc = signed.deepCopy();
        ((ObjectNode) asRdfc.get("proof")).put("cryptosuite", "eddsa-rdfc-2022");
        assertNotVerified(asRdfc, null);
    }

    @Test
    void anEddsaJcs2022CredentialMustStillDefineEveryTermAndAnUnknownCryptosuiteIsA400() {
        ObjectNode vc = (ObjectNode) Api.JSON.readTree(read(W3C.resolve("vc-di-eddsa/validVc.json")));
        vc.put("issuer", did);
        ObjectNode undefined = vc.deepCopy();
        ((ObjectNode) undefined.get("credentialSubject")).put("undefinedTerm", "not in any context");
        assertThat(issue(undefined, Map.of("cryptosuite", "eddsa-jcs-2022")).status()).isEqualTo(400);

        Api.Response unknown = issue(vc, Map.of("cryptosuite", "ecdsa-rdfc-2019"));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.body()).contains("options.cryptosuite", "eddsa-jcs-2022");
        assertThat(issue(vc, Map.of("cryptosuite", 7)).status()).isEqualTo(400);
    }

    @Test
    void aProofChainedAfterTheIssuersByAnotherKeyVerifiesButAStrangersChainAloneDoesNot() {
        ObjectNode vc = (ObjectNode) Api.JSON.readTree(read(W3C.resolve("vc-di-eddsa/validVc.json")));
        vc.put("issuer", did);
        JsonObject issuers = jakarta(issue(vc, Map.of()).json().get("verifiableCredential"));
        // The platform's proof has no id, so no proof can name it: the notary's chain of two sits beside it in the set.
        Ed25519KeyPair notary = Ed25519KeyPair.generate();
        String notaryKey = DidKeyResolver.verificationMethodFor(notary.publicKey());
        EddsaRdfc2022 suite = EddsaRdfc2022.create();
        JsonObject first = suite.signAfter(issuers, ProofOptions.assertion(notaryKey, Instant.now()), "urn:example:notary:1",
                List.of(), notary);
        JsonObject chained = suite.signAfter(first, ProofOptions.assertion(notaryKey, Instant.now()), "urn:example:notary:2",
                List.of("urn:example:notary:1"), notary);
        Api.Response ok = verify(Api.JSON.readTree(chained.toString()));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);

        JsonObject missing = Json.createObjectBuilder(chained).add("proof", Json.createArrayBuilder()
                .add(chained.getJsonArray("proof").get(0)).add(chained.getJsonArray("proof").get(2))).build();
        assertNotVerified(Api.JSON.readTree(missing.toString()), "MALFORMED_PROOF");

        JsonObject strangersOnly = Json.createObjectBuilder(chained).add("proof", Json.createArrayBuilder()
                .add(chained.getJsonArray("proof").get(1)).add(chained.getJsonArray("proof").get(2))).build();
        assertNotVerified(Api.JSON.readTree(strangersOnly.toString()), "KEY_NOT_ISSUERS");
    }

    @Test
    void badInputIsA400ProblemNeverA500() {
        assertThat(api().post("/credentials/verify", "not json".getBytes(StandardCharsets.UTF_8), "application/json").status())
                .isEqualTo(400);
        assertThat(api().post("/credentials/verify", Map.of("options", Map.of())).status()).isEqualTo(400);
        assertThat(api().post("/credentials/verify", Map.of("verifiableCredential", "just a string")).status()).isEqualTo(400);
        assertThat(api().post("/credentials/verify", Map.of("verifiableCredential", List.of(1, 2))).status()).isEqualTo(400);
        Api.Response unknown = verify(Api.JSON.readTree("""
                {"@context": ["https://www.w3.org/ns/credentials/v2", "https://unknown.example/context/v1"],
                 "type": ["VerifiableCredential"], "issuer": "did:example:issuer", "credentialSubject": {"id": "did:example:s"},
                 "proof": {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "proofPurpose": "assertionMethod",
                  "verificationMethod": "did:example:issuer#k", "proofValue": "z1111"}}"""));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        Api.Response wrongType = verify(Api.JSON.readTree("""
                {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
                 "issuer": "did:example:issuer", "credentialSubject": {"id": "did:example:s"}}"""));
        assertThat(wrongType.status()).isEqualTo(400);
        String deep = "{\"verifiableCredential\":" + "[".repeat(200) + "]".repeat(200) + "}";
        Api.Response nested = api().post("/credentials/verify", deep.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.header("Content-Type")).startsWith("application/problem+json");
        byte[] big = ("{\"verifiableCredential\":{\"x\":\"" + "a".repeat(VcApiBody.MAX_BYTES) + "\"}}").getBytes(StandardCharsets.UTF_8);
        assertThat(api().post("/credentials/verify", big, "application/json").status()).isEqualTo(400);
        assertThat(api().post("/presentations/verify", big, "application/json").status()).isEqualTo(400);
        assertThat(key.post(ISSUE.formatted(slug), big, "application/json").status()).isEqualTo(400);
        assertThat(api().post("/credentials/verify", Map.of("verifiableCredential", Map.of(), "options", "x")).status()).isEqualTo(400);
    }

    // ---- presentations ---------------------------------------------------------------------------------------------

    @Test
    void aChallengeTheVerifierIssuedIsAnsweredOnceAndAReplayedPresentationIsRefused() {
        ObjectNode vc = (ObjectNode) Api.JSON.readTree(read(W3C.resolve("vc-di-eddsa/validVc.json")));
        vc.put("issuer", did);
        JsonNode signed = issue(vc, Map.of()).json().get("verifiableCredential");
        Ed25519KeyPair holder = Ed25519KeyPair.generate();
        Api.Response created = api().post("/challenges", Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String challenge = created.json().get("challenge").asText();
        assertThat(Instant.parse(created.json().get("expiresAt").asText())).isAfter(Instant.now());
        JsonObject vp = presentation(holder, signed, challenge, "verifier.example");

        // Without a challenge or domain asked for, the holder's proof is checked as it stands (and nothing is used up).
        assertThat(verifyPresentation(vp, Map.of()).status()).isEqualTo(200);
        Map<String, Object> options = Map.of("challenge", challenge, "domain", "verifier.example");
        JsonObject other = presentation(holder, signed, challenge, "verifier.example", false);
        Api.Response wrongChallenge = verifyPresentation(other, Map.of("challenge", challenge + "x", "domain", "verifier.example"));
        assertThat(wrongChallenge.status()).isEqualTo(422);
        assertThat(wrongChallenge.body()).contains("WRONG_CHALLENGE");
        Api.Response wrongDomain = verifyPresentation(other, Map.of("challenge", challenge, "domain", "elsewhere.example"));
        assertThat(wrongDomain.body()).contains("WRONG_AUDIENCE");
        assertThat(wrongDomain.status()).isEqualTo(422);
        // The failed attempts used nothing up: the right answer verifies, once; then the challenge is spent, for the
        // same presentation and for any other answer to it.
        Api.Response first = verifyPresentation(vp, options);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("credentialResults").get(0).get("verified").asBoolean()).isTrue();
        Api.Response replay = verifyPresentation(vp, options);
        assertThat(replay.status()).isEqualTo(422);
        assertThat(replay.body()).contains("CHALLENGE_REPLAYED");
        assertThat(verifyPresentation(other, options).body()).contains("CHALLENGE_REPLAYED");

        // A sealed challenge that was altered is not one of ours: it is only matched against the proof, which it fails.
        String forged = challenge.substring(0, challenge.length() - 2) + (challenge.endsWith("AA") ? "BB" : "AA");
        assertThat(verifyPresentation(vp, Map.of("challenge", forged, "domain", "verifier.example")).body()).contains("WRONG_CHALLENGE");
    }

    @Test
    void aChallengeTheCallerChoseIsMatchedButNotRememberedSoTheSuitesRepeatedPresentationsVerify() {
        // The VC Data Model suite answers its one challenge with many presentations, and two of them mean the same
        // (holder as a string and as {id}): signed in the same second by the same key, their proofs are identical.
        ObjectNode vc = (ObjectNode) Api.JSON.readTree(read(W3C.resolve("vc-di-eddsa/validVc.json")));
        vc.put("issuer", did);
        JsonNode signed = issue(vc, Map.of()).json().get("verifiableCredential");
        Ed25519KeyPair holder = Ed25519KeyPair.generate();
        String challenge = "challenge-" + System.nanoTime();
        Map<String, Object> options = Map.of("challenge", challenge, "domain", "verifier.example");
        JsonObject first = presentation(holder, signed, challenge, "verifier.example");
        JsonObject second = Json.createObjectBuilder(presentation(holder, signed, challenge, "verifier.example", false)).build();
        assertThat(verifyPresentation(first, options).status()).isEqualTo(200);
        assertThat(verifyPresentation(second, options).status()).isEqualTo(200);
        assertThat(verifyPresentation(first, options).status()).isEqualTo(200);
        assertThat(verifyPresentation(first, Map.of("challenge", challenge + "x", "domain", "verifier.example")).body())
                .contains("WRONG_CHALLENGE");
    }

    @Test
    void aSignedPresentationThatNamesNoHolderIsHeldByItsSigner() {
        // As the VC Data Model suite's createLocalVp makes them: holder left out, signed by a did:key.
        ObjectNode vc = (ObjectNode) Api.JSON.readTree(read(W3C.resolve("vc-di-eddsa/validVc.json")));
        vc.put("issuer", did);
        JsonNode signed = issue(vc, Map.of()).json().get("verifiableCredential");
        Ed25519KeyPair holder = Ed25519KeyPair.generate();
        String challenge = "challenge-" + System.nanoTime();
        JsonObject named = presentation(holder, signed, challenge, "verifier.example");
        JsonObject unnamed = presentation(holder, signed, challenge, "verifier.example", false);
        assertThat(unnamed.containsKey("holder")).isFalse();
        Api.Response response = verifyPresentation(unnamed, Map.of("challenge", challenge, "domain", "verifier.example"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("presentationResult").get("checks").toString()).contains("proof");

        // A holder that is not the signer is still refused.
        JsonObject other = Json.createObjectBuilder(named).add("holder", DidKeyResolver.didFor(Ed25519KeyPair.generate().publicKey()))
                .build();
        assertThat(verifyPresentation(other, Map.of()).status()).isEqualTo(422);
    }

    @Test
    void aPresentationWithoutAProofVerifiesItsCredentialsButCannotAnswerAChallenge() {
        ObjectNode vc = (ObjectNode) Api.JSON.readTree(read(W3C.resolve("vc-di-eddsa/validVc.json")));
        vc.put("issuer", did);
        JsonNode signed = issue(vc, Map.of()).json().get("verifiableCredential");
        ObjectNode vp = (ObjectNode) Api.JSON.readTree(read(W3C.resolve("vc-data-model-2.0/presentation-ok.json")));
        vp.putArray("verifiableCredential").add(signed);
        assertThat(verifyPresentation(jakarta(vp), Map.of()).status()).isEqualTo(200);
        Api.Response challenged = verifyPresentation(jakarta(vp), Map.of("challenge", "abc"));
        assertThat(challenged.status()).isEqualTo(422);
        assertThat(challenged.body()).contains("NO_HOLDER_PROOF");

        ((ObjectNode) vp.get("verifiableCredential").get(0).get("credentialSubject")).put("name", "Altered");
        Api.Response altered = verifyPresentation(jakarta(vp), Map.of());
        assertThat(altered.status()).isEqualTo(422);
        assertThat(altered.json().get("credentialResults").get(0).get("verified").asBoolean()).isFalse();
    }

    @Test
    void theDataModelSuitesPresentationsOfNoCredentialsVerifyAndTheirUnsignedCredentialsDoNot() {
        int verified = 0;
        for (Path file : fixtures("-ok.json")) {
            if (!file.getFileName().toString().startsWith("presentation-")) continue;
            String text = read(file);
            Api.Response response = api().post("/presentations/verify", ("{\"verifiablePresentation\":" + text + "}")
                    .getBytes(StandardCharsets.UTF_8), "application/json");
            if (Api.JSON.readTree(text).has("verifiableCredential")) {
                // The suite's example credentials are unsigned (or enveloped): a verifier must not pass them.
                assertThat(response.status()).as(file + ": " + response.body()).isIn(400, 422);
            } else {
                assertThat(response.status()).as(file + ": " + response.body()).isEqualTo(200);
                verified++;
            }
        }
        assertThat(verified).isEqualTo(3);
    }

    @Test
    void theDataModelSuitesMalformedPresentationsAreA400() {
        for (Path file : fixtures("-fail.json")) {
            if (!file.getFileName().toString().startsWith("presentation-")) continue;
            Api.Response response = api().post("/presentations/verify", ("{\"verifiablePresentation\":" + read(file) + "}")
                    .getBytes(StandardCharsets.UTF_8), "application/json");
            assertThat(response.status()).as(file + ": " + response.body()).isIn(400, 422);
        }
        Api.Response noContext = api().post("/presentations/verify", ("{\"verifiablePresentation\":"
                + read(W3C.resolve("vc-data-model-2.0/presentation-no-context-fail-or-inject.json")) + "}")
                .getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(noContext.status()).isEqualTo(400);
    }

    @Test
    void theBadgePagesUnderCredentialsAreUntouched() {
        assertThat(api().get("/credentials/verify").status()).isNotEqualTo(200);
        assertThat(api().get("/credentials/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** The VC-API credentials with a status entry that this test's organization issued. */
    private long ownCredentials() {
        return db.sql("select count(*) from vc_api_credentials c join organizations o on o.id = c.organization_id where o.slug = ?")
                .param(slug).query(Long.class).single();
    }

    private void assertNotVerified(JsonNode credential, String code) {
        Api.Response response = verify(credential);
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("verified").asBoolean()).isFalse();
        assertThat(response.json().get("errors").size()).isPositive();
        if (code != null) assertThat(response.json().get("errors").toString()).contains(code);
    }

    private Api.Response verify(JsonNode credential) {
        return api().post("/credentials/verify", Map.of("verifiableCredential", credential, "options", Map.of("checks", List.of("proof"))));
    }

    private Api.Response verifyPresentation(JsonObject vp, Map<String, Object> options) {
        return api().post("/presentations/verify", Map.of("verifiablePresentation", Api.JSON.readTree(vp.toString()), "options", options));
    }

    private Api.Response issue(JsonNode credential, Map<String, Object> options) {
        return key.post(ISSUE.formatted(slug), Map.of("credential", credential, "options", options));
    }

    /** What the suites' {@code createRequestBody} does: the issuer is filled in with the implementation's id unless given. */
    private static ObjectNode asTheSuiteSendsIt(ObjectNode credential, String issuerId) {
        ObjectNode copy = credential.deepCopy();
        JsonNode issuer = copy.get("issuer");
        if (issuer != null && issuer.isObject()) {
            if (!(issuer.has("id") && issuer.get("id").isNull()) && (!issuer.has("id") || issuer.get("id").asText().isEmpty())) {
                ((ObjectNode) issuer).put("id", issuerId);
            }
        } else if (!(copy.has("issuer") && copy.get("issuer").isNull()) && (issuer == null || issuer.asText().isEmpty())) {
            copy.put("issuer", issuerId);
        }
        return copy;
    }

    private static String outOfTime(JsonNode vc) {
        Instant now = Instant.now();
        if (vc.has("validFrom") && java.time.OffsetDateTime.parse(vc.get("validFrom").asText()).toInstant().isAfter(now)) return "NOT_YET_VALID";
        if (vc.has("validUntil") && java.time.OffsetDateTime.parse(vc.get("validUntil").asText()).toInstant().isBefore(now)) return "EXPIRED";
        return null;
    }

    /** The suite's testTemporality: its placeholders become a date a year ago and a year ahead. */
    private static ObjectNode withSuiteDates(ObjectNode credential) {
        String past = Instant.now().minus(java.time.Duration.ofDays(365)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String future = Instant.now().plus(java.time.Duration.ofDays(365)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        for (String member : List.of("validFrom", "validUntil")) {
            if (credential.has(member) && credential.get(member).asText().equals("PAST DATE")) credential.put(member, past);
            if (credential.has(member) && credential.get(member).asText().equals("FUTURE DATE")) credential.put(member, future);
        }
        if (credential.has("validFrom") && credential.get("validFrom").asText().equals("VALID FROM")) credential.put("validFrom", past);
        return credential;
    }

    private static ObjectNode credential(String issuer) {
        ObjectNode vc = (ObjectNode) Api.JSON.readTree(read(W3C.resolve("vc-data-model-2.0/credential-ok.json")));
        vc.put("issuer", issuer);
        return vc;
    }

    private static ObjectNode withIssuer(ObjectNode vc, Map<String, String> issuer) {
        ObjectNode object = vc.putObject("issuer");
        issuer.forEach(object::put);
        return vc;
    }

    /** A presentation of one credential with the holder's eddsa-rdfc-2022 authentication proof. */
    private static JsonObject presentation(Ed25519KeyPair holder, JsonNode credential, String challenge, String domain) {
        return presentation(holder, credential, challenge, domain, true);
    }

    private static JsonObject presentation(Ed25519KeyPair holder, JsonNode credential, String challenge, String domain,
            boolean namesHolder) {
        String holderDid = DidKeyResolver.didFor(holder.publicKey());
        var builder = Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2"))
                .add("type", Json.createArrayBuilder().add("VerifiablePresentation"));
        if (namesHolder) builder.add("holder", holderDid);
        JsonObject vp = builder.add("verifiableCredential", Json.createArrayBuilder().add(jakarta(credential))).build();
        JsonObject signed = EddsaRdfc2022.create().sign(vp, new ProofOptions(DidKeyResolver.verificationMethodFor(holder.publicKey()),
                "authentication", Instant.now(), null, domain, challenge), holder);
        return Json.createObjectBuilder(signed).add("proof", signed.getJsonArray("proof").getJsonObject(0)).build();
    }

    private static JsonObject jakarta(JsonNode node) {
        try (var reader = Json.createReader(new java.io.StringReader(node.toString()))) {
            return reader.readObject();
        }
    }

    private static List<Path> fixtures(String suffix) {
        try (Stream<Path> files = Files.list(W3C.resolve("vc-data-model-2.0"))) {
            return new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
