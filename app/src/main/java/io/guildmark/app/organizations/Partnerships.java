package io.guildmark.app.organizations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.AuditTrail;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.ListOrder;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListWhere;
import io.guildmark.app.shared.Listings;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Employers in an association's program. The association invites an employer organization; the employer's owners or
 * admins accept or decline; either side may end an active partnership, and the association may invite again after a
 * decline or an end. Only active partners co-design, endorse as partners and see the association's findable learners.
 */
@Service
public class Partnerships {

    public enum State { INVITED, ACTIVE, DECLINED, ENDED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One partnership as both sides see it. */
    public record Partnership(UUID id, UUID associationId, String associationSlug, String associationName, UUID employerId,
            String employerSlug, String employerName, boolean employerHasLogo, State state, @Nullable String message,
            Instant invitedAt, @Nullable Instant answeredAt) {}

    /** Published when a partnership changes state, for modules that keep something per partner. */
    public record PartnershipChanged(UUID partnershipId, UUID associationId, UUID employerId, State state) {}

    public static final int MAX_MESSAGE = 1000;
    /**
     * An association has at most this many partners (active or invited), and an employer takes part in at most this
     * many programs: the public pages list them all, so the cap keeps those lists whole rather than cut.
     */
    public static final int MAX_PARTNERS = 200;

    private static final String SELECT = """
            p.id, p.association_id, a.slug as association_slug, a.name as association_name, p.employer_id,
            e.slug as employer_slug, e.name as employer_name, e.logo_key as employer_logo, p.state, p.message,
            p.invited_at, p.answered_at""";
    private static final String FROM = "employer_partnerships p join organizations a on a.id = p.association_id"
            + " join organizations e on e.id = p.employer_id";
    private static final ListOrder NEWEST = ListOrder.descending("invited",
            ListOrder.instant("p.invited_at"), ListOrder.uuid("p.id"));

    /** {@link #MAX_PARTNERS}, lowered by tests only ({@link #limitPartners}). */
    private volatile int maxPartners = MAX_PARTNERS;

    private final JdbcClient db;
    private final Organizations organizations;
    private final Listings listings;
    private final Mailer mailer;
    private final GuildmarkSettings settings;
    private final AuditTrail audit;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    Partnerships(JdbcClient db, Organizations organizations, Listings listings, Mailer mailer, GuildmarkSettings settings,
            AuditTrail audit, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.db = db;
        this.organizations = organizations;
        this.listings = listings;
        this.mailer = mailer;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /** The association invites an employer (by its short name) into its program; the employer's owners are told. */
    @Transactional
    public Partnership invite(Actor actor, String associationSlug, @Nullable String employerSlug, @Nullable String message) {
        Organization association = organizations.require(actor, associationSlug, Permission.MANAGE_PARTNERS);
        if (!association.issues()) throw Problem.forbidden(association.name() + " is an employer: only associations invite partners.");
        Map<String, String> errors = new LinkedHashMap<>();
        String note = message == null || message.isBlank() ? null : message.strip();
        if (note != null && note.length() > MAX_MESSAGE) errors.put("message", "Keep the message to " + MAX_MESSAGE + " characters.");
        Organization employer = null;
        if (employerSlug == null || employerSlug.isBlank()) {
            errors.put("employer", "Enter the employer's short name (as in its address on Guildmark).");
        } else {
            employer = organizations.findBySlug(employerSlug.strip().toLowerCase(Locale.ROOT)).orElse(null);
            if (employer == null || !employer.employs()) {
                errors.put("employer", "No employer organization has the short name \"" + employerSlug.strip()
                        + "\". It creates its organization on Guildmark as an employer first.");
            } else if (employer.id().equals(association.id())) {
                errors.put("employer", "An organization cannot be its own partner.");
            }
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        if (count("association_id", association.id()) >= maxPartners) {
            throw new Problem(Problem.Kind.CONFLICT, "too-many-partners", association.name() + " already has " + maxPartners
                    + " partners and invitations; end one first.", List.of());
        }
        Instant now = clock.instant();
        UUID invitedBy = actor instanceof Actor.Person person ? person.userId() : null;
        Partnership existing = find(association.id(), employer.id());
        UUID id;
        if (existing == null) {
            id = UUID.randomUUID();
            db.sql("""
                    insert into employer_partnerships (id, association_id, employer_id, state, message, invited_by, invited_at)
                    values (?, ?, ?, 'invited', ?, ?, ?)""")
                    .params(id, association.id(), employer.id(), note, invitedBy, Timestamp.from(now)).update();
        } else if (existing.state() == State.INVITED || existing.state() == State.ACTIVE) {
            throw new Problem(Problem.Kind.CONFLICT, "already-partner", employer.name() + " is already "
                    + (existing.state() == State.ACTIVE ? "a partner." : "invited."), List.of());
        } else {
            id = existing.id();
            db.sql("""
                    update employer_partnerships set state = 'invited', message = ?, invited_by = ?, invited_at = ?,
                      answered_by = null, answered_at = null where id = ?""")
                    .params(note, invitedBy, Timestamp.from(now), id).update();
        }
        audit.record(actor, association.id(), "partner.invited", "partnership", id, Map.of("employer", employer.slug()));
        tellOwners(employer, association.name() + " invites " + employer.name() + " to its micro-credential program",
                association.name() + " invites " + employer.name() + " to take part in its micro-credential program on Guildmark:"
                        + " co-design micro-credentials, endorse them, and find learners who chose to be findable.\n\n"
                        + (note == null ? "" : "Their message: " + note + "\n\n")
                        + "Accept or decline: " + settings.url("/organizations/" + employer.slug() + "/partners") + "\n");
        events.publishEvent(new PartnershipChanged(id, association.id(), employer.id(), State.INVITED));
        return require(id);
    }

    /** The employer accepts or declines an invitation. */
    @Transactional
    public Partnership answer(Actor actor, String employerSlug, UUID partnershipId, boolean accept) {
        Organization employer = organizations.require(actor, employerSlug, Permission.MANAGE_PARTNERS);
        Partnership partnership = require(partnershipId);
        if (!partnership.employerId().equals(employer.id())) throw Problem.notFound("The invitation");
        if (partnership.state() != State.INVITED) {
            throw new Problem(Problem.Kind.CONFLICT, "not-invited", "This invitation was already answered or withdrawn.", List.of());
        }
        if (accept && count("employer_id", employer.id()) >= maxPartners) {
            throw new Problem(Problem.Kind.CONFLICT, "too-many-programs", employer.name() + " already takes part in "
                    + maxPartners + " programs; end one first.", List.of());
        }
        State next = accept ? State.ACTIVE : State.DECLINED;
        move(actor, partnership, next);
        audit.record(actor, employer.id(), accept ? "partner.accepted" : "partner.declined", "partnership", partnershipId,
                Map.of("association", partnership.associationSlug()));
        if (accept) audit.record(actor, partnership.associationId(), "partner.accepted", "partnership", partnershipId,
                Map.of("employer", employer.slug()));
        return require(partnershipId);
    }

    /** Either side ends a partnership (or the association withdraws an unanswered invitation). */
    @Transactional
    public Partnership end(Actor actor, String slug, UUID partnershipId) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_PARTNERS);
        Partnership partnership = require(partnershipId);
        boolean association = partnership.associationId().equals(org.id());
        if (!association && !partnership.employerId().equals(org.id())) throw Problem.notFound("The partnership");
        if (partnership.state() != State.ACTIVE && !(association && partnership.state() == State.INVITED)) {
            throw new Problem(Problem.Kind.CONFLICT, "not-active", "This partnership is not active.", List.of());
        }
        move(actor, partnership, State.ENDED);
        audit.record(actor, partnership.associationId(), "partner.ended", "partnership", partnershipId,
                Map.of("employer", partnership.employerSlug(), "by", org.slug()));
        return require(partnershipId);
    }

    /** Lowers the cap on partners and programs, so a test reaches it without 200 organizations; returns the previous cap. */
    int limitPartners(int max) {
        int before = maxPartners;
        maxPartners = max;
        return before;
    }

    private void move(Actor actor, Partnership partnership, State next) {
        UUID by = actor instanceof Actor.Person person ? person.userId() : null;
        db.sql("update employer_partnerships set state = ?, answered_by = ?, answered_at = ? where id = ?")
                .params(next.id(), by, Timestamp.from(clock.instant()), partnership.id()).update();
        events.publishEvent(new PartnershipChanged(partnership.id(), partnership.associationId(), partnership.employerId(), next));
    }

    /** One organization's partnerships (as association or as employer), newest first, with a total. */
    public ListPage<Partnership> list(Actor actor, String slug, @Nullable State state, int offset, int limit) {
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        ListWhere where = ListWhere.of("(p.association_id = ? or p.employer_id = ?)", org.id(), org.id())
                .equal("p.state", state == null ? null : state.id());
        return listings.pageAt(new Listings.Source("partnerships", SELECT, FROM, where), NEWEST, Math.max(0, offset),
                Listings.limit(limit), Partnerships::partnership);
    }

    /** The same list a page at a time after a cursor, for the API. */
    public ListPage<Partnership> list(Actor actor, String slug, @Nullable State state, @Nullable Integer limit, @Nullable String cursor) {
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        ListWhere where = ListWhere.of("(p.association_id = ? or p.employer_id = ?)", org.id(), org.id())
                .equal("p.state", state == null ? null : state.id());
        return listings.page(new Listings.Source("partnerships", SELECT, FROM, where), NEWEST, Listings.limit(limit), cursor,
                Partnerships::partnership);
    }

    /**
     * The version of an organization's public page, in one query: its row, and of its partnerships (on either side) how
     * many there are, how many are active, and the last invitation and answer. Every change of a partnership sets one
     * of those times, so a new, accepted, declined or ended partnership changes the stamp on every node at once; a
     * partner's own new name or logo does not (the page adds a minute's bucket for those).
     */
    record PageStamp(Organization org, long partnerships, long active, @Nullable Instant lastInvited, @Nullable Instant lastAnswered) {}

    Optional<PageStamp> pageStamp(String slug) {
        return db.sql("""
                select o.*,
                  (select count(*) from employer_partnerships p where p.association_id = o.id)
                    + (select count(*) from employer_partnerships p where p.employer_id = o.id) as partnerships,
                  (select count(*) from employer_partnerships p where p.association_id = o.id and p.state = 'active')
                    + (select count(*) from employer_partnerships p where p.employer_id = o.id and p.state = 'active') as active,
                  (select max(p.invited_at) from employer_partnerships p where p.association_id = o.id or p.employer_id = o.id) as last_invited,
                  (select max(p.answered_at) from employer_partnerships p where p.association_id = o.id or p.employer_id = o.id) as last_answered
                from organizations o where o.slug = ?""")
                .param(slug)
                .query((rs, n) -> new PageStamp(Organizations.organization(rs, n), rs.getLong("partnerships"), rs.getLong("active"),
                        instant(rs.getTimestamp("last_invited")), instant(rs.getTimestamp("last_answered"))))
                .optional();
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** The active employer partners of an association, for its public pages: all of them (at most MAX_PARTNERS). */
    public List<Partnership> activePartnersOf(UUID associationId) {
        return db.sql("select " + SELECT + " from " + FROM + " where p.association_id = ? and p.state = 'active' order by e.name limit " + MAX_PARTNERS)
                .param(associationId).query(Partnerships::partnership).list();
    }

    /** The associations an employer is an active partner of: all of them (at most MAX_PARTNERS). */
    public List<Partnership> activeProgramsOf(UUID employerId) {
        return db.sql("select " + SELECT + " from " + FROM + " where p.employer_id = ? and p.state = 'active' order by a.name limit " + MAX_PARTNERS)
                .param(employerId).query(Partnerships::partnership).list();
    }

    public boolean activePartners(UUID associationId, UUID employerId) {
        return db.sql("select count(*) from employer_partnerships where association_id = ? and employer_id = ? and state = 'active'")
                .params(associationId, employerId).query(Long.class).single() > 0;
    }

    /** Partnerships that hold a place: the association's invited and active ones, or the employer's active ones. */
    private long count(String side, UUID organizationId) {
        String states = side.equals("association_id") ? "('invited', 'active')" : "('active')";
        return db.sql("select count(*) from employer_partnerships where " + side + " = ? and state in " + states)
                .param(organizationId).query(Long.class).single();
    }

    private @Nullable Partnership find(UUID associationId, UUID employerId) {
        return db.sql("select " + SELECT + " from " + FROM + " where p.association_id = ? and p.employer_id = ?")
                .params(associationId, employerId).query(Partnerships::partnership).optional().orElse(null);
    }

    private Partnership require(UUID id) {
        return db.sql("select " + SELECT + " from " + FROM + " where p.id = ?").param(id).query(Partnerships::partnership)
                .optional().orElseThrow(() -> Problem.notFound("The partnership"));
    }

    /** Tells the organization's owners and admins; at most 20 of them, so one invitation cannot fan out into a mail flood. */
    private void tellOwners(Organization org, String subject, String body) {
        db.sql("""
                select distinct u.email from memberships m join users u on u.id = m.user_id
                where m.organization_id = ? and m.role in ('OWNER', 'ADMIN') order by u.email limit 20""")
                .param(org.id()).query(String.class).list()
                .forEach(email -> mailer.send(new EmailAddress(email), subject, body));
    }

    private static Partnership partnership(ResultSet rs, int row) throws SQLException {
        Timestamp answered = rs.getTimestamp("answered_at");
        return new Partnership(rs.getObject("id", UUID.class), rs.getObject("association_id", UUID.class),
                rs.getString("association_slug"), rs.getString("association_name"), rs.getObject("employer_id", UUID.class),
                rs.getString("employer_slug"), rs.getString("employer_name"), rs.getString("employer_logo") != null,
                State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)), rs.getString("message"),
                rs.getTimestamp("invited_at").toInstant(), answered == null ? null : answered.toInstant());
    }
}
