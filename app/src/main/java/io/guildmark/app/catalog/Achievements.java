package io.guildmark.app.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.FileStore;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SvgRasterizer;
import io.guildmark.app.shared.UploadedImages;
import io.guildmark.credentials.ob3.Achievement;
import io.guildmark.credentials.ob3.Alignment;
import io.guildmark.credentials.ob3.Criteria;
import io.guildmark.credentials.ob3.Image;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The catalog's front door for other modules and for its own web layer. Designers' changes take an {@link Actor} and
 * are checked with {@link Organizations#require}: {@code DESIGN} to change, {@code VIEW} to read drafts. Published
 * versions are public and frozen: {@link #findVersion} always answers the same definition for the same version, so an
 * award can point at the version it was earned under.
 */
@Service
public class Achievements {

    private final JdbcClient db;
    private final Clock clock;
    private final Organizations organizations;
    private final FileStore files;
    private final GuildmarkSettings settings;
    private final ApplicationEventPublisher events;

    private final io.guildmark.app.shared.AuditTrail audit;

    Achievements(JdbcClient db, Clock clock, Organizations organizations, FileStore files, GuildmarkSettings settings,
            ApplicationEventPublisher events, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.db = db;
        this.clock = clock;
        this.organizations = organizations;
        this.files = files;
        this.settings = settings;
        this.events = events;
    }

    // ---- Reads other modules use --------------------------------------------------------------------------------

    /** A published version, whatever the micro-credential's status now (retired ones still resolve). */
    public Optional<AchievementVersion> findVersion(UUID achievementId, int version) {
        return db.sql("""
                select v.achievement_id, v.version, v.definition, v.published_at, a.organization_id, a.status, a.latest_version
                from achievement_versions v join achievements a on a.id = v.achievement_id
                where v.achievement_id = ? and v.version = ?""")
                .params(achievementId, version).query(this::version).optional();
    }

    /** The newest published version of a micro-credential that is published now (not a draft, not retired). */
    public Optional<AchievementVersion> latestPublished(UUID achievementId) {
        return latestVersion(achievementId).filter(v -> v.currentStatus() == AchievementStatus.PUBLISHED);
    }

    /**
     * A micro-credential's owner, status now and newest published version (0 before the first), without its
     * definition: for callers that keep published versions, which never change once published.
     */
    public record LatestVersionStamp(UUID organizationId, AchievementStatus status, int latestVersion) {}

    public Optional<LatestVersionStamp> latestVersionStamp(UUID achievementId) {
        return db.sql("select organization_id, status, latest_version from achievements where id = ?").param(achievementId)
                .query((rs, n) -> new LatestVersionStamp(rs.getObject(1, UUID.class), AchievementStatus.parse(rs.getString(2)), rs.getInt(3)))
                .optional();
    }

    /** The newest published version, also of a retired micro-credential (its public page still shows it). */
    public Optional<AchievementVersion> latestVersion(UUID achievementId) {
        return db.sql("""
                select v.achievement_id, v.version, v.definition, v.published_at, a.organization_id, a.status, a.latest_version
                from achievements a join achievement_versions v on v.achievement_id = a.id and v.version = a.latest_version
                where a.id = ?""")
                .param(achievementId).query(this::version).optional();
    }

    /** Every published version of a micro-credential, newest first; public, as each may be printed in a badge. */
    public List<AchievementVersion> publishedVersions(UUID achievementId) {
        return db.sql("""
                select v.achievement_id, v.version, v.definition, v.published_at, a.organization_id, a.status, a.latest_version
                from achievement_versions v join achievements a on a.id = v.achievement_id
                where v.achievement_id = ? order by v.version desc""")
                .param(achievementId).query(this::version).list();
    }

    /** The public catalog: the newest version of every published micro-credential that matches, by name. */
    public List<CatalogEntry> catalog(CatalogQuery query) {
        Map<UUID, Organization> orgs = organizations.all().stream().collect(Collectors.toMap(Organization::id, Function.identity()));
        UUID onlyOrg = null;
        if (query.organization() != null) {
            Optional<Organization> org = organizations.findBySlug(query.organization());
            if (org.isEmpty()) return List.of();
            onlyOrg = org.get().id();
        }
        final UUID filterOrg = onlyOrg;
        return db.sql("""
                select v.achievement_id, v.version, v.definition, v.published_at, a.organization_id, a.status, a.latest_version
                from achievements a join achievement_versions v on v.achievement_id = a.id and v.version = a.latest_version
                where a.status = 'published'""")
                .query(this::version).list().stream()
                .filter(v -> filterOrg == null || v.organizationId().equals(filterOrg))
                .filter(v -> orgs.containsKey(v.organizationId()))
                .filter(v -> query.matches(v.definition()))
                .map(v -> new CatalogEntry(v, orgs.get(v.organizationId()).slug(), orgs.get(v.organizationId()).name()))
                .sorted(Comparator.comparing((CatalogEntry e) -> e.version().definition().name(), String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(e -> e.version().achievementId()))
                .toList();
    }

    /**
     * A stamp that changes whenever the public catalog may have: a micro-credential created, edited, published,
     * retired or removed (published versions themselves never change). Cheap: one aggregate over the achievements.
     */
    public String catalogStamp() {
        return db.sql("""
                select count(*), sum(case when status = 'published' then 1 else 0 end), sum(latest_version), max(updated_at)
                from achievements""")
                .query((rs, n) -> rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getLong(3) + "|"
                        + (rs.getTimestamp(4) == null ? "" : rs.getTimestamp(4).toInstant()))
                .single();
    }

    /** The Open Badges 3.0 {@code Achievement} of a version, as an issuer prints it into a credential. */
    public Achievement toOb3(AchievementVersion version) {
        AchievementDefinition d = version.definition();
        List<Alignment> alignments = d.alignments().stream().map(a -> new Alignment(a.targetName(), a.targetUrl(),
                a.targetDescription(), a.targetFramework(), a.targetCode(), a.targetType())).toList();
        Image image = version.imageUrl() == null ? null : new Image(version.imageUrl(), d.name());
        return new Achievement(version.id(), d.name(), d.description(), Criteria.narrative(d.criteriaNarrative()), image,
                d.achievementType(), alignments, d.tags(), d.creditValue(), d.humanCode(), null, null, null,
                String.valueOf(version.version()), null, null);
    }

    /** The public address of a micro-credential's page: its newest published version. */
    public String publicUrl(UUID achievementId) {
        return settings.url("/achievements/" + achievementId);
    }

    /** The public address of one version: the {@code id} of its OB 3.0 {@code Achievement}. */
    public String versionUrl(UUID achievementId, int version) {
        return settings.url("/achievements/" + achievementId + "/versions/" + version);
    }

    /** The badge image bytes of a published version, if it has an uploaded one. */
    public Optional<byte[]> versionImage(UUID achievementId, int version) {
        return findVersion(achievementId, version).map(AchievementVersion::definition)
                .map(AchievementDefinition::imageKey).flatMap(files::get);
    }

    /**
     * The working copy of any micro-credential, drafts included, without an access check: only for modules that decide
     * themselves who may see it (co-design shows a draft to the employer partners it was shared with).
     */
    public Optional<AchievementDesign> findDesign(UUID id) {
        return db.sql("select * from achievements where id = ?").param(id).query(Achievements::design).optional();
    }

    // ---- Designers' reads ---------------------------------------------------------------------------------------

    /** The organization's micro-credentials, drafts included, by name. */
    public List<AchievementDesign> list(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        return db.sql("select * from achievements where organization_id = ?").param(org.id()).query(Achievements::design).list()
                .stream().sorted(Comparator.comparing((AchievementDesign a) -> a.definition().name(), String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    public AchievementDesign get(Actor actor, String slug, UUID id) {
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        return find(org, id);
    }

    /** Every published version, newest first, for the version history. */
    public List<AchievementVersion> versions(Actor actor, String slug, UUID id) {
        get(actor, slug, id);
        return publishedVersions(id);
    }

    public AchievementVersion version(Actor actor, String slug, UUID id, int version) {
        get(actor, slug, id);
        return findVersion(id, version).orElseThrow(() -> Problem.notFound("Version " + version));
    }

    /** The working copy's image bytes (drafts included), for the editor. */
    public Optional<byte[]> designImage(Actor actor, String slug, UUID id) {
        AchievementDesign design = get(actor, slug, id);
        return Optional.ofNullable(design.definition().imageKey()).flatMap(files::get);
    }

    /**
     * Checks that the actor may design in the organization, before a request body is even read: outsiders learn
     * nothing (not even whether their body was valid). Each change checks again.
     */
    public void requireDesigner(Actor actor, String slug) {
        organizations.require(actor, slug, Permission.DESIGN);
    }

    public boolean mayDesign(Actor actor, UUID organizationId) {
        return organizations.allowed(actor, organizationId, Permission.DESIGN);
    }

    /** The organization's working copies as the export writes them, with public image addresses where there are some. */
    List<CatalogInterchange.Exported> exportItems(Actor actor, String slug) {
        return list(actor, slug).stream().map(a -> new CatalogInterchange.Exported(a, publicUrl(a.id()), publicImage(a))).toList();
    }

    /** The working copy's image address: its own URL, or the newest version's if that shows the same upload. */
    private @Nullable String publicImage(AchievementDesign design) {
        AchievementDefinition d = design.definition();
        if (d.imageKey() == null) return d.imageUrl();
        if (design.latestVersion() == 0) return null;
        return findVersion(design.id(), design.latestVersion())
                .filter(v -> d.imageKey().equals(v.definition().imageKey())).map(AchievementVersion::imageUrl).orElse(null);
    }

    // ---- Designers' changes -------------------------------------------------------------------------------------

    /** Creates a draft. The definition was validated when it was built. */
    @Transactional
    public AchievementDesign create(Actor actor, String slug, AchievementDefinition definition) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        UUID id = insertDraft(org, definition);
        return find(org, id);
    }

    /** Creates every definition as a draft, or none: the caller validated them all before. */
    @Transactional
    public List<AchievementDesign> importDrafts(Actor actor, String slug, List<AchievementDefinition> definitions) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        if (definitions.isEmpty()) throw Problem.invalid("empty-import", "The file holds no micro-credentials.");
        if (definitions.size() > 1000) throw Problem.invalid("import-too-large", "Import at most 1,000 micro-credentials at a time.");
        List<UUID> ids = definitions.stream().map(d -> insertDraft(org, d)).toList();
        return ids.stream().map(id -> find(org, id)).toList();
    }

    /** Replaces the working copy. The public keeps seeing the last published version until the next publication. */
    @Transactional
    public AchievementDesign update(Actor actor, String slug, UUID id, AchievementDefinition definition) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        AchievementDesign current = find(org, id);
        // The uploaded image belongs to the working copy (it is replaced by uploading another); an edit keeps it.
        AchievementDefinition next = definition.imageKey() == null ? definition.withImageKey(current.definition().imageKey()) : definition;
        String json = DefinitionJson.write(next);
        boolean sameAsLatest = current.latestVersion() > 0 && json.equals(db.sql(
                "select definition from achievement_versions where achievement_id = ? and version = ?")
                .params(id, current.latestVersion()).query(String.class).single());
        Lifecycle.State state = Lifecycle.edit(current.state(), sameAsLatest);
        db.sql("update achievements set definition = ?, unpublished_changes = ?, updated_at = ? where id = ?")
                .params(json, state.unpublishedChanges(), Timestamp.from(now()), id).update();
        return find(org, id);
    }

    /** Replaces the working copy's badge image (PNG or SVG, at most 2 MB, checked by its bytes). */
    @Transactional
    public AchievementDesign setImage(Actor actor, String slug, UUID id, byte[] content) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        AchievementDesign current = find(org, id);
        UploadedImages.Checked image = UploadedImages.check(content, new UploadedImages.Purpose("image", "the badge image"),
                java.util.EnumSet.of(UploadedImages.Format.PNG, UploadedImages.Format.SVG));
        if (image.contentType().startsWith("image/svg")) requireDrawable(image.content());
        String key = files.put("badges", image.content());
        AchievementDefinition next = new AchievementDefinition(current.definition().name(), current.definition().description(),
                current.definition().achievementType(), current.definition().criteriaNarrative(), current.definition().alignments(),
                current.definition().tags(), current.definition().estimatedHours(), current.definition().creditValue(),
                current.definition().creditType(), current.definition().validityMonths(), current.definition().memberPrice(),
                current.definition().nonMemberPrice(), current.definition().currency(), key, null,
                current.definition().humanCode(), current.definition().requirements());
        Lifecycle.State state = Lifecycle.edit(current.state(), false);
        db.sql("update achievements set definition = ?, unpublished_changes = ?, updated_at = ? where id = ?")
                .params(DefinitionJson.write(next), state.unpublishedChanges(), Timestamp.from(now()), id).update();
        // Old image files stay: a published version may show them. A rollback removes the new file.
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_ROLLED_BACK) files.delete(key);
                }
            });
        }
        return find(org, id);
    }

    /**
     * Baked badges, the Open Graph picture and the certificate draw an SVG design as PNG; one that cannot be drawn
     * (within the drawer's bounds of time and size) would silently fall back to the generated seal on every badge, so
     * the designer is told now. A drawer busy with another design says nothing about this one: then it is accepted.
     */
    private static void requireDrawable(byte[] svg) {
        try {
            SvgRasterizer.png(svg, 64, SvgRasterizer.TIME_LIMIT);
        } catch (SvgRasterizer.Unrenderable e) {
            if (e.lasting()) {
                throw Problem.invalidField("image", "This SVG cannot be drawn as a badge (" + e.getMessage()
                        + "); issued badges would show the generated design instead. Simplify the drawing or upload a PNG.");
            }
        }
    }

    /** Freezes the working copy as the next version and lists it publicly (or reinstates a retired one). */
    @Transactional
    public AchievementDesign publish(Actor actor, String slug, UUID id) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        AchievementDesign current = findForUpdate(org, id);
        Lifecycle.Publication publication = Lifecycle.publish(current.state());
        Instant now = now();
        if (publication.freezes()) {
            db.sql("insert into achievement_versions (achievement_id, version, definition, published_at) values (?, ?, ?, ?)")
                    .params(id, publication.freezesVersion(), DefinitionJson.write(current.definition()), Timestamp.from(now)).update();
        }
        save(id, publication.next(), now);
        audit.record(actor, org.id(), "achievement.published", "achievement", id, java.util.Map.of("version", publication.next().latestVersion(),
                "name", current.definition().name()));
        events.publishEvent(new AchievementPublished(id, org.id(), publication.next().latestVersion()));
        return find(org, id);
    }

    /** Takes a published micro-credential off the catalog; its versions and their pages stay, so old badges resolve. */
    @Transactional
    public AchievementDesign retire(Actor actor, String slug, UUID id) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        AchievementDesign current = findForUpdate(org, id);
        save(id, Lifecycle.retire(current.state()), now());
        audit.record(actor, org.id(), "achievement.retired", "achievement", id, java.util.Map.of("name", current.definition().name()));
        return find(org, id);
    }

    /** Deletes a draft that was never published. */
    @Transactional
    public void delete(Actor actor, String slug, UUID id) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        AchievementDesign current = findForUpdate(org, id);
        Lifecycle.checkDeletable(current.state());
        db.sql("delete from achievements where id = ?").param(id).update();
        String imageKey = current.definition().imageKey();
        if (imageKey != null) {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        files.delete(imageKey);
                    }
                });
            }
        }
    }

    // ---- Internals ----------------------------------------------------------------------------------------------

    private UUID insertDraft(Organization org, AchievementDefinition definition) {
        UUID id = UUID.randomUUID();
        Lifecycle.State state = Lifecycle.State.newDraft();
        Timestamp now = Timestamp.from(now());
        db.sql("""
                insert into achievements (id, organization_id, status, definition, latest_version, unpublished_changes, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, org.id(), state.status().id(), DefinitionJson.write(definition), state.latestVersion(),
                        state.unpublishedChanges(), now, now)
                .update();
        return id;
    }

    private void save(UUID id, Lifecycle.State state, Instant now) {
        db.sql("update achievements set status = ?, latest_version = ?, unpublished_changes = ?, updated_at = ? where id = ?")
                .params(state.status().id(), state.latestVersion(), state.unpublishedChanges(), Timestamp.from(now), id).update();
    }

    private AchievementDesign find(Organization org, UUID id) {
        return db.sql("select * from achievements where id = ? and organization_id = ?").params(id, org.id())
                .query(Achievements::design).optional().orElseThrow(() -> Problem.notFound("The micro-credential"));
    }

    /** Locks the row, so two publications at once cannot both freeze the same version number. */
    private AchievementDesign findForUpdate(Organization org, UUID id) {
        return db.sql("select * from achievements where id = ? and organization_id = ? for update").params(id, org.id())
                .query(Achievements::design).optional().orElseThrow(() -> Problem.notFound("The micro-credential"));
    }

    private Instant now() {
        return clock.instant();
    }

    private static AchievementDesign design(ResultSet rs, int n) throws SQLException {
        return new AchievementDesign(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                AchievementStatus.parse(rs.getString("status")), rs.getInt("latest_version"), rs.getBoolean("unpublished_changes"),
                DefinitionJson.read(rs.getString("definition")), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private AchievementVersion version(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("achievement_id", UUID.class);
        int version = rs.getInt("version");
        AchievementDefinition definition = DefinitionJson.read(rs.getString("definition"));
        String imageUrl = definition.imageKey() != null ? versionUrl(id, version) + "/image" : definition.imageUrl();
        return new AchievementVersion(id, rs.getObject("organization_id", UUID.class), version, definition,
                rs.getTimestamp("published_at").toInstant(), versionUrl(id, version), imageUrl,
                AchievementStatus.parse(rs.getString("status")), version == rs.getInt("latest_version"));
    }
}
