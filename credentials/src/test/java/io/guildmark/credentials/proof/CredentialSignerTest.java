package io.guildmark.credentials.proof;

import io.guildmark.credentials.jsonld.TemplateToRdf;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialSignerTest {

    static final Ed25519KeyPair KEY = EddsaRdfc2022Test.KEY;

    static final Instant CREATED = Instant.parse("2026-11-29T04:30:00Z");

    final EddsaRdfc2022 straightforward = EddsaRdfc2022.create();

    static List<JsonObject> generatedCredentials(int count) {
        List<JsonObject> credentials = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            credentials.add(BadgeFixture.badge(n, new BadgeFixture.Parts(n % 4, n % 3 != 0, (n / 4) % 5,
                    n % 5 != 0)));
        }
        return credentials;
    }

    JsonObject straightforwardlySigned(JsonObject credential) {
        return straightforward.sign(credential, ProofOptions.assertion(BadgeFixture.VERIFICATION_METHOD, CREATED),
                KEY);
    }

    @Test
    void fastSignerOutputIsByteIdenticalToTheStraightforwardPath() {
        TemplateToRdf templates = new TemplateToRdf();
        CredentialSigner signer = new CredentialSigner(KEY, BadgeFixture.VERIFICATION_METHOD,
                java.time.Clock.systemUTC(), templates);

        for (JsonObject credential : generatedCredentials(240)) {
            assertThat(signer.sign(credential, CREATED).toString())
                    .isEqualTo(straightforwardlySigned(credential).toString());
        }
        assertThat(templates.templateHits()).as(signer.templateStatistics()).isGreaterThan(400);
        assertThat(templates.fallbacks()).as(signer.templateStatistics()).isZero();
    }

    @Test
    void fastSignerIsThreadSafe() throws Exception {
        CredentialSigner signer = new CredentialSigner(KEY, BadgeFixture.VERIFICATION_METHOD);
        List<JsonObject> credentials = generatedCredentials(80);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> signed = new ArrayList<>();
            for (JsonObject credential : credentials) {
                signed.add(pool.submit(() -> signer.sign(credential, CREATED).toString()));
            }
            for (int i = 0; i < credentials.size(); i++) {
                assertThat(signed.get(i).get()).isEqualTo(straightforwardlySigned(credentials.get(i)).toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fastSignerProofsVerify() {
        CredentialSigner signer = new CredentialSigner(KEY, BadgeFixture.VERIFICATION_METHOD);
        PublicKeyResolver resolver = PublicKeyResolver.fixed(BadgeFixture.VERIFICATION_METHOD, KEY.publicKey());

        for (JsonObject credential : generatedCredentials(20)) {
            assertThat(straightforward.verify(signer.sign(credential), resolver)).isEqualTo(ProofResult.ok());
        }
    }

    /** Values that JSON-LD would expand, drop or treat as blank nodes: the fast path must notice and step aside. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xsd:string", "_:b0", "evidence/1", "https://example.org/a/../b", "schema:name",
        "Evidence", "id", "@id", "https://example.org/with space", "urn:x-guildmark-slot:0:"})
    void trickyIdentifiersGiveTheSameSignatureAsTheStraightforwardPath(String id) {
        CredentialSigner signer = new CredentialSigner(KEY, BadgeFixture.VERIFICATION_METHOD);
        JsonObject base = BadgeFixture.badge(3, new BadgeFixture.Parts(2, true, 2, true));
        signer.sign(base, CREATED);
        JsonObject tricky = Json.createPointer("/evidence/1/id").replace(base, Json.createValue(id));

        String fast = signed(() -> signer.sign(tricky, CREATED));
        String slow = signed(() -> straightforwardlySigned(tricky));

        assertThat(fast).isEqualTo(slow);
    }

    @Test
    void sharedIdentifiersGiveTheSameSignatureAsTheStraightforwardPath() {
        CredentialSigner signer = new CredentialSigner(KEY, BadgeFixture.VERIFICATION_METHOD);
        JsonObject base = BadgeFixture.badge(5, new BadgeFixture.Parts(3, true, 2, true));
        signer.sign(base, CREATED);
        JsonObject shared = Json.createPointer("/evidence/2/id").replace(
                Json.createPointer("/evidence/1/id").replace(base, Json.createValue("https://example.org/same")),
                Json.createValue("https://example.org/same"));
        JsonObject sameNames = Json.createPointer("/evidence/2/name").replace(
                Json.createPointer("/evidence/1/name").replace(shared, Json.createValue("Same")),
                Json.createValue("Same"));

        assertThat(signer.sign(sameNames, CREATED).toString())
                .isEqualTo(straightforwardlySigned(sameNames).toString());
    }

    @Test
    void inlineContextTakesTheStraightforwardPath() {
        TemplateToRdf templates = new TemplateToRdf();
        CredentialSigner signer = new CredentialSigner(KEY, BadgeFixture.VERIFICATION_METHOD,
                java.time.Clock.systemUTC(), templates);
        JsonObject base = BadgeFixture.badge(9, new BadgeFixture.Parts(1, false, 1, false));
        JsonObject inline = Json.createObjectBuilder(base).add("@context", Json.createArrayBuilder(
                base.getJsonArray("@context")).add(Json.createObjectBuilder()
                .add("nickname", "https://example.org/vocab#nickname"))).add("nickname", "Ace").build();

        assertThat(signer.sign(inline, CREATED).toString()).isEqualTo(straightforwardlySigned(inline).toString());
        // the document and its proof configuration, which carries the document's @context
        assertThat(templates.fallbacks()).isEqualTo(2);
    }

    /**
     * A badge whose achievement embeds an employer's signed EndorsementCredential (OB 3.0 {@code Achievement.endorsement},
     * its own {@code @context} and a proof that JSON-LD puts in a named graph) keeps the template path: every award of
     * an endorsed micro-credential is as cheap to sign as any other, and signs the same bytes.
     */
    @Test
    void badgesEmbeddingASignedEndorsementReuseTheirTemplateAndSignTheSameBytes() {
        JsonObject endorsement = straightforward.sign(io.guildmark.credentials.ob3.EndorsementCredential.of(
                "https://badges.example.org/endorsements/1", "Endorsement of MIG Welding",
                new io.guildmark.credentials.ob3.Profile("did:web:badges.example.org:issuers:shipyard", "Shipyard", null, null, null,
                        null, null), CREATED, "https://badges.example.org/achievements/mig-welding",
                "We hire welders who hold it.").toJson(),
                ProofOptions.assertion("did:web:badges.example.org:issuers:shipyard#key-1", CREATED), KEY);
        TemplateToRdf templates = new TemplateToRdf();
        CredentialSigner signer = new CredentialSigner(KEY, BadgeFixture.VERIFICATION_METHOD, java.time.Clock.systemUTC(), templates);

        for (int n = 0; n < 12; n++) {
            JsonObject badge = BadgeFixture.badge(n, new BadgeFixture.Parts(1, true, 1, true));
            JsonObject subject = badge.getJsonObject("credentialSubject");
            JsonObject endorsed = Json.createObjectBuilder(badge).add("credentialSubject", Json.createObjectBuilder(subject)
                    .add("achievement", Json.createObjectBuilder(subject.getJsonObject("achievement"))
                            .add("endorsement", Json.createArrayBuilder().add(endorsement)))).build();
            assertThat(signer.sign(endorsed, CREATED).toString()).isEqualTo(straightforwardlySigned(endorsed).toString());
        }
        assertThat(templates.templateHits()).as(signer.templateStatistics()).isGreaterThan(12);
    }

    private static String signed(java.util.function.Supplier<JsonObject> signing) {
        try {
            JsonValue result = signing.get();
            return result.toString();
        } catch (ProofException e) {
            return "failed: " + e.code();
        }
    }
}
