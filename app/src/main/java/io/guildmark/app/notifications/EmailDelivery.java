package io.guildmark.app.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import io.guildmark.app.shared.GuildmarkSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Hands one stored message to the SMTP server, if one is configured; without one (demo mode) it stays in the outbox. */
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

    void deliver(UUID id) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.info("No SMTP server configured; e-mail {} stays in the outbox (/dev/outbox in demo mode).", id);
            return;
        }
        var email = db.sql("select recipient, subject, body, sent_at from outbound_emails where id = ?").param(id)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .optional();
        if (email.isEmpty() || email.get()[3] != null) return;
        String[] e = email.get();
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.mail().from());
        message.setTo(e[0]);
        message.setSubject(e[1]);
        message.setText(e[2]);
        try {
            sender.send(message);
            db.sql("update outbound_emails set sent_at = ?, attempts = attempts + 1 where id = ?")
                    .params(Timestamp.from(Instant.now()), id).update();
        } catch (RuntimeException failure) {
            db.sql("update outbound_emails set attempts = attempts + 1, last_error = ? where id = ?")
                    .params(truncate(failure.getMessage()), id).update();
            throw failure; // the scheduler retries later
        }
    }

    private static String truncate(String s) {
        return s == null ? "unknown" : s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
