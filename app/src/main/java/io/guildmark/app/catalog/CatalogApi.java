package io.guildmark.app.catalog;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import tools.jackson.databind.JsonNode;

/**
 * The catalog's JSON API: designers' endpoints under {@code /api/v1/organizations/{slug}/achievements} (API key of
 * that organization) and the public, read-only {@code /api/v1/catalog}.
 */
@ApiController
@Tag(name = "Catalog", description = "Micro-credentials: design, publish, retire, versions, export and import; the public catalog")
class CatalogApi {

    private static final String BASE = "/api/v1/organizations/{slug}/achievements";

    record CriteriaBody(@Nullable String narrative) {}

    record AlignmentBody(@Nullable String targetName, @Nullable String targetUrl, @Nullable String targetFramework,
            @Nullable String targetCode, @Nullable String targetDescription, @Nullable String targetType) {}

    record RequirementBody(@Nullable String kind, @Nullable String description) {}

    /**
     * A micro-credential's definition. {@code creditHours} is accepted as another name for {@code estimatedHours};
     * prices are in cents; {@code image} is an http(s) address (upload a file with PUT .../image instead).
     */
    record AchievementBody(@Nullable String name, @Nullable String description, @Nullable String achievementType,
            @Nullable CriteriaBody criteria, @Nullable List<AlignmentBody> alignments, @Nullable List<String> tags,
            @Nullable BigDecimal creditHours, @Nullable BigDecimal estimatedHours, @Nullable BigDecimal creditValue,
            @Nullable String creditType, @Nullable Integer validityMonths, @Nullable Long memberPrice,
            @Nullable Long nonMemberPrice, @Nullable String currency, @Nullable String humanCode, @Nullable String image,
            @Nullable List<RequirementBody> requirements) {}

    record AchievementResponse(UUID id, String status, int latestVersion, boolean unpublishedChanges, String name,
            String description, String achievementType, CriteriaBody criteria, List<AlignmentBody> alignments, List<String> tags,
            @Nullable BigDecimal estimatedHours, @Nullable BigDecimal creditHours, @Nullable BigDecimal creditValue,
            @Nullable String creditType, @Nullable Integer validityMonths, @Nullable Long memberPrice,
            @Nullable Long nonMemberPrice, String currency, @Nullable String humanCode, @Nullable String image,
            List<RequirementBody> requirements, @Nullable String url, Instant createdAt, Instant updatedAt) {}

    record Items<T>(List<T> items) {}

    record VersionResponse(UUID achievementId, int version, String id, Instant publishedAt, boolean latest, String status,
            String name, @Nullable BigDecimal estimatedHours, @Nullable String creditType, @Nullable Integer validityMonths,
            @Nullable Long memberPrice, @Nullable Long nonMemberPrice, String currency, List<RequirementBody> requirements,
            List<CoDesigners.CoDesigner> coDesigners, JsonNode achievement) {}

    record CatalogItem(UUID id, int version, String url, String organization, String organizationName, String name,
            String description, String achievementType, List<String> tags, List<AlignmentBody> alignments,
            @Nullable BigDecimal estimatedHours, @Nullable BigDecimal creditValue, @Nullable String creditType,
            @Nullable String image, Instant publishedAt, List<CoDesigners.CoDesigner> coDesigners, JsonNode achievement) {}

    record Imported(int imported, List<AchievementResponse> items) {}

    private final Achievements achievements;
    private final GuildmarkSettings settings;

    private final org.springframework.beans.factory.ObjectProvider<CoDesigners> coDesigners;

    CatalogApi(Achievements achievements, GuildmarkSettings settings, org.springframework.beans.factory.ObjectProvider<CoDesigners> coDesigners) {
        this.coDesigners = coDesigners;
        this.achievements = achievements;
        this.settings = settings;
    }

    @PostMapping(BASE)
    @Operation(summary = "Create a micro-credential as a draft")
    ResponseEntity<AchievementResponse> create(@PathVariable String slug, @RequestBody AchievementBody body) {
        achievements.requireDesigner(CurrentActor.get(), slug);
        AchievementDesign created = achievements.create(CurrentActor.get(), slug, definition(body));
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + slug + "/achievements/" + created.id()))
                .body(response(slug, created));
    }

    @GetMapping(BASE)
    @Operation(summary = "List the organization's micro-credentials, drafts included")
    Items<AchievementResponse> list(@PathVariable String slug) {
        return new Items<>(achievements.list(CurrentActor.get(), slug).stream().map(a -> response(slug, a)).toList());
    }

    @GetMapping(BASE + "/{id}")
    @Operation(summary = "Read a micro-credential's working copy and status")
    AchievementResponse get(@PathVariable String slug, @PathVariable UUID id) {
        return response(slug, achievements.get(CurrentActor.get(), slug, id));
    }

    @PutMapping(BASE + "/{id}")
    @Operation(summary = "Replace the working copy; the public keeps seeing the last published version until it is published again")
    AchievementResponse update(@PathVariable String slug, @PathVariable UUID id, @RequestBody AchievementBody body) {
        achievements.requireDesigner(CurrentActor.get(), slug);
        return response(slug, achievements.update(CurrentActor.get(), slug, id, definition(body)));
    }

    @PatchMapping(BASE + "/{id}")
    @Operation(summary = "Same as PUT: the body is the whole definition")
    AchievementResponse patch(@PathVariable String slug, @PathVariable UUID id, @RequestBody AchievementBody body) {
        return update(slug, id, body);
    }

    @DeleteMapping(BASE + "/{id}")
    @Operation(summary = "Delete a draft that was never published")
    ResponseEntity<Void> delete(@PathVariable String slug, @PathVariable UUID id) {
        achievements.delete(CurrentActor.get(), slug, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(BASE + "/{id}/publish")
    @Operation(summary = "Publish: freeze the working copy as the next version (or reinstate a retired one)")
    AchievementResponse publish(@PathVariable String slug, @PathVariable UUID id) {
        return response(slug, achievements.publish(CurrentActor.get(), slug, id));
    }

    @PostMapping(BASE + "/{id}/retire")
    @Operation(summary = "Retire: no longer listed or awardable; published versions stay reachable")
    AchievementResponse retire(@PathVariable String slug, @PathVariable UUID id) {
        return response(slug, achievements.retire(CurrentActor.get(), slug, id));
    }

    @PutMapping(path = BASE + "/{id}/image", consumes = {"image/png", "image/svg+xml", "application/octet-stream"})
    @Operation(summary = "Upload the badge image (PNG or SVG, at most 2 MB, checked by its bytes)")
    AchievementResponse image(@PathVariable String slug, @PathVariable UUID id, @RequestBody byte[] content) {
        return response(slug, achievements.setImage(CurrentActor.get(), slug, id, content));
    }

    @GetMapping(BASE + "/{id}/image")
    @Operation(summary = "The working copy's uploaded badge image")
    ResponseEntity<byte[]> readImage(@PathVariable String slug, @PathVariable UUID id) {
        byte[] content = achievements.designImage(CurrentActor.get(), slug, id).orElseThrow(() -> Problem.notFound("The image"));
        return ImageResponses.of(content);
    }

    @GetMapping(BASE + "/{id}/versions")
    @Operation(summary = "The published versions, newest first")
    Items<VersionResponse> versions(@PathVariable String slug, @PathVariable UUID id) {
        return new Items<>(achievements.versions(CurrentActor.get(), slug, id).stream().map(this::version).toList());
    }

    @GetMapping(BASE + "/{id}/versions/{version}")
    @Operation(summary = "One published version, with its Open Badges 3.0 Achievement")
    VersionResponse version(@PathVariable String slug, @PathVariable UUID id, @PathVariable int version) {
        return version(achievements.version(CurrentActor.get(), slug, id, version));
    }

    @GetMapping(BASE + "/export")
    @Operation(summary = "Export the catalog: a JSON array of OB 3.0 Achievement objects, or CSV with ?format=csv (see docs/catalog.md)")
    ResponseEntity<String> export(@PathVariable String slug, @RequestParam(defaultValue = "json") String format) {
        return exportResponse(slug, format, achievements.exportItems(CurrentActor.get(), slug));
    }

    @PostMapping(path = BASE + "/import", consumes = {"application/json", "text/csv", "application/ld+json"})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Import micro-credentials as drafts from a JSON array of OB 3.0 Achievement objects or CSV; all or nothing")
    Imported importCatalog(@PathVariable String slug, @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestBody byte[] body) {
        achievements.requireDesigner(CurrentActor.get(), slug);
        List<AchievementDefinition> definitions = parseImport(contentType, body);
        List<AchievementDesign> created = achievements.importDrafts(CurrentActor.get(), slug, definitions);
        return new Imported(created.size(), created.stream().map(a -> response(slug, a)).toList());
    }

    @GetMapping("/api/v1/catalog")
    @Operation(summary = "The public catalog: published micro-credentials of every organization, searchable")
    Items<CatalogItem> catalog(@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String tag,
            @RequestParam(required = false) @Nullable String competency, @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable BigDecimal maxHours,
            @RequestParam(required = false) @Nullable String organization) {
        List<CatalogEntry> entries = achievements.catalog(new CatalogQuery(q, tag, competency, type, maxHours, organization));
        java.util.Map<UUID, Integer> versions = new java.util.HashMap<>();
        entries.forEach(e -> versions.put(e.version().achievementId(), e.version().version()));
        CoDesigners named = coDesigners.getIfAvailable();
        java.util.Map<UUID, List<CoDesigners.CoDesigner>> byId = named == null || versions.isEmpty() ? java.util.Map.of() : named.of(versions);
        return new Items<>(entries.stream().map(e -> catalogItem(e, byId.getOrDefault(e.version().achievementId(), List.of()))).toList());
    }

    @GetMapping("/api/v1/catalog/{id}")
    @Operation(summary = "One published micro-credential of the public catalog (its newest version)")
    VersionResponse catalogEntry(@PathVariable UUID id) {
        return version(achievements.latestPublished(id).orElseThrow(() -> Problem.notFound("The micro-credential")));
    }

    // ---- Mapping ------------------------------------------------------------------------------------------------

    /** Also used by the editor pages' import, so both doors read files the same way. */
    static List<AchievementDefinition> parseImport(String contentType, byte[] body) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("text/csv")) return CatalogInterchange.fromCsv(body);
        if (type.contains("json")) return CatalogInterchange.fromJson(body);
        throw Problem.unsupportedMedia("Import a JSON array of Achievement objects (application/json) or CSV (text/csv).");
    }

    static ResponseEntity<String> exportResponse(String slug, String format, List<CatalogInterchange.Exported> items) {
        if ("csv".equalsIgnoreCase(format)) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(slug + "-catalog.csv").build().toString())
                    .body(CatalogInterchange.toCsv(items));
        }
        if (!"json".equalsIgnoreCase(format)) throw Problem.invalidField("format", "Use format=json or format=csv.");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(slug + "-catalog.json").build().toString())
                .body(DefinitionJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(CatalogInterchange.toJson(items)));
    }

    static AchievementDefinition definition(AchievementBody body) {
        if (body == null) throw Problem.invalid("malformed-body", "Send the micro-credential as a JSON object.");
        List<AchievementDefinition.Alignment> alignments = new ArrayList<>();
        if (body.alignments() != null) {
            for (AlignmentBody a : body.alignments()) {
                if (a == null) continue;
                alignments.add(new AchievementDefinition.Alignment(a.targetName(), a.targetUrl(), a.targetFramework(),
                        a.targetCode(), a.targetDescription(), a.targetType()));
            }
        }
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        List<EarningRequirement> requirements = new ArrayList<>();
        if (body.requirements() != null) {
            for (int i = 0; i < body.requirements().size(); i++) {
                RequirementBody r = body.requirements().get(i);
                EarningRequirement requirement = r == null ? null : EarningRequirement.of(r.kind(), r.description());
                if (requirement == null) errors.put("requirements[" + i + "].kind", "The kind must be one of " + String.join(", ", EarningRequirement.KINDS) + ".");
                else requirements.add(requirement);
            }
        }
        BigDecimal hours = body.estimatedHours() != null ? body.estimatedHours() : body.creditHours();
        try {
            AchievementDefinition d = new AchievementDefinition(body.name(), body.description(), body.achievementType(),
                    body.criteria() == null ? null : body.criteria().narrative(), alignments, body.tags(), hours,
                    body.creditValue(), body.creditType(), body.validityMonths(), body.memberPrice(), body.nonMemberPrice(),
                    body.currency(), null, body.image(), body.humanCode(), requirements);
            if (!errors.isEmpty()) throw Problem.invalidFields(errors);
            return d;
        } catch (Problem p) {
            if (p.fieldErrors().isEmpty()) throw p;
            p.fieldErrors().forEach(e -> errors.putIfAbsent(e.field(), e.message()));
            throw Problem.invalidFields(errors);
        }
    }

    private AchievementResponse response(String slug, AchievementDesign a) {
        AchievementDefinition d = a.definition();
        String image = d.imageKey() != null ? settings.url("/api/v1/organizations/" + slug + "/achievements/" + a.id() + "/image") : d.imageUrl();
        return new AchievementResponse(a.id(), a.status().id(), a.latestVersion(), a.unpublishedChanges(), d.name(),
                d.description(), d.achievementType(), new CriteriaBody(d.criteriaNarrative()), alignments(d), d.tags(),
                d.estimatedHours(), d.estimatedHours(), d.creditValue(), d.creditType(), d.validityMonths(), d.memberPrice(),
                d.nonMemberPrice(), d.currency(), d.humanCode(), image, requirements(d),
                a.latestVersion() > 0 ? achievements.publicUrl(a.id()) : null, a.createdAt(), a.updatedAt());
    }

    private VersionResponse version(AchievementVersion v) {
        AchievementDefinition d = v.definition();
        return new VersionResponse(v.achievementId(), v.version(), v.id(), v.publishedAt(), v.latest(), v.currentStatus().id(),
                d.name(), d.estimatedHours(), d.creditType(), d.validityMonths(), d.memberPrice(), d.nonMemberPrice(), d.currency(),
                requirements(d), coDesignersOf(v), ob3(v));
    }

    private List<CoDesigners.CoDesigner> coDesignersOf(AchievementVersion v) {
        CoDesigners named = coDesigners.getIfAvailable();
        return named == null ? List.of() : named.of(v.achievementId(), v.version());
    }

    private CatalogItem catalogItem(CatalogEntry e, List<CoDesigners.CoDesigner> named) {
        AchievementVersion v = e.version();
        AchievementDefinition d = v.definition();
        return new CatalogItem(v.achievementId(), v.version(), achievements.publicUrl(v.achievementId()), e.organizationSlug(),
                e.organizationName(), d.name(), d.description(), d.achievementType(), d.tags(), alignments(d), d.estimatedHours(),
                d.creditValue(), d.creditType(), v.imageUrl(), v.publishedAt(), named, ob3(v));
    }

    private JsonNode ob3(AchievementVersion v) {
        return DefinitionJson.JSON.readTree(achievements.toOb3(v).toJson().toString());
    }

    private static List<AlignmentBody> alignments(AchievementDefinition d) {
        return d.alignments().stream().map(a -> new AlignmentBody(a.targetName(), a.targetUrl(), a.targetFramework(),
                a.targetCode(), a.targetDescription(), a.targetType())).toList();
    }

    private static List<RequirementBody> requirements(AchievementDefinition d) {
        return d.requirements().stream().map(r -> new RequirementBody(r.kind(), r.description())).toList();
    }
}
