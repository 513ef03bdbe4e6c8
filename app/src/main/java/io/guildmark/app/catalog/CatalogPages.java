package io.guildmark.app.catalog;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.Problem;
import io.guildmark.credentials.ob3.Contexts;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public catalog: {@code /catalog} with search and filters (a plain GET form; htmx swaps the results in place
 * when it is there), and each micro-credential's page at {@code /achievements/{id}}, which also answers its OB 3.0
 * {@code Achievement} as JSON to {@code Accept: application/ld+json} or {@code application/json}. Drafts are not
 * found; retired ones show a notice, since badges earned under them still point here.
 */
@Controller
class CatalogPages {

    private static final String JSON_LD = "application/ld+json";

    record Filters(String q, String tag, String competency, String type, String maxHours, String organization) {}

    private final Achievements achievements;
    private final Organizations organizations;

    CatalogPages(Achievements achievements, Organizations organizations) {
        this.achievements = achievements;
        this.organizations = organizations;
    }

    @GetMapping("/catalog")
    String catalog(@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String tag,
            @RequestParam(required = false) @Nullable String competency, @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String maxHours,
            @RequestParam(required = false) @Nullable String organization, Model model) {
        Filters filters = new Filters(orEmpty(q), orEmpty(tag), orEmpty(competency), orEmpty(type), orEmpty(maxHours), orEmpty(organization));
        Map<String, String> errors = new LinkedHashMap<>();
        BigDecimal hours = CatalogInterchange.parseDecimal(maxHours, "maxHours", errors);
        if (hours != null && hours.signum() < 0) errors.put("maxHours", "Enter a number of hours of 0 or more.");
        // One read of the catalog serves both the results and the tag list (this page answers every keystroke with htmx).
        List<CatalogEntry> all = achievements.catalog(CatalogQuery.everything());
        CatalogQuery query = new CatalogQuery(q, tag, competency, type, errors.isEmpty() ? hours : null, organization);
        List<CatalogEntry> entries = all.stream().filter(query::matches).toList();
        model.addAttribute("filters", filters);
        model.addAttribute(io.guildmark.app.shared.PageModel.READ_ONLY_PAGE, true);
        model.addAttribute("entries", entries);
        model.addAttribute("fieldErrors", errors);
        TreeSet<String> allTags = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        all.forEach(e -> allTags.addAll(e.version().definition().tags()));
        model.addAttribute("allTags", allTags);
        model.addAttribute("types", AchievementDefinition.ACHIEVEMENT_TYPES);
        model.addAttribute("organizationName", organization == null || organization.isBlank() ? null
                : organizations.findBySlug(organization.strip()).map(Organization::name).orElse(null));
        return "catalog/catalog";
    }

    @GetMapping("/achievements/{id}")
    Object achievement(@PathVariable UUID id, @RequestParam(required = false) @Nullable Integer version,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept, Model model) {
        AchievementVersion shown = version == null
                ? achievements.latestVersion(id).orElseThrow(() -> Problem.notFound("The micro-credential"))
                : achievements.findVersion(id, version).orElseThrow(() -> Problem.notFound("Version " + version + " of the micro-credential"));
        return wantsJson(accept) ? json(shown, CacheControl.noCache()) : page(shown, model);
    }

    @GetMapping("/achievements/{id}/versions/{version}")
    Object version(@PathVariable UUID id, @PathVariable int version,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept, Model model) {
        AchievementVersion shown = achievements.findVersion(id, version)
                .orElseThrow(() -> Problem.notFound("Version " + version + " of the micro-credential"));
        // A version never changes: its JSON is cacheable by anyone.
        return wantsJson(accept) ? json(shown, CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePublic()) : page(shown, model);
    }

    /** JSON only when asked for explicitly, and not when a browser also accepts HTML. */
    private static boolean wantsJson(@Nullable String accept) {
        if (accept == null) return false;
        String a = accept.toLowerCase(java.util.Locale.ROOT);
        return (a.contains(JSON_LD) || a.contains(MediaType.APPLICATION_JSON_VALUE)) && !a.contains(MediaType.TEXT_HTML_VALUE);
    }

    @GetMapping("/achievements/{id}/versions/{version}/image")
    ResponseEntity<byte[]> image(@PathVariable UUID id, @PathVariable int version) {
        return ImageResponses.immutable(achievements.versionImage(id, version).orElseThrow(() -> Problem.notFound("The image")));
    }

    private String page(AchievementVersion shown, Model model) {
        Optional<Organization> org = organizations.findById(shown.organizationId());
        List<AchievementVersion> versions = achievements.publishedVersions(shown.achievementId());
        model.addAttribute("v", shown);
        model.addAttribute("d", shown.definition());
        model.addAttribute("org", org.orElseThrow(() -> Problem.notFound("The micro-credential")));
        model.addAttribute("versions", versions);
        model.addAttribute("paragraphs", List.of(shown.definition().description().split("\\R\\s*\\R")));
        model.addAttribute("criteria", List.of(shown.definition().criteriaNarrative().split("\\R\\s*\\R")));
        model.addAttribute("memberPrice", Money.format(shown.definition().memberPrice(), shown.definition().currency()));
        model.addAttribute("nonMemberPrice", Money.format(shown.definition().nonMemberPrice(), shown.definition().currency()));
        return "catalog/achievement";
    }

    private ResponseEntity<String> json(AchievementVersion version, CacheControl cache) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(JSON_LD)).cacheControl(cache)
                .body(jsonLd(achievements.toOb3(version).toJson()));
    }

    /** The achievement as a JSON-LD document of its own: the same object, with the contexts that define its terms. */
    static String jsonLd(jakarta.json.JsonObject achievement) {
        var document = jakarta.json.Json.createObjectBuilder()
                .add("@context", jakarta.json.Json.createArrayBuilder().add(Contexts.VC_V2).add(Contexts.OB_V3P0));
        achievement.forEach(document::add);
        return document.build().toString();
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
