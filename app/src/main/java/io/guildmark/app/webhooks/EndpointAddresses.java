package io.guildmark.app.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import io.guildmark.app.shared.NetworkAddresses;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which endpoint addresses webhooks are sent to: https only, and only to public addresses (no loopback, private,
 * link-local with the cloud metadata service, multicast …), checked when the endpoint is saved and again before every
 * attempt, since what a name resolves to can change. {@code guildmark.webhooks.allow-private-networks=true} lifts the
 * address rule and allows plain http to loopback (a receiver on the same machine).
 */
@Component
class EndpointAddresses {

    static final int MAX_LENGTH = 2000;

    /** Looks up a host's addresses; the JVM's resolver outside tests. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final HostResolver resolver;

    @Autowired
    EndpointAddresses(WebhookSettings settings) {
        this(settings.allowPrivateNetworks(), InetAddress::getAllByName);
    }

    EndpointAddresses(boolean allowPrivate, HostResolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** The address as given, checked in form and where it resolves to; a 400 problem on the {@code url} field otherwise. */
    URI check(@Nullable String url) {
        URI uri = parse(url);
        String refusal = refusal(uri);
        if (refusal != null) throw Problem.invalidField("url", refusal);
        return uri;
    }

    URI parse(@Nullable String url) {
        String given = url == null ? "" : url.strip();
        if (given.isEmpty()) throw Problem.invalidField("url", "Give the endpoint's address (https://…).");
        if (given.length() > MAX_LENGTH) throw Problem.invalidField("url", "The address is longer than " + MAX_LENGTH + " characters.");
        URI uri;
        try {
            uri = new URI(given);
        } catch (URISyntaxException e) {
            throw Problem.invalidField("url", "This is not a valid web address.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw Problem.invalidField("url", "Webhooks are sent to https:// addresses only.");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) throw Problem.invalidField("url", "This is not a complete web address.");
        if (uri.getRawUserInfo() != null) throw Problem.invalidField("url", "Leave the user name and password out of the address.");
        if (uri.getRawFragment() != null) throw Problem.invalidField("url", "Leave the #fragment out of the address.");
        if (scheme.equals("http") && !allowPrivate) throw Problem.invalidField("url", "Webhooks are sent to https:// addresses only.");
        return uri;
    }

    /** Why the address may not be sent to now, or {@code null} when it may (resolves the host). */
    @Nullable String refusal(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return "The host " + host + " does not exist.";
        }
        boolean http = "http".equalsIgnoreCase(uri.getScheme());
        for (InetAddress address : addresses) {
            if (http && !address.isLoopbackAddress()) return "Plain http is allowed only to this machine (loopback); use https://.";
            String kind = NetworkAddresses.nonPublicKind(address);
            if (kind != null && !allowPrivate) {
                return "The host " + host + " is at " + address.getHostAddress() + ", a " + kind
                        + " address; webhooks are sent to public addresses only.";
            }
        }
        return null;
    }
}
