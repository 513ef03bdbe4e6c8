package io.guildmark.credentials.proof;

import io.guildmark.credentials.jsonld.JsonLdToRdf;
import io.guildmark.credentials.jsonld.RdfCanonicalizer;
import io.guildmark.credentials.jsonld.RdfQuad;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonPointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EddsaRdfc2022Test {

    static final Ed25519KeyPair KEY = Ed25519KeyPair.fromPrivateKey(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32});

    static final PublicKeyResolver RESOLVER = PublicKeyResolver.fixed(BadgeFixture.VERIFICATION_METHOD,
            KEY.publicKey());

    static final Instant CREATED = Instant.parse("2026-11-29T04:00:00Z");

    final EddsaRdfc2022 suite = EddsaRdfc2022.create();

    JsonObject signedBadge() {
        return suite.sign(BadgeFixture.realisticBadge(),
                ProofOptions.assertion(BadgeFixture.VERIFICATION_METHOD, CREATED), KEY);
    }

    @Test
    void realisticBadgeCanonicalizesLikeTheReference() {
        String expected = EddsaRdfc2022ConformanceTest.text("/vectors/guildmark/realistic-badge-canon.txt");

        assertThat(suite.canonicalDocument(BadgeFixture.realisticBadge())).isEqualTo(expected);
    }

    @Test
    void canonicalFormDoesNotDependOnQuadOrderOrBlankNodeLabels() throws Exception {
        List<RdfQuad> quads = new ArrayList<>(JsonLdToRdf.toRdf(BadgeFixture.realisticBadge()));
        String reference = RdfCanonicalizer.canonicalize(quads);
        Collections.shuffle(quads, new Random(42));
        List<RdfQuad> relabelled = quads.stream().map(q -> new RdfQuad(relabel(q.subject()), q.predicate(),
                q.isLiteral() ? q.object() : relabel(q.object()), q.datatype(), q.language(), q.direction(),
                relabel(q.graph()))).toList();

        assertThat(RdfCanonicalizer.canonicalize(relabelled)).isEqualTo(reference);
    }

    private static String relabel(String term) {
        return term != null && term.startsWith("_:") ? "_:other" + term.substring(2) : term;
    }

    @Test
    void signedBadgeVerifies() {
        JsonObject signed = signedBadge();

        assertThat(signed.get("proof").getValueType()).isEqualTo(JsonValue.ValueType.ARRAY);
        assertThat(suite.verify(signed, RESOLVER)).isEqualTo(ProofResult.ok());
        assertThat(EddsaRdfc2022.cached().verify(signed, RESOLVER)).isEqualTo(ProofResult.ok());
    }

    @Test
    void aRememberedValidProofIsNeverTrustedForAnAlteredDocumentAnotherKeyOrAKeyThatIsGone() {
        EddsaRdfc2022 remembering = EddsaRdfc2022.cached().rememberingValidProofs(100, java.time.Duration.ofHours(1));
        JsonObject signed = signedBadge();
        assertThat(remembering.verify(signed, RESOLVER)).isEqualTo(ProofResult.ok());
        assertThat(remembering.verify(signed, RESOLVER)).isEqualTo(ProofResult.ok());

        JsonObject tampered = Json.createPointer("/name").replace(signed, Json.createValue("Another name"));
        assertThat(remembering.verify(tampered, RESOLVER).code()).isEqualTo(ProofResult.Code.INVALID_SIGNATURE);
        PublicKeyResolver otherKey = PublicKeyResolver.fixed(BadgeFixture.VERIFICATION_METHOD, Ed25519KeyPair.generate().publicKey());
        assertThat(remembering.verify(signed, otherKey).code()).isEqualTo(ProofResult.Code.INVALID_SIGNATURE);
        PublicKeyResolver retired = vm -> {
            throw new KeyResolutionException("the key was retired");
        };
        assertThat(remembering.verify(signed, retired).code()).isEqualTo(ProofResult.Code.KEY_NOT_FOUND);
        assertThat(remembering.verify(signed, RESOLVER)).isEqualTo(ProofResult.ok());
    }

    @Test
    void rememberedProofsAreBoundedInNumberAndTime() throws Exception {
        ValidProofs few = new ValidProofs(2, java.time.Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            few.add(java.nio.ByteBuffer.wrap(new byte[] {(byte) i}));
        }
        assertThat(few.size()).isEqualTo(2);
        assertThat(few.contains(java.nio.ByteBuffer.wrap(new byte[] {4}))).isTrue();
        assertThat(few.contains(java.nio.ByteBuffer.wrap(new byte[] {0}))).isFalse();

        ValidProofs brief = new ValidProofs(10, java.time.Duration.ofMillis(20));
        brief.add(java.nio.ByteBuffer.wrap(new byte[] {1}));
        Thread.sleep(40);
        assertThat(brief.contains(java.nio.ByteBuffer.wrap(new byte[] {1}))).isFalse();
    }

    @Test
    void proofAsSingleObjectIsAccepted() {
        JsonObject signed = signedBadge();
        JsonObject single = Json.createObjectBuilder(signed)
                .add("proof", signed.getJsonArray("proof").getJsonObject(0)).build();

        assertThat(suite.verify(single, RESOLVER)).isEqualTo(ProofResult.ok());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/name", "/validFrom", "/issuer/name", "/credentialSubject/achievement/name",
        "/credentialSubject/result/0/value", "/credentialSubject/achievement/alignment/1/targetCode",
        "/evidence/2/narrative", "/credentialStatus/statusListIndex",
        "/credentialSubject/identifier/0/salt", "/credentialSubject/achievement/criteria/narrative"})
    void tamperedValueFailsVerification(String pointer) {
        JsonObject signed = signedBadge();
        JsonPointer at = Json.createPointer(pointer);
        JsonObject tampered = at.replace(signed, Json.createValue(((jakarta.json.JsonString) at.getValue(signed))
                .getString() + "1"));

        assertThat(suite.verify(tampered, RESOLVER).code()).isEqualTo(ProofResult.Code.INVALID_SIGNATURE);
    }

    /**
     * Changes aimed at what the faster paths reuse (the kept active context of a context list, templates, labels from
     * first-degree hashes): each still fails with the straightforward suite, the cached one, and the cached one again
     * once the shape is known.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a value moved from one alignment to another", "a duplicated alignment",
        "an alignment given an id", "the undefined-terms context and a term of one's own", "an added type",
        "a nested context that redefines a protected term", "an inline context with a vocabulary"})
    void tamperingWithWhatTheFasterPathsReuseFailsVerification(String change) {
        JsonObject signed = signedBadge();
        JsonObject tampered = tamper(signed, change);

        for (EddsaRdfc2022 verifier : List.of(suite, EddsaRdfc2022.cached(), EddsaRdfc2022.cached())) {
            verifier.verify(signed, RESOLVER);
            assertThat(verifier.verify(tampered, RESOLVER).isValid()).as(change).isFalse();
            assertThat(verifier.verify(tampered, RESOLVER).isValid()).as(change).isFalse();
        }
    }

    private static JsonObject tamper(JsonObject signed, String change) {
        String alignments = "/credentialSubject/achievement/alignment";
        jakarta.json.JsonArray alignment = (jakarta.json.JsonArray) Json.createPointer(alignments).getValue(signed);
        return switch (change) {
            case "a value moved from one alignment to another" -> Json.createPointer(alignments + "/1/targetCode")
                    .replace(Json.createPointer(alignments + "/0/targetCode").replace(signed,
                            alignment.getJsonObject(1).get("targetCode")), alignment.getJsonObject(0).get("targetCode"));
            case "a duplicated alignment" -> Json.createPointer(alignments + "/-").add(signed, alignment.get(0));
            case "an alignment given an id" -> Json.createPointer(alignments + "/0/id")
                    .add(signed, Json.createValue("urn:uuid:0c8e4f63-5a4f-4a6e-9b1e-3b1f4a0b6d21"));
            case "the undefined-terms context and a term of one's own" -> Json.createObjectBuilder(signed)
                    .add("@context", Json.createArrayBuilder(signed.getJsonArray("@context"))
                            .add("https://www.w3.org/ns/credentials/undefined-terms/v2"))
                    .add("nickname", "Mimi").build();
            case "an added type" -> Json.createPointer("/credentialSubject/achievement/type/-")
                    .add(signed, Json.createValue("https://example.org/Extra"));
            case "a nested context that redefines a protected term" -> Json.createPointer("/credentialSubject/@context")
                    .add(signed, Json.createObjectBuilder().add("name", "https://example.org/name").build());
            case "an inline context with a vocabulary" -> Json.createObjectBuilder(signed).add("@context",
                    Json.createArrayBuilder(signed.getJsonArray("@context")).add(Json.createObjectBuilder()
                            .add("@vocab", "https://example.org/vocab#"))).add("nickname", "Mimi").build();
            default -> throw new IllegalArgumentException(change);
        };
    }

    @Test
    void tamperedProofValueFailsVerification() {
        JsonObject signed = signedBadge();
        String proofValue = signed.getJsonArray("proof").getJsonObject(0).getString("proofValue");
        char last = proofValue.charAt(proofValue.length() - 1);
        String altered = proofValue.substring(0, proofValue.length() - 1) + (last == 'a' ? 'b' : 'a');
        JsonObject tampered = Json.createPointer("/proof/0/proofValue").replace(signed, Json.createValue(altered));

        assertThat(suite.verify(tampered, RESOLVER).code()).isEqualTo(ProofResult.Code.INVALID_SIGNATURE);
    }

    @Test
    void tamperedProofCreatedFailsVerification() {
        JsonObject tampered = Json.createPointer("/proof/0/created")
                .replace(signedBadge(), Json.createValue("2026-11-29T04:00:01Z"));

        assertThat(suite.verify(tampered, RESOLVER).code()).isEqualTo(ProofResult.Code.INVALID_SIGNATURE);
    }

    @Test
    void anotherKeyFailsVerification() {
        PublicKeyResolver other = PublicKeyResolver.fixed(BadgeFixture.VERIFICATION_METHOD,
                Ed25519KeyPair.generate().publicKey());

        assertThat(suite.verify(signedBadge(), other).code()).isEqualTo(ProofResult.Code.INVALID_SIGNATURE);
    }

    @Test
    void unknownVerificationMethodIsKeyNotFound() {
        PublicKeyResolver other = PublicKeyResolver.fixed("did:web:elsewhere.example#key-1", KEY.publicKey());

        assertThat(suite.verify(signedBadge(), other).code()).isEqualTo(ProofResult.Code.KEY_NOT_FOUND);
    }

    @Test
    void otherCryptosuiteIsUnsupported() {
        JsonObject tampered = Json.createPointer("/proof/0/cryptosuite")
                .replace(signedBadge(), Json.createValue("ecdsa-rdfc-2019"));

        assertThat(suite.verify(tampered, RESOLVER).code()).isEqualTo(ProofResult.Code.UNSUPPORTED_CRYPTOSUITE);
    }

    @Test
    void createdThatIsNotADateTimeIsMalformed() {
        JsonObject tampered = Json.createPointer("/proof/0/created")
                .replace(signedBadge(), Json.createValue("yesterday"));

        assertThat(suite.verify(tampered, RESOLVER).code()).isEqualTo(ProofResult.Code.MALFORMED_PROOF);
    }

    @Test
    void proofContextThatDoesNotStartTheDocumentContextIsAMismatch() {
        JsonObject signed = suite.sign(BadgeFixture.realisticBadge(),
                ProofOptions.assertion(BadgeFixture.VERIFICATION_METHOD, CREATED)
                        .withContext(Json.createValue("https://w3id.org/security/data-integrity/v2")), KEY);

        assertThat(suite.verify(signed, RESOLVER).code()).isEqualTo(ProofResult.Code.CONTEXT_MISMATCH);
    }

    @Test
    void proofContextThatStartsTheDocumentContextVerifies() {
        JsonObject signed = suite.sign(BadgeFixture.realisticBadge(),
                ProofOptions.assertion(BadgeFixture.VERIFICATION_METHOD, CREATED)
                        .withContext(Json.createValue("https://www.w3.org/ns/credentials/v2")), KEY);

        assertThat(suite.verify(signed, RESOLVER)).isEqualTo(ProofResult.ok());
    }

    @Test
    void documentWithoutProofIsMalformed() {
        assertThat(suite.verify(BadgeFixture.realisticBadge(), RESOLVER).code())
                .isEqualTo(ProofResult.Code.MALFORMED_PROOF);
    }

    @Test
    void undecodableProofValueIsMalformed() {
        JsonObject tampered = Json.createPointer("/proof/0/proofValue")
                .replace(signedBadge(), Json.createValue("z0OIl"));

        assertThat(suite.verify(tampered, RESOLVER).code()).isEqualTo(ProofResult.Code.MALFORMED_PROOF);
    }

    @Test
    void authenticationProofIsNotAcceptedAsAssertion() {
        JsonObject signed = suite.sign(BadgeFixture.realisticBadge(), new ProofOptions(
                BadgeFixture.VERIFICATION_METHOD, "authentication", CREATED, null, "example.org", "c-1"), KEY);

        assertThat(suite.verify(signed, RESOLVER).code()).isEqualTo(ProofResult.Code.PROOF_PURPOSE_MISMATCH);
        assertThat(suite.verify(signed, RESOLVER, "authentication")).isEqualTo(ProofResult.ok());
    }

    @Test
    void unbundledContextIsReportedAsUnknownContext() {
        JsonObject signed = signedBadge();
        JsonObject foreign = Json.createObjectBuilder(signed).add("@context", Json.createArrayBuilder(
                signed.getJsonArray("@context")).add("https://example.com/extra-context.jsonld")).build();

        ProofResult result = suite.verify(foreign, RESOLVER);

        assertThat(result.code()).isEqualTo(ProofResult.Code.UNKNOWN_CONTEXT);
        assertThat(result.message()).contains("https://example.com/extra-context.jsonld");
    }

    @Test
    void signingADocumentWithAnUndefinedTermFails() {
        JsonObject undefined = Json.createObjectBuilder()
                .add("@context", Json.createObjectBuilder().add("name", "https://schema.org/name"))
                .add("name", "x").add("secretTerm", "not covered").build();

        assertThatThrownBy(() -> suite.sign(undefined,
                ProofOptions.assertion(BadgeFixture.VERIFICATION_METHOD, CREATED), KEY))
                .isInstanceOfSatisfying(ProofException.class,
                        e -> assertThat(e.code()).isEqualTo(ProofResult.Code.UNDEFINED_TERM));
    }

    @Test
    void secondSignatureMakesAProofSetThatVerifies() {
        Ed25519KeyPair second = Ed25519KeyPair.generate();
        JsonObject twice = suite.sign(signedBadge(), ProofOptions.assertion("urn:example:key-2", CREATED), second);
        PublicKeyResolver both = id -> id.equals("urn:example:key-2") ? second.publicKey()
                : RESOLVER.ed25519PublicKey(id);

        assertThat(twice.getJsonArray("proof")).hasSize(2);
        assertThat(suite.verify(twice, both)).isEqualTo(ProofResult.ok());
    }

    static final Ed25519KeyPair NOTARY = Ed25519KeyPair.fromPrivateKey(new byte[] {
        32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3,
        2, 1});

    static final PublicKeyResolver ISSUER_AND_NOTARY = id -> id.equals("urn:example:notary")
            ? NOTARY.publicKey() : RESOLVER.ed25519PublicKey(id);

    /** The badge with the issuer's proof, whose id is urn:example:first (the id is part of what is signed). */
    JsonObject signedWithProofId() {
        return suite.signAfter(BadgeFixture.realisticBadge(), ProofOptions.assertion(BadgeFixture.VERIFICATION_METHOD,
                CREATED), "urn:example:first", List.of(), KEY);
    }

    /** The notary's proof chained after the issuer's, naming it as a string or in an array. */
    JsonObject chain(List<String> previous) {
        return suite.signAfter(signedWithProofId(), ProofOptions.assertion("urn:example:notary", CREATED),
                "urn:example:second", previous, NOTARY);
    }

    @Test
    void proofChainedAfterAnotherWithPreviousProofAsAStringVerifies() {
        JsonObject chained = chain(List.of("urn:example:first"));

        assertThat(chained.getJsonArray("proof").getJsonObject(1).getString("previousProof")).isEqualTo("urn:example:first");
        assertThat(suite.verify(chained, ISSUER_AND_NOTARY)).isEqualTo(ProofResult.ok());
        assertThat(EddsaRdfc2022.cached().verify(chained, ISSUER_AND_NOTARY)).isEqualTo(ProofResult.ok());
    }

    @Test
    void proofChainedAfterSeveralWithPreviousProofAsAnArrayVerifies() {
        JsonObject third = suite.signAfter(chain(List.of("urn:example:first")),
                ProofOptions.assertion(BadgeFixture.VERIFICATION_METHOD, CREATED), "urn:example:third",
                List.of("urn:example:second", "urn:example:first"), KEY);

        assertThat(third.getJsonArray("proof")).hasSize(3);
        assertThat(third.getJsonArray("proof").getJsonObject(2).getJsonArray("previousProof")).hasSize(2);
        assertThat(suite.verify(third, ISSUER_AND_NOTARY)).isEqualTo(ProofResult.ok());
    }

    @Test
    void chainedProofFailsWhenThePreviousProofIsTakenAway() {
        JsonObject chained = chain(List.of("urn:example:first"));
        JsonObject withoutFirst = Json.createObjectBuilder(chained).add("proof", Json.createArrayBuilder()
                .add(chained.getJsonArray("proof").get(1))).build();

        assertThat(suite.verify(withoutFirst, ISSUER_AND_NOTARY).code()).isEqualTo(ProofResult.Code.MALFORMED_PROOF);
    }

    @Test
    void previousProofNamingNoProofOnTheDocumentIsMalformed() {
        JsonObject chained = chain(List.of("urn:example:first"));
        JsonObject missing = Json.createObjectBuilder(chained).add("proof", Json.createArrayBuilder()
                .add(chained.getJsonArray("proof").get(0))
                .add(Json.createObjectBuilder(chained.getJsonArray("proof").getJsonObject(1))
                        .add("previousProof", Json.createArrayBuilder().add("urn:example:first")
                                .add("urn:example:missing")))).build();

        assertThat(suite.verify(missing, ISSUER_AND_NOTARY).code()).isEqualTo(ProofResult.Code.MALFORMED_PROOF);
        assertThat(suite.verify(missing, ISSUER_AND_NOTARY).message()).contains("urn:example:missing");
    }

    @Test
    void chainFailsWhenThePreviousProofDoesNotVerify() {
        JsonObject chained = chain(List.of("urn:example:first"));
        JsonObject first = chained.getJsonArray("proof").getJsonObject(0);
        JsonObject forged = Json.createObjectBuilder(chained).add("proof", Json.createArrayBuilder()
                .add(Json.createObjectBuilder(first).add("proofValue",
                        Multibase.encodeBase58Btc(NOTARY.sign(new byte[64]))))
                .add(chained.getJsonArray("proof").get(1))).build();

        assertThat(suite.verify(forged, ISSUER_AND_NOTARY).code()).isEqualTo(ProofResult.Code.INVALID_SIGNATURE);
    }

    @Test
    void chainedProofDoesNotVerifyOverTheDocumentWithoutItsPreviousProof() {
        JsonObject chained = chain(List.of("urn:example:first"));
        JsonObject second = chained.getJsonArray("proof").getJsonObject(1);
        JsonObject alone = Json.createObjectBuilder(chained).add("proof", Json.createArrayBuilder()
                .add(chained.getJsonArray("proof").get(0))
                .add(Json.createObjectBuilder(second).remove("previousProof"))).build();

        assertThat(suite.verify(alone, ISSUER_AND_NOTARY).code()).isEqualTo(ProofResult.Code.INVALID_SIGNATURE);
    }

    @Test
    void aDocumentWithMoreProofsThanTheBoundIsRefusedBeforeAnyIsVerified() {
        JsonObject signed = suite.sign(BadgeFixture.realisticBadge(), ProofOptions.assertion(BadgeFixture.VERIFICATION_METHOD, CREATED), KEY);
        var many = Json.createArrayBuilder();
        for (int i = 0; i <= EddsaRdfc2022.MAX_PROOFS; i++) many.add(signed.getJsonArray("proof").get(0));
        java.util.concurrent.atomic.AtomicInteger resolved = new java.util.concurrent.atomic.AtomicInteger();
        PublicKeyResolver counting = vm -> {
            resolved.incrementAndGet();
            return KEY.publicKey();
        };

        ProofResult result = suite.verify(Json.createObjectBuilder(signed).add("proof", many).build(), counting);

        assertThat(result.code()).isEqualTo(ProofResult.Code.MALFORMED_PROOF);
        assertThat(result.message()).contains("at most " + EddsaRdfc2022.MAX_PROOFS);
        assertThat(resolved).hasValue(0);
    }

    @Test
    void chainingAfterAProofThatIsNotThereIsRefused() {
        assertThatThrownBy(() -> suite.signAfter(signedWithProofId(), ProofOptions.assertion("urn:example:notary",
                CREATED), "urn:example:second", List.of("urn:example:nothing"), NOTARY))
                .isInstanceOf(ProofException.class).hasMessageContaining("urn:example:nothing");
    }

    @Test
    void rememberedProofOfAChainIsBoundToThePreviousProofsItSignedOver() {
        EddsaRdfc2022 remembering = EddsaRdfc2022.cached().rememberingValidProofs(10, java.time.Duration.ofMinutes(1));
        JsonObject chained = chain(List.of("urn:example:first"));
        assertThat(remembering.verify(chained, ISSUER_AND_NOTARY)).isEqualTo(ProofResult.ok());

        JsonObject first = chained.getJsonArray("proof").getJsonObject(0);
        JsonObject forged = Json.createObjectBuilder(chained).add("proof", Json.createArrayBuilder()
                .add(Json.createObjectBuilder(first).add("created", "2026-11-30T00:00:00Z"))
                .add(chained.getJsonArray("proof").get(1))).build();

        assertThat(remembering.verify(forged, ISSUER_AND_NOTARY).code()).isEqualTo(ProofResult.Code.INVALID_SIGNATURE);
    }

    @Test
    void inlineContextWrappedInAnotherAtContextReadsAsJsonLdJsReadsIt() {
        JsonObject terms = Json.createObjectBuilder().add("alumniOf", "https://www.example.org/alumniOf").build();
        JsonObject plain = Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2").add(terms))
                .add("type", Json.createArrayBuilder().add("VerifiableCredential"))
                .add("issuer", "did:example:issuer")
                .add("credentialSubject", Json.createObjectBuilder().add("alumniOf", "The School of Examples"))
                .build();
        JsonObject wrapped = Json.createObjectBuilder(plain).add("@context", Json.createArrayBuilder()
                .add("https://www.w3.org/ns/credentials/v2").add(Json.createObjectBuilder().add("@context", terms)))
                .build();

        assertThat(suite.canonicalDocument(wrapped)).isEqualTo(suite.canonicalDocument(plain)).contains("alumniOf");
        JsonObject signed = suite.sign(wrapped, ProofOptions.assertion(BadgeFixture.VERIFICATION_METHOD, CREATED), KEY);
        assertThat(EddsaRdfc2022.cached().verify(signed, RESOLVER)).isEqualTo(ProofResult.ok());
    }
}
