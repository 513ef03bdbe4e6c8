package io.guildmark.credentials.holder;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.guildmark.credentials.did.CompositeDidResolver;
import io.guildmark.credentials.did.DidDocument;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.did.DidWeb;
import io.guildmark.credentials.did.DocumentFetcher;
import io.guildmark.credentials.did.VerificationMethod;
import io.guildmark.credentials.holder.HolderProofResult.Code;
import io.guildmark.credentials.holder.HolderProofVerifier.Challenge;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HolderProofVerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");
    private static final String AUDIENCE = "https://guildmark.example";
    private static final String NONCE = "n-0123456789abcdef";
    private static final Challenge CHALLENGE = new Challenge(NONCE, AUDIENCE);
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final Ed25519KeyPair key = Ed25519KeyPair.generate();
    private final String did = DidKeyResolver.didFor(key.publicKey());
    private final String kid = DidKeyResolver.verificationMethodFor(key.publicKey());
    private final Map<URI, byte[]> web = new HashMap<>();
    private final HolderProofVerifier verifier = new HolderProofVerifier(CompositeDidResolver.builder()
            .method("key", new DidKeyResolver())
            .method("web", io.guildmark.credentials.did.DidWebResolver.https(uri -> DocumentFetcher.ofMap(web).fetch(uri)))
            .build(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aJwtSignedWithTheDidKeyProvesControl() {
        var result = verifier.verify(HolderProofs.jwt(key, kid, did, NONCE, AUDIENCE, NOW, LIFETIME), CHALLENGE);
        assertThat(result.code()).as(result.message()).isEqualTo(Code.OK);
        assertThat(result.did()).isEqualTo(did);
        assertThat(result.verificationMethod()).isEqualTo(kid);
        assertThat(result.format()).isEqualTo("jwt");
    }

    @Test
    void aPresentationJwtProvesControl() {
        var result = verifier.verify(HolderProofs.presentationJwt(key, kid, did, NONCE, AUDIENCE, NOW, LIFETIME), CHALLENGE);
        assertThat(result.code()).as(result.message()).isEqualTo(Code.OK);
        assertThat(result.format()).isEqualTo("vp-jwt");
    }

    @Test
    void aPresentationJwtInABatchIsCheckedForItsSignatureAndComparesItsNonceAndAudienceOnlyWhenAsked() {
        String jwt = HolderProofs.presentationJwt(key, kid, did, NONCE, AUDIENCE, NOW, LIFETIME);
        assertThat(verifier.verifyPresentationJwt(jwt, null, null).code()).isEqualTo(Code.OK);
        assertThat(verifier.verifyPresentationJwt(jwt, NONCE, AUDIENCE).code()).isEqualTo(Code.OK);
        assertThat(verifier.verifyPresentationJwt(jwt, "another-check", AUDIENCE).code()).isEqualTo(Code.WRONG_CHALLENGE);
        assertThat(verifier.verifyPresentationJwt(jwt, NONCE, "https://elsewhere.example").code()).isEqualTo(Code.WRONG_AUDIENCE);

        String[] parts = jwt.split("\\.");
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"vp+jwt\",\"kid\":\"" + kid + "\"}") + "." + parts[1] + ".";
        assertThat(verifier.verifyPresentationJwt(unsigned, null, null).code()).isEqualTo(Code.UNSUPPORTED_ALGORITHM);
        String forged = parts[0] + "." + b64("{\"iss\":\"" + did + "\",\"vp\":{\"holder\":\"" + did + "\"}}") + "." + parts[2];
        assertThat(verifier.verifyPresentationJwt(forged, null, null).code()).isEqualTo(Code.INVALID_SIGNATURE);
        assertThat(verifier.verifyPresentationJwt("not a jwt", null, null).code()).isEqualTo(Code.MALFORMED);
        String expired = HolderProofs.presentationJwt(key, kid, did, NONCE, AUDIENCE, NOW.minus(Duration.ofHours(1)), LIFETIME);
        assertThat(verifier.verifyPresentationJwt(expired, null, null).code()).as("exp counts without a challenge too").isEqualTo(Code.EXPIRED);
    }

    @Test
    void aPresentationWithADataIntegrityProofProvesControl() {
        JsonObject vp = HolderProofs.presentation(key, kid, did, NONCE, AUDIENCE, NOW);
        var result = verifier.verify(vp.toString(), CHALLENGE);
        assertThat(result.code()).as(result.message()).isEqualTo(Code.OK);
        assertThat(result.did()).isEqualTo(did);
        assertThat(result.format()).isEqualTo("vp-data-integrity");
        assertThat(HolderProofVerifier.claimedNonce(vp.toString())).contains(NONCE);
    }

    @Test
    void theNonceCanBeReadBeforeAnythingIsChecked() {
        assertThat(HolderProofVerifier.claimedNonce(HolderProofs.jwt(key, kid, did, NONCE, AUDIENCE, NOW, LIFETIME))).contains(NONCE);
        assertThat(HolderProofVerifier.claimedNonce("not a proof")).isEmpty();
        assertThat(HolderProofVerifier.claimedNonce("{" + "[".repeat(10_000))).isEmpty();
    }

    @Test
    void aProofForAnotherChallengeOrSiteIsRefused() {
        assertThat(verifier.verify(HolderProofs.jwt(key, kid, did, "other", AUDIENCE, NOW, LIFETIME), CHALLENGE).code())
                .isEqualTo(Code.WRONG_CHALLENGE);
        assertThat(verifier.verify(HolderProofs.jwt(key, kid, did, NONCE, "https://evil.example", NOW, LIFETIME), CHALLENGE).code())
                .isEqualTo(Code.WRONG_AUDIENCE);
        assertThat(verifier.verify(HolderProofs.presentation(key, kid, did, "other", AUDIENCE, NOW).toString(), CHALLENGE).code())
                .isEqualTo(Code.WRONG_CHALLENGE);
        assertThat(verifier.verify(HolderProofs.presentation(key, kid, did, NONCE, "https://evil.example", NOW).toString(), CHALLENGE).code())
                .isEqualTo(Code.WRONG_AUDIENCE);
    }

    @Test
    void anExpiredOrFutureJwtIsRefused() {
        assertThat(verifier.verify(HolderProofs.jwt(key, kid, did, NONCE, AUDIENCE, NOW.minus(Duration.ofHours(1)), LIFETIME), CHALLENGE).code())
                .isEqualTo(Code.EXPIRED);
        assertThat(verifier.verify(HolderProofs.jwt(key, kid, did, NONCE, AUDIENCE, NOW.plus(Duration.ofHours(1)), LIFETIME), CHALLENGE).code())
                .isEqualTo(Code.NOT_YET_VALID);
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        Ed25519KeyPair other = Ed25519KeyPair.generate();
        // Signed by another key, but claiming to be the DID's key.
        assertThat(verifier.verify(HolderProofs.jwt(other, kid, did, NONCE, AUDIENCE, NOW, LIFETIME), CHALLENGE).code())
                .isEqualTo(Code.INVALID_SIGNATURE);
        assertThat(verifier.verify(HolderProofs.presentation(other, kid, did, NONCE, AUDIENCE, NOW).toString(), CHALLENGE).code())
                .isEqualTo(Code.INVALID_SIGNATURE);
        // Signed by the other key, naming it honestly: it belongs to another DID.
        String otherKid = DidKeyResolver.verificationMethodFor(other.publicKey());
        assertThat(verifier.verify(HolderProofs.jwt(other, otherKid, did, NONCE, AUDIENCE, NOW, LIFETIME), CHALLENGE).code())
                .isEqualTo(Code.KEY_NOT_AUTHORIZED);
    }

    @Test
    void anAlteredPresentationIsRefused() {
        JsonObject vp = HolderProofs.presentation(key, kid, did, "first", AUDIENCE, NOW);
        JsonObject altered = Json.createObjectBuilder(vp)
                .add("proof", Json.createObjectBuilder(vp.getJsonObject("proof")).add("challenge", NONCE)).build();
        assertThat(verifier.verify(altered.toString(), CHALLENGE).code()).isEqualTo(Code.INVALID_SIGNATURE);
    }

    @Test
    void noneAndMalformedAndOversizedProofsAreRefused() {
        String header = b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}");
        String payload = b64("{\"iss\":\"" + did + "\",\"nonce\":\"" + NONCE + "\",\"aud\":\"" + AUDIENCE + "\"}");
        assertThat(verifier.verify(header + "." + payload + ".AAAA", CHALLENGE).code()).isEqualTo(Code.UNSUPPORTED_ALGORITHM);
        String hs = b64("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}");
        assertThat(verifier.verify(hs + "." + payload + ".AAAA", CHALLENGE).code()).isEqualTo(Code.UNSUPPORTED_ALGORITHM);
        assertThat(verifier.verify("", CHALLENGE).code()).isEqualTo(Code.MALFORMED);
        assertThat(verifier.verify("hello", CHALLENGE).code()).isEqualTo(Code.MALFORMED);
        assertThat(verifier.verify("{\"type\":\"VerifiablePresentation\"", CHALLENGE).code()).isEqualTo(Code.MALFORMED);
        assertThat(verifier.verify("{\"a\":" + "[".repeat(50_000) + "}", CHALLENGE).code()).isEqualTo(Code.MALFORMED);
        assertThat(verifier.verify("x".repeat(HolderProofVerifier.MAX_PROOF_LENGTH + 1), CHALLENGE).code()).isEqualTo(Code.TOO_LARGE);
        String noIss = b64("{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\"}") + "." + b64("{\"nonce\":\"" + NONCE + "\"}") + ".AAAA";
        assertThat(verifier.verify(noIss, CHALLENGE).code()).isEqualTo(Code.MALFORMED);
    }

    @Test
    void aDidWebKeyListedForAuthenticationProvesControl() throws Exception {
        String webDid = "did:web:wallet.example:people:ada";
        publish(webDid, DidDocument.builder(webDid)
                .verificationMethod(VerificationMethod.ed25519Multikey(webDid + "#auth", webDid, key.publicKey()))
                .authentication(webDid + "#auth").build());
        var result = verifier.verify(HolderProofs.jwt(key, webDid + "#auth", webDid, NONCE, AUDIENCE, NOW, LIFETIME), CHALLENGE);
        assertThat(result.code()).as(result.message()).isEqualTo(Code.OK);
        assertThat(result.did()).isEqualTo(webDid);
        assertThat(verifier.verify(HolderProofs.presentation(key, webDid + "#auth", webDid, NONCE, AUDIENCE, NOW).toString(), CHALLENGE).code())
                .isEqualTo(Code.OK);
    }

    @Test
    void aDidWebKeyThatIsNotInTheDocumentOrListedForNothingIsRefused() throws Exception {
        String webDid = "did:web:wallet.example:people:bo";
        publish(webDid, DidDocument.builder(webDid)
                .verificationMethod(VerificationMethod.ed25519Multikey(webDid + "#listed", webDid, key.publicKey()))
                .verificationMethod(VerificationMethod.ed25519Multikey(webDid + "#idle", webDid, key.publicKey()))
                .authentication(webDid + "#listed").build());
        assertThat(verifier.verify(HolderProofs.jwt(key, webDid + "#missing", webDid, NONCE, AUDIENCE, NOW, LIFETIME), CHALLENGE).code())
                .isEqualTo(Code.KEY_NOT_IN_DOCUMENT);
        assertThat(verifier.verify(HolderProofs.jwt(key, webDid + "#idle", webDid, NONCE, AUDIENCE, NOW, LIFETIME), CHALLENGE).code())
                .isEqualTo(Code.KEY_NOT_AUTHORIZED);
    }

    @Test
    void anEs256KeyInADidWebDocumentProvesControl() throws Exception {
        String webDid = "did:web:wallet.example:people:cy";
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        JsonObject publicJwk = Json.createReader(new java.io.StringReader(ec.toPublicJWK().toJSONString())).readObject();
        publish(webDid, DidDocument.builder(webDid).assertionKey(VerificationMethod.jsonWebKey(webDid + "#p256", webDid, publicJwk)).build());
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(webDid + "#p256").build(),
                new Payload("{\"iss\":\"" + webDid + "\",\"aud\":\"" + AUDIENCE + "\",\"nonce\":\"" + NONCE + "\",\"iat\":"
                        + NOW.getEpochSecond() + ",\"exp\":" + NOW.plusSeconds(300).getEpochSecond() + "}"));
        jws.sign(new ECDSASigner(ec));
        var result = verifier.verify(jws.serialize(), CHALLENGE);
        assertThat(result.code()).as(result.message()).isEqualTo(Code.OK);
    }

    @Test
    void anUnresolvableDidWebIsRefusedWithTheReason() {
        var refusing = new HolderProofVerifier(CompositeDidResolver.builder().method("web",
                io.guildmark.credentials.did.DidWebResolver.https(uri -> {
                    throw new IOException("address not allowed");
                })).build(), Clock.fixed(NOW, ZoneOffset.UTC));
        String webDid = "did:web:10.0.0.1";
        var result = refusing.verify(HolderProofs.jwt(key, webDid + "#k", webDid, NONCE, AUDIENCE, NOW, LIFETIME), CHALLENGE);
        assertThat(result.code()).isEqualTo(Code.DID_NOT_RESOLVED);
        assertThat(result.message()).contains("address not allowed");
        assertThat(verifier.verify(HolderProofs.jwt(key, "did:example:1#k", "did:example:1", NONCE, AUDIENCE, NOW, LIFETIME), CHALLENGE).code())
                .isEqualTo(Code.DID_NOT_RESOLVED);
    }

    private void publish(String webDid, DidDocument document) throws Exception {
        web.put(DidWeb.toUrl(webDid, false), document.toJson().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
