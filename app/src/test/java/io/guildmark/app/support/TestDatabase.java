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

    private static boolean cleaned;

    /** Creates an empty database and answers its JDBC URL. Leftovers of earlier runs (unused, and over three hours old, so a run in parallel keeps its own) are dropped first. */
    public static synchronized String createPostgresDatabase() {
        if (!cleaned) {
            dropStaleDatabases();
            cleaned = true;
        }
        // The creation time is in the name, so a cleanup elsewhere only drops databases old enough to be abandoned.
        String name = "guildmark_test_" + (System.currentTimeMillis() / 1000) + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN_URL, POSTGRES_USER, ""); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database on " + POSTGRES_ADMIN_URL, e);
        }
        return POSTGRES_ADMIN_URL.substring(0, POSTGRES_ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    private static void dropStaleDatabases() {
        try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN_URL, POSTGRES_USER, ""); Statement s = c.createStatement()) {
            java.util.List<String> stale = new java.util.ArrayList<>();
            try (var rs = s.executeQuery("select datname from pg_database d where datname like 'guildmark_test_%' "
                    + "and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)")) {
                while (rs.next()) stale.add(rs.getString(1));
            }
            long cutoff = System.currentTimeMillis() / 1000 - 3 * 3600;
            for (String name : stale) {
                String[] parts = name.split("_");
                boolean old = parts.length < 4 || !parts[2].matches("\\d+") || Long.parseLong(parts[2]) < cutoff;
                if (old) s.execute("drop database if exists " + name);
            }
        } catch (SQLException e) {
            System.err.println("Could not drop old test databases: " + e.getMessage());
        }
    }
}
