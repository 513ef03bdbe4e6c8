package io.guildmark.app.support;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test data in Guildmark's words, unique per call so tests sharing one database never collide. */
public final class Fixtures {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    private Fixtures() {}

    public static String uniqueSlug(String stem) {
        return stem + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }

    public static String uniqueEmail(String name) {
        return name + "." + RUN + "." + COUNTER.incrementAndGet() + "@example.org";
    }

    /** An organization created by the platform admin; answers its slug. */
    public static String createOrganization(Api admin, String stem) {
        String slug = uniqueSlug(stem);
        Api.Response response = admin.post("/api/v1/organizations", Map.of("slug", slug, "name", "Guild of " + stem,
                "url", "https://" + stem + ".example.org", "email", "office@" + stem + ".example.org",
                "description", "A professional association for " + stem + "."));
        if (response.status() != 201) throw new AssertionError("Could not create organization: " + response.body());
        return slug;
    }

    /** An employer organization (kind "employer") created by the platform admin; answers its slug. */
    public static String createEmployer(Api admin, String stem) {
        String slug = uniqueSlug(stem);
        Api.Response response = admin.post("/api/v1/organizations", Map.of("slug", slug, "name", stem + " Employer Inc.",
                "url", "https://" + stem + ".example.com", "email", "hr@" + stem + ".example.com", "kind", "employer",
                "description", "An employer that hires " + stem + " professionals."));
        if (response.status() != 201) throw new AssertionError("Could not create employer: " + response.body());
        return slug;
    }

    /** A fresh API key of the organization. */
    public static String createApiKey(Api admin, String slug) {
        Api.Response response = admin.post("/api/v1/organizations/" + slug + "/api-keys", Map.of("name", "test key"));
        if (response.status() != 201) throw new AssertionError("Could not create API key: " + response.body());
        return response.json().get("key").asText();
    }

    /**
     * The platform operator approves an organization as an issuer (issuer vetting): organizations created by a
     * signed-in person through the pages cannot issue until then.
     */
    public static void approve(Api admin, String slug) {
        Api.Response response = admin.post("/api/v1/admin/organizations/" + slug + "/approval",
                Map.of("decision", "approve", "note", "Approved by a test."));
        if (response.status() != 200) throw new AssertionError("Could not approve organization: " + response.body());
    }
}
