package io.guildmark.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import io.guildmark.app.GuildmarkApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Another node of the test's deployment: its own port, memory and job scheduler, the same settings, database, data
 * directory and public address as the test's application (as N nodes behind one load balancer are configured).
 */
public final class SecondNode implements AutoCloseable {

    /** The first node's settings that every node of a deployment shares. */
    private static final List<String> SHARED_SETTINGS = List.of("guildmark.data-dir", "guildmark.admin-token", "guildmark.mode",
            "guildmark.demo-data", "guildmark.mail.host", "guildmark.mail.port", "db-scheduler.polling-interval",
            "guildmark.mail.outbox-poll-interval", "guildmark.webhooks.poll-interval", "guildmark.award-jobs.poll-interval",
            "guildmark.webhooks.allow-private-networks", "guildmark.webhooks.timeout", "guildmark.webhooks.retry-schedule",
            "guildmark.payments.stripe-api-base", "guildmark.database.url", "guildmark.database.user");

    private final ConfigurableApplicationContext app;
    private final int port;

    private SecondNode(ConfigurableApplicationContext app, int port) {
        this.app = app;
        this.port = port;
    }

    /** Starts a node next to the one whose environment is given, answering for the same public address. */
    public static SecondNode start(Environment first, String publicAddress) {
        return start(first, publicAddress, null);
    }

    /** {@link #start}, with every statement the node sends to the database recorded in the log. */
    public static SecondNode startLogging(Environment first, String publicAddress, StatementLog log) {
        return start(first, publicAddress, log);
    }

    private static SecondNode start(Environment first, String publicAddress, @org.jspecify.annotations.Nullable StatementLog log) {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--guildmark.base-url=" + publicAddress,
                "--spring.main.banner-mode=off", "--guildmark.vetting.plain-http-hosts=127.0.0.1:" + port));
        for (String setting : SHARED_SETTINGS) {
            String value = first.getProperty(setting);
            if (value != null && !value.isBlank()) args.add("--" + setting + "=" + value);
        }
        SpringApplicationBuilder builder = new SpringApplicationBuilder(GuildmarkApplication.class);
        if (log != null) builder.initializers(context -> context.getBeanFactory().addBeanPostProcessor(log));
        return new SecondNode(builder.run(args.toArray(String[]::new)), port);
    }

    /** This node's own address (the load balancer would hide it). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    @Override
    public void close() {
        app.close();
    }
}
