package io.guildmark.app.verification;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.NetworkAddresses;
import io.guildmark.credentials.did.DocumentFetcher;
import io.guildmark.credentials.did.DocumentGoneException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Fetches DID documents, status lists and badges for the verifier without letting a credential (or a visitor of
 * {@code /verify}) point the server at the network behind it (SSRF).
 *
 * <ul>
 *   <li>Only {@code http} and {@code https}; no user name in the address.</li>
 *   <li>The host is resolved first, and every address it resolves to must be public: loopback, private networks
 *       (10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10), link-local (169.254/16 with the cloud metadata service,
 *       fe80::/10), multicast, unspecified, carrier-grade NAT (100.64/10), documentation, benchmarking and reserved
 *       ranges, and IPv6 forms that embed such an IPv4 address, are refused. Exceptions: the platform's own base URL
 *       host and port (so our own badges verify on a local demo), {@code guildmark.verification.allowed-hosts}, and
 *       {@code guildmark.verification.allow-private-addresses=true}.</li>
 *   <li>Redirects are followed by hand, at most {@value #MAX_REDIRECTS}, and every target is checked again.</li>
 *   <li>Connecting and the whole answer each have a time limit (5 s by default); the body is read as a stream and the
 *       connection dropped as soon as it passes the size limit; only 2xx answers count; no proxy is used and no
 *       compression is asked for.</li>
 * </ul>
 *
 * <p>DNS rebinding: {@link HttpClient} cannot be told which address to connect to, so it looks the host up again.
 * That second lookup is answered from the JVM's address cache (positive answers are kept 30 s by default,
 * {@code networkaddress.cache.ttl}, whatever TTL the DNS answer carried), which the check filled milliseconds earlier,
 * so the connection goes to an address that was checked. The residual risk is a cache entry that expires in the few
 * milliseconds between the check and the connection, or an installation that sets {@code networkaddress.cache.ttl=0};
 * a firewall that keeps the application from reaching internal networks closes it completely.
 */
@Component
public class SafeDocumentFetcher implements DocumentFetcher {

    /** What DID documents and status lists are asked for as. */
    public static final String DOCUMENT_ACCEPT = "application/did+json, application/json, application/ld+json, application/vc+ld+json";
    static final int MAX_REDIRECTS = 3;

    /**
     * An answer: the address it finally came from (after redirects), its media type, its body, and for the
     * {@link DocumentCache} its {@code Cache-Control} and {@code ETag} headers and whether it was a {@code 304 Not
     * Modified} (then the body is empty).
     */
    record Fetched(URI uri, @Nullable String contentType, byte[] body, @Nullable String cacheControl, @Nullable String etag,
            boolean notModified) {
        Fetched(URI uri, @Nullable String contentType, byte[] body) {
            this(uri, contentType, body, null, null, false);
        }
    }

    /** Looks up a host's addresses; the JVM's resolver outside tests. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final HttpClient http;
    private final HostResolver resolver;
    private final Duration timeout;
    private final long maxDocumentBytes;
    private final boolean allowPrivateAddresses;
    private final Set<String> allowedHosts;
    private final String ownHost;
    private final int ownPort;

    @Autowired
    SafeDocumentFetcher(VerificationSettings settings, GuildmarkSettings platform) {
        this(settings, platform.baseUrl(), InetAddress::getAllByName);
    }

    SafeDocumentFetcher(VerificationSettings settings, URI baseUrl, HostResolver resolver) {
        this.resolver = resolver;
        this.timeout = settings.timeout();
        this.maxDocumentBytes = settings.maxDocumentSize().toBytes();
        this.allowPrivateAddresses = settings.allowPrivateAddresses();
        this.allowedHosts = new HashSet<>();
        for (String entry : settings.allowedHosts()) {
            // A bare IPv6 address ("::1") is written with brackets, as URI.getHost() gives it.
            allowedHosts.add(entry.indexOf(':') != entry.lastIndexOf(':') && !entry.startsWith("[") ? "[" + entry + "]" : entry);
        }
        this.ownHost = baseUrl.getHost() == null ? "" : baseUrl.getHost().toLowerCase(Locale.ROOT);
        this.ownPort = port(baseUrl);
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Fetches a DID document or status list (at most {@code guildmark.verification.max-document-size}).
     *
     * @throws FileNotFoundException if the server answers 404, a {@link DocumentGoneException} for 410 (a revoked
     *                               Open Badges 2.0 hosted assertion)
     * @throws IOException (a {@link FetchException}) if the address is refused or the fetch fails
     */
    @Override
    public byte[] fetch(URI uri) throws IOException {
        return get(uri, DOCUMENT_ACCEPT, maxDocumentBytes).body();
    }

    /**
     * Fetches a DID document or status list like {@link #fetch}, with the answer's headers; with an {@code etag}, asks
     * only for a changed document ({@code If-None-Match}), and a {@code 304} answer comes back as
     * {@link Fetched#notModified()}.
     */
    Fetched document(URI uri, @Nullable String etag) throws IOException {
        return get(uri, DOCUMENT_ACCEPT, maxDocumentBytes, etag);
    }

    /**
     * Fetches any resource a credential names as a {@code relatedResource}, to compare its digest: any media type, the
     * same address checks, time limits and size limit ({@code guildmark.verification.max-document-size}) as documents.
     *
     * @throws FileNotFoundException if the server answers 404 (or 410)
     * @throws IOException (a {@link FetchException}) if the address is refused or the fetch fails
     */
    public byte[] relatedResource(URI uri) throws IOException {
        return get(uri, "*/*", maxDocumentBytes).body();
    }

    /** The time limit of one request. */
    Duration timeout() {
        return timeout;
    }

    /** Fetches with the given {@code Accept} header and size limit, following and checking redirects. */
    Fetched get(URI uri, String accept, long maxBytes) throws IOException {
        return get(uri, accept, maxBytes, null);
    }

    private Fetched get(URI uri, String accept, long maxBytes, @Nullable String etag) throws IOException {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            check(current);
            HttpResponse<byte[]> response = exchange(current, accept, maxBytes, etag);
            int status = response.statusCode();
            if (status == 304 && etag != null) {
                return new Fetched(current, null, new byte[0], String.join(", ", response.headers().allValues("cache-control")),
                        response.headers().firstValue("etag").orElse(etag), true);
            }
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                if (redirects == MAX_REDIRECTS) {
                    throw new FetchException(FetchException.Reason.TOO_MANY_REDIRECTS,
                            current + " redirects more than " + MAX_REDIRECTS + " times.");
                }
                URI from = current;
                String location = response.headers().firstValue("location").orElseThrow(() -> new FetchException(
                        FetchException.Reason.HTTP_ERROR, from + " redirects without saying where to."));
                current = resolve(current, location);
                continue;
            }
            if (status == 410) {
                throw new DocumentGoneException("nothing is at " + current + " any more (HTTP 410 Gone)");
            }
            if (status == 404) {
                throw new FileNotFoundException("nothing is at " + current + " (HTTP 404)");
            }
            if (status < 200 || status > 299) {
                throw new FetchException(FetchException.Reason.HTTP_ERROR, current + " answered with HTTP status " + status + ".");
            }
            return new Fetched(current, response.headers().firstValue("content-type").orElse(null), response.body(),
                    String.join(", ", response.headers().allValues("cache-control")), response.headers().firstValue("etag").orElse(null),
                    false);
        }
    }

    /**
     * Refuses an address that is not http(s) or whose host resolves to a non-public address, unless it is allowed.
     *
     * @throws FetchException saying why
     */
    void check(URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(FetchException.Reason.UNSUPPORTED_SCHEME,
                    "Only http and https addresses are fetched, not " + (scheme.isEmpty() ? "\"" + uri + "\"" : scheme + ":") + ".");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new FetchException(FetchException.Reason.INVALID_URL, uri + " is not a complete web address.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new FetchException(FetchException.Reason.INVALID_URL, "Addresses with a user name or password are not fetched.");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = port(uri);
        if ((host.equals(ownHost) && port == ownPort) || allowedHosts.contains(host) || allowedHosts.contains(host + ":" + port)) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new FetchException(FetchException.Reason.UNKNOWN_HOST, "The host " + host + " does not exist.", e);
        }
        if (allowPrivateAddresses) {
            return;
        }
        for (InetAddress address : addresses) {
            String kind = nonPublicKind(address);
            if (kind != null) {
                throw new FetchException(FetchException.Reason.ADDRESS_NOT_ALLOWED, "The host " + host + " is at "
                        + address.getHostAddress() + ", a " + kind + " address; only public addresses are fetched.");
            }
        }
    }

    /** What kind of non-public address this is, or {@code null} for a public one. */
    static @Nullable String nonPublicKind(InetAddress address) {
        return NetworkAddresses.nonPublicKind(address);
    }

    private HttpResponse<byte[]> exchange(URI uri, String accept, long maxBytes, @Nullable String etag) throws IOException {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept)
                    .header("User-Agent", "Guildmark-Verifier/1");
            if (etag != null) builder.header("If-None-Match", etag);
            request = builder.GET().build();
        } catch (IllegalArgumentException e) {
            throw new FetchException(FetchException.Reason.INVALID_URL, uri + " is not a valid web address.", e);
        }
        CompletableFuture<HttpResponse<byte[]>> answer;
        try {
            answer = http.sendAsync(request, info -> {
                if (info.statusCode() < 200 || info.statusCode() > 299) return new CappedBody(0, uri); // only headers matter
                long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
                return declared > maxBytes ? CappedBody.refusing(maxBytes, uri) : new CappedBody(maxBytes, uri);
            });
        } catch (IllegalArgumentException e) {
            throw new FetchException(FetchException.Reason.INVALID_URL, uri + " is not a valid web address.", e);
        }
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw timedOut(uri, e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while fetching " + uri);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
            if (cause instanceof FetchException f) throw f;
            if (cause instanceof HttpTimeoutException) throw timedOut(uri, cause);
            if (cause instanceof ConnectException) {
                throw new FetchException(FetchException.Reason.UNREACHABLE, "Could not connect to " + uri.getHost() + ".", cause);
            }
            throw new FetchException(FetchException.Reason.UNREACHABLE, "Could not fetch " + uri + ": "
                    + (cause == null || cause.getMessage() == null ? "the connection failed" : cause.getMessage()) + ".", cause);
        }
    }

    private FetchException timedOut(URI uri, Throwable cause) {
        return new FetchException(FetchException.Reason.TIMEOUT, uri.getHost() + " did not answer within "
                + timeout.toMillis() / 1000.0 + " s.", cause);
    }

    private static URI resolve(URI base, String location) throws FetchException {
        try {
            return base.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchException(FetchException.Reason.INVALID_URL, base + " redirects to an invalid address.", e);
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) return uri.getPort();
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Collects a body up to a limit and drops the connection beyond it; a limit of 0 drops it at once. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final long max;
        private final URI uri;
        private final boolean refuse;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.@Nullable Subscription subscription;
        private long received;

        CappedBody(long max, URI uri) {
            this(max, uri, false);
        }

        private CappedBody(long max, URI uri, boolean refuse) {
            this.max = max;
            this.uri = uri;
            this.refuse = refuse;
        }

        static CappedBody refusing(long max, URI uri) {
            return new CappedBody(max, uri, true);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (refuse) {
                s.cancel();
                body.completeExceptionally(tooLarge());
            } else if (max == 0) {
                s.cancel();
                body.complete(new byte[0]);
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) return;
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
                if (received > max) {
                    if (subscription != null) subscription.cancel();
                    body.completeExceptionally(tooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
            if (subscription != null) subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(out.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        private FetchException tooLarge() {
            return new FetchException(FetchException.Reason.TOO_LARGE, "The document at " + uri + " is larger than "
                    + (max >= 1024 * 1024 ? max / (1024 * 1024) + " MB" : max / 1024 + " KB") + ".");
        }
    }
}
