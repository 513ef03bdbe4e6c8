package io.guildmark.app.organizations;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.guildmark.app.shared.GuildmarkSettings;

/** The public identity of an organization as an issuer: its {@code did:web} and addresses. */
public final class Issuers {

    private Issuers() {}

    /** {@code did:web:<host>[%3A<port>][:<path>]:issuers:<slug>}, resolving to {@code <base>/issuers/<slug>/did.json}. */
    public static String did(GuildmarkSettings settings, String slug) {
        URI base = settings.baseUrl();
        StringBuilder did = new StringBuilder("did:web:").append(base.getHost());
        if (base.getPort() != -1) did.append("%3A").append(base.getPort());
        String path = base.getPath();
        if (path != null) {
            for (String segment : path.split("/")) {
                if (!segment.isEmpty()) did.append(':').append(URLEncoder.encode(segment, StandardCharsets.UTF_8));
            }
        }
        return did.append(":issuers:").append(slug).toString();
    }
}
