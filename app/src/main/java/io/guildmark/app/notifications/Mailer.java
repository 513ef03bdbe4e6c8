package io.guildmark.app.notifications;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GroupedInserts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Sends e-mail. The message is stored in the caller's transaction, or with the caller's group of inserts
 * ({@link GroupedInserts}: an award's), so a change that is not written sends nothing; it is
 * delivered within seconds by a database-backed job (so exactly one app node sends it, and a mail server outage only
 * delays it).
 */
@Service
public class Mailer {

    /** One message as stored in the outbox. */
    public record OutboundEmail(UUID id, String recipient, String subject, String body, Instant createdAt, Instant sentAt) {}

    private final JdbcClient db;
    private final GroupedInserts inserts;

    Mailer(JdbcClient db, GroupedInserts inserts) {
        this.db = db;
        this.inserts = inserts;
    }

    public void send(EmailAddress to, String subject, String body) {
        inserts.insert("insert into outbound_emails (id, recipient, subject, body, created_at) values (?, ?, ?, ?, ?)",
                UUID.randomUUID(), to.value(), subject, body, java.sql.Timestamp.from(Instant.now()));
    }

    /** A file sent with a message, such as a PDF receipt; at most {@value #MAX_ATTACHMENT} bytes. */
    public record Attachment(String name, String contentType, byte[] content) {
        public Attachment {
            if (content.length > MAX_ATTACHMENT) throw new IllegalArgumentException("An attachment is at most " + MAX_ATTACHMENT + " bytes");
        }
    }

    public static final int MAX_ATTACHMENT = 2 * 1024 * 1024;

    /** Sends a plain-text message with one attached file. */
    public void send(EmailAddress to, String subject, String body, Attachment attachment) {
        inserts.insert("""
                insert into outbound_emails (id, recipient, subject, body, attachment_name, attachment_type, attachment, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                UUID.randomUUID(), to.value(), subject, body, attachment.name(), attachment.contentType(), attachment.content(),
                java.sql.Timestamp.from(Instant.now()));
    }

    /** Sends a message as plain text and HTML (multipart/alternative): one outbox row, both parts kept. */
    public void send(EmailAddress to, EmailTemplates.Rendered message) {
        inserts.insert("insert into outbound_emails (id, recipient, subject, body, html_body, created_at) values (?, ?, ?, ?, ?, ?)",
                UUID.randomUUID(), to.value(), message.subject(), message.text(), message.html(), java.sql.Timestamp.from(Instant.now()));
    }

    /** The newest messages first; the outbox page shows them in demo mode, where no mail server is needed. */
    public List<OutboundEmail> recent(int limit) {
        return db.sql("select id, recipient, subject, body, created_at, sent_at from outbound_emails order by created_at desc limit ?")
                .param(limit)
                .query((rs, n) -> new OutboundEmail(rs.getObject("id", UUID.class), rs.getString("recipient"),
                        rs.getString("subject"), rs.getString("body"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant()))
                .list();
    }
}
