package io.guildmark.app.earning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells a person what happened in their earning (submitted, assigned, reminder, feedback, awarded): by e-mail, with a
 * link to the right page, and in the list of notices the app shows. Both are written in the caller's transaction, so a
 * change that rolls back tells no one.
 */
@Component
public class Notices {

    public record Notice(UUID id, String subject, String link, Instant createdAt, boolean read) {}

    private final JdbcClient db;
    private final Mailer mailer;
    private final GuildmarkSettings settings;
    private final Clock clock;

    private final io.guildmark.app.notifications.EmailTemplates templates;
    private final io.guildmark.app.organizations.Organizations organizations;

    Notices(JdbcClient db, Mailer mailer, GuildmarkSettings settings, Clock clock, io.guildmark.app.notifications.EmailTemplates templates,
            io.guildmark.app.organizations.Organizations organizations) {
        this.templates = templates;
        this.organizations = organizations;
        this.db = db;
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
    }

    /** E-mails the person and lists the notice on their Notices page. @param path the page's path, such as {@code /learning/…} */
    void tell(String email, @Nullable UUID organizationId, String subject, String body, String path) {
        String link = settings.url(path);
        mailer.send(EmailAddress.of(email), subject, body + "\n\n" + link + "\n");
        list(email, organizationId, subject, path);
    }

    /**
     * E-mails the person in the organization's wording of this kind (text and HTML), and lists the notice. The values
     * get the organization's name, the person's address and the page's address ({@code review.url}) added.
     */
    void tell(String email, UUID organizationId, io.guildmark.app.notifications.EmailTemplates.Kind kind, java.util.Map<String, String> values, String path) {
        var org = organizations.findById(organizationId).orElseThrow();
        java.util.Map<String, String> all = new java.util.HashMap<>(values);
        all.put("organization.name", org.name());
        all.put("recipient.email", email);
        all.putIfAbsent("review.url", settings.url(path));
        var message = templates.render(io.guildmark.app.issuing.Awards.sender(org, settings), kind, all);
        mailer.send(EmailAddress.of(email), message);
        list(email, organizationId, message.subject(), path);
    }

    /** Lists the notice on the person's Notices page without an e-mail, for news that another e-mail already tells. */
    void list(String email, @Nullable UUID organizationId, String subject, String path) {
        db.sql("insert into earning_notices (id, email, organization_id, subject, link, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), email, organizationId, abbreviate(subject), path, Timestamp.from(clock.instant())).update();
    }

    /** The newest notices of a person, newest first. */
    public List<Notice> recent(String email, int limit) {
        return db.sql("select id, subject, link, created_at, read_at from earning_notices where email = ? order by created_at desc limit ?")
                .params(email, limit)
                .query((rs, n) -> new Notice(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) != null))
                .list();
    }

    public void markAllRead(String email) {
        db.sql("update earning_notices set read_at = ? where email = ? and read_at is null")
                .params(Timestamp.from(clock.instant()), email).update();
    }

    private static String abbreviate(String subject) {
        return subject.length() <= 300 ? subject : subject.substring(0, 299) + "…";
    }
}
