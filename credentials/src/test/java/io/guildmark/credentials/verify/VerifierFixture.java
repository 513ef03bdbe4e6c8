package io.guildmark.credentials.verify;

import io.guildmark.credentials.did.DidDocument;
import io.guildmark.credentials.did.DidWeb;
import io.guildmark.credentials.did.DocumentFetcher;
import io.guildmark.credentials.did.VerificationMethod;
import io.guildmark.credentials.jwt.JwtSigningKey;
import io.guildmark.credentials.ob3.IdentityObject;
import io.guildmark.credentials.proof.EddsaRdfc2022;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import io.guildmark.credentials.proof.ProofOptions;
import io.guildmark.credentials.status.BitstringStatusList;
import io.guildmark.credentials.status.BitstringStatusListCredential;
import io.guildmark.credentials.status.BitstringStatusListEntry;
import io.guildmark.credentials.status.RevocationList;
import io.guildmark.credentials.status.StatusPurpose;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** The Acme Guild: its keys, DID document, status lists, and credentials it awards to Jane Doe. */
final class VerifierFixture {

    static final String ISSUER = "did:web:example.com:issuers:acme";
    static final String KEY_1 = ISSUER + "#key-1";
    static final String KEY_2 = ISSUER + "#key-2";
    static final String REVOCATIONS = "https://example.com/status/revocation/1";
    static final String SUSPENSIONS = "https://example.com/status/suspension/1";
    static final String ONE_EDTECH_LIST = "https://example.com/credentials/revocations";
    static final String EMAIL = "jane.doe@example.org";
    static final String SALT = "pepper-7f3a";
    static final Instant NOW_INSTANT = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock NOW = Clock.fixed(NOW_INSTANT, ZoneOffset.UTC);
    static final Ed25519KeyPair OLD_KEY = Ed25519KeyPair.generate();
    static final Ed25519KeyPair CURRENT_KEY = Ed25519KeyPair.generate();
    static final JwtSigningKey RSA = JwtSigningKey.generateRsa(ISSUER + "#rsa-1");

    static final EddsaRdfc2022 SUITE = EddsaRdfc2022.create();

    final Map<URI, byte[]> documents = new HashMap<>();
    boolean oldKeyRetired = false;

    VerifierFixture() {
        publishDidDocument();
        publishList(REVOCATIONS, StatusPurpose.REVOCATION, 7);
        publishList(SUSPENSIONS, StatusPurpose.SUSPENSION, 8);
        publish(ONE_EDTECH_LIST, RevocationList.builder(ONE_EDTECH_LIST, ISSUER)
                .revoke("urn:uuid:11111111-2222-4333-8444-555555555555", "Awarded in error").build().toJson());
    }

    VerifierFixture retireOldKey() {
        oldKeyRetired = true;
        publishDidDocument();
        return this;
    }

    void publishDidDocument() {
        var old = VerificationMethod.ed25519Multikey(KEY_1, ISSUER, OLD_KEY.publicKey());
        var b = DidDocument.builder(ISSUER)
                .assertionKey(VerificationMethod.ed25519Multikey(KEY_2, ISSUER, CURRENT_KEY.publicKey()))
                .assertionKey(VerificationMethod.jsonWebKey(RSA.kid(), ISSUER,
                        Json.createReader(new StringReader(RSA.publicJwk().toJSONString())).readObject()));
        var doc = (oldKeyRetired ? b.verificationMethod(old) : b.assertionKey(old)).build();
        try {
            publish(DidWeb.toUrl(ISSUER).toString(), doc.toJson());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void publishList(String url, StatusPurpose purpose, int... setBits) {
        var list = new BitstringStatusList();
        for (int i : setBits) {
            list.set(i, true);
        }
        publish(url, sign(BitstringStatusListCredential.unsigned(url, ISSUER, purpose, list,
                Instant.parse("2026-02-01T00:00:00Z"), null), CURRENT_KEY, KEY_2));
    }

    void publish(String url, JsonObject json) {
        documents.put(URI.create(url), json.toString().getBytes(StandardCharsets.UTF_8));
    }

    Verifier verifier() {
        return Verifier.builder().documentFetcher(DocumentFetcher.ofMap(documents)).clock(NOW).build();
    }

    static JsonObject sign(JsonObject unsigned, Ed25519KeyPair key, String verificationMethod) {
        return SUITE.sign(unsigned, ProofOptions.assertion(verificationMethod, Instant.parse("2026-01-15T09:30:00Z")), key);
    }

    static JsonObjectBuilder credential() {
        return Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2")
                        .add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")
                        .add("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"))
                .add("id", "urn:uuid:0b7d3c1e-5f7a-4c44-9a55-8b1f0c2d3e4f")
                .add("type", Json.createArrayBuilder().add("VerifiableCredential").add("OpenBadgeCredential"))
                .add("issuer", Json.createObjectBuilder().add("id", ISSUER)
                        .add("type", Json.createArrayBuilder().add("Profile")).add("name", "Acme Guild"))
                .add("validFrom", "2026-01-15T09:30:00Z")
                .add("name", "Welding level 2")
                .add("credentialSubject", Json.createObjectBuilder()
                        .add("type", Json.createArrayBuilder().add("AchievementSubject"))
                        .add("identifier", Json.createArrayBuilder()
                                .add(IdentityObject.hashedEmail(EMAIL, SALT).toJson())
                                .add(Json.createObjectBuilder().add("type", "IdentityObject")
                                        .add("identityHash", "Jane Doe").add("identityType", "name")
                                        .add("hashed", false)))
                        .add("achievement", Json.createObjectBuilder()
                                .add("id", "https://example.com/achievements/welding-2")
                                .add("type", Json.createArrayBuilder().add("Achievement"))
                                .add("name", "Welding level 2")
                                .add("description", "Welds structural steel to code.")
                                .add("criteria", Json.createObjectBuilder().add("narrative", "Pass the practical test."))));
    }

    static JsonObject signed(JsonObjectBuilder credential) {
        return sign(credential.build(), CURRENT_KEY, KEY_2);
    }

    static JsonObject withRevocationEntry(int index) {
        return signed(credential().add("credentialStatus",
                BitstringStatusListEntry.of(REVOCATIONS, StatusPurpose.REVOCATION, index).toJson()));
    }

    static byte[] utf8(Object o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }
}
