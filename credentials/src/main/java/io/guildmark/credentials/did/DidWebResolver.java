package io.guildmark.credentials.did;

import jakarta.json.spi.JsonProvider;
import io.guildmark.credentials.InputLimits;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Objects;

/**
 * Resolves {@code did:web} DIDs by fetching {@code did.json} through a {@link DocumentFetcher} (did:web §3.2). The
 * fetched document's {@code id} must equal the DID, or the document is refused.
 */
public final class DidWebResolver implements DidResolver {

    /** Looked up once: {@code Json.create…} searches the class path for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** DID documents are small; anything larger is refused before parsing. */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    private final DocumentFetcher fetcher;
    private final boolean allowHttpOnLoopback;

    private DidWebResolver(DocumentFetcher fetcher, boolean allowHttpOnLoopback) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.allowHttpOnLoopback = allowHttpOnLoopback;
    }

    /** HTTPS only, as the specification requires. */
    public static DidWebResolver https(DocumentFetcher fetcher) {
        return new DidWebResolver(fetcher, false);
    }

    /** Also maps loopback hosts to {@code http://}: for tests and the local demo only. */
    public static DidWebResolver allowingHttpOnLoopback(DocumentFetcher fetcher) {
        return new DidWebResolver(fetcher, true);
    }

    @Override
    public DidDocument resolve(String did) throws DidResolutionException {
        var bare = Did.withoutFragment(did);
        var url = DidWeb.toUrl(bare, allowHttpOnLoopback);
        byte[] body;
        try {
            body = fetcher.fetch(url);
        } catch (FileNotFoundException e) {
            throw new DidResolutionException(DidResolutionException.Code.NOT_FOUND, "no DID document at " + url, e);
        } catch (IOException | RuntimeException e) {
            throw new DidResolutionException(DidResolutionException.Code.FETCH_FAILED,
                    "could not fetch " + url + ": " + e.getMessage(), e);
        }
        if (body == null || body.length > MAX_DOCUMENT_BYTES) {
            throw new DidResolutionException(DidResolutionException.Code.FETCH_FAILED,
                    "DID document at " + url + " is missing or larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        if (InputLimits.jsonTooDeep(body)) {
            throw new DidResolutionException(DidResolutionException.Code.INVALID_DOCUMENT, "DID document at " + url + " is nested too deeply");
        }
        JsonObject json;
        try (var reader = JSON.createReader(new ByteArrayInputStream(body))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new DidResolutionException(DidResolutionException.Code.INVALID_DOCUMENT,
                    "DID document at " + url + " is not a JSON object", e);
        }
        DidDocument document;
        try {
            document = DidDocument.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new DidResolutionException(DidResolutionException.Code.INVALID_DOCUMENT,
                    "DID document at " + url + " is invalid: " + e.getMessage(), e);
        }
        if (!document.id().equals(bare)) {
            throw new DidResolutionException(DidResolutionException.Code.ID_MISMATCH,
                    "DID document at " + url + " has id " + document.id() + ", expected " + bare);
        }
        return document;
    }
}
