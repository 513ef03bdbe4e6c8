package io.guildmark.app.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The e-mail addresses an account holds. Each is proven by a link sent to it; one is primary (the copy in
 * {@code users.email}, where sign-in and mail go). A verified address belongs to one account only: that is what lets
 * an award sent to an address be claimed by its owner and nobody else. Other modules ask here, never by
 * {@code users.email}, which addresses a person has proven ({@link #verifiedEmails}) and whose an address is
 * ({@link #verifiedOwner}).
 */
@Service
public class EmailAddresses {

    static final Duration LINK_VALIDITY = Duration.ofDays(3);
    static final int MAX_PER_ACCOUNT = 10;

    /** One address of an account, as the account page lists it. */
    public record Address(UUID id, String email, boolean verified, boolean primary) {}

    private final JdbcClient db;
    private final Mailer mailer;
    private final GuildmarkSettings settings;
    private final Clock clock;

    EmailAddresses(JdbcClient db, Mailer mailer, GuildmarkSettings settings, Clock clock) {
        this.db = db;
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
    }

    /** The addresses the person has proven, primary first. */
    public List<String> verifiedEmails(UUID userId) {
        return db.sql("""
                select e.verified_email from user_emails e join users u on u.id = e.user_id
                where e.user_id = ? and e.verified_email is not null
                order by case when e.email = u.email then 0 else 1 end, e.verified_at""")
                .param(userId).query(String.class).list();
    }

    /** The account that has proven this address, if any. */
    public Optional<UUID> verifiedOwner(String email) {
        String address = normalize(email);
        if (address.isEmpty()) return Optional.empty();
        return db.sql("select user_id from user_emails where verified_email = ?").param(address).query(UUID.class).optional();
    }

    /** Every address of the account, primary first, then in the order they were added. */
    public List<Address> of(UUID userId) {
        return db.sql("""
                select e.id, e.email, e.verified_email, u.email as primary_email from user_emails e join users u on u.id = e.user_id
                where e.user_id = ? order by case when e.email = u.email then 0 else 1 end, e.created_at, e.email""")
                .param(userId)
                .query((rs, n) -> new Address(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("verified_email") != null,
                        rs.getString("email").equals(rs.getString("primary_email"))))
                .list();
    }

    /**
     * Adds an address to the account and e-mails it a link. The answer is the same whether or not another account has
     * already proven the address: that account's owner is not revealed, and no link is sent (the address's owner is
     * told instead), so the address stays unverified here.
     */
    @Transactional
    public Address add(UUID userId, String email) {
        EmailAddress address;
        try {
            address = EmailAddress.of(email);
        } catch (Problem p) {
            throw Problem.invalidField("email", p.getMessage());
        }
        Optional<Address> existing = of(userId).stream().filter(a -> a.email().equals(address.value())).findFirst();
        if (existing.isPresent()) {
            if (existing.get().verified()) throw Problem.invalidField("email", "This address is already in your account.");
            sendLink(userId, existing.get().id(), address);
            return existing.get();
        }
        if (of(userId).size() >= MAX_PER_ACCOUNT) {
            throw Problem.invalidField("email", "An account holds at most " + MAX_PER_ACCOUNT + " addresses; remove one first.");
        }
        UUID id = UUID.randomUUID();
        db.sql("insert into user_emails (id, user_id, email, created_at) values (?, ?, ?, ?)")
                .params(id, userId, address.value(), Timestamp.from(clock.instant())).update();
        sendLink(userId, id, address);
        return new Address(id, address.value(), false, false);
    }

    /** Sends the link again for an address still waiting; the same quiet answer as {@link #add}. */
    @Transactional
    public void resend(UUID userId, UUID addressId) {
        Address address = require(userId, addressId);
        if (address.verified()) throw Problem.invalid("already-verified", "This address is already verified.");
        sendLink(userId, addressId, EmailAddress.of(address.email()));
    }

    /**
     * Proves an address with the link sent to it. The person following the link must be signed in to the account that
     * asked for the address: a link forwarded to (or phished by) someone else proves nothing for their account. A link
     * works once and for three days; the same message answers every link that cannot be used, so nothing is learnt.
     */
    @Transactional
    public Address verify(UUID userId, String token) {
        Problem unusable = Problem.invalid("link-invalid",
                "This confirmation link cannot be used: it has expired, was already used, or belongs to another account. "
                        + "Ask for a new one on your e-mail addresses page.");
        if (token == null || token.length() > 100) throw unusable;
        Instant now = clock.instant();
        var row = db.sql("""
                select t.user_email_id, e.user_id, e.email from user_email_tokens t join user_emails e on e.id = t.user_email_id
                where t.token_hash = ? and t.used_at is null and t.expires_at > ?""")
                .params(SecretTokens.hash(token), Timestamp.from(now))
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)}).optional()
                .orElseThrow(() -> unusable);
        if (!userId.equals(row[1])) throw unusable;
        UUID id = (UUID) row[0];
        String email = (String) row[2];
        if (!prove(id, email, now)) throw unusable;
        db.sql("update user_email_tokens set used_at = ? where token_hash = ?").params(Timestamp.from(now), SecretTokens.hash(token)).update();
        return require(userId, id);
    }

    /**
     * Makes a verified address the primary one: sign-in and mail use it from then on. The old primary stays in the
     * account, verified.
     */
    @Transactional
    public Address makePrimary(UUID userId, UUID addressId) {
        Address address = require(userId, addressId);
        if (!address.verified()) throw Problem.invalid("not-verified", "Verify this address before making it your primary one.");
        if (address.primary()) return address;
        boolean usedAsSignIn = db.sql("select count(*) from users where email = ? and id <> ?").params(address.email(), userId)
                .query(Long.class).single() > 0;
        if (usedAsSignIn) {
            // Another (never confirmed) sign-up still holds the address as its sign-in; it can never be confirmed now.
            throw Problem.conflict("primary-unavailable", "This address cannot be made primary at the moment; keep it as an extra address.");
        }
        db.sql("update users set email = ?, email_verified_at = (select verified_at from user_emails where id = ?) where id = ?")
                .params(address.email(), addressId, userId).update();
        return require(userId, addressId);
    }

    /** Removes an address that is not the primary one; awards sent to it and not yet accepted no longer count here. */
    @Transactional
    public void remove(UUID userId, UUID addressId) {
        Address address = require(userId, addressId);
        if (address.primary()) throw Problem.invalid("primary", "Your primary address cannot be removed; make another one primary first.");
        db.sql("delete from user_emails where id = ? and user_id = ?").params(addressId, userId).update();
    }

    /**
     * Records that the account has proven the address (sign-up confirmed, a reset link followed, an account made by
     * staff or demo data); answers false, changing nothing, when another account proved it first.
     */
    @Transactional
    public boolean markVerified(UUID userId, String email) {
        String address = normalize(email);
        Instant now = clock.instant();
        Optional<UUID> owner = verifiedOwner(address);
        if (owner.isPresent()) return owner.get().equals(userId);
        UUID id = db.sql("select id from user_emails where user_id = ? and email = ?").params(userId, address).query(UUID.class).optional()
                .orElseGet(() -> {
                    UUID fresh = UUID.randomUUID();
                    db.sql("insert into user_emails (id, user_id, email, created_at) values (?, ?, ?, ?)")
                            .params(fresh, userId, address, Timestamp.from(now)).update();
                    return fresh;
                });
        return prove(id, address, now);
    }

    /** Records an account's own, not yet proven, address (a new sign-up). */
    void addUnverified(UUID userId, String email) {
        db.sql("insert into user_emails (id, user_id, email, created_at) values (?, ?, ?, ?)")
                .params(UUID.randomUUID(), userId, normalize(email), Timestamp.from(clock.instant())).update();
    }

    private boolean prove(UUID id, String email, Instant now) {
        try {
            int updated = db.sql("""
                    update user_emails set verified_email = ?, verified_at = coalesce(verified_at, ?)
                    where id = ? and not exists (select 1 from user_emails o where o.verified_email = ? and o.id <> ?)""")
                    .params(email, Timestamp.from(now), id, email, id).update();
            return updated == 1;
        } catch (DuplicateKeyException raced) {
            return false; // another account proved it at the same moment
        }
    }

    private void sendLink(UUID userId, UUID addressId, EmailAddress address) {
        Optional<UUID> owner = verifiedOwner(address.value());
        String requester = db.sql("select name || ' <' || email || '>' from users where id = ?").param(userId).query(String.class).single();
        if (owner.isPresent() && !owner.get().equals(userId)) {
            // Tell the address's owner, not the person asking: they learn nothing about whose address it is.
            mailer.send(address, "Someone tried to add your e-mail address to their Guildmark account",
                    "Hello,\n\nThe Guildmark account of " + requester + " asked to add this address, which already belongs to another "
                            + "Guildmark account (yours, we think). Nothing was changed, and this address stays with your account.\n\n"
                            + "If this was you, remove the address from your other account first.\n");
            return;
        }
        String token = SecretTokens.newToken();
        db.sql("insert into user_email_tokens (token_hash, user_email_id, expires_at) values (?, ?, ?)")
                .params(SecretTokens.hash(token), addressId, Timestamp.from(clock.instant().plus(LINK_VALIDITY))).update();
        mailer.send(address, "Confirm this e-mail address for your Guildmark account",
                "Hello,\n\nThe Guildmark account of " + requester + " asked to add this e-mail address. If that is you, "
                        + "sign in to that account and follow this link to confirm it (it works once, for three days):\n\n"
                        + settings.url("/account/emails/verify/" + token)
                        + "\n\nBadges sent to this address can then be claimed with that account. If it is not you, ignore this message.\n");
    }

    private Address require(UUID userId, UUID addressId) {
        return of(userId).stream().filter(a -> a.id().equals(addressId)).findFirst().orElseThrow(() -> Problem.notFound("The address"));
    }

    static String normalize(@Nullable String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
