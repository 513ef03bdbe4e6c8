package io.guildmark.credentials.verify;

import static io.guildmark.credentials.verify.VerifierFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.credentials.baking.BakedCredential.Format;
import io.guildmark.credentials.baking.PngBaker;
import io.guildmark.credentials.baking.SvgBaker;
import io.guildmark.credentials.did.DocumentFetcher;
import io.guildmark.credentials.jwt.JwtSigningKey;
import io.guildmark.credentials.jwt.VcJwt;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import io.guildmark.credentials.status.BitstringStatusList;
import io.guildmark.credentials.status.BitstringStatusListCredential;
import io.guildmark.credentials.status.BitstringStatusListEntry;
import io.guildmark.credentials.status.RevocationList;
import io.guildmark.credentials.status.StatusPurpose;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class VerifierTest {

    private final VerifierFixture fixture = new VerifierFixture();

    private VerificationReport verify(Object input) {
        return fixture.verifier().verify(input instanceof byte[] b ? b : utf8(input), null);
    }

    private static Check check(VerificationReport report, String name) {
        return report.check(name).orElseThrow(() -> new AssertionError("no " + name + " check in " + report.checks()));
    }

    @Test
    void signedCredentialVerifiesWithEveryCheckInOrder() {
        var report = verify(VerifierFixture.signed(VerifierFixture.credential()));

        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        assertThat(report.checks()).extracting(Check::check).containsExactly("format", "schema", "proof", "issuerKey",
                "validFrom", "validUntil", "status", "recipient");
        assertThat(report.summary())
                .isEqualTo("Verified: Welding level 2 issued by Acme Guild to Jane Doe on 2026-01-15.");
        assertThat(report.details().issuerId()).isEqualTo(VerifierFixture.ISSUER);
        assertThat(report.details().credentialId()).isEqualTo("urn:uuid:0b7d3c1e-5f7a-4c44-9a55-8b1f0c2d3e4f");
        assertThat(check(report, "proof").code()).isEqualTo("VALID");
    }

    @Test
    void tamperedCredentialFailsWithInvalidSignature() {
        var signed = VerifierFixture.signed(VerifierFixture.credential());
        var tampered = Json.createObjectBuilder(signed).add("name", "Welding level 9").build();

        var report = verify(tampered);

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "proof").code()).isEqualTo("INVALID_SIGNATURE");
        assertThat(report.summary()).startsWith("Not verified: the signature does not match");
    }

    @Test
    void expiredCredentialFailsVerification() {
        var report = verify(VerifierFixture.signed(VerifierFixture.credential()
                .add("validUntil", "2026-02-01T00:00:00Z")));

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "validUntil").code()).isEqualTo("EXPIRED");
        assertThat(report.summary()).isEqualTo("Not verified: the credential expired on 2026-02-01.");
    }

    @Test
    void credentialNotYetValidFailsVerification() {
        var report = verify(VerifierFixture.signed(VerifierFixture.credential().add("validFrom", "2026-06-01T00:00:00Z")));

        assertThat(check(report, "validFrom").code()).isEqualTo("NOT_YET_VALID");
        assertThat(report.verified()).isFalse();
    }

    @Test
    void revokedCredentialFailsVerification() {
        var report = verify(VerifierFixture.withRevocationEntry(7));

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "status").code()).isEqualTo("REVOKED");
        assertThat(report.summary())
                .isEqualTo("Not verified: the credential was revoked by its issuer (status list of 2026-02-01).");
    }

    @Test
    void credentialWhoseBitIsClearPassesTheStatusCheck() {
        var report = verify(VerifierFixture.withRevocationEntry(6));

        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        assertThat(check(report, "status").code()).isEqualTo("ACTIVE");
    }

    @Test
    void suspendedCredentialFailsVerification() {
        var report = verify(VerifierFixture.signed(VerifierFixture.credential().add("credentialStatus",
                BitstringStatusListEntry.of(VerifierFixture.SUSPENSIONS, StatusPurpose.SUSPENSION, 8).toJson())));

        assertThat(check(report, "status").code()).isEqualTo("SUSPENDED");
        assertThat(report.summary()).isEqualTo("Not verified: the credential is suspended by its issuer.");
    }

    @Test
    void credentialOnTheOneEdTechRevocationListFailsWithItsReason() {
        var report = verify(VerifierFixture.signed(VerifierFixture.credential()
                .add("id", "urn:uuid:11111111-2222-4333-8444-555555555555")
                .add("credentialStatus", RevocationList.statusEntry(VerifierFixture.ONE_EDTECH_LIST))));

        assertThat(check(report, "status").code()).isEqualTo("REVOKED");
        assertThat(report.summary()).isEqualTo("Not verified: the credential was revoked by its issuer: Awarded in error.");
    }

    @Test
    void credentialNotOnTheOneEdTechRevocationListVerifies() {
        var report = verify(VerifierFixture.signed(VerifierFixture.credential()
                .add("credentialStatus", RevocationList.statusEntry(VerifierFixture.ONE_EDTECH_LIST))));

        assertThat(report.verified()).as(report.checks().toString()).isTrue();
    }

    @Test
    void forgedStatusListIsNotBelieved() {
        // Someone serves a list with the bit cleared, signed with their own key.
        var forged = VerifierFixture.sign(BitstringStatusListCredential.unsigned(VerifierFixture.REVOCATIONS,
                VerifierFixture.ISSUER, StatusPurpose.REVOCATION, new BitstringStatusList(), Instant.parse("2026-02-02T00:00:00Z"),
                null), Ed25519KeyPair.generate(), VerifierFixture.KEY_2);
        fixture.publish(VerifierFixture.REVOCATIONS, forged);

        var report = verify(VerifierFixture.withRevocationEntry(7));

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "status").code()).isEqualTo("STATUS_VERIFICATION_ERROR");
    }

    @Test
    void unreachableStatusListIsAWarningNotAFailure() {
        fixture.documents.remove(java.net.URI.create(VerifierFixture.REVOCATIONS));

        var report = verify(VerifierFixture.withRevocationEntry(7));

        assertThat(check(report, "status").status()).isEqualTo(CheckStatus.WARNING);
        assertThat(check(report, "status").code()).isEqualTo("STATUS_RETRIEVAL_ERROR");
        assertThat(report.verified()).isTrue();
        assertThat(report.summary()).contains("Note:");
    }

    @Test
    void oldKeyStillInTheDidDocumentVerifiesAfterRotation() {
        var report = verify(VerifierFixture.sign(VerifierFixture.credential().build(), VerifierFixture.OLD_KEY,
                VerifierFixture.KEY_1));

        assertThat(report.verified()).as(report.checks().toString()).isTrue();
    }

    @Test
    void retiredKeyFailsWithAClearReason() {
        fixture.retireOldKey();

        var report = verify(VerifierFixture.sign(VerifierFixture.credential().build(), VerifierFixture.OLD_KEY,
                VerifierFixture.KEY_1));

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "issuerKey").code()).isEqualTo("KEY_RETIRED");
        assertThat(check(report, "proof").status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(report.summary()).isEqualTo("Not verified: it was signed with a key the issuer has retired.");
    }

    @Test
    void rememberedOutcomesNeverHideARevocationARetiredKeyOrAnAlteration() {
        // A live view of the fixture's documents and no DID cache: every change is visible to the next verification.
        io.guildmark.credentials.did.DocumentFetcher live = uri -> {
            var body = fixture.documents.get(uri);
            if (body == null) {
                throw new java.io.FileNotFoundException(uri.toString());
            }
            return body.clone();
        };
        var verifier = Verifier.builder().documentFetcher(live).didResolver(io.guildmark.credentials.did.CompositeDidResolver.standard(live))
                .clock(VerifierFixture.NOW).rememberValidProofs(100, java.time.Duration.ofHours(1)).build();
        var active = utf8(VerifierFixture.withRevocationEntry(6));
        var signedWithOldKey = utf8(VerifierFixture.sign(VerifierFixture.credential().build(), VerifierFixture.OLD_KEY,
                VerifierFixture.KEY_1));
        assertThat(verifier.verify(active, null).verified()).isTrue();
        assertThat(verifier.verify(active, null).verified()).isTrue();
        assertThat(verifier.verify(signedWithOldKey, null).verified()).isTrue();
        assertThat(verifier.verify(signedWithOldKey, null).verified()).isTrue();

        fixture.publishList(VerifierFixture.REVOCATIONS, io.guildmark.credentials.status.StatusPurpose.REVOCATION, 6, 7);
        assertThat(check(verifier.verify(active, null), "status").code()).isEqualTo("REVOKED");

        fixture.retireOldKey();
        assertThat(check(verifier.verify(signedWithOldKey, null), "issuerKey").code()).isEqualTo("KEY_RETIRED");

        var tampered = Json.createObjectBuilder(VerifierFixture.withRevocationEntry(6)).add("name", "Welding level 9").build();
        assertThat(check(verifier.verify(utf8(tampered), null), "proof").code()).isEqualTo("INVALID_SIGNATURE");
        assertThat(check(verifier.verify(utf8(tampered), null), "schema").code()).isEqualTo("VALID");
    }

    @Test
    void didThatDoesNotResolveFailsTheIssuerKeyCheck() {
        var report = Verifier.builder().documentFetcher(DocumentFetcher.ofMap(Map.of())).clock(VerifierFixture.NOW).build()
                .verify(utf8(VerifierFixture.signed(VerifierFixture.credential())), null);

        assertThat(check(report, "issuerKey").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(check(report, "issuerKey").code()).isEqualTo("DID_NOT_RESOLVED");
        assertThat(report.verified()).isFalse();
    }

    @Test
    void proofByAKeyOfAnotherDidFails() {
        var credential = VerifierFixture.credential().build();
        var report = verify(VerifierFixture.sign(credential, VerifierFixture.CURRENT_KEY, "did:web:evil.example#key-2"));

        assertThat(check(report, "issuerKey").code()).isEqualTo("KEY_NOT_ISSUERS");
    }

    @Test
    void unknownContextFailsTheProofWithUnknownContext() {
        var signed = VerifierFixture.signed(VerifierFixture.credential());
        var context = Json.createArrayBuilder(signed.getJsonArray("@context")).add("https://evil.example/context.jsonld");
        var report = verify(Json.createObjectBuilder(signed).add("@context", context).build());

        assertThat(check(report, "proof").code()).isEqualTo("UNKNOWN_CONTEXT");
        assertThat(report.verified()).isFalse();
    }

    @Test
    void rs256JwtVerifies() {
        var jwt = VcJwt.sign(VerifierFixture.credential().build(), VerifierFixture.RSA, VerifierFixture.NOW);

        var report = verify(jwt);

        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        assertThat(check(report, "format").code()).isEqualTo("JWT");
        assertThat(check(report, "proof").message()).contains("RS256");
    }

    @Test
    void eddsaJwtSignedWithTheDataIntegrityKeyVerifies() {
        var key = JwtSigningKey.ed25519(VerifierFixture.CURRENT_KEY.privateKey(), VerifierFixture.CURRENT_KEY.publicKey(),
                VerifierFixture.KEY_2);

        var report = verify(VcJwt.sign(VerifierFixture.credential().build(), key, VerifierFixture.NOW));

        assertThat(report.verified()).as(report.checks().toString()).isTrue();
    }

    @Test
    void jwtWithAlgNoneIsRefused() {
        var b64 = Base64.getUrlEncoder().withoutPadding();
        var jwt = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(utf8(VerifierFixture.credential().build())) + ".";

        var report = verify(jwt);

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "proof").code()).isEqualTo("UNSUPPORTED_ALGORITHM");
    }

    @Test
    void tamperedJwtFails() {
        var jwt = VcJwt.sign(VerifierFixture.credential().build(), VerifierFixture.RSA, VerifierFixture.NOW);
        var parts = jwt.split("\\.");
        var sig = parts[2].toCharArray();
        sig[10] = sig[10] == 'A' ? 'B' : 'A';

        var report = verify(parts[0] + "." + parts[1] + "." + new String(sig));

        assertThat(check(report, "proof").code()).isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void pngWithJsonCredentialRoundTripsToAPassingVerification() throws Exception {
        var baked = new PngBaker().bake(png(), VerifierFixture.signed(VerifierFixture.credential()).toString(),
                Format.OB3_JSON);

        var report = verify(baked);

        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        assertThat(check(report, "format").code()).isEqualTo("PNG_JSON");
    }

    @Test
    void pngWithJwtRoundTripsToAPassingVerification() throws Exception {
        var jwt = VcJwt.sign(VerifierFixture.credential().build(), VerifierFixture.RSA, VerifierFixture.NOW);

        var report = verify(new PngBaker().bake(png(), jwt, Format.OB3_JWT));

        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        assertThat(check(report, "format").code()).isEqualTo("PNG_JWT");
    }

    @Test
    void svgWithJsonAndWithJwtRoundTripToPassingVerifications() throws Exception {
        var svg = utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>");
        var json = new SvgBaker().bake(svg, VerifierFixture.signed(VerifierFixture.credential()).toString(), Format.OB3_JSON);
        var jwt = new SvgBaker().bake(svg, VcJwt.sign(VerifierFixture.credential().build(), VerifierFixture.RSA,
                VerifierFixture.NOW), Format.OB3_JWT);

        var jsonReport = fixture.verifier().verify(json, "image/svg+xml");
        var jwtReport = fixture.verifier().verify(jwt, "image/svg+xml");

        assertThat(jsonReport.verified()).as(jsonReport.checks().toString()).isTrue();
        assertThat(check(jsonReport, "format").code()).isEqualTo("SVG_JSON");
        assertThat(jwtReport.verified()).as(jwtReport.checks().toString()).isTrue();
        assertThat(check(jwtReport, "format").code()).isEqualTo("SVG_JWT");
    }

    @Test
    void hashedEmailOfTheRecipientMatches() {
        var report = fixture.verifier().verify(utf8(VerifierFixture.signed(VerifierFixture.credential())), null,
                "  Jane.Doe@Example.org ");

        assertThat(check(report, "recipient").code()).isEqualTo("MATCH");
        assertThat(report.verified()).isTrue();
    }

    @Test
    void emailHashedWithoutLowerCasingStillMatches() throws Exception {
        var hash = "sha256$" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("Jane.Doe@Example.org$alt".getBytes(StandardCharsets.UTF_8)));
        var identity = Json.createObjectBuilder().add("type", "IdentityObject").add("identityHash", hash)
                .add("identityType", "emailAddress").add("hashed", true).add("salt", "$alt");
        var credential = VerifierFixture.credential().build();
        var subject = Json.createObjectBuilder(credential.getJsonObject("credentialSubject"))
                .add("identifier", Json.createArrayBuilder().add(identity));
        var signed = VerifierFixture.signed(Json.createObjectBuilder(credential).add("credentialSubject", subject));

        var report = fixture.verifier().verify(utf8(signed), null, "Jane.Doe@Example.org");

        assertThat(check(report, "recipient").code()).isEqualTo("MATCH");
    }

    @Test
    void anotherEmailDoesNotMatch() {
        var report = fixture.verifier().verify(utf8(VerifierFixture.signed(VerifierFixture.credential())), null,
                "john@example.org");

        assertThat(check(report, "recipient").code()).isEqualTo("MISMATCH");
        assertThat(report.verified()).isFalse();
    }

    @Test
    void inputOverTenMegabytesIsRefused() {
        var report = verify(new byte[11 * 1024 * 1024]);

        assertThat(check(report, "format").code()).isEqualTo("INPUT_TOO_LARGE");
        assertThat(report.verified()).isFalse();
    }

    @Test
    void badInputGivesFailedChecksNotExceptions() throws Exception {
        assertThat(check(verify(new byte[0]), "format").code()).isEqualTo("EMPTY_INPUT");
        assertThat(check(verify("hello"), "format").code()).isEqualTo("UNRECOGNIZED_FORMAT");
        assertThat(check(verify("{not json"), "format").code()).isEqualTo("INVALID_JSON");
        assertThat(check(verify("{\"a\":1}"), "format").code()).isEqualTo("NOT_A_CREDENTIAL");
        assertThat(check(verify(png()), "format").code()).isEqualTo("NO_CREDENTIAL_IN_IMAGE");
        assertThat(check(verify(java.util.Arrays.copyOf(png(), 40)), "format").code()).isEqualTo("CORRUPT_IMAGE");
        assertThat(check(verify("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>"), "format").code()).isEqualTo("UNSAFE_IMAGE");
        assertThat(check(verify("a.b.c"), "format").code()).isEqualTo("INVALID_JWT");
        assertThat(verify("hello").summary()).startsWith("Not verified:");
    }

    @Test
    void openBadges2AssertionIsVerifiedByFetchingItsHostedCopy() throws Exception {
        var report = verify(new PngBaker().bake(png(), "https://example.org/assertions/1", Format.OB2));

        assertThat(check(report, "format").code()).isEqualTo("PNG_OB2");
        assertThat(check(report, "proof").code()).isEqualTo("ASSERTION_NOT_FOUND");
        assertThat(report.verified()).isFalse();
    }

    private static JsonObject implementationGuideVector() {
        var in = VerifierTest.class.getResourceAsStream("/vectors/examples/linked-data-proof-ob.signed.json");
        try (var reader = Json.createReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.readObject();
        }
    }

    @Test
    void implementationGuideVectorVerifiesWhenItsIssuerPublishesTheKeyAtItsHttpsId() {
        var issuer = "https://example.edu/issuers/565049";
        var key = java.util.HexFormat.of().parseHex("4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5");
        var profile = io.guildmark.credentials.did.DidDocument.builder(issuer)
                .assertionKey(io.guildmark.credentials.did.VerificationMethod.ed25519Multikey(
                        issuer + "#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi", issuer, key))
                .build();
        fixture.publish(issuer, profile.toJson());

        var report = verify(implementationGuideVector());

        assertThat(check(report, "proof").code()).as(report.checks().toString()).isEqualTo("VALID");
        assertThat(check(report, "issuerKey").code()).isEqualTo("KEY_RESOLVED");
        assertThat(check(report, "schema").code()).isEqualTo("SCHEMA_ARRAY_FORM");
        assertThat(report.verified()).isTrue();
    }

    @Test
    void implementationGuideVectorFailsTheIssuerKeyCheckWhenItsIssuerPublishesNoKeys() {
        var report = verify(implementationGuideVector());

        assertThat(check(report, "issuerKey").code()).isEqualTo("DID_NOT_RESOLVED");
        assertThat(report.verified()).isFalse();
    }

    @Test
    void oneVerifierServesManyThreads() throws Exception {
        var verifier = fixture.verifier();
        var credential = utf8(VerifierFixture.withRevocationEntry(6));
        var jwt = utf8(VcJwt.sign(VerifierFixture.credential().build(), VerifierFixture.RSA, VerifierFixture.NOW));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var tasks = new java.util.ArrayList<java.util.concurrent.Callable<Boolean>>();
            for (int i = 0; i < 16; i++) {
                var input = i % 2 == 0 ? credential : jwt;
                tasks.add(() -> verifier.verify(input, null).verified());
            }
            for (var result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void credentialWithoutProofIsNotVerified() {
        var report = verify(VerifierFixture.credential().build());

        assertThat(check(report, "proof").code()).isEqualTo("NO_PROOF");
        assertThat(report.verified()).isFalse();
    }

    static byte[] png() throws Exception {
        var out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    static final Ed25519KeyPair STRANGER = Ed25519KeyPair.generate();
    static final String STRANGER_KEY = io.guildmark.credentials.did.DidKeyResolver.verificationMethodFor(STRANGER.publicKey());

    /** A proof by a did:key that is not the issuer's, then the issuer's proof chained after it. */
    private static JsonObject strangerThenIssuer(JsonObject unsigned) {
        var created = io.guildmark.credentials.proof.ProofOptions.assertion(STRANGER_KEY, Instant.parse("2026-01-15T09:30:00Z"));
        var first = VerifierFixture.SUITE.signAfter(unsigned, created, "urn:example:stranger", java.util.List.of(), STRANGER);
        return VerifierFixture.SUITE.signAfter(first, io.guildmark.credentials.proof.ProofOptions.assertion(
                VerifierFixture.KEY_2, Instant.parse("2026-01-15T09:31:00Z")), "urn:example:issuer",
                java.util.List.of("urn:example:stranger"), VerifierFixture.CURRENT_KEY);
    }

    @Test
    void chainWhoseFirstProofIsByAnotherKeyVerifiesWhenTheIssuersProofIsValid() {
        var report = verify(strangerThenIssuer(VerifierFixture.credential().build()));

        assertThat(check(report, "proof").code()).isEqualTo("VALID");
        assertThat(check(report, "issuerKey").code()).isEqualTo("KEY_RESOLVED");
        assertThat(check(report, "issuerKey").message()).contains(VerifierFixture.KEY_2, STRANGER_KEY);
        assertThat(report.verified()).isTrue();
    }

    @Test
    void credentialWithMoreProofsThanTheBoundIsRefusedWithoutResolvingTheirKeys() {
        var signed = VerifierFixture.signed(VerifierFixture.credential());
        var many = Json.createArrayBuilder();
        for (int i = 0; i <= io.guildmark.credentials.proof.EddsaRdfc2022.MAX_PROOFS; i++) {
            many.add(Json.createObjectBuilder(signed.getJsonArray("proof").getJsonObject(0))
                    .add("verificationMethod", "did:web:host" + i + ".example#key-1"));
        }
        var report = verify(Json.createObjectBuilder(signed).add("proof", many).build());

        assertThat(check(report, "proof").code()).isEqualTo("MALFORMED_PROOF");
        assertThat(check(report, "proof").message()).contains("at most " + io.guildmark.credentials.proof.EddsaRdfc2022.MAX_PROOFS);
        assertThat(check(report, "issuerKey").code()).isEqualTo("NOT_CHECKED");
        assertThat(report.verified()).isFalse();
    }

    @Test
    void proofSetWithAnotherKeysProofThatDoesNotVerifyFails() {
        var chained = strangerThenIssuer(VerifierFixture.credential().build());
        var proofs = chained.getJsonArray("proof");
        var forged = Json.createObjectBuilder(chained).add("proof", Json.createArrayBuilder()
                .add(Json.createObjectBuilder(proofs.getJsonObject(0)).add("created", "2026-01-16T00:00:00Z"))
                .add(proofs.get(1))).build();
        var report = verify(forged);

        assertThat(check(report, "proof").code()).isEqualTo("INVALID_SIGNATURE");
        assertThat(report.verified()).isFalse();
    }

    @Test
    void credentialSignedOnlyByStrangersFailsTheIssuerKeyCheckEvenAsAValidChain() {
        var other = Ed25519KeyPair.generate();
        var otherKey = io.guildmark.credentials.did.DidKeyResolver.verificationMethodFor(other.publicKey());
        var first = VerifierFixture.SUITE.signAfter(VerifierFixture.credential().build(),
                io.guildmark.credentials.proof.ProofOptions.assertion(STRANGER_KEY, Instant.parse("2026-01-15T09:30:00Z")),
                "urn:example:stranger", java.util.List.of(), STRANGER);
        var chained = VerifierFixture.SUITE.signAfter(first, io.guildmark.credentials.proof.ProofOptions.assertion(
                otherKey, Instant.parse("2026-01-15T09:31:00Z")), "urn:example:other",
                java.util.List.of("urn:example:stranger"), other);
        var report = verify(chained);

        assertThat(check(report, "issuerKey").code()).isEqualTo("KEY_NOT_ISSUERS");
        assertThat(report.verified()).isFalse();
    }

    @Test
    void anotherKeyThatCannotBeResolvedFailsTheProofThoughTheIssuersIsValid() {
        var issuers = VerifierFixture.signed(VerifierFixture.credential());
        var withUnresolvable = VerifierFixture.SUITE.sign(issuers, io.guildmark.credentials.proof.ProofOptions.assertion(
                "did:web:elsewhere.example#key-1", Instant.parse("2026-01-15T09:31:00Z")), STRANGER);
        var report = verify(withUnresolvable);

        assertThat(check(report, "proof").code()).isEqualTo("KEY_NOT_FOUND");
        assertThat(check(report, "proof").message()).contains("did:web:elsewhere.example#key-1");
        assertThat(check(report, "issuerKey").code()).isEqualTo("KEY_RESOLVED");
        assertThat(report.verified()).isFalse();
    }
}
