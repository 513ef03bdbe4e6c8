package io.guildmark.credentials.did;

import java.util.LinkedHashMap;
import java.util.Map;

/** Dispatches to one resolver per DID method ({@code web}, {@code key}, …). */
public final class CompositeDidResolver implements DidResolver {

    private final Map<String, DidResolver> byMethod;

    private CompositeDidResolver(Map<String, DidResolver> byMethod) {
        this.byMethod = Map.copyOf(byMethod);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** did:web over the given fetcher (HTTPS only) and did:key. */
    public static CompositeDidResolver webAndKey(DocumentFetcher fetcher) {
        return builder().method("web", DidWebResolver.https(fetcher)).method("key", new DidKeyResolver()).build();
    }

    @Override
    public DidDocument resolve(String did) throws DidResolutionException {
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

        public Builder method(String method, DidResolver resolver) {
            byMethod.put(method, resolver);
            return this;
        }

        public CompositeDidResolver build() {
            return new CompositeDidResolver(byMethod);
        }
    }
}
