package io.guildmark.app.shared;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

/**
 * Which addresses are not on the public internet: the server must not be pointed at them by what outsiders give it
 * (SSRF), whether a credential's DID document or an organization's webhook endpoint.
 */
public final class NetworkAddresses {

    private NetworkAddresses() {}

    /** What kind of non-public address this is, or {@code null} for a public one. */
    public static @Nullable String nonPublicKind(InetAddress address) {
        if (address.isAnyLocalAddress()) return "unspecified";
        if (address.isLoopbackAddress()) return "loopback";
        if (address.isLinkLocalAddress()) return "link-local";
        if (address.isSiteLocalAddress()) return "private network";
        if (address.isMulticastAddress()) return "multicast";
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) return ipv4Kind(b);
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) return "private network"; // fc00::/7 unique local
            if (first == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) return "documentation"; // 2001:db8::/32
            if (first == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) return "Teredo tunnel"; // 2001::/32
            if (first == 0x20 && b[1] == 0x02) return ipv4Kind(new byte[] {b[2], b[3], b[4], b[5]}); // 2002::/16 6to4
            boolean zeros80 = allZero(b, 0, 10);
            boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff; // ::ffff:0:0/96
            boolean compatible = zeros80 && b[10] == 0 && b[11] == 0; // ::/96
            boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12); // 64:ff9b::/96
            if (mapped || compatible || nat64) {
                String embedded = ipv4Kind(new byte[] {b[12], b[13], b[14], b[15]});
                return embedded != null ? embedded : mapped || nat64 ? null : "reserved";
            }
            if (b[0] == 0x01 && b[1] == 0 && allZero(b, 2, 8)) return "reserved"; // 100::/64 discard
            return null;
        }
        return "unknown";
    }

    private static @Nullable String ipv4Kind(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) return "unspecified"; // 0/8 "this network"
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) return "private network";
        if (a0 == 127) return "loopback";
        if (a0 == 169 && a1 == 254) return "link-local";
        if (a0 == 100 && (a1 & 0xc0) == 64) return "shared (carrier-grade NAT)"; // 100.64/10
        if (a0 >= 224 && a0 <= 239) return "multicast";
        if (a0 >= 240) return "reserved"; // 240/4 and the broadcast address
        if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) return "reserved"; // 192.0.0/24, 192.0.2/24
        if ((a0 == 198 && (a1 == 18 || a1 == 19)) || (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return "reserved"; // benchmarking 198.18/15, documentation
        }
        return null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) return false;
        }
        return true;
    }
}
