package io.guildmark.app.organizations;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.guildmark.app.accounts.SecondFactorRequired;
import io.guildmark.app.accounts.SecondFactors;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.FileStore;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.Slug;
import io.guildmark.app.shared.UploadedImages;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Organizations and who may do what in them. Every read or change of an organization's private data goes through
 * {@link #require}, which answers "not found" to outsiders (so they learn nothing) and "forbidden" to members whose
 * roles do not allow the action.
 */
@Service
public class Organizations {

    /** What a new organization's profile says. */
    public record Profile(String name, @Nullable String description, @Nullable String website, @Nullable String email) {}

    /** Published when an organization is created, so issuing can give it keys. */
    public record OrganizationCreated(UUID organizationId, String slug) {}

    /** The ways a credential may carry its status; OB 3.0 allows one {@code credentialStatus} per credential. */
    public static final List<String> REVOCATION_METHODS = List.of("BitstringStatusList", "1EdTechRevocationList");

    private final JdbcClient db;
    private final Clock clock;
    private final FileStore files;
    private final ApplicationEventPublisher events;
    private final IssuerApprovals approvals;
    private final SecondFactors secondFactors;

    private final io.guildmark.app.shared.AuditTrail audit;

    Organizations(JdbcClient db, Clock clock, FileStore files, ApplicationEventPublisher events, IssuerApprovals approvals,
            SecondFactors secondFactors, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.approvals = approvals;
        this.secondFactors = secondFactors;
        this.db = db;
        this.clock = clock;
        this.files = files;
        this.events = events;
    }

    /** Creates an organization; a person who creates one becomes its owner. */
    @Transactional
    public Organization create(Actor actor, String slug, Profile profile) {
        return create(actor, slug, profile, Organization.Kind.ISSUER);
    }

    /** Creates an organization of a kind: an association (issuer), an employer, or both. */
    @Transactional
    public Organization create(Actor actor, String slug, Profile profile, Organization.Kind kind) {
        if (actor instanceof Actor.OrganizationKey) throw Problem.forbidden("An API key cannot create organizations.");
        Map<String, String> errors = new LinkedHashMap<>();
        Slug checkedSlug = null;
        try {
            checkedSlug = new Slug(slug == null ? "" : slug.trim());
        } catch (Problem p) {
            errors.put("slug", p.getMessage());
        }
        Profile clean = validate(profile, errors);
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        if (findBySlug(checkedSlug.value()).isPresent()) {
            throw new Problem(Problem.Kind.CONFLICT, "slug-taken", "The slug \"" + checkedSlug + "\" is already in use.",
                    List.of(new Problem.FieldError("slug", "This slug is already in use; choose another.")));
        }
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into organizations (id, slug, name, description, website, email, created_at, kind)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, checkedSlug.value(), clean.name(), clean.description(), clean.website(), clean.email(),
                        Timestamp.from(clock.instant()), kind.id())
                .update();
        if (actor instanceof Actor.Person person) {
            grant(id, person.userId(), Role.OWNER);
        }
        // What the operator creates is vetted by being created; everyone else's waits for approval (issuer vetting).
        audit.record(actor, id, "organization.created", "organization", id,
                Map.of("slug", checkedSlug.value(), "name", clean.name(), "kind", kind.id()));
        if (approvals.isOperator(actor)) approvals.approveOnCreation(actor, id);
        events.publishEvent(new OrganizationCreated(id, checkedSlug.value()));
        return findBySlug(checkedSlug.value()).orElseThrow();
    }

    @Transactional
    public Organization updateProfile(Actor actor, String slug, Profile profile) {
        Organization org = require(actor, slug, Permission.MANAGE_ORGANIZATION);
        Map<String, String> errors = new LinkedHashMap<>();
        Profile clean = validate(profile, errors);
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        db.sql("update organizations set name = ?, description = ?, website = ?, email = ? where id = ?")
                .params(clean.name(), clean.description(), clean.website(), clean.email(), org.id()).update();
        Map<String, Object> before = new LinkedHashMap<>(), after = new LinkedHashMap<>();
        changed(before, after, "name", org.name(), clean.name());
        changed(before, after, "description", org.description(), clean.description());
        changed(before, after, "website", org.website(), clean.website());
        changed(before, after, "email", org.email(), clean.email());
        if (!after.isEmpty()) audit.record(actor, org.id(), "organization.profile-changed", "organization", org.id(), Map.of("before", before, "after", after));
        return findBySlug(slug).orElseThrow();
    }

    /**
     * Chooses how this organization's credentials carry their status: the W3C Bitstring Status List (the default) or
     * the OB 3.0 {@code 1EdTechRevocationList}. It applies to credentials issued from now on.
     */
    @Transactional
    public Organization setRevocationMethod(Actor actor, String slug, String method) {
        Organization org = require(actor, slug, Permission.MANAGE_ORGANIZATION);
        if (!REVOCATION_METHODS.contains(method)) {
            throw Problem.invalidField("revocationMethod", "Choose BitstringStatusList or 1EdTechRevocationList.");
        }
        db.sql("update organizations set revocation_method = ? where id = ?").params(method, org.id()).update();
        audit.record(actor, org.id(), "organization.revocation-method-changed", "organization", org.id(),
                Map.of("before", org.revocationMethod() == null ? "BitstringStatusList" : org.revocationMethod(), "after", method));
        return findBySlug(slug).orElseThrow();
    }

    /** Replaces the logo with a checked image (PNG, JPEG, or SVG without scripts), at most 2 MB. */
    @Transactional
    public Organization setLogo(Actor actor, String slug, byte[] content) {
        Organization org = require(actor, slug, Permission.MANAGE_ORGANIZATION);
        UploadedImages.Checked logo = UploadedImages.check(content, new UploadedImages.Purpose("logo", "the logo"),
                java.util.EnumSet.allOf(UploadedImages.Format.class));
        String key = files.put("logos", logo.content());
        db.sql("update organizations set logo_key = ?, logo_content_type = ? where id = ?")
                .params(key, logo.contentType(), org.id()).update();
        audit.record(actor, org.id(), "organization.logo-changed", "organization", org.id(), Map.of("contentType", logo.contentType()));
        // The old file goes only once the new one is committed; a rollback removes the new one instead.
        afterCommitOrRollback(() -> { if (org.logoKey() != null) files.delete(org.logoKey()); }, () -> files.delete(key));
        return findBySlug(slug).orElseThrow();
    }

    public Optional<Organization> findBySlug(String slug) {
        if (slug == null) return Optional.empty();
        return db.sql("select * from organizations where slug = ?").param(slug).query(Organizations::organization).optional();
    }

    public Optional<Organization> findById(UUID id) {
        return db.sql("select * from organizations where id = ?").param(id).query(Organizations::organization).optional();
    }

    /** Every organization the operator approved, for the public directory and catalog (issuer vetting). */
    public List<Organization> all() {
        return db.sql("select * from organizations where approval_state = 'approved' order by name").query(Organizations::organization).list();
    }

    /** The organizations a person belongs to, with their roles in each. */
    public Map<Organization, Set<Role>> membershipsOf(UUID userId) {
        Map<Organization, Set<Role>> result = new LinkedHashMap<>();
        db.sql("select o.*, m.role from organizations o join memberships m on m.organization_id = o.id where m.user_id = ? order by o.name")
                .param(userId)
                .query((rs, n) -> {
                    result.computeIfAbsent(organization(rs, n), o -> EnumSet.noneOf(Role.class)).add(Role.valueOf(rs.getString("role")));
                    return null;
                }).list();
        return result;
    }

    /**
     * The organization, if the actor may do this in it. Outsiders get "not found" whether or not it exists; members
     * without the right role get "forbidden".
     */
    public Organization require(Actor actor, String slug, Permission permission) {
        Organization org = readWithKey(actor).filter(own -> own.slug().equals(slug)).or(() -> findBySlug(slug))
                .orElseThrow(() -> Problem.notFound("The organization"));
        return check(actor, org, permission);
    }

    /** The same check for callers that hold an organization id. */
    public Organization require(Actor actor, UUID organizationId, Permission permission) {
        Organization org = readWithKey(actor).filter(own -> own.id().equals(organizationId)).or(() -> findById(organizationId))
                .orElseThrow(() -> Problem.notFound("The organization"));
        return check(actor, org, permission);
    }

    /** The organization a key acts for: the row read with it in this request, or (a key made without one) read now. */
    public Optional<Organization> ofKey(Actor.OrganizationKey key) {
        return readWithKey(key).or(() -> findById(key.organizationId()));
    }

    /**
     * An API key's own organization as read with the key in this request ({@link ApiKeys#authenticate}): current, as a
     * read now would be, without another round trip. Any other organization, and any other actor's, is read as usual.
     */
    private static Optional<Organization> readWithKey(Actor actor) {
        return actor instanceof Actor.OrganizationKey key && key.organizationAsRead() instanceof Organization own
                ? Optional.of(own) : Optional.empty();
    }

    private Organization check(Actor actor, Organization org, Permission permission) {
        if (!fitsKind(org.kind(), permission) && allowedByRole(actor, org.id(), Permission.VIEW)) {
            throw Problem.forbidden(org.name() + (org.issues() ? " is not an employer: it cannot do this."
                    : " is an employer, not an issuing association: it cannot do this."));
        }
        if (!fitsKind(org.kind(), permission) || !allowedByRole(actor, org.id(), permission)) {
            if (isInside(actor, org.id())) {
                throw Problem.forbidden("Your role in " + org.name() + " does not allow this.");
            }
            throw Problem.notFound("The organization");
        }
        requireSecondFactorOfStaff(actor, org);
        return org;
    }

    /**
     * Staff (people with a role) of an organization that requires a second factor must have one on before they do
     * anything in it; pages send them to set one up. API keys and people without a role are not staff.
     */
    private void requireSecondFactorOfStaff(Actor actor, Organization org) {
        if (!(actor instanceof Actor.Person person) || !requiresSecondFactor(org.id())) return;
        if (!rolesOf(org.id(), person.userId()).isEmpty() && !secondFactors.isOn(person.userId())) {
            throw new SecondFactorRequired(org.name());
        }
    }

    public boolean requiresSecondFactor(UUID organizationId) {
        return db.sql("select require_second_factor from organizations where id = ?").param(organizationId)
                .query(Boolean.class).optional().orElse(false);
    }

    /** The organization's LinkedIn company page id (digits), if it gave one: LinkedIn's add-to-profile link takes it. */
    public Optional<String> linkedInOrganizationId(UUID organizationId) {
        return db.sql("select linkedin_organization_id from organizations where id = ?").param(organizationId)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(o -> o);
    }

    /**
     * Sets or clears (blank) the LinkedIn company page id: the digits in the page's admin address
     * ({@code linkedin.com/company/12345/admin}), at most 19 of them.
     */
    @Transactional
    public void setLinkedInOrganizationId(Actor actor, String slug, @Nullable String id) {
        Organization org = require(actor, slug, Permission.MANAGE_ORGANIZATION);
        String clean = id == null || id.isBlank() ? null : id.strip();
        if (clean != null && !clean.matches("[0-9]{1,19}")) {
            throw Problem.invalidField("linkedInOrganizationId", "The LinkedIn organization id is the number in your company page's "
                    + "admin address (linkedin.com/company/12345/admin): digits only, at most 19.");
        }
        String before = linkedInOrganizationId(org.id()).orElse(null);
        db.sql("update organizations set linkedin_organization_id = ? where id = ?").params(clean, org.id()).update();
        if (!java.util.Objects.equals(before, clean)) {
            audit.record(actor, org.id(), "organization.linkedin-id-changed", "organization", org.id(),
                    Map.of("before", before == null ? "" : before, "after", clean == null ? "" : clean));
        }
    }

    /** Owners and admins decide whether staff must have a second factor; whoever turns it on must have one. */
    @Transactional
    public void setRequireSecondFactor(Actor actor, String slug, boolean required) {
        Organization org = require(actor, slug, Permission.MANAGE_ORGANIZATION);
        if (required && actor instanceof Actor.Person person && !secondFactors.isOn(person.userId())) {
            throw new Problem(Problem.Kind.CONFLICT, "second-factor-first",
                    "Turn on a second factor for your own account first (Account, Sign-in security).", List.of());
        }
        boolean before = requiresSecondFactor(org.id());
        db.sql("update organizations set require_second_factor = ? where id = ?").params(required, org.id()).update();
        if (before != required) {
            audit.record(actor, org.id(), "organization.second-factor-policy-changed", "organization", org.id(),
                    Map.of("before", before, "after", required));
        }
    }

    public boolean allowed(Actor actor, UUID organizationId, Permission permission) {
        if ((permission.forIssuersOnly() || permission.forEmployersOnly()) && !fitsKind(kindOf(actor, organizationId), permission)) {
            return false;
        }
        return allowedByRole(actor, organizationId, permission);
    }

    private boolean allowedByRole(Actor actor, UUID organizationId, Permission permission) {
        if (actor.isPlatformAdmin()) return true;
        if (actor instanceof Actor.OrganizationKey key) {
            return key.organizationId().equals(organizationId) && permission.grantedToApiKeys();
        }
        if (actor instanceof Actor.Person person) {
            Set<Role> roles = rolesOf(organizationId, person.userId());
            return roles.stream().anyMatch(Role.granting(permission)::contains);
        }
        return false;
    }

    /** Issuing permissions belong to associations, employer permissions to employers; "both" holds all. */
    private static boolean fitsKind(Organization.Kind kind, Permission permission) {
        if (permission.forIssuersOnly()) return kind != Organization.Kind.EMPLOYER;
        if (permission.forEmployersOnly()) return kind != Organization.Kind.ISSUER;
        return true;
    }

    private Organization.Kind kindOf(Actor actor, UUID organizationId) {
        Optional<Organization> own = readWithKey(actor).filter(org -> org.id().equals(organizationId));
        if (own.isPresent()) return own.get().kind();
        return db.sql("select kind from organizations where id = ?").param(organizationId).query(String.class).optional()
                .map(Organization.Kind::parse).orElse(Organization.Kind.ISSUER);
    }

    public Set<Role> rolesOf(UUID organizationId, UUID userId) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        db.sql("select role from memberships where organization_id = ? and user_id = ?").params(organizationId, userId)
                .query(String.class).list().forEach(r -> roles.add(Role.valueOf(r)));
        return roles;
    }

    private boolean isInside(Actor actor, UUID organizationId) {
        if (actor instanceof Actor.OrganizationKey key) return key.organizationId().equals(organizationId);
        if (actor instanceof Actor.Person person) return !rolesOf(organizationId, person.userId()).isEmpty();
        return false;
    }

    void grant(UUID organizationId, UUID userId, Role role) {
        db.sql("""
                insert into memberships (organization_id, user_id, role, granted_at)
                select ?, ?, ?, ? where not exists
                  (select 1 from memberships where organization_id = ? and user_id = ? and role = ?)""")
                .params(organizationId, userId, role.name(), Timestamp.from(clock.instant()), organizationId, userId, role.name())
                .update();
    }

    private static void changed(Map<String, Object> before, Map<String, Object> after, String field, @Nullable String was, @Nullable String is) {
        if (java.util.Objects.equals(was, is)) return;
        before.put(field, was);
        after.put(field, is);
    }

    static Profile validate(Profile profile, Map<String, String> errors) {
        String name = profile.name() == null ? "" : profile.name().strip();
        if (name.isEmpty() || name.length() > 200) errors.put("name", "Enter the organization's name (at most 200 characters).");
        String description = blankToNull(profile.description());
        if (description != null && description.length() > 5000) errors.put("description", "Keep the description under 5,000 characters.");
        String website = blankToNull(profile.website());
        if (website != null && !isWebAddress(website)) errors.put("url", "The website must be an http(s) address, like https://example.org.");
        String email = blankToNull(profile.email());
        if (email != null) {
            try {
                email = EmailAddress.of(email).value();
            } catch (Problem p) {
                errors.put("email", "The contact e-mail is not a valid address.");
            }
        }
        return new Profile(name, description, website, email);
    }

    static boolean isWebAddress(String value) {
        try {
            URI uri = new URI(value);
            return value.length() <= 2048 && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static void afterCommitOrRollback(Runnable onCommit, Runnable onRollback) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            onCommit.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                (status == STATUS_COMMITTED ? onCommit : onRollback).run();
            }
        });
    }

    static Organization organization(ResultSet rs, int row) throws SQLException {
        return new Organization(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
                rs.getString("description"), rs.getString("website"), rs.getString("email"), rs.getString("logo_key"),
                rs.getString("logo_content_type"), rs.getString("revocation_method"), rs.getTimestamp("created_at").toInstant(),
                Organization.Kind.parse(rs.getString("kind")), rs.getString("approval_state"),
                new Organization.Stamps(rs.getLong("issuer_keys_stamp"), rs.getLong("catalog_stamp")));
    }
}
