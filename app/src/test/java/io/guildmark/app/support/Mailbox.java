package io.guildmark.app.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/** A real SMTP server in the test JVM (GreenMail); the app delivers to it over SMTP like to any mail server. */
public final class Mailbox {

    private static GreenMail server;

    private Mailbox() {}

    public static synchronized int port() {
        if (server == null) {
            ServerSetup setup = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            server = new GreenMail(setup.dynamicPort());
            server.start();
        }
        return server.getSmtp().getPort();
    }

    /** A message received for this address. */
    public record Mail(String to, String subject, String body) {

        public String firstLinkContaining(String fragment) {
            Matcher m = Pattern.compile("https?://\\S*" + Pattern.quote(fragment) + "\\S*").matcher(body);
            if (!m.find()) throw new AssertionError("No link containing " + fragment + " in: " + body);
            return m.group();
        }
    }

    /** Waits (up to 20 s: delivery runs in a background job) for a message to the address whose subject contains the text. */
    public static Mail await(String to, String subjectContains) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<Mail> mails = messagesTo(to);
            for (int i = mails.size() - 1; i >= 0; i--) {
                if (mails.get(i).subject().contains(subjectContains)) return mails.get(i);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("No e-mail to " + to + " about '" + subjectContains + "' arrived; got " + messagesTo(to));
    }

    /** The received messages to the address as they came, for tests of their MIME structure. */
    public static List<MimeMessage> mimeTo(String to) {
        port();
        return Arrays.stream(server.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(to);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** The decoded content of the first part of this type inside a multipart message (searched depth first), or null. */
    public static String part(jakarta.mail.Multipart multipart, String type) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            jakarta.mail.BodyPart p = multipart.getBodyPart(i);
            if (p.isMimeType(type)) return p.getContent().toString();
            if (p.getContent() instanceof jakarta.mail.Multipart inner) {
                String found = part(inner, type);
                if (found != null) return found;
            }
        }
        return null;
    }

    public static List<Mail> messagesTo(String to) {
        port();
        return Arrays.stream(server.getReceivedMessages()).map(Mailbox::mail).filter(m -> m.to().equalsIgnoreCase(to)).toList();
    }

    private static Mail mail(MimeMessage message) {
        try {
            String to = message.getAllRecipients()[0].toString();
            Object content = message.getContent();
            String body = content instanceof String text ? text
                    : content instanceof jakarta.mail.Multipart multipart ? part(multipart, "text/plain") : GreenMailUtil.getBody(message);
            return new Mail(to, message.getSubject(), body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
