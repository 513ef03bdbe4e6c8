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
import io.guildmark.app.organizations.Partnerships;
import io.guildmark.app.shared.AchievementEndorsements;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.PublicPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

    /** Entries on a page of the catalog: a 1,000-entry catalog is read in pages, not drawn whole. */
    static final int PAGE_SIZE = 24;

    record Filters(String q, String tag, String competency, String type, String maxHours, String organization) {}

    /** Every published entry and tag, read once per version of the catalog (one is kept: bounded, and never stale). */
    private record Snapshot(Object version, List<CatalogEntry> entries, List<String> tags) {}

    private final Achievements achievements;
    private final Organizations organizations;
    private final PublicPages pages;
    private final org.springframework.context.ApplicationEventPublisher events;
    private volatile @Nullable Snapshot snapshot;

    private final Partnerships partnerships;

    /** The endorsements module's answers, when it is there (it depends on the catalog, so the catalog only asks). */
    private final @Nullable AchievementEndorsements endorsements;
    private final org.springframework.beans.factory.ObjectProvider<CoDesigners> coDesigners;

    CatalogPages(Achievements achievements, Organizations organizations, PublicPages pages, Partnerships partnerships,
            org.springframework.context.ApplicationEventPublisher events, Optional<AchievementEndorsements> endorsements,
            org.springframework.beans.factory.ObjectProvider<CoDesigners> coDesigners) {
        this.endorsements = endorsements.orElse(null);
        this.coDesigners = coDesigners;
        this.partnerships = partnerships;
        this.events = events;
        this.achievements = achievements;
        this.organizations = organizations;
        this.pages = pages;
    }

    @GetMapping("/catalog")
    Object catalog(@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String tag,
            @RequestParam(required = false) @Nullable String competency, @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String maxHours,
            @RequestParam(required = false) @Nullable String organization, @RequestParam(required = false) @Nullable String page,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        Filters filters = new Filters(orEmpty(q), orEmpty(tag), orEmpty(competency), orEmpty(type), orEmpty(maxHours), orEmpty(organization));
        Map<String, String> errors = new LinkedHashMap<>();
        BigDecimal hours = CatalogInterchange.parseDecimal(maxHours, "maxHours", errors);
        if (hours != null && hours.signum() < 0) errors.put("maxHours", "Enter a number of hours of 0 or more.");
        CatalogQuery query = new CatalogQuery(q, tag, competency, type, errors.isEmpty() ? hours : null, organization);
        // The catalog's stamp and its organizations (names, approval) are what the page shows besides the request.
        List<Organization> orgs = organizations.all();
        // Filtered to one association, the page names its employer partners too.
        Organization only = query.organization() == null ? null : orgs.stream()
                .filter(o -> o.slug().equalsIgnoreCase(query.organization())).findFirst().orElse(null);
        List<Partnerships.Partnership> partners = only == null ? List.of() : partnerships.activePartnersOf(only.id());
        Object version = List.of(achievements.catalogStamp(), orgs, partners);
        // The page's links keep the request's parameters, so the whole query string is part of its version.
        String asked = request.getQueryString() == null ? "" : request.getQueryString();
        return pages.page(request, response, model, "catalog/catalog", List.of(version, asked), () -> {
            Snapshot catalog = snapshot(version);
            List<CatalogEntry> entries = catalog.entries().stream().filter(query::matches).toList();
            model.addAttribute("filters", filters);
            model.addAttribute(io.guildmark.app.shared.PageModel.READ_ONLY_PAGE, true);
            model.addAttribute("page", page(entries, page));
            model.addAttribute("fieldErrors", errors);
            model.addAttribute("allTags", catalog.tags());
            model.addAttribute("types", AchievementDefinition.ACHIEVEMENT_TYPES);
            model.addAttribute("organizationName", only == null ? null : only.name());
            model.addAttribute("partners", partners);
        });
    }

    private Snapshot snapshot(Object version) {
        Snapshot kept = snapshot;
        if (kept != null && kept.version().equals(version)) return kept;
        // Read after the stamp: what is kept is at least as new as the version it is kept under.
        List<CatalogEntry> all = achievements.catalog(CatalogQuery.everything());
        TreeSet<String> tags = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        all.forEach(e -> tags.addAll(e.version().definition().tags()));
        Snapshot fresh = new Snapshot(version, all, List.copyOf(tags));
        snapshot = fresh;
        return fresh;
    }

    /** The page asked for, or the first when the number is missing or not a number, or the last when past it. */
    static ListPage<CatalogEntry> page(List<CatalogEntry> entries, @Nullable String asked) {
        int number;
        try {
            number = asked == null || asked.isBlank() ? 1 : Integer.parseInt(asked.strip());
        } catch (NumberFormatException e) {
            number = 1;
        }
        int pages = Math.max(1, (entries.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int offset = (Math.min(Math.max(number, 1), pages) - 1) * PAGE_SIZE;
        return new ListPage<>(entries.subList(offset, Math.min(entries.size(), offset + PAGE_SIZE)), entries.size(), PAGE_SIZE, offset, null);
    }

    @GetMapping("/achievements/{id}")
    Object achievement(@PathVariable UUID id, @RequestParam(required = false) @Nullable Integer version,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) @Nullable String userAgent, Model model) {
        AchievementVersion shown = version == null
                ? achievements.latestVersion(id).orElseThrow(() -> Problem.notFound("The micro-credential"))
                : achievements.findVersion(id, version).orElseThrow(() -> Problem.notFound("Version " + version + " of the micro-credential"));
        if (wantsJson(accept)) return json(shown, CacheControl.noCache());
        events.publishEvent(new AchievementPageViewed(id, userAgent));
        return page(shown, model);
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
        CoDesigners named = coDesigners.getIfAvailable();
        model.addAttribute("coDesigners", named == null ? List.of() : named.of(shown.achievementId(), shown.version()));
        model.addAttribute("paragraphs", List.of(shown.definition().description().split("\\R\\s*\\R")));
        model.addAttribute("criteria", List.of(shown.definition().criteriaNarrative().split("\\R\\s*\\R")));
        model.addAttribute("memberPrice", Money.format(shown.definition().memberPrice(), shown.definition().currency()));
        model.addAttribute("nonMemberPrice", Money.format(shown.definition().nonMemberPrice(), shown.definition().currency()));
        model.addAttribute("endorsements", endorsements == null ? List.of() : endorsements.shownFor(shown.achievementId()));
        model.addAttribute("associationEndorsements", endorsements == null ? List.of() : endorsements.shownForAssociation(shown.organizationId()));
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
