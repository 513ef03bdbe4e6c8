package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.guildmark.app.GuildmarkApplication;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.PostgresAvailability;
import io.guildmark.app.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an API award sends to the database, seen through the application's own connections (the DataSource is wrapped
 * for this test, which therefore runs in an application of its own, on a port of its own, closed after it): on
 * PostgreSQL one statement, with no BEGIN and no COMMIT; on H2 the same inserts one by one, in one transaction.
 */
@ExtendWith(PostgresAvailability.class)
@SpringBootTest(classes = GuildmarkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AwardIsOneStatementIntegrationTest.Watching.class)
@DirtiesContext
class AwardIsOneStatementIntegrationTest {

    private static final String ADMIN_TOKEN = "one-statement-admin-token-0123456789";

    @LocalServerPort int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws java.io.IOException {
        String dataDir = java.nio.file.Files.createTempDirectory("guildmark-one-statement").toString();
        registry.add("guildmark.data-dir", () -> dataDir);
        registry.add("guildmark.admin-token", () -> ADMIN_TOKEN);
        registry.add("guildmark.mode", () -> "demo");
        registry.add("guildmark.demo-data", () -> "false");
        registry.add("guildmark.mail.host", () -> "127.0.0.1");
        registry.add("guildmark.mail.port", () -> String.valueOf(Mailbox.port()));
        if (TestDatabase.postgresRequested() && TestDatabase.postgresReachable()) {
            String url = TestDatabase.createPostgresDatabase();
            registry.add("guildmark.database.url", () -> url);
            registry.add("guildmark.database.user", () -> TestDatabase.POSTGRES_USER);
        }
    }

    /** What one thread did on a connection: a statement prepared (its SQL), or "begin", "commit", "rollback". */
    record Sent(long thread, String what) {
        boolean writes() {
            String sql = what.stripLeading().toLowerCase(Locale.ROOT);
            return sql.startsWith("insert") || sql.startsWith("update") || sql.startsWith("delete") || sql.startsWith("with");
        }
    }

    static final List<Sent> SENT = new CopyOnWriteArrayList<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class Watching {

        @Bean
        static BeanPostProcessor watchStatements() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource ? watched(dataSource) : bean;
                }
            };
        }
    }

    static DataSource watched(DataSource target) {
        return proxy(DataSource.class, target, (method, args) -> {
            Object result = method.invoke(target, args);
            return "getConnection".equals(method.getName()) ? watched((Connection) result) : result;
        });
    }

    static Connection watched(Connection target) {
        return proxy(Connection.class, target, (method, args) -> {
            long thread = Thread.currentThread().getId();
            switch (method.getName()) {
                case "prepareStatement" -> SENT.add(new Sent(thread, (String) args[0]));
                case "commit" -> SENT.add(new Sent(thread, "commit"));
                case "rollback" -> SENT.add(new Sent(thread, "rollback"));
                case "setAutoCommit" -> {
                    if (!(Boolean) args[0]) SENT.add(new Sent(thread, "begin"));
                }
                default -> { }
            }
            return method.invoke(target, args);
        });
    }

    interface Call {
        Object invoke(java.lang.reflect.Method method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Object target, Call call) {
        InvocationHandler handler = (p, method, args) -> {
            if ("unwrap".equals(method.getName()) && args[0] instanceof Class<?> wanted && wanted.isInstance(p)) return p;
            try {
                return call.invoke(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    @Test
    void anApiAwardIsOneStatementOnPostgresqlAndOneTransactionOnH2() {
        Api admin = new Api("http://127.0.0.1:" + port).withToken(ADMIN_TOKEN);
        String slug = Fixtures.createOrganization(admin, "onewrite");
        Api key = new Api("http://127.0.0.1:" + port).withToken(Fixtures.createApiKey(admin, slug));
        String achievementId = Catalog.publishedMicroCredential(key, slug, "Keep the Minutes");
        key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("warm"), "name", "Warm Up")));

        SENT.clear();
        Api.Response awarded = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("once"), "name", "Once Only")));
        assertThat(awarded.status()).isEqualTo(201);

        // The request's thread is the one that wrote the award; everything else (pollers, the pathway check) is not it.
        long request = SENT.stream().filter(s -> s.what().contains("insert into awards")).findFirst().orElseThrow().thread();
        List<Sent> byRequest = SENT.stream().filter(s -> s.thread() == request).toList();
        List<String> writes = byRequest.stream().filter(Sent::writes).map(Sent::what).toList();
        List<String> transactionEnds = byRequest.stream().map(Sent::what).filter(w -> w.equals("begin") || w.equals("commit")
                || w.equals("rollback")).toList();

        if (TestDatabase.postgresRequested()) {
            assertThat(writes).as("the request's writes").hasSize(1);
            assertThat(writes.get(0)).startsWith("with ").contains("insert into awards", "insert into outbound_emails",
                    "insert into audit_entries", "insert into pathway_checks");
            assertThat(transactionEnds).as("no BEGIN, no COMMIT").isEmpty();
        } else {
            assertThat(writes).hasSize(4).anyMatch(w -> w.contains("insert into awards")).anyMatch(w -> w.contains("insert into outbound_emails"))
                    .anyMatch(w -> w.contains("insert into audit_entries")).anyMatch(w -> w.contains("insert into pathway_checks"));
            assertThat(transactionEnds).containsExactly("begin", "commit");
        }
    }
}
