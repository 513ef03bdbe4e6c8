package io.guildmark.app.organizations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An organization's people: members with roles, and invitations sent by e-mail. */
@Service
public class Members {

    static final Duration INVITATION_VALIDITY = Duration.ofDays(14);

    public record Member(UUID userId, String name, String email, Set<Role> roles) {}

    /**
     * Published, inside the transaction, when a member is removed or their roles are replaced, so modules that gave
     * them work (open peer reviews) take it back in the same transaction.
     */
    public record MembershipChanged(UUID organizationId, UUID userId) {}

    public record Invitation(UUID id, String email, Role role, Instant createdAt, Instant expiresAt, @Nullable Instant acceptedAt,
            @Nullable Instant revokedAt) {
        public boolean pending(Instant now) {
            return acceptedAt == null && revokedAt == null && expiresAt.isAfter(now);
        }
    }

    /** An invitation as its recipient sees it before accepting. */
    public record InvitationView(String organizationName, String organizationSlug, String email, Role role) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final Accounts accounts;
    private final Mailer mailer;
    private final GuildmarkSettings settings;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    private final io.guildmark.app.shared.AuditTrail audit;

    Members(JdbcClient db, Organizations organizations, Accounts accounts, Mailer mailer, GuildmarkSettings settings, Clock clock,
            ApplicationEventPublisher events, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.events = events;
        this.db = db;
        this.organizations = organizations;
        this.accounts = accounts;
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
    }

    public List<Member> list(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        Map<UUID, Set<Role>> roles = new LinkedHashMap<>();
        db.sql("select user_id, role from memberships where organization_id = ? order by granted_at").param(org.id())
                .query((rs, n) -> roles.computeIfAbsent(rs.getObject(1, UUID.class), id -> EnumSet.noneOf(Role.class))
                        .add(Role.valueOf(rs.getString(2))))
                .list();
        List<Member> members = new ArrayList<>();
        roles.forEach((userId, set) -> accounts.find(userId)
                .ifPresent(u -> members.add(new Member(u.id(), u.name(), u.email(), set))));
        return members;
    }

    /** The people holding a role in an organization, such as its pool of peer reviewers; for modules that assign work. */
    public List<Member> withRole(UUID organizationId, Role role) {
        List<UUID> ids = db.sql("select user_id from memberships where organization_id = ? and role = ? order by granted_at")
                .params(organizationId, role.name()).query(UUID.class).list();
        List<Member> members = new ArrayList<>();
        for (UUID id : ids) {
            accounts.find(id).ifPresent(u -> members.add(new Member(u.id(), u.name(), u.email(), organizations.rolesOf(organizationId, id))));
        }
        return members;
    }

    @Transactional
    public Invitation invite(Actor actor, String slug, String email, Role role) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_MEMBERS);
        EmailAddress address = EmailAddress.of(email);
        if (role == Role.OWNER && !holds(actor, org.id(), Role.OWNER)) throw Problem.forbidden("Only an owner can invite another owner.");
        String token = SecretTokens.newToken();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        db.sql("""
                insert into invitations (id, organization_id, email, role, token_hash, invited_by, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, org.id(), address.value(), role.name(), SecretTokens.hash(token),
                        actor instanceof Actor.Person p ? p.userId() : null, Timestamp.from(now),
                        Timestamp.from(now.plus(INVITATION_VALIDITY)))
                .update();
        audit.record(actor, org.id(), "member.invited", "invitation", id, Map.of("email", address.value(), "role", role.id()));
        mailer.send(address, "You are invited to " + org.name() + " on Guildmark",
                "Hello,\n\nYou are invited to join " + org.name() + " on Guildmark as " + role.label().toLowerCase() + " ("
                        + role.description() + ").\n\nAccept the invitation here (the link works for 14 days):\n\n"
                        + settings.url("/invitations/" + token) + "\n");
        return new Invitation(id, address.value(), role, now, now.plus(INVITATION_VALIDITY), null, null);
    }

    public List<Invitation> invitations(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_MEMBERS);
        return db.sql("select * from invitations where organization_id = ? order by created_at desc").param(org.id())
                .query((rs, n) -> new Invitation(rs.getObject("id", UUID.class), rs.getString("email"), Role.valueOf(rs.getString("role")),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                        ts(rs.getTimestamp("accepted_at")), ts(rs.getTimestamp("revoked_at"))))
                .list();
    }

    @Transactional
    public void revokeInvitation(Actor actor, String slug, UUID invitationId) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_MEMBERS);
        int changed = db.sql("update invitations set revoked_at = ? where id = ? and organization_id = ? and accepted_at is null")
                .params(Timestamp.from(clock.instant()), invitationId, org.id()).update();
        if (changed == 0) throw Problem.notFound("The invitation");
        audit.record(actor, org.id(), "member.invitation-revoked", "invitation", invitationId, Map.of());
    }

    public InvitationView viewInvitation(String token) {
        return pendingInvitation(token).view();
    }

    /** Accepts an invitation for the signed-in person, whose verified address must be the one invited. */
    @Transactional
    public Organization accept(Actor.Person person, String token) {
        PendingInvitation invitation = pendingInvitation(token);
        User user = accounts.find(person.userId()).orElseThrow(() -> Problem.notFound("Your account"));
        if (!user.email().equals(invitation.view().email())) {
            throw Problem.forbidden("This invitation was sent to " + invitation.view().email() + "; sign in with that address to accept it.");
        }
        organizations.grant(invitation.organizationId(), user.id(), invitation.view().role());
        audit.record(person, invitation.organizationId(), "member.joined", "member", user.id(),
                Map.of("email", user.email(), "role", invitation.view().role().id(), "invitation", invitation.id()));
        db.sql("update invitations set accepted_at = ? where id = ?").params(Timestamp.from(clock.instant()), invitation.id()).update();
        return organizations.findById(invitation.organizationId()).orElseThrow();
    }

    /** Replaces a member's roles. An organization always keeps at least one owner. */
    @Transactional
    public void setRoles(Actor actor, String slug, UUID userId, Set<Role> roles) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_MEMBERS);
        Set<Role> current = organizations.rolesOf(org.id(), userId);
        if (current.isEmpty()) throw Problem.notFound("The member");
        if (roles.isEmpty()) throw Problem.invalidField("roles", "Choose at least one role, or remove the member instead.");
        boolean touchesOwner = current.contains(Role.OWNER) != roles.contains(Role.OWNER);
        if (touchesOwner && !holds(actor, org.id(), Role.OWNER)) throw Problem.forbidden("Only an owner can grant or take away the owner role.");
        if (current.contains(Role.OWNER) && !roles.contains(Role.OWNER)) ensureAnotherOwner(org.id(), userId);
        db.sql("delete from memberships where organization_id = ? and user_id = ?").params(org.id(), userId).update();
        roles.forEach(role -> organizations.grant(org.id(), userId, role));
        audit.record(actor, org.id(), "member.roles-changed", "member", userId, Map.of("before", roleIds(current), "after", roleIds(roles)));
        events.publishEvent(new MembershipChanged(org.id(), userId));
    }

    @Transactional
    public void remove(Actor actor, String slug, UUID userId) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_MEMBERS);
        Set<Role> current = organizations.rolesOf(org.id(), userId);
        if (current.isEmpty()) throw Problem.notFound("The member");
        if (current.contains(Role.OWNER)) {
            if (!holds(actor, org.id(), Role.OWNER)) throw Problem.forbidden("Only an owner can remove an owner.");
            ensureAnotherOwner(org.id(), userId);
        }
        db.sql("delete from memberships where organization_id = ? and user_id = ?").params(org.id(), userId).update();
        audit.record(actor, org.id(), "member.removed", "member", userId, Map.of("before", roleIds(current)));
        events.publishEvent(new MembershipChanged(org.id(), userId));
    }

    private static List<String> roleIds(Set<Role> roles) {
        return roles.stream().sorted().map(Role::id).toList();
    }

    /** Adds a member directly (demo data, platform administration). */
    @Transactional
    public void add(UUID organizationId, UUID userId, Role role) {
        organizations.grant(organizationId, userId, role);
    }

    private void ensureAnotherOwner(UUID organizationId, UUID leavingUserId) {
        Integer others = db.sql("select count(*) from memberships where organization_id = ? and role = 'OWNER' and user_id <> ?")
                .params(organizationId, leavingUserId).query(Integer.class).single();
        if (others == 0) throw Problem.conflict("last-owner", "An organization needs at least one owner; make someone else owner first.");
    }

    private boolean holds(Actor actor, UUID organizationId, Role role) {
        if (actor.isPlatformAdmin()) return true;
        return actor instanceof Actor.Person p && organizations.rolesOf(organizationId, p.userId()).contains(role);
    }

    private record PendingInvitation(UUID id, UUID organizationId, InvitationView view) {}

    private PendingInvitation pendingInvitation(String token) {
        if (token == null || token.length() > 100) throw Problem.notFound("The invitation");
        return db.sql("""
                select i.id, i.organization_id, i.email, i.role, o.name, o.slug from invitations i
                join organizations o on o.id = i.organization_id
                where i.token_hash = ? and i.accepted_at is null and i.revoked_at is null and i.expires_at > ?""")
                .params(SecretTokens.hash(token), Timestamp.from(clock.instant()))
                .query((rs, n) -> new PendingInvitation(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        new InvitationView(rs.getString(5), rs.getString(6), rs.getString(3), Role.valueOf(rs.getString(4)))))
                .optional()
                .orElseThrow(() -> Problem.invalid("invitation-invalid", "This invitation is not valid any more (used, withdrawn or expired). Ask for a new one."));
    }

    private static @Nullable Instant ts(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
