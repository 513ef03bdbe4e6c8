package io.guildmark.app.notifications;

import java.util.Properties;

import io.guildmark.app.shared.GuildmarkSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** An SMTP client from {@code guildmark.mail.*}, only when a host is set. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    @Conditional(MailHostSet.class)
    JavaMailSender guildmarkMailSender(GuildmarkSettings settings) {
        GuildmarkSettings.Mail mail = settings.mail();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(mail.host());
        sender.setPort(mail.port());
        sender.setUsername(mail.username());
        sender.setPassword(mail.password());
        sender.setDefaultEncoding("UTF-8");
        Properties props = sender.getJavaMailProperties();
        props.put("mail.smtp.auth", String.valueOf(mail.username() != null));
        props.put("mail.smtp.starttls.enable", String.valueOf(mail.starttls()));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.writetimeout", "10000");
        return sender;
    }

    static class MailHostSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String host = context.getEnvironment().getProperty("guildmark.mail.host");
            return host != null && !host.isBlank();
        }
    }
}
