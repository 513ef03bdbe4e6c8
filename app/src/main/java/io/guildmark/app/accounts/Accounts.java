package io.guildmark.app.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SecretTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating accounts, confirming addresses and resetting passwords. */
@Service
public class Accounts {

    static final Duration VERIFICATION_VALIDITY = Duration.ofDays(3);
    static final Duration RESET_VALIDITY = Duration.ofHours(1);
    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 128;
    static final int MAX_PASSWORD_BYTES = 72;

    enum Purpose { VERIFY_EMAIL, RESET_PASSWORD }

    private final JdbcClient db;
    private final PasswordEncoder passwords;
    private final Mailer mailer;
    private final GuildmarkSettings settings;
    private final Clock clock;
    private final EmailAddresses emails;
    private final SignedInSessions sessions;
    private final SignInThrottle throttle;

    Accounts(JdbcClient db, PasswordEncoder passwords, Mailer mailer, GuildmarkSettings settings, Clock clock,
            EmailAddresses emails, SignedInSessions sessions, SignInThrottle throttle) {
        this.emails = emails;
        this.db = db;
        this.passwords = passwords;
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /**
     * Creates an unverified account and e-mails a confirmation link; answers the address to tell the person to look
     * at. When the address already belongs to an account, nothing is created and its owner is told by e-mail instead:
     * the answer, the time it takes and the e-mail's arrival are the same either way, so the form reveals nothing.
     */
    @Transactional
    public EmailAddress signUp(String name, String email, String password) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 200) errors.put("name", "Enter your name (at most 200 characters).");
        EmailAddress address = null;
        try {
            address = EmailAddress.of(email);
        } catch (Problem p) {
            errors.put("email", p.getMessage());
        }
        String passwordError = passwordError(password);
        if (passwordError != null) errors.put("password", passwordError);
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        Optional<User> holder = accountHolding(address);
        if (holder.isPresent()) {
            passwords.encode(password); // the same work as a new account, so the answer takes as long
            tellOwnerOfSignUpAttempt(holder.get(), address);
            return address;
        }
        User user = insert(cleanName, address, password, null, false);
        emails.addUnverified(user.id(), address.value());
        sendVerification(user);
        return address;
    }

    /**
     * The account that holds this address, if any. Sign-up treats every address it finds here as taken: when an
     * account may hold several verified addresses, this is the one place to look them up.
     */
    Optional<User> accountHolding(EmailAddress address) {
        return findByEmail(address.value()).or(() -> emails.verifiedOwner(address.value()).flatMap(this::find));
    }

    private void tellOwnerOfSignUpAttempt(User owner, EmailAddress address) {
        mailer.send(address, "Someone tried to sign up with your Guildmark address",
                "Hello " + owner.name() + ",\n\nSomeone (we hope you) tried to create a Guildmark account with " + address.value()
                        + ", which already has one.\nIf it was you, sign in:\n\n" + settings.url("/signin")
                        + "\n\nForgot your password? Choose a new one here:\n\n" + settings.url("/password/forgot")
                        + "\n\nIf it was not you, ignore this message: nothing has changed.\n");
    }

    /** Creates an account whose address is already known to be good (demo data, an accepted invitation). */
    @Transactional
    public User createVerified(String name, EmailAddress email, String password, boolean platformAdmin) {
        String passwordError = passwordError(password);
        if (passwordError != null) throw Problem.invalidField("password", passwordError);
        if (emails.verifiedOwner(email.value()).isPresent()) {
            throw Problem.conflict("email-taken", "Another account already uses this e-mail address.");
        }
        User user = insert(name.strip(), email, password, clock.instant(), platformAdmin);
        emails.markVerified(user.id(), email.value());
        return user;
    }

    @Transactional
    public void resendVerification(String email) {
        try {
            findByEmail(EmailAddress.of(email).value()).filter(u -> !u.emailVerified()).ifPresent(this::sendVerification);
        } catch (Problem ignored) {
            // Same answer for any input: whether an address has an account is not ours to tell.
        }
    }

    /**
     * Confirms the address behind a link; answers the user whose address it was. Opening the link again (or a mail
     * scanner opening it first) confirms again rather than failing, as long as the link has not expired.
     */
    @Transactional
    public User verifyEmail(String token) {
        UUID userId = lookupIncludingUsed(token, Purpose.VERIFY_EMAIL).orElseThrow(() -> Problem.invalid("link-invalid",
                "This confirmation link is not valid any more. Sign in to get a new one."));
        Timestamp now = Timestamp.from(clock.instant());
        // Another account may have proven the address meanwhile (as an extra address): then this sign-up cannot have it.
        String address = find(userId).orElseThrow().email();
        if (!emails.markVerified(userId, address)) throw Problem.invalid("link-invalid", "This confirmation link is not valid any more. Sign in to get a new one.");
        db.sql("update users set email_verified_at = coalesce(email_verified_at, ?) where id = ?").params(now, userId).update();
        db.sql("update account_tokens set used_at = coalesce(used_at, ?) where token_hash = ?").params(now, SecretTokens.hash(token)).update();
        return find(userId).orElseThrow();
    }

    /** Sends a reset link if the address has an account; says nothing either way. */
    @Transactional
    public void requestPasswordReset(String email) {
        EmailAddress address;
        try {
            address = EmailAddress.of(email);
        } catch (Problem p) {
            return;
        }
        findByEmail(address.value()).ifPresent(user -> {
            String token = issueToken(user.id(), Purpose.RESET_PASSWORD, RESET_VALIDITY);
            mailer.send(address, "Reset your Guildmark password",
                    "Hello " + user.name() + ",\n\nSomeone (we hope you) asked to reset the password of your Guildmark account.\n"
                            + "Choose a new password here (the link works once, for one hour):\n\n"
                            + settings.url("/password/reset/" + token) + "\n\nIf it was not you, ignore this message.\n");
        });
    }

    public boolean resetTokenUsable(String token) {
        return lookup(token, Purpose.RESET_PASSWORD).isPresent();
    }

    @Transactional
    public User resetPassword(String token, String newPassword) {
        String passwordError = passwordError(newPassword);
        if (passwordError != null) throw Problem.invalidField("password", passwordError);
        UUID userId = consume(token, Purpose.RESET_PASSWORD).orElseThrow(() -> Problem.invalid("link-invalid",
                "This reset link is not valid any more. Ask for a new one."));
        // Following the link proves the address too (unless another account proved it first).
        db.sql("update users set password_hash = ? where id = ?").params(passwords.encode(newPassword), userId).update();
        if (emails.markVerified(userId, find(userId).orElseThrow().email())) {
            db.sql("update users set email_verified_at = coalesce(email_verified_at, ?) where id = ?").params(Timestamp.from(clock.instant()), userId).update();
        }
        User user = find(userId).orElseThrow();
        // Whoever knew the old password, or holds an older link, is out; the owner signs in afresh, and no guesses
        // made elsewhere delay them.
        endResetLinks(userId);
        sessions.endAll(user.email());
        throttle.forgetAccount(user.email());
        return user;
    }

    /**
     * Changes the password of a signed-in person, who stays signed in in {@code keptSessionId}; every other session of
     * the account ends, and every reset link sent before stops working.
     */
    @Transactional
    public void changePassword(UUID userId, String currentPassword, String newPassword, String keptSessionId) {
        String hash = db.sql("select password_hash from users where id = ?").param(userId).query(String.class).optional()
                .orElseThrow(() -> Problem.notFound("The account"));
        if (currentPassword == null || !passwords.matches(currentPassword, hash)) {
            throw Problem.invalidField("currentPassword", "Your current password is not right.");
        }
        String passwordError = passwordError(newPassword);
        if (passwordError != null) throw Problem.invalidField("newPassword", passwordError);
        db.sql("update users set password_hash = ? where id = ?").params(passwords.encode(newPassword), userId).update();
        endResetLinks(userId);
        sessions.endAllBut(find(userId).orElseThrow().email(), keptSessionId);
    }

    private void endResetLinks(UUID userId) {
        db.sql("update account_tokens set used_at = ? where user_id = ? and purpose = ? and used_at is null")
                .params(Timestamp.from(clock.instant()), userId, Purpose.RESET_PASSWORD.name()).update();
    }

    @Transactional
    /**
     * Sets where the person works, or clears it with an empty value. Peer review never assigns a submission to a
     * colleague at the learner's own employer.
     */
    public void setEmployer(UUID userId, @org.jspecify.annotations.Nullable String employer) {
        String clean = employer == null ? "" : employer.strip().replaceAll("\\s+", " ");
        if (clean.length() > 200) throw Problem.invalidField("employer", "Keep the employer to 200 characters or fewer.");
        db.sql("update users set employer = ? where id = ?").params(clean.isEmpty() ? null : clean, userId).update();
    }

    public void rename(UUID userId, String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 200) throw Problem.invalidField("name", "Enter your name (at most 200 characters).");
        db.sql("update users set name = ? where id = ?").params(clean, userId).update();
    }

    public Optional<User> find(UUID id) {
        return db.sql("select * from users where id = ?").param(id).query(Accounts::user).optional();
    }

    public Optional<User> findByEmail(String email) {
        return db.sql("select * from users where email = ?").param(email.trim().toLowerCase(java.util.Locale.ROOT))
                .query(Accounts::user).optional();
    }

    static String passwordError(String password) {
        if (password == null || password.length() < MIN_PASSWORD) return "Use at least " + MIN_PASSWORD + " characters for your password.";
        if (password.length() > MAX_PASSWORD) return "Use at most " + MAX_PASSWORD + " characters for your password.";
        // bcrypt reads at most 72 bytes and Spring Security refuses longer input rather than cut it: say so, not fail.
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return "Use a shorter password: at most " + MAX_PASSWORD_BYTES + " bytes (letters with accents and emoji take several).";
        }
        if (password.isBlank()) return "A password cannot be only spaces.";
        return null;
    }

    private User insert(String name, EmailAddress email, String password, Instant verifiedAt, boolean platformAdmin) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        db.sql("insert into users (id, email, name, password_hash, email_verified_at, platform_admin, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, email.value(), name, passwords.encode(password), verifiedAt == null ? null : Timestamp.from(verifiedAt),
                        platformAdmin, Timestamp.from(now))
                .update();
        return new User(id, email.value(), name, verifiedAt, platformAdmin, now, null);
    }

    private void sendVerification(User user) {
        String token = issueToken(user.id(), Purpose.VERIFY_EMAIL, VERIFICATION_VALIDITY);
        mailer.send(EmailAddress.of(user.email()), "Confirm your e-mail address for Guildmark",
                "Hello " + user.name() + ",\n\nWelcome to Guildmark. Confirm your e-mail address to finish signing up:\n\n"
                        + settings.url("/email/verify/" + token) + "\n\nThe link works for three days.\n");
    }

    private String issueToken(UUID userId, Purpose purpose, Duration validity) {
        String token = SecretTokens.newToken();
        db.sql("insert into account_tokens (token_hash, user_id, purpose, expires_at) values (?, ?, ?, ?)")
                .params(SecretTokens.hash(token), userId, purpose.name(), Timestamp.from(clock.instant().plus(validity)))
                .update();
        return token;
    }

    private Optional<UUID> lookup(String token, Purpose purpose) {
        if (token == null || token.length() > 100) return Optional.empty();
        return db.sql("select user_id from account_tokens where token_hash = ? and purpose = ? and used_at is null and expires_at > ?")
                .params(SecretTokens.hash(token), purpose.name(), Timestamp.from(clock.instant()))
                .query(UUID.class).optional();
    }

    private Optional<UUID> lookupIncludingUsed(String token, Purpose purpose) {
        if (token == null || token.length() > 100) return Optional.empty();
        return db.sql("select user_id from account_tokens where token_hash = ? and purpose = ? and expires_at > ?")
                .params(SecretTokens.hash(token), purpose.name(), Timestamp.from(clock.instant()))
                .query(UUID.class).optional();
    }

    private Optional<UUID> consume(String token, Purpose purpose) {
        Optional<UUID> userId = lookup(token, purpose);
        userId.ifPresent(id -> db.sql("update account_tokens set used_at = ? where token_hash = ?")
                .params(Timestamp.from(clock.instant()), SecretTokens.hash(token)).update());
        return userId;
    }

    static User user(ResultSet rs, int row) throws SQLException {
        Timestamp verified = rs.getTimestamp("email_verified_at");
        return new User(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
                verified == null ? null : verified.toInstant(), rs.getBoolean("platform_admin"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("employer"));
    }
}
