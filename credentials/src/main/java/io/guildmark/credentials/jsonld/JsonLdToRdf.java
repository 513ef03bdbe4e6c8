package io.guildmark.credentials.jsonld;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.uri.UriUtils;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Deserializes a JSON-LD document to an RDF dataset (JSON-LD 1.1 Processing Algorithms and API, "Deserialize JSON-LD to RDF Algorithm") offline and in safe mode.
 *
 * <p>Safe mode (Data Integrity 1.0 and VC Data Model 2.0, "safe mode" of JSON-LD processing): a term that does not expand to an IRI, and a
 * {@code @type} that stays a relative IRI, would be silently dropped by plain JSON-LD processing, so a signature
 * would not cover it. Both are errors with code {@link JsonLdErrorCode#UNDEFINED_TERM}: titanium's undefined-terms
 * policy {@code Fail} catches the first; titanium does not check {@code @type} values, so the expanded document
 * is scanned for them before it is turned into quads.
 *
 * <p>Titanium 1.6's options carry caches that are not safe for concurrent use, so each thread keeps its own
 * options per loader.
 */
public final class JsonLdToRdf {

    private static final ThreadLocal<Map<DocumentLoader, JsonLdOptions>> OPTIONS =
            ThreadLocal.withInitial(WeakHashMap::new);

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
        JsonArray expanded = JsonLd.expand(JsonDocument.of(document)).options(options).get();
        requireAbsoluteTypes(expanded);
        List<RdfQuad> quads = new ArrayList<>(64);
        JsonLd.toRdf(JsonDocument.of(expanded))
                .options(options)
                .provide((s, p, o, dt, lang, dir, g) -> {
                    quads.add(new RdfQuad(s, p, o, dt, lang, dir, g));
                    return null;
                });
        return quads;
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
    private static void requireAbsoluteTypes(JsonValue expanded) throws JsonLdError {
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

    private static JsonLdOptions safeMode(DocumentLoader loader) {
        JsonLdOptions options = new JsonLdOptions(loader);
        options.setUndefinedTermsPolicy(JsonLdOptions.ProcessingPolicy.Fail);
        options.setOrdered(false);
        return options;
    }
}
