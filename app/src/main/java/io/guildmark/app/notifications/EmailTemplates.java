package io.guildmark.app.notifications;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Each organization's wording of the e-mails its learners and reviewers receive, with {@code {{placeholders}}} for
 * the values of each message; a kind the organization has not changed uses the built-in text. Messages go out as
 * plain text and as HTML made from the same template (values escaped, the organization's logo linked at the top).
 *
 * <p>Callers check who may read or change an organization's templates; this service only stores and renders them.
 * Templates are cached per organization for a minute, so the award path costs no query for them most of the time.
 */
@Service
public class EmailTemplates {

    /** The messages an organization may word itself, with the placeholders each one knows. */
    public enum Kind {
        AWARD("Award (claim link)", "You earned {{credential.name}} from {{organization.name}}",
                """
                Congratulations, {{recipient.name}}!

                {{organization.name}} has awarded you the micro-credential "{{credential.name}}".

                Claim your badge to keep it in your Guildmark account, download it, and share it (the link works for \
                {{claim.days}} days; sign in with an account that has this e-mail address, {{recipient.email}}, or add the \
                address to your account first):

                {{claim.url}}

                Anyone can check it is genuine at

                {{credential.url}}

                To show it off: the badge's page has "Add to LinkedIn profile" with every field filled in, share buttons, \
                embed code for your website, a QR code, and an e-mail signature with a copy button:

                {{share.url}}
                """,
                Set.of("recipient.name", "recipient.email", "credential.name", "organization.name", "claim.url", "claim.days", "credential.url",
                        "share.url")),
        CLAIM_REMINDER("Claim reminder (new claim link)", "You earned {{credential.name}} from {{organization.name}}",
                AWARD.body, AWARD.placeholders),
        EXPIRY_WARNING("Expiry warning", "Your credential {{credential.name}} expires in {{days.left}} days",
                """
                Your credential "{{credential.name}}" from {{organization.name}} expires on {{expires.date}} ({{days.left}} days from now).

                See how to renew it:

                {{renew.url}}

                The credential itself:

                {{credential.url}}
                """,
                Set.of("recipient.name", "recipient.email", "credential.name", "organization.name", "expires.date", "days.left", "renew.url", "credential.url")),
        REVIEW_REQUEST("Review request", "A work product to review: {{credential.name}}",
                """
                You are asked to review a work product for "{{credential.name}}"{{review.reason}}. Score it against the rubric, \
                give feedback on each criterion and decide "meets" or "not yet" by {{due.date}}.

                {{review.url}}
                """,
                Set.of("recipient.name", "recipient.email", "credential.name", "organization.name", "review.reason", "due.date", "review.url")),
        REVIEW_REMINDER("Review reminder", "Reminder: your review for {{credential.name}} is due {{due.date}}",
                """
                Your review of a work product for "{{credential.name}}" is due on {{due.date}}. If you cannot finish it by then, \
                it goes to another reviewer.

                {{review.url}}
                """,
                Set.of("recipient.name", "recipient.email", "credential.name", "organization.name", "due.date", "review.url"));

        private final String label;
        private final String subject;
        private final String body;
        private final Set<String> placeholders;

        Kind(String label, String subject, String body, Set<String> placeholders) {
            this.label = label;
            this.subject = subject;
            this.body = body;
            this.placeholders = placeholders;
        }

        public String label() {
            return label;
        }

        public String defaultSubject() {
            return subject;
        }

        public String defaultBody() {
            return body;
        }

        /** The placeholders this kind knows, sorted. */
        public Set<String> placeholders() {
            return new TreeSet<>(placeholders);
        }

        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static @Nullable Kind ofSlug(String slug) {
            for (Kind k : values()) if (k.slug().equals(slug)) return k;
            return null;
        }
    }

    /** One organization's wording of one kind. */
    public record Template(Kind kind, String subject, String body, boolean custom) {}

    /** Who sends: the organization, and the address of its logo for the HTML part (null: no logo). */
    public record Sender(UUID organizationId, String name, @Nullable String logoUrl) {}

    /** A message ready to send: the subject, the plain text and the HTML. */
    public record Rendered(String subject, String text, String html) {}

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Duration CACHE_FOR = Duration.ofMinutes(1);
    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 10_000;

    private record Cached(Map<Kind, Template> templates, Instant until) {}

    private final JdbcClient db;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
    private final io.guildmark.app.shared.AuditTrail audit;

    EmailTemplates(JdbcClient db, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.db = db;
    }

    /** The organization's template of this kind (its own, or the built-in one). */
    public Template template(UUID organizationId, Kind kind) {
        Cached cached = cache.get(organizationId);
        if (cached == null || cached.until().isBefore(Instant.now())) {
            Map<Kind, Template> own = new EnumMap<>(Kind.class);
            db.sql("select kind, subject, body from email_templates where organization_id = ?").param(organizationId)
                    .query((rs, n) -> {
                        try {
                            Kind k = Kind.valueOf(rs.getString("kind"));
                            own.put(k, new Template(k, rs.getString("subject"), rs.getString("body"), true));
                        } catch (IllegalArgumentException ignored) {
                            // a kind this version no longer knows
                        }
                        return null;
                    }).list();
            if (cache.size() > 10_000) cache.clear();
            cached = new Cached(own, Instant.now().plus(CACHE_FOR));
            cache.put(organizationId, cached);
        }
        Template t = cached.templates().get(kind);
        return t != null ? t : new Template(kind, kind.defaultSubject(), kind.defaultBody(), false);
    }

    /** Every kind for this organization, in order. */
    public List<Template> all(UUID organizationId) {
        return java.util.Arrays.stream(Kind.values()).map(k -> template(organizationId, k)).toList();
    }

    /** Saves the organization's wording; an unknown placeholder, an empty or too long field is refused and nothing saved. */
    @org.springframework.transaction.annotation.Transactional
    public Template save(io.guildmark.app.shared.Actor actor, UUID organizationId, Kind kind, String subject, String body) {
        String s = subject == null ? "" : subject.strip().replaceAll("[\\r\\n]+", " ");
        String b = body == null ? "" : body.replace("\r\n", "\n").strip() + "\n";
        check(kind, s, b);
        Timestamp now = Timestamp.from(Instant.now());
        int updated = db.sql("update email_templates set subject = ?, body = ?, updated_at = ? where organization_id = ? and kind = ?")
                .params(s, b, now, organizationId, kind.name()).update();
        if (updated == 0) {
            db.sql("insert into email_templates (organization_id, kind, subject, body, updated_at) values (?, ?, ?, ?, ?)")
                    .params(organizationId, kind.name(), s, b, now).update();
        }
        cache.remove(organizationId);
        audit.record(actor, organizationId, "email-template.saved", "email_template", kind.slug(), Map.of("kind", kind.slug(), "subject", s, "body", b));
        return new Template(kind, s, b, true);
    }

    /** Goes back to the built-in text. */
    @org.springframework.transaction.annotation.Transactional
    public void reset(io.guildmark.app.shared.Actor actor, UUID organizationId, Kind kind) {
        int deleted = db.sql("delete from email_templates where organization_id = ? and kind = ?").params(organizationId, kind.name()).update();
        if (deleted > 0) audit.record(actor, organizationId, "email-template.reset", "email_template", kind.slug(), Map.of("kind", kind.slug()));
        cache.remove(organizationId);
    }

    /** Checks a subject and body: both present, not too long, and only placeholders this kind knows. */
    public static void check(Kind kind, String subject, String body) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (subject.isBlank()) errors.put("subject", "Enter a subject.");
        else if (subject.length() > MAX_SUBJECT) errors.put("subject", "The subject may have at most " + MAX_SUBJECT + " characters.");
        if (body.isBlank()) errors.put("body", "Enter the text of the message.");
        else if (body.length() > MAX_BODY) errors.put("body", "The text may have at most " + MAX_BODY + " characters.");
        unknown(kind, subject).ifPresent(m -> errors.putIfAbsent("subject", m));
        unknown(kind, body).ifPresent(m -> errors.putIfAbsent("body", m));
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
    }

    private static java.util.Optional<String> unknown(Kind kind, String text) {
        Set<String> unknown = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) if (!kind.placeholders.contains(m.group(1))) unknown.add("{{" + m.group(1) + "}}");
        if (unknown.isEmpty()) return java.util.Optional.empty();
        return java.util.Optional.of("Unknown placeholder" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                + ". This message knows: " + kind.placeholders().stream().map(p -> "{{" + p + "}}").reduce((a, c) -> a + ", " + c).orElse("") + ".");
    }

    /** The organization's message of this kind with the values filled in. */
    public Rendered render(Sender sender, Kind kind, Map<String, String> values) {
        Template t = template(sender.organizationId(), kind);
        return render(sender, t.subject(), t.body(), values);
    }

    /** A subject and body (saved or not) rendered as text and HTML; an unknown placeholder is left out. */
    public static Rendered render(Sender sender, String subject, String body, Map<String, String> values) {
        String text = fill(body, values);
        String html = html(sender, body, values);
        return new Rendered(LINE_BREAKS.matcher(fill(subject, values)).replaceAll(" ").strip(), text, html);
    }

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]+");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");

    /**
     * A template's literal text and placeholders, split once: every award renders its claim message, so parsing the
     * same few templates per message showed in the award path's profile. Keyed by the template text itself (an edited
     * template is a new key). Bounded by the characters kept, not by entries: the preview renders unsaved text up to
     * {@value #MAX_BODY} characters a time, and a thousand of those would hold tens of megabytes.
     */
    private record Part(String literal, @Nullable String placeholder) {}

    private static final Cache<String, List<Part>> PLAIN = partsCache();
    private static final Cache<String, List<Part>> PARAGRAPHS = partsCache();

    /** A million characters of template text each (the parts hold about as much again). */
    private static Cache<String, List<Part>> partsCache() {
        return Caffeine.newBuilder().maximumWeight(1_000_000).weigher((String text, List<Part> parts) -> text.length() + 1).build();
    }

    /** The template as plain text with the values filled in. */
    private static String fill(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 256);
        for (Part part : PLAIN.get(template, t -> parts(t, false))) append(out, part, values, false);
        return out.toString();
    }

    private static void append(StringBuilder out, Part part, Map<String, String> values, boolean asHtml) {
        if (part.placeholder() == null) {
            out.append(part.literal());
            return;
        }
        String value = values.getOrDefault(part.placeholder(), "");
        out.append(asHtml ? link(value).replace("\n", "<br>\n") : value);
    }

    /** Literal text (escaped, and with line breaks as {@code <br>}, for HTML) and placeholders in order. */
    private static List<Part> parts(String template, boolean asHtml) {
        List<Part> parts = new java.util.ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            parts.add(new Part(literal(template.substring(last, m.start()), asHtml), null));
            parts.add(new Part("", m.group(1)));
            last = m.end();
        }
        parts.add(new Part(literal(template.substring(last), asHtml), null));
        return List.copyOf(parts);
    }

    private static String literal(String text, boolean asHtml) {
        return asHtml ? escape(text).replace("\n", "<br>\n") : text;
    }

    /** The body as HTML: paragraphs at blank lines, line breaks kept, every value escaped, addresses as links. */
    static String html(Sender sender, String body, Map<String, String> values) {
        StringBuilder paragraphs = new StringBuilder(body.length() * 2 + 256);
        for (Part part : PARAGRAPHS.get(body, EmailTemplates::paragraphParts)) append(paragraphs, part, values, true);
        String logo = sender.logoUrl() == null ? ""
                : "<p style=\"margin:0 0 1.5em 0\"><img src=\"" + escape(sender.logoUrl()) + "\" alt=\"" + escape(sender.name())
                        + "\" style=\"max-height:64px;max-width:240px\"></p>\n";
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(sender.name()) + "</title></head>\n"
                + "<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a2e;max-width:600px;margin:0 auto;padding:24px\">\n"
                + logo + paragraphs + "</body></html>\n";
    }

    private static List<Part> paragraphParts(String body) {
        List<Part> parts = new java.util.ArrayList<>();
        for (String paragraph : PARAGRAPH_BREAK.split(body.strip())) {
            parts.add(new Part("<p style=\"margin:0 0 1em 0\">", null));
            parts.addAll(parts(paragraph.strip(), true));
            parts.add(new Part("</p>\n", null));
        }
        return List.copyOf(parts);
    }

    /** A value that is a web address becomes a link (both escaped); any other value is only escaped. */
    private static String link(String value) {
        if (value.startsWith("https://") || value.startsWith("http://")) {
            return "<a href=\"" + escape(value) + "\">" + escape(value) + "</a>";
        }
        return escape(value);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Sample values for the preview. */
    public static Map<String, String> samples(String organizationName, String baseUrl) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("recipient.name", "Alex Example");
        v.put("recipient.email", "alex@example.org");
        v.put("credential.name", "Sample micro-credential");
        v.put("organization.name", organizationName);
        v.put("claim.url", baseUrl + "/claim/sample-token");
        v.put("claim.days", "60");
        v.put("credential.url", baseUrl + "/credentials/00000000-0000-0000-0000-000000000000");
        v.put("share.url", baseUrl + "/credentials/00000000-0000-0000-0000-000000000000#share");
        v.put("expires.date", "31 March 2027");
        v.put("days.left", "30");
        v.put("renew.url", baseUrl + "/renewals");
        v.put("review.reason", "");
        v.put("due.date", "2027-01-15");
        v.put("review.url", baseUrl + "/reviews/sample");
        return v;
    }
}
