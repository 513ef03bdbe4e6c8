package io.guildmark.credentials.jsonld;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import io.guildmark.credentials.proof.BadgeFixture;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expanding with the shared active context of a document's context list ({@link ProcessedContexts}) gives the quads,
 * or the error, of full JSON-LD processing of the document, for every document tried: the repository's examples and
 * fixtures, their strings varied, and documents made to exercise what contexts do (type- and property-scoped
 * contexts, {@code @vocab}, language maps, nested and non-propagated contexts, protected terms, unknown terms,
 * types and contexts).
 */
class ProcessedContextsTest {

    private static final String VC2 = "https://www.w3.org/ns/credentials/v2";
    private static final String OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    private static final List<UnaryOperator<String>> VARIATIONS = List.of(s -> s, s -> s + "x", s -> s + "/ü",
            s -> s.toUpperCase(Locale.ROOT), s -> "urn:x:" + s.length(), s -> "assertionMethod", s -> "ob:x",
            s -> "relative/path", s -> "_:b7", s -> "https://example.org/with space", s -> "");

    @Test
    void examplesAndTheirVariationsGiveTheQuadsOfFullProcessing() {
        int documents = 0;
        for (String file : List.of("basicOpenBadgeCredential.json", "fullOpenBadge.json", "endorsement.json",
                "achievementAlignmentCase.json", "achievementAlignmentCe.json", "skillAssertionCase.json",
                "skillAssertionCtdl.json", "linked-data-proof-ob.signed.json", "linked-data-proof-clr.signed.json")) {
            JsonObject example = JsonLdToRdfTest.resource("/vectors/examples/" + file);
            for (UnaryOperator<String> variation : VARIATIONS) {
                assertSameAsFullProcessing((JsonObject) TemplateToRdfTest.vary(example, variation));
                documents++;
            }
        }
        assertThat(documents).isEqualTo(99);
    }

    @Test
    void publishedVectorsGiveTheQuadsOfFullProcessing() {
        for (String path : List.of("/vectors/guildmark/realistic-badge.json",
                "/vectors/w3c-eddsa-rdfc-2022/unsecured.json", "/vectors/w3c-eddsa-rdfc-2022/signedDataInt.json",
                "/vectors/w3c-eddsa-rdfc-2022/proofConfigDataInt.json",
                "/vectors/w3c-proof-set-chain/signedProofSet2.json",
                "/vectors/w3c-proof-set-chain/signedProofChain2.json")) {
            JsonObject document = JsonLdToRdfTest.resource(path);
            assertSameAsFullProcessing(document);
            assertSameAsFullProcessing(document, WITH_EXAMPLE);
        }
    }

    @Test
    void badgesOfEveryShapeAndTheirProofConfigurationsGiveTheQuadsOfFullProcessing() {
        long before = JsonLdToRdf.processedContexts(BundledContexts.loader()).uses();
        for (int n = 0; n < 160; n++) {
            JsonObject badge = BadgeFixture.badge(n,
                    new BadgeFixture.Parts(n % 4, n % 3 != 0, (n / 4) % 5, n % 5 != 0));
            assertSameAsFullProcessing(badge);
            assertSameAsFullProcessing(Json.createObjectBuilder()
                    .add("@context", badge.get("@context"))
                    .add("type", "DataIntegrityProof").add("cryptosuite", "eddsa-rdfc-2022")
                    .add("created", "2026-12-07T00:00:00Z").add("verificationMethod", BadgeFixture.VERIFICATION_METHOD)
                    .add("proofPurpose", "assertionMethod").build());
        }
        assertThat(JsonLdToRdf.processedContexts(BundledContexts.loader()).uses() - before)
                .as("documents expanded with a kept active context").isGreaterThanOrEqualTo(160 * 2 * 2);
    }

    @Test
    void documentsMadeToExerciseContextsGiveTheQuadsOrErrorsOfFullProcessing() {
        JsonObject badge = BadgeFixture.realisticBadge();
        List<JsonObject> documents = new ArrayList<>();
        // the context list as one string, repeated, in another order, with the undefined-terms context (@vocab)
        documents.add(Json.createObjectBuilder().add("@context", VC2).add("type", "VerifiableCredential")
                .add("issuer", "did:example:1").add("credentialSubject", Json.createObjectBuilder()
                        .add("id", "did:example:2")).build());
        documents.add(with(badge, "@context", Json.createArrayBuilder().add(VC2).add(OB3).add(OB3).build()));
        documents.add(with(badge, "@context", Json.createArrayBuilder().add(OB3).add(VC2).build()));
        documents.add(with(with(badge, "@context", Json.createArrayBuilder().add(VC2).add(OB3)
                .add("https://www.w3.org/ns/credentials/undefined-terms/v2").build()), "nickname", Json.createValue("Mimi")));
        // an undefined term, an undefined type, and both inside a type-scoped node
        documents.add(with(badge, "nickname", Json.createValue("Mimi")));
        documents.add(with(badge, "type", Json.createArrayBuilder().add("VerifiableCredential").add("Unknown").build()));
        JsonObject subject = badge.getJsonObject("credentialSubject");
        documents.add(with(badge, "credentialSubject", with(subject, "shoeSize", Json.createValue(44))));
        documents.add(with(badge, "credentialSubject", with(subject, "type",
                Json.createArrayBuilder().add("AchievementSubject").add("Learner").build())));
        // contexts the loader does not serve, first or after bundled ones
        documents.add(with(badge, "@context", Json.createArrayBuilder().add("https://example.org/ctx.jsonld").build()));
        documents.add(with(badge, "@context", Json.createArrayBuilder().add(VC2).add(OB3)
                .add("https://example.org/ctx.jsonld").build()));
        documents.add(with(badge, "@context", Json.createArrayBuilder().add(VC2).add("not a url").build()));
        documents.add(with(badge, "@context", Json.createArrayBuilder().build()));
        documents.add(with(badge, "@context", Json.createArrayBuilder().add(VC2).add(JsonValue.NULL).add(OB3).build()));
        // an inline context after the URLs: @vocab, a language map, a term that types its values
        JsonObject inline = Json.createObjectBuilder()
                .add("@vocab", "https://example.org/vocab#")
                .add("nicknames", Json.createObjectBuilder().add("@id", "https://example.org/nick")
                        .add("@container", "@language"))
                .add("shoeSize", Json.createObjectBuilder().add("@id", "https://example.org/shoe")
                        .add("@type", "http://www.w3.org/2001/XMLSchema#integer")).build();
        documents.add(with(with(badge, "@context", Json.createArrayBuilder().add(VC2).add(OB3).add(inline).build()),
                "nicknames", Json.createObjectBuilder().add("en", "Mimi").add("fr", "Mimi la soudeuse").build()));
        // the same inside the credential subject: a nested context on top of the shared one
        JsonObject nested = with(with(with(subject, "@context", inline), "nicknames",
                Json.createObjectBuilder().add("en", "Mimi").build()), "shoeSize", Json.createValue("44"));
        documents.add(with(badge, "credentialSubject", nested));
        documents.add(with(badge, "credentialSubject", with(nested, "undefinedHere", Json.createValue("x"))));
        // a nested context that does not propagate, and one that tries to redefine a protected term
        documents.add(with(badge, "credentialSubject", with(with(subject, "@context", Json.createObjectBuilder()
                .add("@propagate", false).add("@vocab", "https://example.org/v#").build()), "achievement",
                with(subject.getJsonObject("achievement"), "extra", Json.createValue("x")))));
        documents.add(with(badge, "credentialSubject", with(subject, "@context", Json.createObjectBuilder()
                .add("id", "https://example.org/not-an-id").build())));
        documents.add(with(badge, "credentialSubject", with(subject, "@context", Json.createObjectBuilder()
                .add("achievement", "https://example.org/achievement").build())));
        // keywords and structures: @graph, @included, @reverse, @list, @json, @direction, @language
        documents.add(Json.createObjectBuilder().add("@context", Json.createArrayBuilder().add(VC2).add(OB3))
                .add("@graph", Json.createArrayBuilder().add(badge.get("issuer")).add(subject)).build());
        documents.add(with(badge, "@included", Json.createArrayBuilder().add(badge.get("issuer")).build()));
        documents.add(with(badge, "@reverse", Json.createObjectBuilder().add("https://example.org/about",
                Json.createObjectBuilder().add("@id", "urn:x:1")).build()));
        documents.add(with(badge, "https://example.org/list", Json.createObjectBuilder().add("@list",
                Json.createArrayBuilder().add("a").add(Json.createArrayBuilder().add("b"))).build()));
        documents.add(with(badge, "https://example.org/json", Json.createObjectBuilder().add("@type", "@json")
                .add("@value", Json.createObjectBuilder().add("z", 1).add("a", Json.createArrayBuilder().add(true)))
                .build()));
        documents.add(with(badge, "name", Json.createObjectBuilder().add("@value", "اسم").add("@language", "ar")
                .add("@direction", "rtl").build()));
        documents.add(with(badge, "name", Json.createObjectBuilder().add("@value", "x").add("@type", "relative")
                .build()));
        documents.add(with(badge, "id", Json.createValue("relative/id")));
        documents.add(with(badge, "issuer", Json.createValue("_:issuer")));
        documents.add(with(badge, "@id", Json.createValue("urn:x:both-id-and-@id")));
        // a proof inside the document (a graph container), and the proof's own context
        documents.add(with(badge, "proof", Json.createObjectBuilder().add("type", "DataIntegrityProof")
                .add("cryptosuite", "eddsa-rdfc-2022").add("proofPurpose", "assertionMethod")
                .add("verificationMethod", BadgeFixture.VERIFICATION_METHOD).add("proofValue", "z1").build()));
        for (JsonObject document : documents) {
            assertSameAsFullProcessing(document);
            assertSameAsFullProcessing(document, WITH_EXAMPLE);
            for (UnaryOperator<String> variation : VARIATIONS) {
                assertSameAsFullProcessing((JsonObject) TemplateToRdfTest.vary(document, variation));
            }
        }
    }

    @Test
    void threadsSharingTheProcessedContextsGetTheQuadsOfFullProcessing() throws Exception {
        List<JsonObject> badges = new ArrayList<>();
        List<List<RdfQuad>> expected = new ArrayList<>();
        for (int n = 0; n < 64; n++) {
            JsonObject badge = BadgeFixture.badge(n,
                    new BadgeFixture.Parts(n % 4, n % 3 != 0, (n / 4) % 5, n % 5 != 0));
            badges.add(badge);
            expected.add(fullProcessing(badge, BundledContexts.loader()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (int n = 0; n < badges.size(); n++) {
                    int i = n;
                    results.add(pool.submit(() -> JsonLdToRdf.toRdf(badges.get(i)).equals(expected.get(i))));
                }
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyShortListsOfUrlsAreKept() {
        ProcessedContexts contexts = ProcessedContexts.forLoader(BundledContexts.loader());

        assertThat(contexts.of(Json.createValue(VC2))).isNotNull();
        assertThat(contexts.of(Json.createArrayBuilder().add(VC2).add(OB3).build())).isNotNull();
        assertThat(contexts.of(Json.createArrayBuilder().add(VC2).add(Json.createObjectBuilder()).build())).isNull();
        assertThat(contexts.of(Json.createArrayBuilder().add(VC2).add("https://example.org/ctx").build())).isNull();
        JsonArray tooLong = Json.createArrayBuilder(java.util.Collections.nCopies(ProcessedContexts.MAX_URLS + 1, VC2))
                .build();
        assertThat(contexts.of(tooLong)).isNull();
    }

    @Test
    void theListsKeptAreBounded() {
        ProcessedContexts contexts = ProcessedContexts.forLoader(BundledContexts.loader());
        for (int n = 1; n <= ProcessedContexts.MAX_LISTS * 2; n++) {
            JsonArray list = Json.createArrayBuilder(java.util.Collections.nCopies(1 + n % (ProcessedContexts.MAX_URLS - 2), VC2))
                    .add(n % 2 == 0 ? OB3 : VC2).add(n % 3 == 0 ? OB3 : VC2).build();
            assertThat(contexts.of(list)).isNotNull();
            assertThat(contexts.size()).isLessThanOrEqualTo(ProcessedContexts.MAX_LISTS);
        }
    }

    private static void assertSameAsFullProcessing(JsonObject document) {
        assertSameAsFullProcessing(document, BundledContexts.loader());
    }

    /** Twice: the first time may process the context list, the second uses the kept one. */
    private static void assertSameAsFullProcessing(JsonObject document, DocumentLoader loader) {
        Object expected = outcome(() -> fullProcessing(document, loader));
        for (int i = 0; i < 2; i++) {
            assertThat(outcome(() -> JsonLdToRdf.toRdf(document, loader))).as("%s", document).isEqualTo(expected);
        }
    }

    /** Full JSON-LD processing, as {@link JsonLdToRdf} did before it kept active contexts: the reference. */
    static List<RdfQuad> fullProcessing(JsonObject document, DocumentLoader loader) throws JsonLdError {
        JsonLdOptions options = JsonLdToRdf.safeMode(loader);
        JsonArray expanded = JsonLd.expand(JsonDocument.of(document)).options(options).get();
        JsonLdToRdf.requireAbsoluteTypes(expanded);
        List<RdfQuad> quads = new ArrayList<>();
        JsonLd.toRdf(JsonDocument.of(expanded)).options(options).provide((s, p, o, dt, lang, dir, g) -> {
            quads.add(new RdfQuad(s, p, o, dt, lang, dir, g));
            return null;
        });
        return quads;
    }

    private interface Processing {
        List<RdfQuad> run() throws JsonLdError;
    }

    /** The quads, or the error's class, code, message and cause's message. */
    private static Object outcome(Processing processing) {
        try {
            return processing.run();
        } catch (JsonLdError e) {
            return List.of("error", e.getCode(), Objects.toString(e.getMessage()),
                    e.getCause() == null ? "" : Objects.toString(e.getCause().getMessage()));
        } catch (RuntimeException e) {
            return List.of("error", e.getClass(), Objects.toString(e.getMessage()));
        }
    }

    /** The bundled contexts and one more, which defines a prefix. */
    private static final DocumentLoader WITH_EXAMPLE = BundledContexts.loaderWith(Map.of(
            "https://example.org/ctx.jsonld", Json.createObjectBuilder().add("@context",
                    Json.createObjectBuilder().add("ex", "https://example.org/terms#")).build()));

    private static JsonObject with(JsonObject object, String name, JsonValue value) {
        return Json.createObjectBuilder(object).add(name, value).build();
    }
}
