package io.guildmark.app.support;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.guildmark.credentials.did.CompositeDidResolver;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.did.DidWebResolver;
import io.guildmark.credentials.did.DocumentFetcher;
import io.guildmark.credentials.did.DocumentGoneException;
import io.guildmark.credentials.verify.Verifier;

/**
 * A verifier outside the platform: the credentials library fetching DID documents, status lists and hosted
 * assertions from the running app over HTTP, from nothing but what the credential says.
 */
public final class OutsideVerifier {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Every address fetched, in order, so tests can say what a verifier needed. */
    public final List<URI> fetched = new CopyOnWriteArrayList<>();
    public final Verifier verifier;

    public OutsideVerifier() {
        DocumentFetcher overHttp = uri -> {
            fetched.add(uri);
            try {
                HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri)
                        .header("Accept", "application/ld+json, application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 410) throw new DocumentGoneException(uri.toString());
                if (response.statusCode() == 404) throw new FileNotFoundException(uri.toString());
                if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode() + " for " + uri);
                return response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        };
        // did:web over http is allowed for loopback only: the test platform runs on 127.0.0.1.
        this.verifier = Verifier.builder().documentFetcher(overHttp)
                .didResolver(CompositeDidResolver.builder().method("web", DidWebResolver.allowingHttpOnLoopback(overHttp))
                        .method("key", new DidKeyResolver()).build())
                .build();
    }
}
