package io.guildmark.app.renewals;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.credits.Ledger;
import io.guildmark.app.credits.model.CreditEntry;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Renewing credentials that expire. A renewal issues a new credential of the same micro-credential through
 * {@link Awards#awardEarned}, valid for the full validity period from the day of renewal, whose evidence names the old
 * credential ("Renews …", with its address). The old award is kept, not revoked: it was genuine for its period, its
 * own expiry already ends it, and revoking would make an honest history read as withdrawn. Each award is renewed at
 * most once (the {@code renewals} table's key), so a double click or two staff approving at once issue one credential.
 *
 * <p>The renewal window opens {@value #WINDOW_DAYS} days before expiry and stays open after it.
 */
@Service
public class Renewals {

    static final int WINDOW_DAYS = 90;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    /** Where a credential that expires stands. */
    public enum State { VALID, EXPIRING, EXPIRED, RENEWED }

    /** One of the holder's expiring credentials with what they can do about it. */
    public record Renewable(Award award, RenewalPaths.Setting path, State state, long daysLeft, @Nullable UUID renewedBy,
            @Nullable BigDecimal creditsEarnedSince, @Nullable Request openRequest) {

        public boolean windowOpen() {
            return state == State.EXPIRING || state == State.EXPIRED;
        }

        /** Whether the CREDITS path lets the holder renew now. */
        public boolean creditsSuffice() {
            return path.path() == RenewalPaths.Path.CREDITS && creditsEarnedSince != null
                    && creditsEarnedSince.compareTo(path.creditsRequired()) >= 0;
        }

        public LocalDate expiresOn() {
            return LocalDate.ofInstant(award.validUntil(), ZoneOffset.UTC);
        }
    }

    public enum RequestStatus { OPEN, APPROVED, REJECTED }

    public record Request(UUID id, UUID organizationId, UUID awardId, String email, @Nullable String note, RequestStatus status,
            Instant requestedAt, @Nullable Instant decidedAt, @Nullable String reason) {}

    private final JdbcClient db;
    private final Awards awards;
    private final RenewalPaths paths;
    private final Ledger ledger;
    private final Organizations organizations;
    private final Mailer mailer;
    private final GuildmarkSettings settings;
    private final Clock clock;
    private final io.guildmark.app.shared.AuditTrail audit;

    Renewals(JdbcClient db, Awards awards, RenewalPaths paths, Ledger ledger, Organizations organizations, Mailer mailer,
            GuildmarkSettings settings, Clock clock, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.db = db;
        this.awards = awards;
        this.paths = paths;
        this.ledger = ledger;
        this.organizations = organizations;
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
    }

    /** The person's credentials that expire (not revoked), soonest expiry first, with renewals shown as such. */
    public List<Renewable> mine(Actor.Person person, LocalDate today) {
        return awards.heldBy(person.email()).stream().filter(a -> !a.revoked() && a.validUntil() != null)
                .map(a -> renewable(a, today)).sorted(Comparator.comparing(Renewable::expiresOn)).toList();
    }

    Renewable renewable(Award award, LocalDate today) {
        RenewalPaths.Setting path = paths.of(award.achievementId(), award.organizationId());
        LocalDate expires = LocalDate.ofInstant(award.validUntil(), ZoneOffset.UTC);
        long daysLeft = ChronoUnit.DAYS.between(today, expires);
        UUID renewedBy = renewedBy(award.id()).orElse(null);
        State state = renewedBy != null ? State.RENEWED : daysLeft <= 0 ? State.EXPIRED : daysLeft <= WINDOW_DAYS ? State.EXPIRING : State.VALID;
        BigDecimal since = path.path() == RenewalPaths.Path.CREDITS ? creditsSince(award, path.creditType()) : null;
        return new Renewable(award, path, state, daysLeft, renewedBy, since, openRequest(award.id()).orElse(null));
    }

    /**
     * Credits of the type the holder earned with the award's organization since the award (from its date on), not
     * counting the credits of the award itself.
     */
    public BigDecimal creditsSince(Award award, @Nullable String creditType) {
        if (creditType == null) return BigDecimal.ZERO;
        LocalDate from = LocalDate.ofInstant(award.validFrom(), ZoneOffset.UTC);
        return ledger.entries(award.organizationId(), award.recipientEmail()).stream()
                .filter(e -> e.status() == CreditEntry.Status.EARNED)
                .filter(e -> e.creditType().equalsIgnoreCase(creditType))
                .filter(e -> !e.earnedOn().isBefore(from))
                .filter(e -> !e.sourceId().equals(award.id()))
                .map(Ledger.Entry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Renews by credits: refused, changing nothing, unless the path is CREDITS, the window is open and enough are earned. */
    @Transactional
    public Award renewByCredits(Actor.Person person, UUID awardId, LocalDate today) {
        Renewable r = renewable(own(person, awardId), today);
        if (r.path().path() != RenewalPaths.Path.CREDITS) throw Problem.conflict("not-by-credits", "This credential is not renewed by credits.");
        requireWindow(r);
        if (!r.creditsSuffice()) {
            throw Problem.conflict("not-enough-credits", "Renewing takes " + plain(r.path().creditsRequired()) + " " + r.path().creditType()
                    + " earned since " + DAY.format(LocalDate.ofInstant(r.award().validFrom(), ZoneOffset.UTC)) + "; you have "
                    + plain(r.creditsEarnedSince()) + ".");
        }
        return renew(r.award(), RenewalPaths.Path.CREDITS, plain(r.creditsEarnedSince()) + " " + r.path().creditType() + " earned since the award");
    }

    /** Asks staff to renew; one open request per credential. */
    @Transactional
    public Request request(Actor.Person person, UUID awardId, @Nullable String note, LocalDate today) {
        Renewable r = renewable(own(person, awardId), today);
        if (r.path().path() != RenewalPaths.Path.STAFF_REVIEW) throw Problem.conflict("not-by-review", "This credential is not renewed by staff review.");
        requireWindow(r);
        String text = note == null ? "" : note.strip();
        if (text.length() > 2000) throw Problem.invalidField("note", "Keep the note under 2,000 characters.");
        if (r.openRequest() != null) throw Problem.conflict("already-requested", "You already asked; the association will answer by e-mail.");
        UUID id = UUID.randomUUID();
        db.sql("insert into renewal_requests (id, organization_id, award_id, email, note, status, requested_at) values (?, ?, ?, ?, ?, 'OPEN', ?)")
                .params(id, r.award().organizationId(), awardId, r.award().recipientEmail().toLowerCase(Locale.ROOT), text.isEmpty() ? null : text,
                        Timestamp.from(clock.instant())).update();
        return findRequest(id).orElseThrow();
    }

    @Transactional
    public Award approve(Actor actor, String slug, UUID requestId) {
        Request request = open(actor, slug, requestId);
        Award award = awards.find(request.awardId()).orElseThrow(() -> Problem.notFound("The credential"));
        if (award.revoked()) throw Problem.conflict("revoked", "This credential was revoked; it cannot be renewed.");
        db.sql("update renewal_requests set status = 'APPROVED', decided_by = ?, decided_at = ? where id = ? and status = 'OPEN'")
                .params(actor instanceof Actor.Person p ? p.userId() : null, Timestamp.from(clock.instant()), requestId).update();
        Award renewed = renew(award, RenewalPaths.Path.STAFF_REVIEW, "approved by staff on review");
        audit.record(actor, request.organizationId(), "renewal.approved", "renewal_request", requestId,
                Map.of("awardId", award.id(), "renewedAs", renewed.id()));
        return renewed;
    }

    @Transactional
    public Request reject(Actor actor, String slug, UUID requestId, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) throw Problem.invalidField("reason", "Tell the holder why (at most 500 characters).");
        Request request = open(actor, slug, requestId);
        db.sql("update renewal_requests set status = 'REJECTED', decided_by = ?, decided_at = ?, reason = ? where id = ? and status = 'OPEN'")
                .params(actor instanceof Actor.Person p ? p.userId() : null, Timestamp.from(clock.instant()), why, requestId).update();
        audit.record(actor, request.organizationId(), "renewal.rejected", "renewal_request", requestId,
                Map.of("awardId", request.awardId(), "reason", why));
        Award award = awards.find(request.awardId()).orElseThrow();
        Organization org = organizations.findById(request.organizationId()).orElseThrow();
        mailer.send(EmailAddress.of(request.email()), org.name() + " did not renew " + award.achievementName(),
                org.name() + " did not renew your credential \"" + award.achievementName() + "\".\n\nReason: " + why
                        + "\n\nSee your credentials that expire and how to renew them:\n\n" + settings.url("/renewals") + "\n");
        return findRequest(requestId).orElseThrow();
    }

    /** The award that renewed this one, if any. */
    public Optional<UUID> renewedBy(UUID awardId) {
        return db.sql("select new_award_id from renewals where old_award_id = ?").param(awardId).query(UUID.class).optional();
    }

    private Award renew(Award old, RenewalPaths.Path path, String how) {
        if (renewedBy(old.id()).isPresent()) throw Problem.conflict("already-renewed", "This credential was already renewed.");
        String oldUrl = awards.credentialUrl(old.id());
        String narrative = "Renews \"" + old.achievementName() + "\", awarded on " + DAY.format(LocalDate.ofInstant(old.validFrom(), ZoneOffset.UTC))
                + " and valid until " + DAY.format(LocalDate.ofInstant(old.validUntil(), ZoneOffset.UTC)) + " (" + oldUrl + "): " + how + ".";
        Award renewed = awards.awardEarned(old.organizationId(), new Awards.AwardRequest(old.achievementId(), old.recipientEmail(),
                old.recipientName(), List.of(new Awards.Evidence(narrative, oldUrl, "Renewed credential")), null, null));
        // The key on old_award_id: of two renewals racing, the second fails here and rolls back its credential.
        db.sql("insert into renewals (old_award_id, new_award_id, organization_id, path, renewed_at) values (?, ?, ?, ?, ?)")
                .params(old.id(), renewed.id(), old.organizationId(), path.name(), Timestamp.from(clock.instant())).update();
        return renewed;
    }

    private void requireWindow(Renewable r) {
        if (r.state() == State.RENEWED) throw Problem.conflict("already-renewed", "This credential was already renewed.");
        if (!r.windowOpen()) {
            throw Problem.conflict("too-early", "Renewal opens " + WINDOW_DAYS + " days before the credential expires, on "
                    + DAY.format(r.expiresOn().minusDays(WINDOW_DAYS)) + ".");
        }
    }

    /** The person's own, unrevoked award; anyone else's reads as not found. */
    private Award own(Actor.Person person, UUID awardId) {
        return awards.heldBy(person.email()).stream().filter(a -> a.id().equals(awardId) && !a.revoked() && a.validUntil() != null)
                .findFirst().orElseThrow(() -> Problem.notFound("The credential"));
    }

    private Request open(Actor actor, String slug, UUID requestId) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        Request request = findRequest(requestId).filter(r -> r.organizationId().equals(org.id()))
                .orElseThrow(() -> Problem.notFound("The request"));
        if (actor instanceof Actor.Person p && p.email().equalsIgnoreCase(request.email())) {
            throw Problem.conflict("own-request", "Another member of staff must decide on your own renewal.");
        }
        if (request.status() != RequestStatus.OPEN) throw Problem.conflict("already-decided", "This request was already decided.");
        return request;
    }

    private Optional<Request> openRequest(UUID awardId) {
        return db.sql("select * from renewal_requests where award_id = ? and status = 'OPEN'").param(awardId).query(Renewals::request).optional();
    }

    public Optional<Request> findRequest(UUID id) {
        return db.sql("select * from renewal_requests where id = ?").param(id).query(Renewals::request).optional();
    }

    private static Request request(ResultSet rs, int row) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Request(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class), rs.getObject("award_id", UUID.class),
                rs.getString("email"), rs.getString("note"), RequestStatus.valueOf(rs.getString("status")), rs.getTimestamp("requested_at").toInstant(),
                decided == null ? null : decided.toInstant(), rs.getString("reason"));
    }

    static String plain(@Nullable BigDecimal value) {
        return value == null ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
