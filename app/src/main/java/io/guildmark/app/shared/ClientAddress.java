package io.guildmark.app.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a request came from: the connection's remote address. {@code X-Forwarded-For} counts only when it
 * came from a trusted proxy ({@code server.tomcat.remoteip.internal-proxies}; this machine by default), where Tomcat
 * has already put the client's address in its place. See docs/configuration.md, "Web server".
 */
public final class ClientAddress {

    private ClientAddress() {}

    /** The client's IP address, as text of at most 64 characters. */
    public static String of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        if (address == null || address.isBlank()) return "unknown";
        return address.length() > 64 ? address.substring(0, 64) : address;
    }

    /** Whether the request came from this machine (and not through a proxy that named another client). */
    public static boolean isLoopback(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        if (address == null || !(address.startsWith("127.") || address.contains(":"))) return false;
        try {
            // A literal address: no name is looked up.
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
