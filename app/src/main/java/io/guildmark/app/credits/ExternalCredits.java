package io.guildmark.app.credits;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.FileStore;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credits a learner earned elsewhere (a conference, a course of another provider), reported with proof to an
 * organization that tracks renewals. They show as pending in the ledger until staff who may issue (Permission.ISSUE)
 * approve or reject them; the learner is e-mailed either way.
 */
@Service
public class ExternalCredits {

    public enum Status { PENDING, APPROVED, REJECTED }

    public record Report(UUID id, UUID organizationId, String email, String title, String provider, LocalDate completedOn,
            BigDecimal amount, String creditType, @Nullable String category, String proofName, String proofContentType, Status status,
            Instant reportedAt, @Nullable Instant reviewedAt, @Nullable String reason) {}

    /** What the learner's form sends; text, so that any input gets a readable answer. */
    public record ReportForm(String organization, String title, String provider, String completedOn, String amount, String creditType,
            String category) {}

    /** A proof as stored, for download. */
    public record Proof(byte[] content, String contentType, String name) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final RenewalRules rules;
    private final FileStore files;
    private final Mailer mailer;
    private final GuildmarkSettings settings;
    private final Clock clock;
    private final io.guildmark.app.shared.AuditTrail audit;

    ExternalCredits(JdbcClient db, Organizations organizations, RenewalRules rules, FileStore files, Mailer mailer,
            GuildmarkSettings settings, Clock clock, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.db = db;
        this.organizations = organizations;
        this.rules = rules;
        this.files = files;
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Reports credits with their proof. Everything is checked before anything is stored: a bad field or a proof that
     * is not what it claims stores neither the report nor the file.
     */
    @Transactional
    public Report report(Actor.Person person, ReportForm form, byte[] proof, String proofName) {
        Map<String, String> errors = new LinkedHashMap<>();
        Organization org = organizations.findBySlug(strip(form.organization())).orElse(null);
        List<RenewalRules.Rule> orgRules = org == null ? List.of() : rules.forOrganization(org.id());
        if (orgRules.isEmpty()) errors.put("organization", "Choose an association that tracks credits for renewal.");
        String title = strip(form.title());
        if (title.isEmpty() || title.length() > 200) errors.put("title", "Name the activity (at most 200 characters).");
        String provider = strip(form.provider());
        if (provider.isEmpty() || provider.length() > 200) errors.put("provider", "Name who provided it (at most 200 characters).");
        LocalDate completedOn = null;
        try {
            completedOn = LocalDate.parse(strip(form.completedOn()));
            if (completedOn.isAfter(LocalDate.now(clock)) || completedOn.isBefore(LocalDate.of(1900, 1, 1))) {
                errors.put("completedOn", "The date you completed it must be between 1900 and today.");
            }
        } catch (DateTimeParseException e) {
            errors.put("completedOn", "Enter the date you completed it as YYYY-MM-DD.");
        }
        BigDecimal amount = RenewalRules.credits(form.amount(), "amount", "the credits", errors);
        String type = strip(form.creditType());
        String creditType = orgRules.stream().map(RenewalRules.Rule::creditType).filter(t -> t.equalsIgnoreCase(type)).findFirst().orElse(null);
        if (!orgRules.isEmpty() && creditType == null) {
            errors.put("creditType", "Choose a credit type " + org.name() + " tracks: "
                    + String.join(", ", orgRules.stream().map(RenewalRules.Rule::creditType).distinct().toList()) + ".");
        }
        String category = RenewalRules.normalizeCategory(form.category());
        if (!category.isEmpty() && orgRules.stream().noneMatch(r -> r.categories().containsKey(category))) {
            errors.put("category", "Choose one of the categories the association's rules name, or none.");
        }
        String contentType = null;
        try {
            contentType = ProofFiles.check(proof);
        } catch (Problem p) {
            if (!errors.isEmpty()) {
                p.fieldErrors().forEach(f -> errors.put(f.field(), f.message()));
            } else {
                throw p;
            }
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);

        String key = files.put("credits", proof);
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into external_credits (id, organization_id, email, title, provider, completed_on, amount, credit_type, category,
                  proof_key, proof_content_type, proof_name, status, reported_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)""")
                .params(id, org.id(), person.email().toLowerCase(Locale.ROOT), title, provider, Date.valueOf(completedOn), amount, creditType,
                        category.isEmpty() ? null : category, key, contentType, ProofFiles.safeName(proofName, contentType),
                        Timestamp.from(clock.instant())).update();
        return find(id).orElseThrow();
    }

    /** The person's reports to one organization, newest first. */
    public List<Report> mine(String email, UUID organizationId) {
        return db.sql("select * from external_credits where email = ? and organization_id = ? order by completed_on desc, reported_at desc")
                .params(email.toLowerCase(Locale.ROOT), organizationId).query(ExternalCredits::report).list();
    }

    /** The organizations the person has reported credits to. */
    List<UUID> organizationsReportedTo(String email) {
        return db.sql("select distinct organization_id from external_credits where email = ?").param(email.toLowerCase(Locale.ROOT))
                .query(UUID.class).list();
    }

    // The queue of reports waiting for a decision is ExternalCreditList with Filter.pending(): paged, with its total.

    /** The latest decisions, newest first. */
    public List<Report> decided(Actor actor, String slug, int limit) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        return db.sql("select * from external_credits where organization_id = ? and status <> 'PENDING' order by reviewed_at desc limit ?")
                .params(org.id(), limit).query(ExternalCredits::report).list();
    }

    @Transactional
    public Report approve(Actor actor, String slug, UUID id) {
        Report report = pending(actor, slug, id);
        db.sql("update external_credits set status = 'APPROVED', reviewer_id = ?, reviewed_at = ? where id = ? and status = 'PENDING'")
                .params(reviewerId(actor), Timestamp.from(clock.instant()), id).update();
        audit.record(actor, report.organizationId(), "external-credit.approved", "external_credit", id,
                Map.of("email", report.email(), "title", report.title(), "before", "pending", "after", "approved"));
        Organization org = organizations.findById(report.organizationId()).orElseThrow();
        mailer.send(EmailAddress.of(report.email()), org.name() + " approved your credits: " + report.title(),
                org.name() + " approved " + amount(report) + " for \"" + report.title() + "\" (" + report.provider() + ", "
                        + report.completedOn() + "). They now count in your credit ledger:\n\n" + settings.url("/credits") + "\n");
        return find(id).orElseThrow();
    }

    @Transactional
    public Report reject(Actor actor, String slug, UUID id, String reason) {
        String why = strip(reason);
        if (why.isEmpty() || why.length() > 500) throw Problem.invalidField("reason", "Tell the learner why (at most 500 characters).");
        Report report = pending(actor, slug, id);
        db.sql("update external_credits set status = 'REJECTED', reviewer_id = ?, reviewed_at = ?, reason = ? where id = ? and status = 'PENDING'")
                .params(reviewerId(actor), Timestamp.from(clock.instant()), why, id).update();
        audit.record(actor, report.organizationId(), "external-credit.rejected", "external_credit", id,
                Map.of("email", report.email(), "title", report.title(), "before", "pending", "after", "rejected", "reason", why));
        Organization org = organizations.findById(report.organizationId()).orElseThrow();
        mailer.send(EmailAddress.of(report.email()), org.name() + " did not approve your credits: " + report.title(),
                org.name() + " did not approve " + amount(report) + " for \"" + report.title() + "\".\n\nReason: " + why
                        + "\n\nYou can report them again with other proof from your credit ledger:\n\n" + settings.url("/credits") + "\n");
        return find(id).orElseThrow();
    }

    /** The proof, for the learner who sent it and for the organization's staff who decide; 404 to anyone else. */
    public Proof proof(Actor actor, UUID id) {
        Report report = find(id).orElseThrow(() -> Problem.notFound("The proof"));
        boolean own = actor instanceof Actor.Person p && p.email().equalsIgnoreCase(report.email());
        if (!own && !organizations.allowed(actor, report.organizationId(), Permission.ISSUE)) throw Problem.notFound("The proof");
        String key = db.sql("select proof_key from external_credits where id = ?").param(id).query(String.class).single();
        byte[] content = files.get(key).orElseThrow(() -> Problem.notFound("The proof"));
        return new Proof(content, report.proofContentType(), report.proofName());
    }

    public Optional<Report> find(UUID id) {
        return db.sql("select * from external_credits where id = ?").param(id).query(ExternalCredits::report).optional();
    }

    private Report pending(Actor actor, String slug, UUID id) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        Report report = find(id).filter(r -> r.organizationId().equals(org.id())).orElseThrow(() -> Problem.notFound("The report"));
        if (actor instanceof Actor.Person p && p.email().equalsIgnoreCase(report.email())) {
            throw Problem.conflict("own-report", "Another member of staff must decide on your own credits.");
        }
        if (report.status() != Status.PENDING) {
            throw Problem.conflict("already-decided", "This report was already " + report.status().name().toLowerCase(Locale.ROOT) + ".");
        }
        return report;
    }

    private static @Nullable UUID reviewerId(Actor actor) {
        return actor instanceof Actor.Person p ? p.userId() : null;
    }

    private static String amount(Report r) {
        return r.amount().stripTrailingZeros().toPlainString() + " " + r.creditType();
    }

    static Report report(ResultSet rs, int row) throws SQLException {
        Timestamp reviewed = rs.getTimestamp("reviewed_at");
        return new Report(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class), rs.getString("email"),
                rs.getString("title"), rs.getString("provider"), rs.getDate("completed_on").toLocalDate(), rs.getBigDecimal("amount"),
                rs.getString("credit_type"), rs.getString("category"), rs.getString("proof_name"), rs.getString("proof_content_type"),
                Status.valueOf(rs.getString("status")), rs.getTimestamp("reported_at").toInstant(), reviewed == null ? null : reviewed.toInstant(),
                rs.getString("reason"));
    }

    private static String strip(@Nullable String s) {
        return s == null ? "" : s.strip();
    }
}
