package io.guildmark.app.issuing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Where a badge can be shared from its page, and the address each network takes. The page's buttons go through our
 * own redirect ({@code /credentials/{id}/share/{slug}}, {@link ShareRedirects}), which counts the click and sends the
 * visitor on: the network learns nothing from us that the visitor does not send it.
 */
enum ShareNetwork {
    LINKEDIN_PROFILE("linkedin-profile", "Add to LinkedIn profile"),
    LINKEDIN("linkedin", "Share on LinkedIn"),
    X("x", "Share on X"),
    FACEBOOK("facebook", "Share on Facebook"),
    EMAIL("email", "Share by e-mail");

    /** What a share says about the badge, read from the signed credential and the award. */
    record Badge(String url, String name, String issuerName, String recipientName, Instant issued, @Nullable Instant expires, String id,
            @Nullable String linkedInOrganizationId) {}

    private final String slug;
    private final String label;

    ShareNetwork(String slug, String label) {
        this.slug = slug;
        this.label = label;
    }

    String slug() {
        return slug;
    }

    String label() {
        return label;
    }

    static @Nullable ShareNetwork ofSlug(String slug) {
        for (ShareNetwork n : values()) if (n.slug.equals(slug)) return n;
        return null;
    }

    /** The network's own address for sharing this badge. */
    String target(Badge badge) {
        String text = "I earned " + badge.name() + " from " + badge.issuerName() + ".";
        return switch (this) {
            case LINKEDIN_PROFILE -> "https://www.linkedin.com/profile/add?" + query(linkedInCertification(badge));
            case LINKEDIN -> "https://www.linkedin.com/sharing/share-offsite/?" + query(Map.of("url", badge.url()));
            case X -> "https://twitter.com/intent/tweet?" + query(ordered("url", badge.url(), "text", text));
            case FACEBOOK -> "https://www.facebook.com/sharer/sharer.php?" + query(Map.of("u", badge.url()));
            // mailto: wants %20, not '+', for spaces (RFC 6068).
            case EMAIL -> "mailto:?" + query(ordered("subject", badge.name() + " — " + badge.recipientName(),
                    "body", text + " Anyone can check it is genuine here: " + badge.url())).replace("+", "%20");
        };
    }

    /**
     * Every field LinkedIn's "Add license or certification" form takes: the name, the issuing organization (its LinkedIn
     * id when the organization gave one, and its name), the month
     * and year it was issued and (when it expires) expires, the credential id and the credential's address.
     */
    static Map<String, String> linkedInCertification(Badge badge) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("startTask", "CERTIFICATION_NAME");
        fields.put("name", badge.name());
        // With the organization's LinkedIn id, LinkedIn links the certification to its company page (and shows its logo).
        if (badge.linkedInOrganizationId() != null) fields.put("organizationId", badge.linkedInOrganizationId());
        fields.put("organizationName", badge.issuerName());
        ZonedDateTime issued = badge.issued().atZone(ZoneOffset.UTC);
        fields.put("issueYear", Integer.toString(issued.getYear()));
        fields.put("issueMonth", Integer.toString(issued.getMonthValue()));
        if (badge.expires() != null) {
            ZonedDateTime expires = badge.expires().atZone(ZoneOffset.UTC);
            fields.put("expirationYear", Integer.toString(expires.getYear()));
            fields.put("expirationMonth", Integer.toString(expires.getMonthValue()));
        }
        fields.put("certUrl", badge.url());
        fields.put("certId", badge.id());
        return fields;
    }

    private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
