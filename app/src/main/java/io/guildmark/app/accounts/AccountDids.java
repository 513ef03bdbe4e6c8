package io.guildmark.app.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SecretTokens;
import io.guildmark.app.verification.SafeDocumentFetcher;
import io.guildmark.credentials.did.CompositeDidResolver;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.did.DidWebResolver;
import io.guildmark.credentials.holder.HolderProofResult;
import io.guildmark.credentials.holder.HolderProofVerifier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The DIDs people link to their accounts, each only with proof of control: the platform issues a challenge (a nonce
 * bound to the account, used once, valid {@value #CHALLENGE_MINUTES} minutes, and this platform's address as audience),
 * the person's wallet signs it with a key of the DID's document, and {@link HolderProofVerifier} checks the signature
 * against the document (did:key, or did:web fetched through the {@link SafeDocumentFetcher}). Only proven DIDs count:
 * badges are issued to them and imported badges naming them are the person's. DIDs linked before proofs were asked for
 * stay listed as unproven until proven.
 */
@Service
public class AccountDids {

    static final int CHALLENGE_MINUTES = 10;
    static final Duration CHALLENGE_VALIDITY = Duration.ofMinutes(CHALLENGE_MINUTES);
    /** Challenges used or expired longer ago than this are forgotten. */
    private static final Duration CHALLENGE_MEMORY = Duration.ofDays(1);
    /** The most DIDs one account may hold; a person has a wallet or two. */
    static final int MAX_DIDS = 10;
    static final int MAX_DID_LENGTH = 500;

    /** A challenge to sign: the nonce, the audience the proof must name, and until when it may be answered. */
    public record DidChallenge(String nonce, String audience, Instant expiresAt) {
        /** When it stops working, for people: {@code 15:04 UTC}. */
        public String expiresAtText() {
            return java.time.format.DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC).format(expiresAt);
        }
    }

    /** A DID on the account; proven when {@code provenAt} is set. */
    public record LinkedDid(UUID id, String did, @Nullable Instant provenAt, @Nullable String proofFormat, @Nullable String verificationMethod,
            Instant createdAt) {
        public boolean proven() {
            return provenAt != null;
        }

        /** The day it was proven, for people ({@code 4 December 2026}), or empty while unproven. */
        public String provenOn() {
            return provenAt == null ? "" : java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH)
                    .withZone(java.time.ZoneOffset.UTC).format(provenAt);
        }
    }

    /** A proven DID was removed from an account: whatever counted for the person through it stops counting. */
    public record DidRemoved(UUID userId, String did) {}

    private final JdbcClient db;
    private final HolderProofVerifier verifier;
    private final GuildmarkSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountDids(JdbcClient db, SafeDocumentFetcher fetcher, GuildmarkSettings settings, ApplicationEventPublisher events, Clock clock) {
        this.db = db;
        // did:web over https (and http only for loopback hosts, which the fetcher refuses unless explicitly allowed),
        // fetched fresh each time: someone who just added a key to their document wants it seen at once.
        this.verifier = new HolderProofVerifier(CompositeDidResolver.builder()
                .method("web", DidWebResolver.allowingHttpOnLoopback(fetcher))
                .method("key", new DidKeyResolver())
                .build(), clock);
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** The audience a proof must name: this platform's address. */
    public String audience() {
        return settings.baseUrl().toString();
    }

    /** Issues a new challenge for the account; an earlier unanswered one stops working. */
    @Transactional
    public DidChallenge challenge(UUID userId) {
        Instant now = clock.instant();
        db.sql("delete from did_challenges where user_id = ? and (used_at is null or expires_at < ?)")
                .params(userId, Timestamp.from(now.minus(CHALLENGE_MEMORY))).update();
        DidChallenge challenge = new DidChallenge(SecretTokens.newToken(), audience(),
                now.plus(CHALLENGE_VALIDITY).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        db.sql("insert into did_challenges (nonce, user_id, audience, created_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(challenge.nonce(), userId, challenge.audience(), Timestamp.from(now), Timestamp.from(challenge.expiresAt())).update();
        return challenge;
    }

    /** The account's challenge that can still be answered, if any. */
    public Optional<DidChallenge> currentChallenge(UUID userId) {
        return db.sql("select nonce, audience, expires_at from did_challenges where user_id = ? and used_at is null and expires_at > ?"
                        + " order by created_at desc")
                .params(userId, Timestamp.from(clock.instant()))
                .query((rs, n) -> new DidChallenge(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant())).list()
                .stream().findFirst();
    }

    /**
     * Checks a proof of control (a signed JWT, a VP-JWT, or a presentation with a Data Integrity proof) against the
     * account's challenge and, when it holds, records the DID as proven. A refused proof changes nothing and leaves the
     * challenge usable.
     */
    @Transactional
    public LinkedDid prove(UUID userId, @Nullable String proof) {
        if (proof == null || proof.isBlank()) throw Problem.invalidField("proof", "Paste the proof your wallet made.");
        if (proof.length() > HolderProofVerifier.MAX_PROOF_LENGTH) {
            throw Problem.tooLarge("The proof is longer than " + HolderProofVerifier.MAX_PROOF_LENGTH
                    + " characters; a wallet's answer is a few thousand at most. Check what you pasted.");
        }
        String nonce = HolderProofVerifier.claimedNonce(proof).orElseThrow(() -> Problem.invalidField("proof",
                "This is not a proof we can read: paste the signed JWT, or the presentation (JSON), your wallet made."));
        Challenge stored = db.sql("select nonce, audience, expires_at, used_at from did_challenges where nonce = ? and user_id = ?")
                .params(nonce, userId).query(AccountDids::challengeRow).optional()
                .orElseThrow(() -> unprocessable("challenge-unknown",
                        "This proof answers a challenge that is not this account's current one. Get a new challenge and sign it."));
        Instant now = clock.instant();
        if (stored.usedAt() != null) {
            throw unprocessable("challenge-used", "This challenge was already answered; each works once. Get a new challenge and sign it.");
        }
        if (!stored.expiresAt().isAfter(now)) {
            throw unprocessable("challenge-expired", "This challenge expired (they last " + CHALLENGE_MINUTES
                    + " minutes). Get a new challenge and sign it.");
        }
        HolderProofResult result = verifier.verify(proof, new HolderProofVerifier.Challenge(stored.nonce(), stored.audience()));
        if (!result.isValid()) {
            if (result.code() == HolderProofResult.Code.TOO_LARGE) throw Problem.tooLarge(result.message());
            if (result.code() == HolderProofResult.Code.MALFORMED) {
                throw new Problem(Problem.Kind.INVALID, "proof-malformed", "The proof was not accepted: " + result.message(),
                        List.of(new Problem.FieldError("proof", result.message())));
            }
            throw unprocessable("proof-" + result.code().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    "The proof was not accepted: " + result.message());
        }
        String did = result.did();
        if (did.length() > MAX_DID_LENGTH) throw unprocessable("did-too-long", "DIDs longer than " + MAX_DID_LENGTH + " characters are not supported.");
        Optional<UUID> holder = db.sql("select user_id from account_dids where proven_did = ?").param(did).query(UUID.class).optional();
        if (holder.isPresent() && !holder.get().equals(userId)) {
            throw Problem.conflict("did-taken", "Another account has already proven this DID. If it is yours, remove it there first.");
        }
        Optional<LinkedDid> existing = mine(userId).stream().filter(d -> d.did().equals(did)).findFirst();
        if (existing.isEmpty() && mine(userId).size() >= MAX_DIDS) {
            throw Problem.conflict("too-many-dids", "An account holds at most " + MAX_DIDS + " DIDs; remove one first.");
        }
        // Used at most once, also when two answers race: only the first update finds it unused.
        int claimed = db.sql("update did_challenges set used_at = ? where nonce = ? and user_id = ? and used_at is null")
                .params(Timestamp.from(now), nonce, userId).update();
        if (claimed == 0) {
            throw unprocessable("challenge-used", "This challenge was already answered; each works once. Get a new challenge and sign it.");
        }
        try {
            if (existing.isPresent()) {
                db.sql("update account_dids set proven_did = ?, proven_at = ?, proof_format = ?, verification_method = ? where id = ?")
                        .params(did, Timestamp.from(now), result.format(), cut(result.verificationMethod()), existing.get().id()).update();
            } else {
                db.sql("""
                        insert into account_dids (id, user_id, did, proven_did, proven_at, proof_format, verification_method, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(UUID.randomUUID(), userId, did, did, Timestamp.from(now), result.format(), cut(result.verificationMethod()),
                                Timestamp.from(now)).update();
            }
        } catch (DuplicateKeyException e) {
            throw Problem.conflict("did-taken", "Another account has already proven this DID. If it is yours, remove it there first.");
        }
        return mine(userId).stream().filter(d -> d.did().equals(did)).findFirst().orElseThrow();
    }

    /** Removes a DID from the account; badges issued to it stay the person's, but nothing new counts through it. */
    @Transactional
    public LinkedDid remove(UUID userId, UUID id) {
        LinkedDid linked = mine(userId).stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> Problem.notFound("The DID"));
        db.sql("delete from account_dids where id = ? and user_id = ?").params(id, userId).update();
        if (linked.proven()) events.publishEvent(new DidRemoved(userId, linked.did()));
        return linked;
    }

    /** The account's DIDs, proven ones first, newest first. */
    public List<LinkedDid> mine(UUID userId) {
        return db.sql("select * from account_dids where user_id = ? order by case when proven_at is null then 1 else 0 end, proven_at desc, created_at desc")
                .param(userId).query(AccountDids::row).list();
    }

    /**
     * The DIDs the person has proven they control, most recently proven first: the only ones anything may count
     * through (credential subjects, recipient matching of imported badges).
     */
    public List<String> provenDids(UUID userId) {
        return db.sql("select proven_did from account_dids where user_id = ? and proven_did is not null order by proven_at desc")
                .param(userId).query(String.class).list();
    }

    /** The DIDs on the account that still wait for a proof (linked before proofs were asked for). */
    public List<String> unprovenDids(UUID userId) {
        return db.sql("select did from account_dids where user_id = ? and proven_did is null order by created_at")
                .param(userId).query(String.class).list();
    }

    private record Challenge(String nonce, String audience, Instant expiresAt, @Nullable Instant usedAt) {}

    private static Challenge challengeRow(ResultSet rs, int n) throws SQLException {
        Timestamp used = rs.getTimestamp("used_at");
        return new Challenge(rs.getString("nonce"), rs.getString("audience"), rs.getTimestamp("expires_at").toInstant(),
                used == null ? null : used.toInstant());
    }

    private static LinkedDid row(ResultSet rs, int n) throws SQLException {
        Timestamp proven = rs.getTimestamp("proven_at");
        return new LinkedDid(rs.getObject("id", UUID.class), rs.getString("did"), proven == null ? null : proven.toInstant(),
                rs.getString("proof_format"), rs.getString("verification_method"), rs.getTimestamp("created_at").toInstant());
    }

    private static Problem unprocessable(String code, String message) {
        return new Problem(Problem.Kind.UNPROCESSABLE, code, message, List.of());
    }

    private static @Nullable String cut(@Nullable String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
