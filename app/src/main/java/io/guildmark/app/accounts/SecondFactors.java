package io.guildmark.app.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.guildmark.app.shared.MasterKey;
import io.guildmark.app.shared.Problem;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's second factors: passkeys (registered through Spring Security's WebAuthn endpoints, listed and removed
 * here), a TOTP authenticator app, and one-time recovery codes. A factor that an organization requires cannot be
 * turned off while it is the last one.
 */
@Service
public class SecondFactors {

    static final int RECOVERY_CODES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i to misread

    /** What a person has turned on. */
    public record Status(boolean totp, List<Passkey> passkeys, int recoveryCodesLeft, List<String> requiredBy) {
        public boolean any() {
            return totp || !passkeys.isEmpty();
        }
    }

    public record Passkey(String id, String label, @org.jspecify.annotations.Nullable Instant created,
            @org.jspecify.annotations.Nullable Instant lastUsed) {
        private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd")
                .withZone(java.time.ZoneOffset.UTC);
        private static final java.time.format.DateTimeFormatter MINUTE = java.time.format.DateTimeFormatter
                .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

        public String addedOn() {
            return created == null ? "" : DAY.format(created);
        }

        public String lastUsedAt() {
            return lastUsed == null ? "never" : MINUTE.format(lastUsed);
        }
    }

    /** The answer to a code typed in the second step. */
    enum Check { ACCEPTED, WRONG, ALREADY_USED }

    private final JdbcClient db;
    private final Clock clock;
    private final MasterKey masterKey;
    private final UserCredentialRepository passkeyCredentials;
    private final ObjectProvider<SecondFactorPolicy> policies;

    SecondFactors(JdbcClient db, Clock clock, MasterKey masterKey, UserCredentialRepository passkeyCredentials,
            ObjectProvider<SecondFactorPolicy> policies) {
        this.db = db;
        this.clock = clock;
        this.masterKey = masterKey;
        this.passkeyCredentials = passkeyCredentials;
        this.policies = policies;
    }

    /** Whether the person has a second factor on: what organizations that require one ask. */
    public boolean isOn(UUID userId) {
        return totpOn(userId) || passkeyCount(userId) > 0;
    }

    public Status status(UUID userId) {
        int left = db.sql("select count(*) from recovery_codes where user_id = ? and used_at is null").param(userId)
                .query(Integer.class).single();
        return new Status(totpOn(userId), passkeys(userId), left, requiredBy(userId));
    }

    // --- TOTP ---

    /** Starts enrolment: a fresh secret, not yet counted, until {@link #confirmTotp} sees a code made from it. */
    @Transactional
    public byte[] startTotp(UUID userId) {
        if (totpOn(userId)) {
            throw new Problem(Problem.Kind.CONFLICT, "totp-on", "An authenticator app is already on. Turn it off first to replace it.", List.of());
        }
        byte[] secret = Totp.newSecret();
        db.sql("delete from totp_authenticators where user_id = ?").param(userId).update();
        db.sql("insert into totp_authenticators (user_id, secret_sealed, created_at) values (?, ?, ?)")
                .params(userId, masterKey.encrypt(secret), Timestamp.from(clock.instant())).update();
        return secret;
    }

    /** The secret being enrolled, if enrolment has started and is not confirmed yet. */
    Optional<byte[]> pendingTotpSecret(UUID userId) {
        return db.sql("select secret_sealed from totp_authenticators where user_id = ? and confirmed_at is null").param(userId)
                .query(String.class).optional().map(masterKey::decrypt);
    }

    /**
     * Turns TOTP on once the person shows a code from their app. Answers fresh recovery codes when the person had
     * none left (shown once), or an empty list.
     */
    @Transactional
    public List<String> confirmTotp(UUID userId, String code) {
        byte[] secret = pendingTotpSecret(userId).orElseThrow(() -> new Problem(Problem.Kind.CONFLICT, "no-enrolment",
                "Start again: scan the new QR code, then type the code your app shows.", List.of()));
        OptionalLong step = Totp.matchingStep(secret, code, clock.instant());
        if (step.isEmpty()) {
            throw Problem.invalidField("code", "That code does not match. Type the six digits your app shows now.");
        }
        db.sql("update totp_authenticators set confirmed_at = ?, last_used_step = ? where user_id = ? and confirmed_at is null")
                .params(Timestamp.from(clock.instant()), step.getAsLong(), userId).update();
        return recoveryCodesLeft(userId) == 0 ? newRecoveryCodes(userId) : List.of();
    }

    @Transactional
    public void turnOffTotp(UUID userId) {
        if (!totpOn(userId)) {
            db.sql("delete from totp_authenticators where user_id = ?").param(userId).update();
            return;
        }
        refuseIfLast(userId, passkeyCount(userId) == 0);
        db.sql("delete from totp_authenticators where user_id = ?").param(userId).update();
        dropRecoveryCodesIfNoFactorLeft(userId);
    }

    /** Checks a TOTP code in the sign-in's second step; a code is accepted once (its step, and those before, are spent). */
    @Transactional
    Check checkTotp(UUID userId, String code) {
        Optional<String> sealed = db.sql("select secret_sealed from totp_authenticators where user_id = ? and confirmed_at is not null")
                .param(userId).query(String.class).optional();
        if (sealed.isEmpty()) return Check.WRONG;
        OptionalLong step = Totp.matchingStep(masterKey.decrypt(sealed.get()), code, clock.instant());
        if (step.isEmpty()) return Check.WRONG;
        // One conditional update: two requests racing with the same code cannot both win.
        int spent = db.sql("update totp_authenticators set last_used_step = ? where user_id = ? and last_used_step < ?")
                .params(step.getAsLong(), userId, step.getAsLong()).update();
        return spent == 1 ? Check.ACCEPTED : Check.ALREADY_USED;
    }

    // --- recovery codes ---

    /** Replaces every recovery code with ten new ones, shown once; only their hashes are kept. */
    @Transactional
    public List<String> regenerateRecoveryCodes(UUID userId) {
        if (!isOn(userId)) {
            throw new Problem(Problem.Kind.CONFLICT, "no-second-factor", "Turn on a passkey or an authenticator app first.", List.of());
        }
        return newRecoveryCodes(userId);
    }

    /** Recovery codes for a person who has a factor on and never had any; empty otherwise (codes are shown once). */
    @Transactional
    Optional<List<String>> firstRecoveryCodes(UUID userId) {
        boolean never = db.sql("select count(*) from recovery_codes where user_id = ?").param(userId).query(Integer.class).single() == 0;
        return never && isOn(userId) ? Optional.of(newRecoveryCodes(userId)) : Optional.empty();
    }

    @Transactional
    Check useRecoveryCode(UUID userId, String code) {
        String hash = hash(normalize(code));
        int used = db.sql("update recovery_codes set used_at = ? where user_id = ? and code_hash = ? and used_at is null")
                .params(Timestamp.from(clock.instant()), userId, hash).update();
        if (used == 1) return Check.ACCEPTED;
        boolean spent = db.sql("select count(*) from recovery_codes where user_id = ? and code_hash = ?").params(userId, hash)
                .query(Integer.class).single() > 0;
        return spent ? Check.ALREADY_USED : Check.WRONG;
    }

    private List<String> newRecoveryCodes(UUID userId) {
        db.sql("delete from recovery_codes where user_id = ?").param(userId).update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
            String shown = code.substring(0, 5) + "-" + code.substring(5);
            codes.add(shown);
            db.sql("insert into recovery_codes (user_id, code_hash) values (?, ?)").params(userId, hash(normalize(shown))).update();
        }
        return codes;
    }

    private int recoveryCodesLeft(UUID userId) {
        return db.sql("select count(*) from recovery_codes where user_id = ? and used_at is null").param(userId).query(Integer.class).single();
    }

    private void dropRecoveryCodesIfNoFactorLeft(UUID userId) {
        if (!isOn(userId)) db.sql("delete from recovery_codes where user_id = ?").param(userId).update();
    }

    // --- passkeys ---

    List<Passkey> passkeys(UUID userId) {
        return userEntityId(userId).map(id -> passkeyCredentials.findByUserId(Bytes.fromBase64(id)).stream()
                        .map(c -> new Passkey(c.getCredentialId().toBase64UrlString(), c.getLabel(), c.getCreated(), c.getLastUsed()))
                        .toList())
                .orElse(List.of());
    }

    /** Removes one of the person's passkeys; somebody else's is "not found". */
    @Transactional
    public void removePasskey(UUID userId, String credentialId) {
        Optional<String> entity = userEntityId(userId);
        boolean own = entity.isPresent() && db.sql("select count(*) from user_credentials where credential_id = ? and user_entity_user_id = ?")
                .params(credentialId, entity.get()).query(Integer.class).single() > 0;
        if (!own) throw Problem.notFound("The passkey");
        refuseIfLast(userId, passkeyCount(userId) == 1 && !totpOn(userId));
        db.sql("delete from user_credentials where credential_id = ?").param(credentialId).update();
        dropRecoveryCodesIfNoFactorLeft(userId);
    }

    private int passkeyCount(UUID userId) {
        return db.sql("""
                select count(*) from user_credentials c join user_entities e on e.id = c.user_entity_user_id
                join users u on u.email = e.name where u.id = ?""").param(userId).query(Integer.class).single();
    }

    private Optional<String> userEntityId(UUID userId) {
        return db.sql("select e.id from user_entities e join users u on u.email = e.name where u.id = ?").param(userId)
                .query(String.class).optional();
    }

    // --- shared ---

    private boolean totpOn(UUID userId) {
        return db.sql("select count(*) from totp_authenticators where user_id = ? and confirmed_at is not null").param(userId)
                .query(Integer.class).single() > 0;
    }

    private List<String> requiredBy(UUID userId) {
        return policies.orderedStream().flatMap(p -> p.organizationsRequiringOf(userId).stream()).distinct().toList();
    }

    private void refuseIfLast(UUID userId, boolean last) {
        if (!last) return;
        List<String> requiring = requiredBy(userId);
        if (!requiring.isEmpty()) {
            throw new Problem(Problem.Kind.CONFLICT, "second-factor-required", String.join(", ", requiring)
                    + " requires a second factor of its staff. Add another passkey or an authenticator app before you remove this one.",
                    List.of());
        }
    }

    private static String normalize(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
