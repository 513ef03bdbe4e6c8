package io.guildmark.credentials.did;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dispatches to one resolver per DID method ({@code web}, {@code key}, …) and, when configured, HTTPS controller
 * identifiers to an {@link HttpsControllerResolver}.
 */
public final class CompositeDidResolver implements DidResolver {

    private final Map<String, DidResolver> byMethod;
    private final DidResolver https;

    private CompositeDidResolver(Map<String, DidResolver> byMethod, DidResolver https) {
        this.byMethod = Map.copyOf(byMethod);
        this.https = https;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** did:web over the given fetcher (HTTPS only) and did:key. */
    public static CompositeDidResolver webAndKey(DocumentFetcher fetcher) {
        return builder().method("web", DidWebResolver.https(fetcher)).method("key", new DidKeyResolver()).build();
    }

    /**
     * did:web (HTTPS only) and HTTPS controller documents through the given fetcher, and did:key: what a verifier of
     * other issuers' credentials needs.
     */
    public static CompositeDidResolver standard(DocumentFetcher fetcher) {
        return builder().method("web", DidWebResolver.https(fetcher)).method("key", new DidKeyResolver())
                .https(new HttpsControllerResolver(fetcher)).build();
    }

    @Override
    public DidDocument resolve(String did) throws DidResolutionException {
        if (https != null && did != null && Did.isHttpsController(Did.controllerOf(did))) {
            return https.resolve(Did.controllerOf(did));
        }
        var method = Did.method(did);
        var resolver = byMethod.get(method);
        if (resolver == null) {
            throw new DidResolutionException(DidResolutionException.Code.METHOD_NOT_SUPPORTED,
                    "DID method '" + method + "' is not supported (supported: " + byMethod.keySet() + ")");
        }
        return resolver.resolve(did);
    }

    public static final class Builder {
        private final Map<String, DidResolver> byMethod = new LinkedHashMap<>();
        private DidResolver https;

        public Builder method(String method, DidResolver resolver) {
            byMethod.put(method, resolver);
            return this;
        }

        /** Resolves HTTPS controller identifiers (not DIDs) with this resolver. */
        public Builder https(DidResolver resolver) {
            this.https = resolver;
            return this;
        }

        public CompositeDidResolver build() {
            return new CompositeDidResolver(byMethod, https);
        }
    }
}
