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
    private static final String VIEW = "catalog/achievement";

    /** Entries on a page of the catalog: a 1,000-entry catalog is read in pages, not drawn whole. */
    static final int PAGE_SIZE = 24;

    record Filters(String q, String tag, String competency, String type, String maxHours, String organization) {}

    /** Every published entry and tag, read once per version of the catalog (one is kept: bounded, and never stale). */
    private record Snapshot(Object version, List<CatalogEntry> entries, List<String> tags) {}

    private final Achievements achievements;
    private final Organizations organizations;
    private final PublicPages pages;
    private final AchievementPageStamps stamps;
    private final org.springframework.context.ApplicationEventPublisher events;
    private volatile @Nullable Snapshot snapshot;

    private final Partnerships partnerships;

    /** The endorsements module's answers, when it is there (it depends on the catalog, so the catalog only asks). */
    private final @Nullable AchievementEndorsements endorsements;
    private final org.springframework.beans.factory.ObjectProvider<CoDesigners> coDesigners;

    CatalogPages(Achievements achievements, Organizations organizations, PublicPages pages, Partnerships partnerships,
            org.springframework.context.ApplicationEventPublisher events, Optional<AchievementEndorsements> endorsements,
            org.springframework.beans.factory.ObjectProvider<CoDesigners> coDesigners, AchievementPageStamps stamps) {
        this.stamps = stamps;
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
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) @Nullable String userAgent, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        if (wantsJson(accept)) return json(find(id, version), CacheControl.noCache());
        events.publishEvent(new AchievementPageViewed(id, userAgent));
        return page(id, version, model, request, response);
    }

    @GetMapping("/achievements/{id}/versions/{version}")
    Object version(@PathVariable UUID id, @PathVariable int version,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        // A version never changes: its JSON is cacheable by anyone.
        if (wantsJson(accept)) return json(find(id, version), CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePublic());
        return page(id, version, model, request, response);
    }

    /** The newest published version (also of a retired micro-credential), or the one asked for. */
    private AchievementVersion find(UUID id, @Nullable Integer version) {
        return version == null
                ? achievements.latestVersion(id).orElseThrow(() -> Problem.notFound("The micro-credential"))
                : achievements.findVersion(id, version).orElseThrow(() -> Problem.notFound("Version " + version + " of the micro-credential"));
    }

    /**
     * A micro-credential's page. An anonymous visitor's version of it is one stamp query (see AchievementPageStamps): a
     * page already saved costs just that; the page is built only when it is rendered anew, after the stamp was read, and
     * from the stamp where it can (the status, the organization), so what is saved is at least as new as its version.
     */
    private Object page(UUID id, @Nullable Integer version, Model model, HttpServletRequest request, HttpServletResponse response) {
        if (!PublicPages.anonymous(request)) {
            AchievementVersion shown = find(id, version);
            Organization org = organizations.findById(shown.organizationId()).orElseThrow(() -> Problem.notFound("The micro-credential"));
            fill(model, shown, new Offeror(org.slug(), org.name()), false);
            return VIEW;
        }
        AchievementPageStamps.Stamp stamp = (version == null ? stamps.ofLatest(id) : stamps.of(id, version))
                .orElseThrow(() -> Problem.notFound(version == null ? "The micro-credential" : "Version " + version + " of the micro-credential"));
        var saved = pages.saved(request, VIEW, stamp);
        if (saved != null) return saved;
        return pages.page(request, response, model, VIEW, stamp, () -> {
            AchievementVersion read = find(id, stamp.version());
            // Frozen but for its status and whether it is the newest: those as stamped.
            AchievementVersion shown = new AchievementVersion(read.achievementId(), read.organizationId(), read.version(), read.definition(),
                    read.publishedAt(), read.id(), read.imageUrl(), AchievementStatus.parse(stamp.status()),
                    stamp.version() == stamp.latestVersion());
            fill(model, shown, new Offeror(stamp.orgSlug(), stamp.orgName()), true);
            model.addAttribute(io.guildmark.app.shared.PageModel.READ_ONLY_PAGE, true);
        });
    }

    /** What the page shows of the organization that offers the micro-credential. */
    record Offeror(String slug, String name) {}

    /**
     * The page's model. {@code fresh}: the endorsements as the database has them now, for a page saved under a stamp
     * (the endorsements module's memory may lag another node's change by a second).
     */
    private void fill(Model model, AchievementVersion shown, Offeror org, boolean fresh) {
        model.addAttribute("v", shown);
        model.addAttribute("d", shown.definition());
        model.addAttribute("org", org);
        model.addAttribute("versions", achievements.publishedVersions(shown.achievementId()));
        CoDesigners named = coDesigners.getIfAvailable();
        model.addAttribute("coDesigners", named == null ? List.of() : named.of(shown.achievementId(), shown.version()));
        model.addAttribute("paragraphs", List.of(shown.definition().description().split("\\R\\s*\\R")));
        model.addAttribute("criteria", List.of(shown.definition().criteriaNarrative().split("\\R\\s*\\R")));
        model.addAttribute("memberPrice", Money.format(shown.definition().memberPrice(), shown.definition().currency()));
        model.addAttribute("nonMemberPrice", Money.format(shown.definition().nonMemberPrice(), shown.definition().currency()));
        model.addAttribute("endorsements", endorsements == null ? List.of()
                : fresh ? endorsements.shownNowFor(shown.achievementId()) : endorsements.shownFor(shown.achievementId()));
        model.addAttribute("associationEndorsements", endorsements == null ? List.of()
                : fresh ? endorsements.shownNowForAssociation(shown.organizationId()) : endorsements.shownForAssociation(shown.organizationId()));
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
