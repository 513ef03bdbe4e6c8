package io.guildmark.credentials.jsonld;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.context.ActiveContext;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.expansion.Expansion;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.processor.ToRdfProcessor;
import com.apicatalog.jsonld.uri.UriUtils;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deserializes a JSON-LD document to an RDF dataset (JSON-LD 1.1 Processing Algorithms and API, "Deserialize JSON-LD to RDF Algorithm") offline and in safe mode.
 *
 * <p>Safe mode (Data Integrity 1.0 and VC Data Model 2.0, "safe mode" of JSON-LD processing): a term that does not expand to an IRI, and a
 * {@code @type} that stays a relative IRI, would be silently dropped by plain JSON-LD processing, so a signature
 * would not cover it. Both are errors with code {@link JsonLdErrorCode#UNDEFINED_TERM}: titanium's undefined-terms
 * policy {@code Fail} catches the first; titanium does not check {@code @type} values, so the expanded document
 * is scanned for them before it is turned into quads.
 *
 * <p>A document whose {@code @context} is a list of URLs is expanded with the active context kept for that list
 * ({@link ProcessedContexts}): the contexts are processed once per list rather than once per document, with the
 * same quads and errors as processing them every time ({@code ProcessedContextsTest}). Other documents are expanded
 * by titanium from the start. The expanded document goes straight to the node map and its quads.
 *
 * <p>Titanium 1.6's options carry caches that are not safe for concurrent use, so each thread keeps its own
 * options per loader; the kept active contexts use options without those caches.
 */
public final class JsonLdToRdf {

    private static final JsonProvider JSON = JsonProvider.provider();

    private static final ThreadLocal<Map<DocumentLoader, JsonLdOptions>> OPTIONS =
            ThreadLocal.withInitial(WeakHashMap::new);

    /** Loaders are few (the bundled one, and test loaders); all are forgotten if there are ever more. */
    private static final int MAX_LOADERS = 16;

    private static final Map<DocumentLoader, ProcessedContexts> PROCESSED = new ConcurrentHashMap<>();

    private JsonLdToRdf() {
    }

    /** The quads of {@code document}, resolving contexts with {@link BundledContexts#loader()}. */
    public static List<RdfQuad> toRdf(JsonObject document) throws JsonLdError {
        return toRdf(document, BundledContexts.loader());
    }

    /**
     * The quads of {@code document}, in titanium's emission order (blank nodes labelled {@code _:b0, _:b1, …}).
     *
     * @throws JsonLdError with code {@link JsonLdErrorCode#UNDEFINED_TERM} in the safe-mode cases above, or with
     *         a cause {@link UnknownContextException} when a context is not served by {@code loader}
     */
    public static List<RdfQuad> toRdf(JsonObject document, DocumentLoader loader) throws JsonLdError {
        JsonLdOptions options = OPTIONS.get().computeIfAbsent(loader, JsonLdToRdf::safeMode);
        JsonArray expanded = expand(document, loader, options);
        requireAbsoluteTypes(expanded);
        List<RdfQuad> quads = new ArrayList<>(64);
        // the node map and its quads straight from the expanded document (what JsonLd.toRdf does after expanding)
        ToRdfProcessor.toRdf((s, p, o, dt, lang, dir, g) -> {
            quads.add(new RdfQuad(s, p, o, dt, lang, dir, g));
            return null;
        }, expanded, options);
        return quads;
    }

    /** JSON-LD 1.1 API "expand()" of {@code document}, as {@code JsonLd.expand} with {@code options} gives it. */
    static JsonArray expand(JsonObject document, DocumentLoader loader, JsonLdOptions options) throws JsonLdError {
        JsonValue context = document.get("@context");
        ActiveContext processed = context == null ? null : processedContexts(loader).of(context);
        if (processed == null) {
            return JsonLd.expand(JsonDocument.of(document)).options(options).get();
        }
        // the document as JSON-LD expansion sees it once its @context is processed: an empty context list is
        // processed into a copy of the active context (§4.1.2 step 1, no item in step 5), which is what full
        // processing of the list gives
        JsonObject rest = JSON.createObjectBuilder(document).add("@context", JsonValue.EMPTY_JSON_ARRAY).build();
        // ExpansionProcessor steps 8 to 8.3, with no base IRI, not ordered, as JsonLd.expand does for a JsonDocument
        JsonValue expanded = Expansion.with(processed, rest, null, null).frameExpansion(false).ordered(false).compute();
        if (expanded instanceof JsonObject object && object.size() == 1 && object.containsKey("@graph")) {
            expanded = object.get("@graph");
        }
        if (expanded == null || expanded.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        return expanded instanceof JsonArray array ? array : JSON.createArrayBuilder().add(expanded).build();
    }

    /** The kept active contexts of each loader's context lists (one per loader, a few loaders at most). */
    static ProcessedContexts processedContexts(DocumentLoader loader) {
        ProcessedContexts contexts = PROCESSED.get(loader);
        if (contexts == null) {
            if (PROCESSED.size() >= MAX_LOADERS) {
                PROCESSED.clear();
            }
            contexts = PROCESSED.computeIfAbsent(loader, ProcessedContexts::forLoader);
        }
        return contexts;
    }

    /** The {@link UnknownContextException} behind {@code error}, if a context was refused. */
    public static UnknownContextException unknownContext(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownContextException unknown) {
                return unknown;
            }
        }
        return null;
    }

    /** Every {@code @type} of an expanded node or value object must be an absolute IRI or a blank node id. */
    static void requireAbsoluteTypes(JsonValue expanded) throws JsonLdError {
        if (expanded instanceof JsonArray array) {
            for (JsonValue item : array) {
                requireAbsoluteTypes(item);
            }
        } else if (expanded instanceof JsonObject object) {
            JsonValue type = object.get("@type");
            if (type instanceof JsonString single) {
                requireAbsoluteType(single.getString());
            } else if (type instanceof JsonArray types) {
                for (JsonValue t : types) {
                    requireAbsoluteType(((JsonString) t).getString());
                }
            }
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                // @value may hold a JSON literal, whose keys are data, not JSON-LD
                if (!"@value".equals(entry.getKey()) && !"@type".equals(entry.getKey())) {
                    requireAbsoluteTypes(entry.getValue());
                }
            }
        }
    }

    private static void requireAbsoluteType(String type) throws JsonLdError {
        if (!"@json".equals(type) && !type.startsWith("_:") && !UriUtils.isAbsoluteUri(type, true)) {
            throw new JsonLdError(JsonLdErrorCode.UNDEFINED_TERM,
                    "Type \"" + type + "\" does not expand to an absolute IRI (safe mode)");
        }
    }

    static JsonLdOptions safeMode(DocumentLoader loader) {
        JsonLdOptions options = new JsonLdOptions(loader);
        options.setUndefinedTermsPolicy(JsonLdOptions.ProcessingPolicy.Fail);
        options.setOrdered(false);
        return options;
    }
}
