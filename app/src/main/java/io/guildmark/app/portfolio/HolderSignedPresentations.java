package io.guildmark.app.portfolio;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.guildmark.app.accounts.AccountDids;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.HeldCredentials;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.verification.Verification;
import io.guildmark.credentials.holder.HolderProofResult;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Presentations signed by the person's own wallet. The platform never holds a person's private key, so it offers the
 * presentation with a fresh challenge ({@link SigningChallenges}: bound to the account and to what is signed, this
 * platform's address as domain, valid minutes) and takes back what the wallet made: a VP-JWT ({@code nonce}, {@code aud})
 * or a presentation with an {@code eddsa-rdfc-2022} proof for authentication ({@code challenge}, {@code domain}).
 *
 * <p>Accepted only when the signature is by a key of a DID this account has proven ({@code accounts.AccountDids}), the
 * challenge is this account's, for this presentation, unexpired and not used before, and every credential in it is
 * exactly one issued to the person and among the badges offered (so each carries its issuer's intact proof). The
 * signature checks are the verification module's, the same as {@code POST /presentations/verify}. Nothing is stored
 * for a refused one; an accepted one replaces the one before.
 */
@Service
public class HolderSignedPresentations {

    /** The longest signed presentation read: a few kilobytes per badge; a "Download all" of a full backpack fits. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Duration CHALLENGE_MEMORY = Duration.ofDays(1);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", java.util.Locale.ENGLISH)
            .withZone(java.time.ZoneOffset.UTC);

    /** What a wallet is asked to sign: the presentation, the challenge and domain its proof must name, until when. */
    public record Offer(JsonObject presentation, String challenge, String domain, Instant expiresAt) {
        public String expiresAtText() {
            return DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC).format(expiresAt);
        }
    }

    /** A presentation the holder signed; {@code format} is {@code vp-jwt} or {@code vp-data-integrity}. */
    public record Signed(UUID id, UUID userId, String format, String presentation, String holderDid, @Nullable String verificationMethod,
            List<UUID> awardIds, Instant signedAt) {
        public boolean jwt() {
            return "vp-jwt".equals(format);
        }

        /** Its file name in the archive: {@code presentation.signed.jwt} or {@code presentation.signed.json}. */
        public String fileName() {
            return jwt() ? "presentation.signed.jwt" : "presentation.signed.json";
        }

        public int badgeCount() {
            return awardIds.size();
        }

        /** Whether it holds exactly these badges: a badge received (or left) since makes it out of date. */
        public boolean covers(Collection<UUID> current) {
            return new HashSet<>(awardIds).equals(new HashSet<>(current));
        }

        public String signedAtText() {
            return WHEN.format(signedAt);
        }
    }

    private final JdbcClient db;
    private final SigningChallenges challenges;
    private final Verification verification;
    private final AccountDids dids;
    private final HeldCredentials held;
    private final Clock clock;

    HolderSignedPresentations(JdbcClient db, SigningChallenges challenges, Verification verification, AccountDids dids, HeldCredentials held,
            Clock clock) {
        this.db = db;
        this.challenges = challenges;
        this.verification = verification;
        this.dids = dids;
        this.held = held;
        this.clock = clock;
    }

    /** A fresh challenge for signing {@code presentation}; {@code scope} is what it is ({@link SigningChallenges#EXPORT} or a shared presentation's id). */
    Offer offer(Actor.Person person, UUID scope, JsonObject presentation) {
        SigningChallenges.Issued issued = challenges.issue(person.userId(), scope);
        return new Offer(presentation, issued.challenge(), dids.audience(), issued.expiresAt());
    }

    /** The signed presentation the person keeps for {@code scope}, if any. */
    public Optional<Signed> find(UUID userId, UUID scope) {
        return db.sql("select * from holder_signed_presentations where user_id = ? and scope = ?").params(userId, scope.toString())
                .query(HolderSignedPresentations::row).optional();
    }

    /**
     * Checks what the wallet sent back and, when it holds, keeps it for {@code scope} in place of the one before.
     *
     * @param offered the badges the presentation was offered with: every credential in it must be one of them
     * @param all     whether it must hold all of them (a shared presentation) or may leave some out ("Download all")
     */
    @Transactional
    public Signed accept(Actor.Person person, UUID scope, List<Award> offered, boolean all, @Nullable String text) {
        if (text == null || text.isBlank()) {
            throw Problem.invalidField("signed", "Paste the signed presentation your wallet made (a VP-JWT, or the presentation as JSON).");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw Problem.tooLarge("The signed presentation is larger than " + MAX_BYTES / 1024 + " KB; check what you pasted.");
        }
        String input = text.strip();
        boolean jwt = COMPACT_JWS.matcher(input).matches();
        JsonObject vp;
        String nonce;
        if (jwt) {
            JsonObject payload = json(decode(input.split("\\.")[1]), "The JWT's payload is not base64url-encoded JSON.");
            vp = payload.get("vp") instanceof JsonObject claim ? claim : payload;
            nonce = string(payload, "nonce");
        } else if (input.startsWith("{")) {
            vp = json(input, "The presentation is not readable JSON.");
            nonce = vp.get("proof") instanceof JsonObject proof ? string(proof, "challenge") : null;
            if (!(vp.get("proof") instanceof JsonObject)) {
                throw refused("unsigned", "The presentation has no proof: let your wallet sign it (one eddsa-rdfc-2022 proof "
                        + "for authentication), then paste what it made.");
            }
        } else {
            throw Problem.invalidField("signed", "This is neither a VP-JWT (three base64url parts separated by dots) nor a presentation in JSON.");
        }
        if (!types(vp).contains("VerifiablePresentation")) {
            throw Problem.invalidField("signed", "This is not a VerifiablePresentation; sign the presentation shown on this page.");
        }
        SigningChallenges.Issued challenge = nonce == null ? null : challenges.read(nonce);
        if (challenge == null || !challenge.userId().equals(person.userId()) || !challenge.scope().equals(scope)) {
            throw refused("challenge-unknown", "The signature answers a challenge that was not given on this page for your account; "
                    + "sign the presentation with the challenge shown here.");
        }
        if (challenges.expired(challenge)) {
            throw refused("challenge-expired", "The challenge expired (they last " + SigningChallenges.VALID.toMinutes()
                    + " minutes); sign the presentation again with the new challenge shown here.");
        }
        if (used(challenge.challenge())) throw replayed();
        HolderProofResult proof = jwt ? verification.verifyPresentationJwt(input, challenge.challenge(), dids.audience())
                : verification.verifyPresentationProof(vp, challenge.challenge(), dids.audience());
        if (!proof.isValid()) throw refused(proof);
        if (!dids.provenDids(person.userId()).contains(proof.did())) {
            throw refused("did-not-proven", "The presentation is signed by " + proof.did() + ", which is not a DID your account has proven. "
                    + "Sign with the DID shown on your account page, or prove this one there first.");
        }
        List<UUID> covered = covered(vp, offered, all);
        Instant now = clock.instant();
        try {
            db.sql("insert into holder_signing_challenges (challenge, user_id, used_at) values (?, ?, ?)")
                    .params(challenge.challenge(), person.userId(), Timestamp.from(now)).update();
        } catch (DuplicateKeyException e) {
            throw replayed();
        }
        db.sql("delete from holder_signing_challenges where used_at < ?").param(Timestamp.from(now.minus(CHALLENGE_MEMORY))).update();
        db.sql("delete from holder_signed_presentations where user_id = ? and scope = ?").params(person.userId(), scope.toString()).update();
        UUID id = UUID.randomUUID();
        String format = jwt ? "vp-jwt" : "vp-data-integrity";
        String method = proof.verificationMethod() == null || proof.verificationMethod().length() <= 1000 ? proof.verificationMethod() : null;
        try {
            db.sql("""
                    insert into holder_signed_presentations
                      (id, user_id, scope, format, presentation, holder_did, verification_method, award_ids, badge_count, signed_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, person.userId(), scope.toString(), format, input, proof.did(), method,
                            String.join(",", covered.stream().map(UUID::toString).toList()), covered.size(), Timestamp.from(now)).update();
        } catch (DuplicateKeyException e) {
            throw Problem.conflict("signed-concurrently", "Another signed presentation was saved at the same moment; reload the page to see it.");
        }
        return new Signed(id, person.userId(), format, input, proof.did(), method, covered, now);
    }

    /** A DID removed from the account no longer speaks for the person: what it signed is dropped. */
    @EventListener
    void didRemoved(AccountDids.DidRemoved removed) {
        db.sql("delete from holder_signed_presentations where user_id = ? and holder_did = ?").params(removed.userId(), removed.did()).update();
    }

    /**
     * The badges the presentation holds, each matched to one issued to the person among those offered: the credential
     * exactly as issued (JSON) or its VC-JWT. Anything else, a duplicate, or (when {@code all}) a missing one refuses it.
     */
    private List<UUID> covered(JsonObject vp, List<Award> offered, boolean all) {
        JsonValue value = vp.get("verifiableCredential");
        List<JsonValue> contained = value instanceof JsonArray array ? array : value == null || value == JsonValue.NULL ? List.of() : List.of(value);
        if (contained.isEmpty()) throw refused("no-credentials", "The presentation holds no badges; sign the presentation shown on this page.");
        Map<JsonObject, UUID> issued = new HashMap<>();
        for (Award award : offered) {
            try (JsonReader reader = Json.createReader(new StringReader(held.signedCredential(award.id())))) {
                issued.put(reader.readObject(), award.id());
            }
        }
        Map<String, UUID> jwts = null;
        Set<UUID> found = new LinkedHashSet<>();
        for (JsonValue credential : contained) {
            UUID awardId;
            String token = enveloped(credential);
            if (token != null) {
                if (jwts == null) {
                    jwts = new HashMap<>();
                    for (Award award : offered) jwts.put(held.jwt(award.id()), award.id());
                }
                awardId = jwts.get(token);
            } else {
                awardId = credential instanceof JsonObject object ? issued.get(object) : null;
            }
            if (awardId == null) {
                throw refused("credential-not-held", "The presentation holds a credential that is not one of your badges shown here "
                        + "(or was changed after it was issued); sign the presentation shown on this page.");
            }
            if (!found.add(awardId)) throw refused("credential-twice", "The presentation holds the same badge twice.");
        }
        if (all && found.size() != offered.size()) {
            throw refused("credentials-missing", "The presentation leaves out " + (offered.size() - found.size())
                    + " of the badges it is for; sign the presentation shown on this page.");
        }
        return new ArrayList<>(found);
    }

    /** A VC-JWT inside a presentation: as a string, or enveloped ({@code data:application/vc+jwt,…}); else null. */
    private static @Nullable String enveloped(JsonValue credential) {
        if (credential instanceof JsonString s) return s.getString();
        if (credential instanceof JsonObject o && types(o).contains("EnvelopedVerifiableCredential") && o.get("id") instanceof JsonString id) {
            String uri = id.getString();
            int comma = uri.indexOf(',');
            return uri.startsWith("data:application/vc+jwt") && comma > 0 ? uri.substring(comma + 1) : "";
        }
        return null;
    }

    private boolean used(String challenge) {
        return db.sql("select count(*) from holder_signing_challenges where challenge = ?").param(challenge).query(Integer.class).single() > 0;
    }

    private static Problem replayed() {
        return refused("challenge-used", "This challenge was already answered; each works once. Sign the presentation again with "
                + "the new challenge shown here.");
    }

    private Problem refused(HolderProofResult proof) {
        String message = switch (proof.code()) {
            case INVALID_SIGNATURE -> "The signature does not match the presentation: it was changed after it was signed, or signed "
                    + "with another key.";
            case WRONG_AUDIENCE -> "The presentation was signed for another site: its domain (or aud) must be " + dids.audience() + ".";
            case EXPIRED -> "Your wallet's signature has expired; sign the presentation again.";
            default -> "The signature was not accepted: " + proof.message();
        };
        if (proof.code() == HolderProofResult.Code.MALFORMED) {
            return new Problem(Problem.Kind.INVALID, "signed-malformed", message, List.of(new Problem.FieldError("signed", proof.message())));
        }
        return refused("signature-" + proof.code().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), message);
    }

    private static Problem refused(String code, String message) {
        return new Problem(Problem.Kind.UNPROCESSABLE, code, message, List.of());
    }

    private static String decode(String part) {
        try {
            return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static JsonObject json(String text, String unreadable) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw Problem.invalidField("signed", unreadable);
        }
    }

    private static @Nullable String string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static Set<String> types(JsonObject object) {
        JsonValue type = object.get("type");
        if (type instanceof JsonString s) return Set.of(s.getString());
        Set<String> types = new HashSet<>();
        if (type instanceof JsonArray array) array.forEach(v -> { if (v instanceof JsonString s) types.add(s.getString()); });
        return types;
    }

    private static Signed row(ResultSet rs, int n) throws SQLException {
        String ids = rs.getString("award_ids");
        List<UUID> awardIds = ids.isEmpty() ? List.of() : Arrays.stream(ids.split(",")).map(UUID::fromString).toList();
        return new Signed(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("format"),
                rs.getString("presentation"), rs.getString("holder_did"), rs.getString("verification_method"), awardIds,
                rs.getTimestamp("signed_at").toInstant());
    }
}
