package io.guildmark.app.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.guildmark.app.shared.GuildmarkSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** Hands stored messages to the SMTP server, if one is configured; without one (demo mode) they stay in the outbox. */
@Component
class EmailDelivery {

    private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);
    private final JdbcClient db;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final GuildmarkSettings settings;

    EmailDelivery(JdbcClient db, ObjectProvider<JavaMailSender> mailSender, GuildmarkSettings settings) {
        this.db = db;
        this.mailSender = mailSender;
        this.settings = settings;
    }

    static final int BATCH = 100;
    static final int MAX_ATTEMPTS = 12;

    /** Sends what is due; a failure waits 1, 2, 4 … minutes (at most 6 hours) before its next attempt. */
    void deliverPending() {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) return; // no SMTP server: messages stay in the outbox (shown at /dev/outbox in demo mode)
        Instant now = Instant.now();
        List<Pending> due = db.sql("""
                select id, recipient, subject, body, html_body, attachment_name, attachment_type, attachment, attempts from outbound_emails
                where sent_at is null and attempts < ? and (next_attempt_at is null or next_attempt_at <= ?)
                order by created_at limit ?""")
                .params(MAX_ATTEMPTS, Timestamp.from(now), BATCH)
                .query((rs, n) -> new Pending(rs.getObject("id", UUID.class), rs.getString("recipient"), rs.getString("subject"),
                        rs.getString("body"), rs.getString("html_body"), rs.getString("attachment_name"), rs.getString("attachment_type"),
                        rs.getBytes("attachment"), rs.getInt("attempts")))
                .list();
        for (Pending email : due) deliver(sender, email);
    }

    private record Pending(UUID id, String recipient, String subject, String body, @Nullable String html, @Nullable String attachmentName,
            @Nullable String attachmentType, byte @Nullable [] attachment, int attempts) {}

    private void deliver(JavaMailSender sender, Pending email) {
        try {
            sender.send(message(sender, email));
            db.sql("update outbound_emails set sent_at = ?, attempts = attempts + 1 where id = ?")
                    .params(Timestamp.from(Instant.now()), email.id()).update();
        } catch (RuntimeException failure) {
            Duration wait = Duration.ofMinutes(Math.min(360, 1L << Math.min(email.attempts(), 9)));
            log.warn("Could not send e-mail {} (attempt {}): {}; next try in {}", email.id(), email.attempts() + 1,
                    failure.getMessage(), wait);
            db.sql("update outbound_emails set attempts = attempts + 1, last_error = ?, next_attempt_at = ? where id = ?")
                    .params(truncate(failure.getMessage()), Timestamp.from(Instant.now().plus(wait)), email.id()).update();
        }
    }

    /**
     * The stored message as MIME: plain text, or text and HTML as alternatives of one message (mail programs show the
     * HTML, and the text where HTML is off), with its attachment. Its Message-ID is the outbox row's, so a message
     * sent again after a crash between sending it and marking it sent is the same message to the receiving systems,
     * which drop such a copy.
     */
    private MimeMessage message(JavaMailSender sender, Pending email) {
        try {
            MimeMessage message = new OutboxMessage(sender instanceof JavaMailSenderImpl impl ? impl.getSession()
                    : Session.getInstance(new Properties()), messageId(email.id()));
            boolean multipart = email.html() != null || email.attachment() != null;
            MimeMessageHelper helper = multipart ? new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8")
                    : new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(settings.mail().from());
            helper.setTo(email.recipient());
            helper.setSubject(email.subject());
            if (email.html() == null) helper.setText(email.body());
            else helper.setText(email.body(), email.html());
            if (email.attachment() != null && email.attachmentName() != null) {
                helper.addAttachment(email.attachmentName(), new org.springframework.core.io.ByteArrayResource(email.attachment()),
                        email.attachmentType() == null ? "application/octet-stream" : email.attachmentType());
            }
            return message;
        } catch (MessagingException e) {
            throw new MailPreparationException(e);
        }
    }

    /** {@code <outbox row id@the platform's host>}: the same on every attempt and every node. */
    String messageId(UUID id) {
        String host = java.net.URI.create(settings.url("/")).getHost();
        return "<" + id + "@" + (host == null ? "guildmark" : host) + ">";
    }

    /** A MIME message that keeps the Message-ID it is given instead of making a new one when it is saved. */
    private static final class OutboxMessage extends MimeMessage {
        private final String messageId;

        OutboxMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    private static String truncate(String s) {
        return s == null ? "unknown" : s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
