package io.guildmark.app.endorsements;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.catalog.AchievementStatus;
import io.guildmark.app.catalog.AchievementVersion;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Partnerships;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.AuditTrail;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.ListOrder;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListWhere;
import io.guildmark.app.shared.Listings;
import io.guildmark.app.shared.Problem;
import io.guildmark.credentials.ob3.CredentialStatus;
import io.guildmark.credentials.ob3.EndorsementCredential;
import io.guildmark.credentials.ob3.Profile;
import jakarta.json.JsonObject;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Employers endorse an association's micro-credentials (or the association): each endorsement is an OB 3.0
 * {@code EndorsementCredential} signed with the employer's own key, its status on the employer's status list. Only an
 * active partner the operator has approved may endorse, since the association's credentials will carry the
 * endorsement. The employer revokes (its list, its signature); the association hides (its pages, its credentials).
 */
@Service
public class Endorsements {

    public static final int MAX_STATEMENT = 2000;
    static final int MAX_VERSION_LABEL = 50;

    /** What an employer asks: the micro-credential, or the association (by its short name), and its words. */
    public record EndorseRequest(@Nullable UUID achievementId, @Nullable String association, @Nullable String statement) {}

    /** What is endorsed: a micro-credential (its public page) or an association (its issuer profile's did:web). */
    private record Subject(UUID associationId, @Nullable UUID achievementId, String id, String name) {}

    private static final String SELECT = """
            n.id, n.employer_id, e.slug as employer_slug, e.name as employer_name, n.association_id,
            a.slug as association_slug, a.name as association_name, n.achievement_id, n.subject_name, n.kind, n.statement,
            n.created_at, n.revoked_at, n.hidden_at, n.partnership_ended_at""";
    private static final String FROM = "endorsements n join organizations e on e.id = n.employer_id"
            + " join organizations a on a.id = n.association_id";
    private static final ListOrder NEWEST = ListOrder.descending("created",
            ListOrder.instant("n.created_at"), ListOrder.uuid("n.id"));

    private final JdbcClient db;
    private final Organizations organizations;
    private final Partnerships partnerships;
    private final Achievements achievements;
    private final Awards awards;
    private final Listings listings;
    private final GuildmarkSettings settings;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final EndorsementCache cache;

    Endorsements(JdbcClient db, Organizations organizations, Partnerships partnerships, Achievements achievements, Awards awards,
            Listings listings, GuildmarkSettings settings, AuditTrail audit, Clock clock, TransactionTemplate transactions,
            EndorsementCache cache) {
        this.db = db;
        this.organizations = organizations;
        this.partnerships = partnerships;
        this.achievements = achievements;
        this.awards = awards;
        this.listings = listings;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
        this.cache = cache;
    }

    public String url(UUID id) {
        return settings.url("/endorsements/" + id);
    }

    /**
     * The employer endorses a published micro-credential, or an association, of a program it is an active partner of.
     * Refused: a draft or unknown micro-credential (400), a retired one (409), a non-partner (403 {@code not-a-partner}),
     * an association or a member without the endorser's permission (403), an employer the operator has not approved
     * (403 {@code issuer-not-approved}), a statement that is empty or longer than {@value #MAX_STATEMENT} characters (400),
     * a second active endorsement of the same thing (409).
     */
    public Endorsement endorse(Actor actor, String employerSlug, EndorseRequest request) {
        Organization employer = organizations.require(actor, employerSlug, Permission.ENDORSE);
        Map<String, String> errors = new LinkedHashMap<>();
        String statement = request.statement() == null ? "" : request.statement().strip();
        if (statement.isEmpty() || statement.length() > MAX_STATEMENT) {
            errors.put("statement", "Write the endorsement: 1 to " + String.format(Locale.ROOT, "%,d", MAX_STATEMENT) + " characters.");
        }
        boolean ofAchievement = request.achievementId() != null;
        boolean ofAssociation = request.association() != null && !request.association().isBlank();
        if (ofAchievement == ofAssociation) {
            errors.put("achievementId", "Choose one micro-credential, or the association itself, to endorse.");
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        Subject subject = ofAchievement ? achievementSubject(request.achievementId()) : associationSubject(request.association());
        if (!partnerships.activePartners(subject.associationId(), employer.id())) {
            throw new Problem(Problem.Kind.FORBIDDEN, "not-a-partner", employer.name() + " is not an active partner of the program"
                    + " of this association: only partners it accepted may endorse what it issues.", List.of());
        }
        long active = db.sql("""
                select count(*) from endorsements where employer_id = ? and association_id = ? and kind = 'statement'
                  and revoked_at is null and""" + " " + (subject.achievementId() == null ? "achievement_id is null" : "achievement_id = ?"))
                .params(subject.achievementId() == null ? List.of(employer.id(), subject.associationId())
                        : List.of(employer.id(), subject.associationId(), subject.achievementId()))
                .query(Long.class).single();
        if (active > 0) {
            throw Problem.conflict("already-endorsed", employer.name() + " already endorses " + subject.name()
                    + ". Revoke that endorsement first to write a new one.");
        }
        return issue(employer, subject, statement, "statement", actor);
    }

    /**
     * Issues the endorsement of a co-designer that signed off a version of a micro-credential ("Co-designed and signed
     * off version N of this micro-credential."), without checking any person's permission: the co-design module has
     * checked that the employer is a partner that signed off. The micro-credential must be published (call this when
     * the signed-off version is published). Asked twice for the same version, it answers the endorsement already made.
     * The employer must be approved by the operator, like any signer.
     */
    public Endorsement endorseAsCoDesigner(UUID employerId, UUID achievementId, String versionLabel) {
        Organization employer = organizations.findById(employerId).orElseThrow(() -> Problem.notFound("The employer"));
        if (!employer.employs()) throw Problem.forbidden(employer.name() + " is not an employer: it cannot endorse.");
        String label = versionLabel == null ? "" : versionLabel.strip();
        if (label.isEmpty() || label.length() > MAX_VERSION_LABEL) {
            throw Problem.invalidField("versionLabel", "Name the version (1 to " + MAX_VERSION_LABEL + " characters).");
        }
        Subject subject = achievementSubject(achievementId);
        String statement = "Co-designed and signed off version " + label + " of this micro-credential.";
        Optional<UUID> existing = db.sql("""
                select id from endorsements where employer_id = ? and achievement_id = ? and kind = 'co-design'
                  and statement = ? and revoked_at is null""")
                .params(employerId, achievementId, statement).query(UUID.class).optional();
        if (existing.isPresent()) return find(existing.get()).orElseThrow();
        return issue(employer, subject, statement, "co-design", null);
    }

    private Endorsement issue(Organization employer, Subject subject, String statement, String kind, @Nullable Actor actor) {
        UUID id = UUID.randomUUID();
        // Vetting holds here, before a status entry is taken: an employer the operator has not approved signs nothing.
        Awards.StatusEntry status = awards.allocateStatus(employer.id());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        EndorsementCredential unsigned = new EndorsementCredential(url(id), "Endorsement of " + subject.name(), null,
                Profile.fromJson(awards.issuerProfile(employer.id())), now, null, null, subject.id(), statement,
                CredentialStatus.fromJson(status.credentialStatus()), null, null);
        // Signed outside any transaction: no connection or row lock is held while the proof is made.
        JsonObject signed = awards.signAsIssuer(employer.id(), unsigned.toJson());
        UUID by = actor instanceof Actor.Person person ? person.userId() : null;
        transactions.executeWithoutResult(tx -> {
            db.sql("""
                    insert into endorsements (id, employer_id, association_id, achievement_id, kind, subject_name, statement,
                      credential, status_list_id, status_index, created_by, created_at, changed_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, employer.id(), subject.associationId(), subject.achievementId(), kind, subject.name(), statement,
                            signed.toString(), status.listId(), status.index(), by, Timestamp.from(now), Timestamp.from(now))
                    .update();
            Map<String, Object> details = Map.of("subject", subject.id(), "kind", kind);
            audit.record(actor, employer.id(), "endorsement.issued", "endorsement", id, details);
            audit.record(actor, subject.associationId(), "endorsement.received", "endorsement", id, details);
            forgetAfterCommit();
        });
        return find(id).orElseThrow();
    }

    private Subject achievementSubject(UUID achievementId) {
        AchievementVersion version = achievements.latestVersion(achievementId).orElseThrow(() ->
                Problem.invalidField("achievementId", "There is no published micro-credential with this id."));
        if (version.currentStatus() != AchievementStatus.PUBLISHED) {
            throw Problem.conflict("retired", "\"" + version.definition().name() + "\" is retired: it can no longer be endorsed.");
        }
        return new Subject(version.organizationId(), achievementId, achievements.publicUrl(achievementId), version.definition().name());
    }

    private Subject associationSubject(String slug) {
        if (slug.strip().length() > 100) throw Problem.invalidField("association", "Give the association's short name (at most 100 characters).");
        Organization association = organizations.findBySlug(slug.strip().toLowerCase(Locale.ROOT)).filter(Organization::issues)
                .orElseThrow(() -> Problem.invalidField("association", "No association has the short name \"" + slug.strip() + "\"."));
        return new Subject(association.id(), null, awards.issuerProfile(association.id()).getString("id"), association.name());
    }

    /** The employer revokes its endorsement: its status list entry is set, so every copy fails verification from now on. */
    public Endorsement revoke(Actor actor, String employerSlug, UUID id) {
        Organization employer = organizations.require(actor, employerSlug, Permission.ENDORSE);
        return transactions.execute(tx -> {
            Endorsement endorsement = find(id).filter(e -> e.employerId().equals(employer.id()))
                    .orElseThrow(() -> Problem.notFound("The endorsement"));
            if (endorsement.revoked()) throw Problem.conflict("already-revoked", "This endorsement is already revoked.");
            Instant now = clock.instant();
            db.sql("update endorsements set revoked_at = ?, changed_at = ? where id = ?")
                    .params(Timestamp.from(now), Timestamp.from(now), id).update();
            var status = db.sql("select status_list_id, status_index from endorsements where id = ?").param(id)
                    .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getInt(2)}).single();
            awards.revokeStatus(employer.id(), (UUID) status[0], (Integer) status[1]);
            audit.record(actor, employer.id(), "endorsement.revoked", "endorsement", id, Map.of());
            audit.record(actor, endorsement.associationId(), "endorsement.revoked", "endorsement", id, Map.of());
            forgetAfterCommit();
            return find(id).orElseThrow();
        });
    }

    /**
     * The association hides an endorsement from its pages and from the credentials it issues from now on (or shows it
     * again). Its own records, its decision: the endorsement itself stays valid, the employer's to revoke.
     */
    public Endorsement hide(Actor actor, String associationSlug, UUID id, boolean hidden) {
        Organization association = organizations.require(actor, associationSlug, Permission.MANAGE_PARTNERS);
        return transactions.execute(tx -> {
            Endorsement endorsement = find(id).filter(e -> e.associationId().equals(association.id()))
                    .orElseThrow(() -> Problem.notFound("The endorsement"));
            if (endorsement.hidden() == hidden) return endorsement;
            Instant now = clock.instant();
            db.sql("update endorsements set hidden_at = ?, changed_at = ? where id = ?")
                    .params(hidden ? Timestamp.from(now) : null, Timestamp.from(now), id).update();
            audit.record(actor, association.id(), hidden ? "endorsement.hidden" : "endorsement.shown", "endorsement", id, Map.of());
            forgetAfterCommit();
            return find(id).orElseThrow();
        });
    }

    /**
     * When a partnership ends, the employer's endorsements of the association and its micro-credentials leave the
     * association's pages and the credentials it issues from then on; when the two are partners again, they come back.
     * They are not revoked: an endorsement is the employer's signed statement, and only the employer revokes it. Runs in
     * the transaction that changes the partnership.
     */
    @EventListener
    void partnershipChanged(Partnerships.PartnershipChanged changed) {
        if (changed.state() != Partnerships.State.ENDED && changed.state() != Partnerships.State.ACTIVE) return;
        Instant now = clock.instant();
        int rows = changed.state() == Partnerships.State.ENDED
                ? db.sql("""
                        update endorsements set partnership_ended_at = ?, changed_at = ?
                        where employer_id = ? and association_id = ? and partnership_ended_at is null""")
                        .params(Timestamp.from(now), Timestamp.from(now), changed.employerId(), changed.associationId()).update()
                : db.sql("""
                        update endorsements set partnership_ended_at = null, changed_at = ?
                        where employer_id = ? and association_id = ? and partnership_ended_at is not null""")
                        .params(Timestamp.from(now), changed.employerId(), changed.associationId()).update();
        if (rows > 0) {
            audit.record(null, changed.associationId(), changed.state() == Partnerships.State.ENDED ? "endorsement.partnership-ended"
                    : "endorsement.partnership-resumed", "partnership", changed.partnershipId(), Map.of("endorsements", rows));
            forgetAfterCommit();
        }
    }

    /** The endorsements an organization gave (as employer) or received (as association), newest first, a page at a time. */
    public ListPage<Endorsement> list(Actor actor, String slug, int offset, int limit) {
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        return listings.pageAt(source(org), NEWEST, Math.max(0, offset), Listings.limit(limit), this::endorsement);
    }

    /** The same list after a cursor, for the API. */
    public ListPage<Endorsement> list(Actor actor, String slug, @Nullable Integer limit, @Nullable String cursor) {
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        return listings.page(source(org), NEWEST, Listings.limit(limit), cursor, this::endorsement);
    }

    private static Listings.Source source(Organization org) {
        return new Listings.Source("endorsements", SELECT, FROM,
                ListWhere.of("(n.employer_id = ? or n.association_id = ?)", org.id(), org.id()));
    }

    /** What an employer may endorse now: the published micro-credentials of the programs it is an active partner of. */
    public List<Endorsable> endorsable(Actor actor, String employerSlug) {
        Organization employer = organizations.require(actor, employerSlug, Permission.ENDORSE);
        List<Partnerships.Partnership> programs = partnerships.activeProgramsOf(employer.id());
        if (programs.isEmpty()) return List.of();
        // One read of the published catalog, grouped by association, whatever the number of programs.
        Map<UUID, List<Endorsable.Item>> published = new java.util.HashMap<>();
        achievements.catalog(io.guildmark.app.catalog.CatalogQuery.everything()).forEach(entry -> published
                .computeIfAbsent(entry.version().organizationId(), id -> new java.util.ArrayList<>())
                .add(new Endorsable.Item(entry.version().achievementId(), entry.version().definition().name())));
        return programs.stream().map(p -> new Endorsable(p.associationSlug(), p.associationName(),
                published.getOrDefault(p.associationId(), List.of()))).toList();
    }

    /** An association of the employer's programs and its published micro-credentials. */
    public record Endorsable(String associationSlug, String associationName, List<Item> microCredentials) {
        public record Item(UUID id, String name) {}
    }

    /** An endorsement, whoever asks: endorsements are public statements. */
    public Optional<Endorsement> find(UUID id) {
        return db.sql("select " + SELECT + " from " + FROM + " where n.id = ?").param(id).query(this::endorsement).optional();
    }

    /** The endorsement as signed. */
    public Optional<String> signedCredential(UUID id) {
        return db.sql("select credential from endorsements where id = ?").param(id).query(String.class).optional();
    }

    /** A version of what {@link #signedCredential} checks against: the employer's status list, which revocation changes. */
    String statusStamp(UUID id) {
        return db.sql("select s.etag from endorsements n join status_lists s on s.id = n.status_list_id where n.id = ?").param(id)
                .query(String.class).optional().orElse("");
    }

    private void forgetAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            cache.forget();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache.forget();
            }
        });
    }

    private Endorsement endorsement(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Endorsement(id, url(id), rs.getObject("employer_id", UUID.class), rs.getString("employer_slug"),
                rs.getString("employer_name"), rs.getObject("association_id", UUID.class), rs.getString("association_slug"),
                rs.getString("association_name"), rs.getObject("achievement_id", UUID.class), rs.getString("subject_name"),
                rs.getString("kind"), rs.getString("statement"), rs.getTimestamp("created_at").toInstant(),
                ts(rs.getTimestamp("revoked_at")), ts(rs.getTimestamp("hidden_at")), ts(rs.getTimestamp("partnership_ended_at")));
    }

    private static @Nullable Instant ts(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
