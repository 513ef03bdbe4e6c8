package io.guildmark.app.organizations;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issuer vetting: anyone signed in may create an organization, but it signs credentials only once the platform's
 * operator has approved it, so a stranger cannot issue in the name of a university. Organizations the operator creates
 * are approved from the start. The operator is the admin token in the API, and in the pages an account with the
 * {@code platform_admin} flag or listed in {@code guildmark.operators}.
 */
@Service
public class IssuerApprovals {

    /** Where an organization stands with the operator. */
    public enum State {
        PENDING, APPROVED, REJECTED, SUSPENDED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State parse(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** What the operator may decide, and the state each leads to. */
    public enum Decision {
        APPROVE(State.APPROVED), REJECT(State.REJECTED), SUSPEND(State.SUSPENDED);

        private final State leadsTo;

        Decision(State leadsTo) {
            this.leadsTo = leadsTo;
        }

        public static Decision parse(@Nullable String value) {
            if (value != null) {
                for (Decision d : values()) {
                    if (d.name().equalsIgnoreCase(value.strip())) return d;
                }
            }
            throw Problem.invalidField("decision", "The decision must be approve, reject or suspend.");
        }
    }

    /** An organization's standing with the operator. */
    public record Approval(UUID organizationId, String slug, String name, State state, @Nullable String decidedBy,
            @Nullable Instant decidedAt, @Nullable String note, Instant createdAt) {

        public boolean approved() {
            return state == State.APPROVED;
        }
    }

    /** One page of organizations, oldest first, with the cursor of the next page. */
    public record Page(List<Approval> items, @Nullable String nextCursor) {}

    public static final int MAX_PAGE = 200;
    static final int MAX_NOTE = 1000;

    private final JdbcClient db;
    private final Clock clock;
    private final OperatorSettings operators;

    private final io.guildmark.app.shared.AuditTrail audit;

    IssuerApprovals(JdbcClient db, Clock clock, OperatorSettings operators, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.db = db;
        this.clock = clock;
        this.operators = operators;
    }

    /** Whether the actor operates the platform: the admin token, a platform administrator, or a listed operator. */
    public boolean isOperator(Actor actor) {
        if (actor.isPlatformAdmin()) return true;
        return actor instanceof Actor.Person person && operators.isOperator(person.email());
    }

    public boolean isApproved(UUID organizationId) {
        return db.sql("select approval_state from organizations where id = ?").param(organizationId).query(String.class).optional()
                .map("approved"::equals).orElse(false);
    }

    public Approval of(UUID organizationId) {
        return db.sql("select * from organizations where id = ?").param(organizationId).query(IssuerApprovals::approval).optional()
                .orElseThrow(() -> Problem.notFound("The organization"));
    }

    /** The refusal for an organization that may not sign credentials, in words its staff understand. */
    public static Problem notApproved(Organization org, State state) {
        String why = switch (state) {
            case PENDING -> org.name() + " is awaiting approval by the platform operator; it can issue credentials once approved.";
            case REJECTED -> "The platform operator did not approve " + org.name() + " as an issuer, so it cannot issue credentials.";
            case SUSPENDED -> "The platform operator has suspended " + org.name() + " as an issuer; it cannot issue credentials for now.";
            case APPROVED -> org.name() + " may issue.";
        };
        return new Problem(Problem.Kind.FORBIDDEN, "issuer-not-approved", why, List.of());
    }

    /** Refuses unless the organization is approved to sign credentials. */
    public void requireApproved(Organization org) {
        Approval approval = of(org.id());
        if (!approval.approved()) throw notApproved(org, approval.state());
    }

    /**
     * {@link #requireApproved} without reading the organization again, for a caller that read it moments ago in the
     * same request (an award through the API, whose organization comes from the request's own look-up by slug).
     */
    public void requireApprovedAsRead(Organization org) {
        State state = State.parse(org.approvalStateAsRead());
        if (state != State.APPROVED) throw notApproved(org, state);
    }

    /** The operator decides about an organization; anyone else is refused, and nothing changes. */
    @Transactional
    public Approval decide(Actor actor, String slug, @Nullable String decision, @Nullable String note) {
        requireOperator(actor);
        Organization org = db.sql("select * from organizations where slug = ?").param(slug == null ? "" : slug)
                .query(Organizations::organization).optional().orElseThrow(() -> Problem.notFound("The organization"));
        Decision d = Decision.parse(decision);
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > MAX_NOTE) throw Problem.invalidField("note", "Keep the note under 1,000 characters.");
        State before = of(org.id()).state();
        db.sql("update organizations set approval_state = ?, approval_decided_by = ?, approval_decided_at = ?, approval_note = ? where id = ?")
                .params(d.leadsTo.id(), decidedBy(actor), Timestamp.from(clock.instant()), text, org.id()).update();
        java.util.Map<String, Object> changes = new java.util.LinkedHashMap<>();
        changes.put("before", before.id());
        changes.put("after", d.leadsTo.id());
        if (text != null) changes.put("note", text);
        audit.record(actor, org.id(), "organization.issuer-approval-decided", "organization", org.id(), changes);
        return of(org.id());
    }

    /** Organizations in a state (every state when none is given), oldest first, for the operator. */
    public Page list(Actor actor, @Nullable String state, int limit, @Nullable String cursor) {
        requireOperator(actor);
        if (limit < 1 || limit > MAX_PAGE) throw Problem.invalidField("limit", "The limit must be between 1 and " + MAX_PAGE + ".");
        StringBuilder sql = new StringBuilder("select * from organizations where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (state != null && !state.isBlank()) {
            State s;
            try {
                s = State.parse(state.strip());
            } catch (IllegalArgumentException e) {
                throw Problem.invalidField("state", "The state must be pending, approved, rejected or suspended.");
            }
            sql.append(" and approval_state = ?");
            params.add(s.id());
        }
        if (cursor != null && !cursor.isBlank()) {
            Object[] after = decodeCursor(cursor);
            sql.append(" and (created_at > ? or (created_at = ? and id > ?))");
            params.add(after[0]);
            params.add(after[0]);
            params.add(after[1]);
        }
        sql.append(" order by created_at, id limit ?");
        params.add(limit + 1);
        List<Approval> rows = db.sql(sql.toString()).params(params).query(IssuerApprovals::approval).list();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Approval last = rows.get(limit - 1);
            next = encodeCursor(last.createdAt(), last.organizationId());
        }
        return new Page(List.copyOf(rows), next);
    }

    /** Marks an organization the operator created as approved from the start. */
    void approveOnCreation(Actor actor, UUID organizationId) {
        db.sql("update organizations set approval_state = 'approved', approval_decided_by = ?, approval_decided_at = ?, approval_note = ? where id = ?")
                .params(decidedBy(actor), Timestamp.from(clock.instant()), "Created by the platform operator.", organizationId).update();
    }

    private void requireOperator(Actor actor) {
        if (!isOperator(actor)) throw Problem.forbidden("Only the platform operator may vet organizations.");
    }

    private static String decidedBy(Actor actor) {
        return actor instanceof Actor.Person person ? person.email() : "operator (admin token)";
    }

    private static String encodeCursor(Instant createdAt, UUID id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static Object[] decodeCursor(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8).split("\\|");
            if (parts.length == 2) return new Object[] {Timestamp.from(Instant.parse(parts[0])), UUID.fromString(parts[1])};
        } catch (RuntimeException e) {
            // falls through to the refusal
        }
        throw Problem.invalid("cursor-invalid", "This cursor is not one this list gave out. Start again from the first page.");
    }

    private static Approval approval(ResultSet rs, int row) throws SQLException {
        Timestamp decided = rs.getTimestamp("approval_decided_at");
        return new Approval(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
                State.parse(rs.getString("approval_state")), rs.getString("approval_decided_by"),
                decided == null ? null : decided.toInstant(), rs.getString("approval_note"), rs.getTimestamp("created_at").toInstant());
    }
}
