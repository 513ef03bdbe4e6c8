package io.guildmark.credentials.jwt;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.guildmark.credentials.did.DidDocument;
import io.guildmark.credentials.did.DidWeb;
import io.guildmark.credentials.did.DidWebResolver;
import io.guildmark.credentials.did.DocumentFetcher;
import io.guildmark.credentials.did.VerificationMethod;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** An issuer with RSA, EC and Ed25519 keys published in its did:web document, and its credentials. */
final class JwtFixture {

    static final String ISSUER = "did:web:example.com:issuers:acme";
    static final Clock NOW = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    static final JwtSigningKey RSA = JwtSigningKey.generateRsa(ISSUER + "#rsa-1");
    static final JwtSigningKey ED25519 = JwtSigningKey.generateEd25519(ISSUER + "#ed-1");
    static final JwtSigningKey RETIRED_RSA = JwtSigningKey.generateRsa(ISSUER + "#rsa-0");
    static final JwtSigningKey EC = ec();

    private JwtFixture() {
    }

    private static JwtSigningKey ec() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).generate();
            return JwtSigningKey.ec(key, ISSUER + "#ec-1");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject jwk(JwtSigningKey key) {
        return Json.createReader(new StringReader(key.publicJwk().toJSONString())).readObject();
    }

    static DidDocument issuerDocument() {
        var edX = Base64.getUrlDecoder().decode(jwk(ED25519).getString("x"));
        return DidDocument.builder(ISSUER)
                .assertionKey(VerificationMethod.jsonWebKey(RSA.kid(), ISSUER, jwk(RSA)))
                .assertionKey(VerificationMethod.jsonWebKey(EC.kid(), ISSUER, jwk(EC)))
                .assertionKey(VerificationMethod.ed25519Multikey(ED25519.kid(), ISSUER, edX))
                // Retired: still listed, no longer an assertion method.
                .verificationMethod(VerificationMethod.jsonWebKey(RETIRED_RSA.kid(), ISSUER, jwk(RETIRED_RSA)))
                .build();
    }

    static DocumentFetcher fetcher(DidDocument... documents) {
        Map<URI, byte[]> map = new HashMap<>();
        for (var d : documents) {
            try {
                map.put(DidWeb.toUrl(d.id()), d.toJson().toString().getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return DocumentFetcher.ofMap(map);
    }

    static JwtKeyResolver resolver() {
        return new DidJwtKeyResolver(DidWebResolver.https(fetcher(issuerDocument())), NOW);
    }

    static JsonObject credential(String validFrom, String validUntil) {
        var b = Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2")
                        .add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"))
                .add("id", "urn:uuid:4a7e0f2c-1111-4c5d-9a0e-0c1a2b3c4d5e")
                .add("type", Json.createArrayBuilder().add("VerifiableCredential").add("OpenBadgeCredential"))
                .add("issuer", Json.createObjectBuilder().add("id", ISSUER)
                        .add("type", Json.createArrayBuilder().add("Profile")).add("name", "Acme Guild"))
                .add("validFrom", validFrom)
                .add("name", "Welding level 2")
                .add("credentialSubject", Json.createObjectBuilder().add("id", "did:example:learner")
                        .add("type", Json.createArrayBuilder().add("AchievementSubject")));
        if (validUntil != null) {
            b.add("validUntil", validUntil);
        }
        return b.build();
    }

    static JsonObject credential() {
        return credential("2026-01-15T09:30:00Z", null);
    }
}
