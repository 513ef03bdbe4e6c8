package io.guildmark.credentials.jsonld;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.context.ActiveContext;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.processor.ProcessingRuntime;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The active contexts (JSON-LD 1.1 Processing Algorithms and API §4.1 "Context Processing Algorithm") of the
 * top-level {@code @context} lists of URLs seen so far, for one document loader.
 *
 * <p>Processing the VC 2.0 and OB 3.0 contexts (about 60 terms, and 22 type-scoped contexts that are each processed
 * once more to validate them, §4.2.2 step 21) costs more than expanding a credential with them. The result of that
 * processing depends only on the context list, the loader's answers for its URLs and the processing options, and
 * titanium never changes an active context once built (processing a further context clones it first, step 1), so the
 * active context of a list is built once and shared. Only lists of URL strings are kept: they are short and the
 * loader decides what they mean; an inline context is processed with its document, as before.
 *
 * <p>The loader must answer the same for a URL every time (the bundled contexts are immutable). Bounded: at most
 * {@link #MAX_LISTS} lists, all forgotten when full. Thread-safe.
 */
final class ProcessedContexts {

    /** Distinct context lists kept; real credentials use a handful. */
    static final int MAX_LISTS = 64;

    /** Longest list kept: real documents list two to five contexts. */
    static final int MAX_URLS = 16;

    private final JsonLdOptions options;

    private final Map<String, ActiveContext> byList = new ConcurrentHashMap<>();

    private final AtomicLong uses = new AtomicLong();

    /**
     * @param options processing options of every document this serves; used by the shared active contexts, so they
     *        must not change afterwards and must hold no cache that is unsafe for concurrent use
     */
    ProcessedContexts(JsonLdOptions options) {
        if (options.getContextCache() != null || options.getDocumentCache() != null) {
            throw new IllegalArgumentException("Shared active contexts cannot use titanium's unsynchronized caches");
        }
        this.options = options;
    }

    /**
     * The active context that processing {@code context} (a document's top-level {@code @context} value) on an
     * empty active context with no base IRI gives, or null when it is not a short list of URLs or its processing
     * failed (the caller then processes it with the document, and reports the error as before).
     */
    ActiveContext of(JsonValue context) {
        String key = keyOf(context);
        if (key == null) {
            return null;
        }
        ActiveContext processed = byList.get(key);
        if (processed != null) {
            uses.incrementAndGet();
            return processed;
        }
        try {
            processed = new ActiveContext(null, null, ProcessingRuntime.of(options)).newContext().create(context, null);
        } catch (JsonLdError | RuntimeException e) {
            return null;
        }
        // a context that is not propagated (@propagate: false) would be reverted at the top-level node (§4.1.2 step
        // 7), which the shared context cannot reproduce; none of the bundled contexts does this
        if (processed.getPreviousContext() != null) {
            return null;
        }
        if (byList.size() >= MAX_LISTS) {
            byList.clear();
        }
        byList.put(key, processed);
        uses.incrementAndGet();
        return processed;
    }

    /** Documents given a kept (or newly kept) active context so far. */
    long uses() {
        return uses.get();
    }

    /** Context lists kept now. */
    int size() {
        return byList.size();
    }

    /**
     * The list's URLs, each after its length (a single string and an array of one differ by the first character), or
     * null unless it is one URL or an array of at most {@link #MAX_URLS} URLs.
     */
    private static String keyOf(JsonValue context) {
        if (context instanceof JsonString url) {
            return "s" + url.getString().length() + ':' + url.getString();
        }
        if (!(context instanceof JsonArray urls) || urls.isEmpty() || urls.size() > MAX_URLS) {
            return null;
        }
        StringBuilder key = new StringBuilder(128).append('a');
        for (JsonValue item : urls) {
            if (!(item instanceof JsonString url)) {
                return null;
            }
            key.append(url.getString().length()).append(':').append(url.getString());
        }
        return key.toString();
    }

    /** A loader's contexts, with the processing options every document of {@link JsonLdToRdf} uses. */
    static ProcessedContexts forLoader(DocumentLoader loader) {
        JsonLdOptions options = JsonLdToRdf.safeMode(loader);
        options.setContextCache(null);
        options.setDocumentCache(null);
        return new ProcessedContexts(options);
    }
}
