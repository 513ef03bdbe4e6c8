package io.guildmark.credentials.did;

import jakarta.json.spi.JsonProvider;
import io.guildmark.credentials.InputLimits;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;

/**
 * Resolves an HTTPS controller identifier, such as an issuer id {@code https://example.edu/issuers/565049}, to the
 * controlled identifier document served at that URL (Controlled Identifiers 1.0; OB 3.0 "Dereferencing the
 * Public Key": verifiers must support HTTP URLs). The document lists keys like a DID document does
 * ({@code verificationMethod}, {@code assertionMethod}); its {@code id} must equal the URL. An OB 3.0 issuer
 * {@code Profile} with those two members qualifies.
 */
public final class HttpsControllerResolver implements DidResolver {

    /** Looked up once: {@code Json.create…} searches the class path for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final DocumentFetcher fetcher;

    public HttpsControllerResolver(DocumentFetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    @Override
    public DidDocument resolve(String id) throws DidResolutionException {
        var controller = id == null ? null : Did.controllerOf(id);
        if (!Did.isHttpsController(controller)) {
            throw new DidResolutionException(DidResolutionException.Code.INVALID_DID,
                    "not an HTTPS controller identifier: " + Did.abbreviate(id));
        }
        var url = URI.create(controller);
        byte[] body;
        try {
            body = fetcher.fetch(url);
        } catch (FileNotFoundException e) {
            throw new DidResolutionException(DidResolutionException.Code.NOT_FOUND, "no document at " + url, e);
        } catch (IOException | RuntimeException e) {
            throw new DidResolutionException(DidResolutionException.Code.FETCH_FAILED,
                    "could not fetch " + url + ": " + e.getMessage(), e);
        }
        if (body == null || body.length > DidWebResolver.MAX_DOCUMENT_BYTES) {
            throw new DidResolutionException(DidResolutionException.Code.FETCH_FAILED,
                    "document at " + url + " is missing or too large");
        }
        if (InputLimits.jsonTooDeep(body)) {
            throw new DidResolutionException(DidResolutionException.Code.INVALID_DOCUMENT, "document at " + url + " is nested too deeply");
        }
        JsonObject json;
        try (var reader = JSON.createReader(new ByteArrayInputStream(body))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new DidResolutionException(DidResolutionException.Code.INVALID_DOCUMENT,
                    "document at " + url + " is not a JSON object", e);
        }
        DidDocument document;
        try {
            document = DidDocument.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new DidResolutionException(DidResolutionException.Code.INVALID_DOCUMENT,
                    "document at " + url + " does not list keys: " + e.getMessage(), e);
        }
        if (!document.id().equals(controller)) {
            throw new DidResolutionException(DidResolutionException.Code.ID_MISMATCH,
                    "document at " + url + " has id " + document.id());
        }
        return document;
    }
}
