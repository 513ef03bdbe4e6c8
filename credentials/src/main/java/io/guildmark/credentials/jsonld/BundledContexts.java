package io.guildmark.credentials.jsonld;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.http.media.MediaType;
import com.apicatalog.jsonld.loader.DocumentLoader;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The JSON-LD contexts Guildmark ships, pinned by SHA-256, served by an offline {@link DocumentLoader}.
 *
 * <p>{@code contexts/index.json} maps each context URL to a file beside it and the file's SHA-256; every file is
 * read, checked against its hash and parsed once, when this class is first used. A file whose hash differs stops
 * the class from loading: a silently changed context would change what every signature means.
 *
 * <p>The loader answers only these URLs. Any other URL fails with a {@link JsonLdError} whose message names the
 * URL and whose cause is an {@link UnknownContextException}.
 */
public final class BundledContexts {

    /** Looked up once: {@code Json.create…} searches for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final String BASE = "/io/guildmark/credentials/contexts/";

    /** The bytes each context URL is known by: the bundled file first, then published revisions (see index.json). */
    private static final Map<String, List<byte[]>> REVISIONS = new LinkedHashMap<>();

    private static final Map<String, JsonStructure> CONTEXTS = load();

    private static final DocumentLoader LOADER = new MapLoader(CONTEXTS);

    private BundledContexts() {
    }

    /** The offline loader: thread-safe, serves only bundled contexts. */
    public static DocumentLoader loader() {
        return LOADER;
    }

    /**
     * A loader serving the bundled contexts plus {@code extra} ones (for tests against published vectors that use
     * example contexts). Bundled URLs cannot be overridden.
     */
    public static DocumentLoader loaderWith(Map<String, ? extends JsonStructure> extra) {
        Map<String, JsonStructure> all = new LinkedHashMap<>(extra);
        all.putAll(CONTEXTS);
        return new MapLoader(Collections.unmodifiableMap(all));
    }

    /** Whether {@code url} is a bundled context URL (exact match, no normalization). */
    public static boolean isBundled(String url) {
        return CONTEXTS.containsKey(url);
    }

    /** Every bundled context URL. */
    public static Set<String> urls() {
        return CONTEXTS.keySet();
    }

    /** The parsed content of a bundled context. */
    public static JsonStructure content(String url) {
        JsonStructure context = CONTEXTS.get(url);
        if (context == null) {
            throw new UnknownContextException(url);
        }
        return context;
    }

    /**
     * The bytes a bundled context is known by, for comparing digests of it (a credential's {@code relatedResource}):
     * the bundled file, then any published revision of the same URL whose bytes differ ({@code publishedRevisions} in
     * {@code index.json}; e.g. the revision of {@code https://www.w3.org/ns/credentials/v2} whose SHA-256 the VCDM 2.0
     * Recommendation states). Only the bundled file is ever used as a context.
     */
    public static List<byte[]> knownRevisions(String url) {
        List<byte[]> revisions = REVISIONS.get(url);
        if (revisions == null) {
            throw new UnknownContextException(url);
        }
        return revisions.stream().map(byte[]::clone).toList();
    }

    private static Map<String, JsonStructure> load() {
        JsonObject index = (JsonObject) parse(read("index.json"));
        Map<String, JsonStructure> contexts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : index.entrySet()) {
            JsonObject item = entry.getValue().asJsonObject();
            byte[] bytes = checked(entry.getKey(), item);
            contexts.put(entry.getKey(), parse(bytes));
            List<byte[]> revisions = new ArrayList<>();
            revisions.add(bytes);
            if (item.get("publishedRevisions") instanceof JsonArray published) {
                for (JsonValue revision : published) {
                    revisions.add(checked(entry.getKey(), revision.asJsonObject()));
                }
            }
            REVISIONS.put(entry.getKey(), List.copyOf(revisions));
        }
        return Collections.unmodifiableMap(contexts);
    }

    /** The file an index item names, after checking it against the item's SHA-256. */
    private static byte[] checked(String url, JsonObject item) {
        String file = item.getString("file");
        byte[] bytes = read(file);
        String actual = HexFormat.of().formatHex(sha256(bytes));
        if (!actual.equals(item.getString("sha256"))) {
            throw new IllegalStateException("Bundled context " + file + " for " + url
                    + " has SHA-256 " + actual + ", expected " + item.getString("sha256"));
        }
        return bytes;
    }

    private static byte[] read(String file) {
        try (InputStream in = BundledContexts.class.getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new IllegalStateException("Bundled context file missing: " + BASE + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonStructure parse(byte[] bytes) {
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(bytes))) {
            return reader.read();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves parsed contexts from a map; a fresh {@link JsonDocument} per call, since titanium sets its URL. */
    private static final class MapLoader implements DocumentLoader {

        private final Map<String, JsonStructure> contexts;

        MapLoader(Map<String, JsonStructure> contexts) {
            this.contexts = Objects.requireNonNull(contexts);
        }

        @Override
        public com.apicatalog.jsonld.document.Document loadDocument(URI url,
                com.apicatalog.jsonld.loader.DocumentLoaderOptions options) throws JsonLdError {
            JsonStructure content = contexts.get(url.toString());
            if (content == null) {
                UnknownContextException refused = new UnknownContextException(url.toString());
                throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, refused.getMessage(), refused);
            }
            JsonDocument document = JsonDocument.of(MediaType.JSON_LD, content);
            document.setDocumentUrl(url);
            return document;
        }
    }
}
