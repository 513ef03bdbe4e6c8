package io.guildmark.app.pathways;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.pathways.model.Requirement;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Designing pathways: staff with {@code DESIGN} create and edit a working copy (details, rule tree, deeper dives),
 * publish it as a new frozen version, and retire it; {@code VIEW} reads. Published versions are public.
 *
 * <p>Every change is checked before anything is written: a refused change leaves the pathway as it was.
 */
@Service
public class Pathways {

    /** What staff type about a pathway. */
    public record Details(String name, @Nullable String description, Pathway.CapstoneKind capstoneKind, @Nullable UUID capstoneAchievementId) {}

    /** Published when a new version is published (learners who already qualify are then checked). */
    public record PathwayPublished(UUID pathwayId, UUID organizationId, int version) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final StepCatalog steps;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final io.guildmark.app.shared.AuditTrail audit;

    Pathways(JdbcClient db, Organizations organizations, StepCatalog steps, ApplicationEventPublisher events, Clock clock, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.db = db;
        this.organizations = organizations;
        this.steps = steps;
        this.events = events;
        this.clock = clock;
    }

    // ---- Staff reads ------------------------------------------------------------------------------------------------

    public List<Pathway> list(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        return db.sql("select * from pathways where organization_id = ?").param(org.id()).query(Pathways::pathway).list().stream()
                .sorted(Comparator.comparing(Pathway::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    public Pathway get(Actor actor, String slug, UUID id) {
        return find(organizations.require(actor, slug, Permission.VIEW), id);
    }

    /** Every published version, newest first. */
    public List<PathwayVersion> versions(Actor actor, String slug, UUID id) {
        get(actor, slug, id);
        return db.sql(VERSIONS + " where v.pathway_id = ? order by v.version desc").param(id).query(Pathways::versionRow).list();
    }

    public boolean mayDesign(Actor actor, UUID organizationId) {
        return organizations.allowed(actor, organizationId, Permission.DESIGN);
    }

    // ---- Public reads -----------------------------------------------------------------------------------------------

    /** The newest version of a pathway that is published now (not a draft, not retired). */
    public Optional<PathwayVersion> published(UUID pathwayId) {
        return latestVersion(pathwayId).filter(v -> v.current() == Pathway.Status.PUBLISHED);
    }

    /** The newest published version, also of a retired pathway (its learners keep seeing where they were). */
    public Optional<PathwayVersion> latestVersion(UUID pathwayId) {
        return db.sql(VERSIONS + " where v.pathway_id = ? and v.version = p.latest_version").param(pathwayId).query(Pathways::versionRow).optional();
    }

    public Optional<PathwayVersion> version(UUID pathwayId, int version) {
        return db.sql(VERSIONS + " where v.pathway_id = ? and v.version = ?").params(pathwayId, version).query(Pathways::versionRow).optional();
    }

    /** The newest version of every pathway of the organization that was ever published (retired ones included). */
    public List<PathwayVersion> latestVersionsOf(UUID organizationId) {
        return db.sql(VERSIONS + " where p.organization_id = ? and v.version = p.latest_version order by v.name")
                .param(organizationId).query(Pathways::versionRow).list();
    }

    /** Every published pathway of every organization, by name: the public directory. */
    public List<PathwayVersion> directory() {
        return db.sql(VERSIONS + " where p.status = 'published' and v.version = p.latest_version order by v.name").query(Pathways::versionRow).list();
    }

    // ---- Staff changes ----------------------------------------------------------------------------------------------

    @Transactional
    public Pathway create(Actor actor, String slug, Details details) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        Details checked = check(details, RuleTree.empty(), List.of(), steps.ofOrganization(actor, slug));
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        db.sql("""
                insert into pathways (id, organization_id, name, description, status, capstone_kind, capstone_achievement_id, rules,
                  deeper_dives, latest_version, unpublished_changes, created_at, updated_at)
                values (?, ?, ?, ?, 'draft', ?, ?, ?, '[]', 0, true, ?, ?)""")
                .params(id, org.id(), checked.name(), checked.description(), checked.capstoneKind().id(), checked.capstoneAchievementId(),
                        RuleTree.write(RuleTree.empty()), now, now).update();
        return find(org, id);
    }

    @Transactional
    public Pathway updateDetails(Actor actor, String slug, UUID id, Details details) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        Pathway current = findForUpdate(org, id);
        Details checked = check(details, current.rules(), current.deeperDives(), steps.ofOrganization(actor, slug));
        db.sql("update pathways set name = ?, description = ?, capstone_kind = ?, capstone_achievement_id = ? where id = ?")
                .params(checked.name(), checked.description(), checked.capstoneKind().id(), checked.capstoneAchievementId(), id).update();
        return touched(org, id);
    }

    /** Applies one edit to the working copy's rule tree. */
    @Transactional
    public Pathway editRules(Actor actor, String slug, UUID id, RuleTree.Edit edit) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        Pathway current = findForUpdate(org, id);
        Map<UUID, StepCatalog.Info> catalog = steps.ofOrganization(actor, slug);
        RuleTree.Rule next = RuleTree.apply(current.rules(), edit);
        Map<String, String> errors = new LinkedHashMap<>();
        checkMembership(next, current.capstoneAchievementId(), current.deeperDives(), catalog, errors);
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        db.sql("update pathways set rules = ? where id = ?").params(RuleTree.write(next), id).update();
        return touched(org, id);
    }

    /** Chooses the advanced micro-credentials shown after the capstone, in order. */
    @Transactional
    public Pathway setDeeperDives(Actor actor, String slug, UUID id, List<UUID> deeperDives) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        Pathway current = findForUpdate(org, id);
        List<UUID> chosen = List.copyOf(new LinkedHashSet<>(deeperDives));
        if (chosen.size() > 10) throw Problem.invalidField("deeperDives", "Choose at most 10 deeper dives.");
        Map<String, String> errors = new LinkedHashMap<>();
        checkMembership(current.rules(), current.capstoneAchievementId(), chosen, steps.ofOrganization(actor, slug), errors);
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        db.sql("update pathways set deeper_dives = ? where id = ?").params(RuleTree.writeIds(chosen), id).update();
        return touched(org, id);
    }

    /**
     * Freezes the working copy as the next version, after checking it in full: the tree is complete, every
     * micro-credential it names (and the capstone, and the deeper dives) is a published one of this organization, credit
     * groups count micro-credentials that carry credits. Publishing an unchanged retired pathway reinstates it.
     */
    @Transactional
    public PathwayVersion publish(Actor actor, String slug, UUID id) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        Pathway current = findForUpdate(org, id);
        Map<UUID, StepCatalog.Info> catalog = steps.ofOrganization(actor, slug);
        Map<String, String> errors = new LinkedHashMap<>();
        Requirement requirement = RuleTree.toRequirement(current.rules(), errors);
        checkMembership(current.rules(), current.capstoneAchievementId(), current.deeperDives(), catalog, errors);
        List<UUID> used = new ArrayList<>(current.rules().achievements());
        used.addAll(current.deeperDives());
        if (current.capstoneAchievementId() != null && current.capstoneKind() == Pathway.CapstoneKind.CREDENTIAL) used.add(current.capstoneAchievementId());
        for (UUID a : used) {
            StepCatalog.Info info = catalog.get(a);
            if (info != null && !info.published()) {
                errors.putIfAbsent("rules", "\"" + info.name() + "\" is " + info.status().id() + ": publish it first, or leave it out.");
            }
        }
        checkCredits(current.rules(), catalog, errors);
        if (current.capstoneKind() == Pathway.CapstoneKind.CREDENTIAL && current.capstoneAchievementId() == null) {
            errors.put("capstoneAchievementId", "Choose the certificate that finishing this pathway awards.");
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        if (current.status() == Pathway.Status.PUBLISHED && !current.unpublishedChanges()) {
            throw Problem.conflict("nothing-to-publish", "Version " + current.latestVersion() + " is already published and nothing changed since.");
        }
        int version = current.latestVersion();
        Instant now = clock.instant();
        if (current.unpublishedChanges() || version == 0) {
            version++;
            db.sql("""
                    insert into pathway_versions (pathway_id, version, name, description, capstone_kind, capstone_achievement_id, rules,
                      deeper_dives, published_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, version, current.name(), current.description(), current.capstoneKind().id(),
                            current.capstoneKind() == Pathway.CapstoneKind.CREDENTIAL ? current.capstoneAchievementId() : null,
                            RuleTree.write(current.rules()), RuleTree.writeIds(current.deeperDives()), Timestamp.from(now)).update();
        }
        db.sql("update pathways set status = 'published', latest_version = ?, unpublished_changes = false, updated_at = ? where id = ?")
                .params(version, Timestamp.from(now), id).update();
        Objects.requireNonNull(requirement);
        audit.record(actor, org.id(), "pathway.published", "pathway", id, Map.of("version", version, "name", current.name()));
        events.publishEvent(new PathwayPublished(id, org.id(), version));
        return version(id, version).orElseThrow();
    }

    /** Takes a pathway off the public list: no new learners; those on it keep their place and can still finish. */
    @Transactional
    public Pathway retire(Actor actor, String slug, UUID id) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        Pathway current = findForUpdate(org, id);
        if (current.status() != Pathway.Status.PUBLISHED) throw Problem.conflict("not-published", "Only a published pathway can be retired.");
        db.sql("update pathways set status = 'retired', updated_at = ? where id = ?").params(Timestamp.from(clock.instant()), id).update();
        audit.record(actor, org.id(), "pathway.retired", "pathway", id, Map.of("name", current.name()));
        return find(org, id);
    }

    /** Deletes a pathway that was never published. */
    @Transactional
    public void delete(Actor actor, String slug, UUID id) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        Pathway current = findForUpdate(org, id);
        if (current.latestVersion() > 0) throw Problem.conflict("published-before", "A pathway that was published stays, so its learners keep their record; retire it instead.");
        db.sql("delete from pathways where id = ?").param(id).update();
    }

    // ---- Checks -----------------------------------------------------------------------------------------------------

    private Details check(Details d, RuleTree.Rule rules, List<UUID> deeperDives, Map<UUID, StepCatalog.Info> catalog) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty() || name.length() > 200) errors.put("name", "Name the pathway (at most 200 characters).");
        String description = d.description() == null || d.description().isBlank() ? null : d.description().strip();
        if (description != null && description.length() > 10_000) errors.put("description", "Keep the description under 10,000 characters.");
        if (d.capstoneKind() == null) errors.put("capstoneKind", "Choose what finishing the pathway leads to.");
        UUID capstone = d.capstoneKind() == Pathway.CapstoneKind.CREDENTIAL ? d.capstoneAchievementId() : null;
        if (d.capstoneKind() == Pathway.CapstoneKind.CREDENTIAL && capstone == null) {
            errors.put("capstoneAchievementId", "Choose the certificate that finishing this pathway awards.");
        }
        checkMembership(rules, capstone, deeperDives, catalog, errors);
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        return new Details(name, description, d.capstoneKind(), capstone);
    }

    /** Every micro-credential belongs to the organization; the capstone is not its own step; deeper dives are extra. */
    private static void checkMembership(RuleTree.Rule rules, @Nullable UUID capstone, List<UUID> deeperDives,
            Map<UUID, StepCatalog.Info> catalog, Map<String, String> errors) {
        for (UUID a : rules.achievements()) {
            if (!catalog.containsKey(a)) errors.putIfAbsent("rules", "Every step must be a micro-credential of this organization.");
        }
        if (capstone != null) {
            if (!catalog.containsKey(capstone)) errors.putIfAbsent("capstoneAchievementId", "The certificate must be a micro-credential of this organization.");
            else if (rules.achievements().contains(capstone)) {
                errors.putIfAbsent("capstoneAchievementId", "\"" + catalog.get(capstone).name() + "\" is what the pathway awards; it cannot also be one of its steps.");
            }
        }
        for (UUID a : deeperDives) {
            if (!catalog.containsKey(a)) errors.putIfAbsent("deeperDives", "Deeper dives must be micro-credentials of this organization.");
            else if (rules.achievements().contains(a) || a.equals(capstone)) {
                errors.putIfAbsent("deeperDives", "\"" + catalog.get(a).name() + "\" is already part of the pathway; a deeper dive comes after it.");
            }
        }
    }

    /** A credit group counts only micro-credentials that carry credits. */
    private static void checkCredits(RuleTree.Rule rule, Map<UUID, StepCatalog.Info> catalog, Map<String, String> errors) {
        if (rule instanceof RuleTree.Credits c) {
            for (UUID a : c.from()) {
                StepCatalog.Info info = catalog.get(a);
                if (info != null && (info.credits() == null || info.credits().signum() == 0)) {
                    errors.putIfAbsent("rules", "\"" + info.name() + "\" carries no credits, so it cannot count toward \"" + c.label() + "\".");
                }
            }
        }
        for (RuleTree.Rule part : RuleTree.isGroup(rule) && !(rule instanceof RuleTree.Credits) ? RuleTree.parts(rule) : List.<RuleTree.Rule>of()) {
            checkCredits(part, catalog, errors);
        }
    }

    // ---- Rows -------------------------------------------------------------------------------------------------------

    private Pathway touched(Organization org, UUID id) {
        Pathway p = find(org, id);
        boolean same = p.latestVersion() > 0 && version(id, p.latestVersion()).map(v -> sameAs(p, v)).orElse(false);
        db.sql("update pathways set unpublished_changes = ?, updated_at = ? where id = ?")
                .params(!same, Timestamp.from(clock.instant()), id).update();
        return find(org, id);
    }

    private static boolean sameAs(Pathway p, PathwayVersion v) {
        return p.name().equals(v.name()) && java.util.Objects.equals(p.description(), v.description())
                && p.capstoneKind() == v.capstoneKind() && java.util.Objects.equals(p.capstoneAchievementId(), v.capstoneAchievementId())
                && RuleTree.write(p.rules()).equals(RuleTree.write(v.rules())) && p.deeperDives().equals(v.deeperDives());
    }

    Pathway find(Organization org, UUID id) {
        return db.sql("select * from pathways where id = ? and organization_id = ?").params(id, org.id()).query(Pathways::pathway)
                .optional().orElseThrow(() -> Problem.notFound("The pathway"));
    }

    /** Locks the row: two publications at once cannot both freeze the same version number. */
    private Pathway findForUpdate(Organization org, UUID id) {
        return db.sql("select * from pathways where id = ? and organization_id = ? for update").params(id, org.id()).query(Pathways::pathway)
                .optional().orElseThrow(() -> Problem.notFound("The pathway"));
    }

    private static Pathway pathway(ResultSet rs, int n) throws SQLException {
        return new Pathway(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class), rs.getString("name"),
                rs.getString("description"), Pathway.Status.parse(rs.getString("status")), Pathway.CapstoneKind.parse(rs.getString("capstone_kind")),
                rs.getObject("capstone_achievement_id", UUID.class), RuleTree.read(rs.getString("rules")),
                RuleTree.readIds(rs.getString("deeper_dives")), rs.getInt("latest_version"), rs.getBoolean("unpublished_changes"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static final String VERSIONS = """
            select v.*, p.organization_id, p.status, p.latest_version from pathway_versions v join pathways p on p.id = v.pathway_id""";

    private static PathwayVersion versionRow(ResultSet rs, int n) throws SQLException {
        RuleTree.Rule rules = RuleTree.read(rs.getString("rules"));
        Map<String, String> errors = new HashMap<>();
        Requirement requirement = RuleTree.toRequirement(rules, errors);
        if (requirement == null) throw new IllegalStateException("A published pathway version has an incomplete tree: " + errors);
        int version = rs.getInt("version");
        return new PathwayVersion(rs.getObject("pathway_id", UUID.class), rs.getObject("organization_id", UUID.class), version,
                rs.getString("name"), rs.getString("description"), Pathway.CapstoneKind.parse(rs.getString("capstone_kind")),
                rs.getObject("capstone_achievement_id", UUID.class), rules, requirement, RuleTree.readIds(rs.getString("deeper_dives")),
                rs.getTimestamp("published_at").toInstant(), Pathway.Status.parse(rs.getString("status")),
                version == rs.getInt("latest_version"));
    }

    /** Micro-credentials of the organization a pathway may use, for the editor. */
    Map<UUID, StepCatalog.Info> choices(Actor actor, String slug) {
        return steps.ofOrganization(actor, slug);
    }
}
