package io.guildmark.app.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Which database the integration tests run on. {@code -Dguildmark.test.database=postgresql} (the second Surefire run)
 * gives each Spring context a fresh PostgreSQL database on 127.0.0.1:5432; otherwise each gets a fresh embedded H2 file.
 */
public final class TestDatabase {

    public static final String POSTGRES_ADMIN_URL = System.getProperty("guildmark.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String POSTGRES_USER = System.getProperty("guildmark.test.postgres-user", "postgres");

    private TestDatabase() {}

    public static boolean postgresRequested() {
        return "postgresql".equalsIgnoreCase(System.getProperty("guildmark.test.database", "h2"));
    }

    public static boolean postgresReachable() {
        try (Connection ignored = DriverManager.getConnection(POSTGRES_ADMIN_URL, POSTGRES_USER, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Creates an empty database and answers its JDBC URL. */
    public static String createPostgresDatabase() {
        String name = "guildmark_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN_URL, POSTGRES_USER, ""); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database on " + POSTGRES_ADMIN_URL, e);
        }
        return POSTGRES_ADMIN_URL.substring(0, POSTGRES_ADMIN_URL.lastIndexOf('/') + 1) + name;
    }
}
