package io.guildmark.credentials.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import io.guildmark.credentials.jwt.JwtVerificationResult.Code;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class VcJwtTest {

    private static JsonObject part(String jwt, int index) {
        var json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rs256TokenCarriesTheCredentialAndTheClaimsOb3Requires() {
        var jwt = VcJwt.sign(JwtFixture.credential("2026-01-15T09:30:00Z", "2027-01-15T09:30:00Z"), JwtFixture.RSA,
                JwtFixture.NOW);

        var header = part(jwt, 0);
        assertThat(header.keySet()).containsExactlyInAnyOrder("alg", "typ", "kid");
        assertThat(header.getString("alg")).isEqualTo("RS256");
        assertThat(header.getString("typ")).isEqualTo("JWT");
        assertThat(header.getString("kid")).isEqualTo(JwtFixture.ISSUER + "#rsa-1");
        var payload = part(jwt, 1);
        assertThat(payload.getString("iss")).isEqualTo(JwtFixture.ISSUER);
        assertThat(payload.getString("sub")).isEqualTo("did:example:learner");
        assertThat(payload.getString("jti")).isEqualTo("urn:uuid:4a7e0f2c-1111-4c5d-9a0e-0c1a2b3c4d5e");
        assertThat(payload.getJsonNumber("nbf").longValue()).isEqualTo(1768469400L);
        assertThat(payload.getJsonNumber("exp").longValue()).isEqualTo(1800005400L);
        assertThat(payload.getJsonNumber("iat").longValue()).isEqualTo(JwtFixture.NOW.instant().getEpochSecond());
        assertThat(payload.getString("name")).isEqualTo("Welding level 2");
    }

    @Test
    void rs256TokenVerifiesAndGivesBackTheCredential() {
        var credential = JwtFixture.credential();
        var jwt = VcJwt.sign(credential, JwtFixture.RSA, JwtFixture.NOW);

        var result = VcJwt.verify(jwt, JwtFixture.resolver(), JwtFixture.NOW);

        assertThat(result.failures()).isEmpty();
        assertThat(result.isValid()).isTrue();
        assertThat(result.credential()).isEqualTo(credential);
        assertThat(result.algorithm()).isEqualTo("RS256");
    }

    @Test
    void eddsaTokenVerifiesWithTheIssuersMultikey() {
        var jwt = VcJwt.sign(JwtFixture.credential(), JwtFixture.ED25519, JwtFixture.NOW);

        var result = VcJwt.verify(jwt, JwtFixture.resolver(), JwtFixture.NOW);

        assertThat(part(jwt, 0).getString("alg")).isEqualTo("EdDSA");
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void es256TokenVerifies() {
        var jwt = VcJwt.sign(JwtFixture.credential(), JwtFixture.EC, JwtFixture.NOW);

        assertThat(VcJwt.verify(jwt, JwtFixture.resolver(), JwtFixture.NOW).failures()).isEmpty();
    }

    @Test
    void jwtWithAlgNoneIsRefused() {
        var jwt = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(JwtFixture.credential().toString()) + ".";

        var result = VcJwt.verify(jwt, JwtFixture.resolver(), JwtFixture.NOW);

        assertThat(result.failures()).extracting(JwtVerificationResult.Failure::code)
                .containsExactly(Code.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void jwtWithHmacIsRefusedEvenWhenKeyedWithThePublicKey() throws Exception {
        // The classic confusion attack: HS256 keyed with the issuer's public RSA key.
        var secret = JwtFixture.RSA.publicJwk().toJSONString().getBytes(StandardCharsets.UTF_8);
        var jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(JwtFixture.RSA.kid()).build(),
                new Payload(JwtFixture.credential().toString()));
        jws.sign(new MACSigner(secret));

        var result = VcJwt.verify(jws.serialize(), JwtFixture.resolver(), JwtFixture.NOW);

        assertThat(result.has(Code.UNSUPPORTED_ALGORITHM)).isTrue();
        assertThat(result.isValid()).isFalse();
    }

    @Test
    void tamperedPayloadFailsTheSignature() {
        var jwt = VcJwt.sign(JwtFixture.credential(), JwtFixture.RSA, JwtFixture.NOW);
        var parts = jwt.split("\\.");
        var payload = part(jwt, 1);
        var forged = Json.createObjectBuilder(payload).add("name", "Master welder").build();

        var result = VcJwt.verify(parts[0] + "." + b64(forged.toString()) + "." + parts[2], JwtFixture.resolver(),
                JwtFixture.NOW);

        assertThat(result.failures()).extracting(JwtVerificationResult.Failure::code)
                .containsExactly(Code.INVALID_SIGNATURE);
    }

    @Test
    void embeddedJwkOfTheIssuerIsTrusted() {
        var jwt = VcJwt.sign(JwtFixture.credential(), JwtFixture.RSA.withEmbeddedJwk(), JwtFixture.NOW);

        assertThat(part(jwt, 0).getJsonObject("jwk").containsKey("d")).isFalse();
        assertThat(VcJwt.verify(jwt, JwtFixture.resolver(), JwtFixture.NOW).failures()).isEmpty();
    }

    @Test
    void embeddedJwkThatTheIssuerDoesNotPublishIsNotTrusted() {
        var stranger = JwtSigningKey.generateRsa(null);
        var jwt = VcJwt.sign(JwtFixture.credential(), stranger, JwtFixture.NOW);

        var result = VcJwt.verify(jwt, JwtFixture.resolver(), JwtFixture.NOW);

        assertThat(result.has(Code.KEY_NOT_TRUSTED)).isTrue();
    }

    @Test
    void keyOfAnotherDidIsNotTrustedForThisIssuer() {
        var otherIssuer = "did:web:evil.example";
        var evilKey = JwtSigningKey.generateRsa(otherIssuer + "#k");
        var evilDoc = io.guildmark.credentials.did.DidDocument.builder(otherIssuer)
                .assertionKey(io.guildmark.credentials.did.VerificationMethod.jsonWebKey(evilKey.kid(), otherIssuer,
                        JwtFixture.jwk(evilKey))).build();
        var resolver = new DidJwtKeyResolver(io.guildmark.credentials.did.DidWebResolver.https(
                JwtFixture.fetcher(JwtFixture.issuerDocument(), evilDoc)), JwtFixture.NOW);

        var result = VcJwt.verify(VcJwt.sign(JwtFixture.credential(), evilKey, JwtFixture.NOW), resolver, JwtFixture.NOW);

        assertThat(result.has(Code.KEY_NOT_TRUSTED)).isTrue();
    }

    @Test
    void retiredKeyFailsWithKeyRetired() {
        var jwt = VcJwt.sign(JwtFixture.credential(), JwtFixture.RETIRED_RSA, JwtFixture.NOW);

        var result = VcJwt.verify(jwt, JwtFixture.resolver(), JwtFixture.NOW);

        assertThat(result.failures()).extracting(JwtVerificationResult.Failure::code).containsExactly(Code.KEY_RETIRED);
    }

    @Test
    void unresolvableIssuerDidFailsWithKeyNotResolved() {
        var resolver = new DidJwtKeyResolver(io.guildmark.credentials.did.DidWebResolver.https(JwtFixture.fetcher()));

        var result = VcJwt.verify(VcJwt.sign(JwtFixture.credential(), JwtFixture.RSA), resolver, JwtFixture.NOW);

        assertThat(result.has(Code.KEY_NOT_RESOLVED)).isTrue();
    }

    @Test
    void expiredCredentialFailsWithExpired() {
        var jwt = VcJwt.sign(JwtFixture.credential("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"), JwtFixture.RSA,
                JwtFixture.NOW);

        var result = VcJwt.verify(jwt, JwtFixture.resolver(), JwtFixture.NOW);

        assertThat(result.failures()).extracting(JwtVerificationResult.Failure::code).containsExactly(Code.EXPIRED);
        assertThat(result.signatureFailures()).isEmpty();
    }

    @Test
    void credentialNotYetValidFailsWithNotYetValid() {
        var jwt = VcJwt.sign(JwtFixture.credential("2027-01-01T00:00:00Z", null), JwtFixture.RSA, JwtFixture.NOW);

        assertThat(VcJwt.verify(jwt, JwtFixture.resolver(), JwtFixture.NOW).failures())
                .extracting(JwtVerificationResult.Failure::code).containsExactly(Code.NOT_YET_VALID);
    }

    @Test
    void claimsThatDisagreeWithTheCredentialFail() throws Exception {
        var payload = Json.createObjectBuilder(JwtFixture.credential())
                .add("iss", "did:web:someone.else").add("sub", "did:example:learner")
                .add("nbf", 1768469400L).add("jti", "urn:uuid:other").build();
        var jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(JwtFixture.RSA.kid()).build(), new Payload(payload.toString()));
        jws.sign(new RSASSASigner(((com.nimbusds.jose.jwk.RSAKey) privateOf(JwtFixture.RSA))));

        var result = VcJwt.verify(jws.serialize(), JwtFixture.resolver(), JwtFixture.NOW);

        assertThat(result.has(Code.KEY_NOT_TRUSTED) || result.has(Code.CLAIM_MISMATCH)).isTrue();
        assertThat(result.isValid()).isFalse();
    }

    @Test
    void jtiThatDisagreesWithTheCredentialIdFails() throws Exception {
        var payload = Json.createObjectBuilder(JwtFixture.credential())
                .add("iss", JwtFixture.ISSUER).add("sub", "did:example:learner")
                .add("nbf", 1768469400L).add("jti", "urn:uuid:other").build();
        var jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(JwtFixture.RSA.kid()).build(), new Payload(payload.toString()));
        jws.sign(new RSASSASigner(((com.nimbusds.jose.jwk.RSAKey) privateOf(JwtFixture.RSA))));

        var result = VcJwt.verify(jws.serialize(), JwtFixture.resolver(), JwtFixture.NOW);

        assertThat(result.failures()).extracting(JwtVerificationResult.Failure::code).containsExactly(Code.CLAIM_MISMATCH);
    }

    @Test
    void vcdm11TokenWithVcClaimIsRead() throws Exception {
        var credential = Json.createObjectBuilder(JwtFixture.credential()).remove("validFrom")
                .add("issuanceDate", "2026-01-15T09:30:00Z").build();
        var payload = Json.createObjectBuilder().add("vc", credential).add("iss", JwtFixture.ISSUER)
                .add("sub", "did:example:learner").add("nbf", 1768469400L)
                .add("jti", credential.getString("id")).build();
        var jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(JwtFixture.RSA.kid()).build(),
                new Payload(payload.toString()));
        jws.sign(new RSASSASigner(((com.nimbusds.jose.jwk.RSAKey) privateOf(JwtFixture.RSA))));

        var result = VcJwt.verify(jws.serialize(), JwtFixture.resolver(), JwtFixture.NOW);

        assertThat(result.failures()).isEmpty();
        assertThat(result.credential()).isEqualTo(credential);
    }

    @Test
    void relativeKidIsReadAsAKeyOfTheIssuer() {
        var jwt = VcJwt.sign(JwtFixture.credential(), JwtFixture.RSA.withKid("#rsa-1"), JwtFixture.NOW);

        assertThat(VcJwt.verify(jwt, JwtFixture.resolver(), JwtFixture.NOW).failures()).isEmpty();
    }

    @Test
    void garbageIsMalformedNotAnException() {
        assertThat(VcJwt.verify("not.a.jwt", JwtFixture.resolver()).has(Code.MALFORMED)).isTrue();
        assertThat(VcJwt.verify("abc", JwtFixture.resolver()).has(Code.MALFORMED)).isTrue();
        assertThat(VcJwt.verify(null, JwtFixture.resolver()).has(Code.MALFORMED)).isTrue();
    }

    private static com.nimbusds.jose.jwk.JWK privateOf(JwtSigningKey key) {
        return key.privateJwk();
    }
}
