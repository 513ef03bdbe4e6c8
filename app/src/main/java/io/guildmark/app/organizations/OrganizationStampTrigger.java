package io.guildmark.app.organizations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;

import org.h2.api.Trigger;

/**
 * On H2, what the PostgreSQL triggers of migration V5_571 do: every row written to {@code issuer_keys},
 * {@code achievements} or {@code achievement_versions} sets its organization's stamp ({@code issuer_keys_stamp} or
 * {@code catalog_stamp}) to a new value of the {@code organization_stamps} sequence, in the writing transaction (H2 runs
 * a trigger on the statement's own connection). See {@link Organization.Stamps}.
 */
public final class OrganizationStampTrigger implements Trigger {

    /** The update for a row of this table, given the row's organization (or, for a version, its micro-credential). */
    private String update = "";
    /** Where the row holds that id. */
    private int column = -1;

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type) throws SQLException {
        String idColumn;
        switch (table.toLowerCase(Locale.ROOT)) {
            case "issuer_keys" -> {
                idColumn = "organization_id";
                update = "update organizations set issuer_keys_stamp = nextval('organization_stamps') where id = ?";
            }
            case "achievements" -> {
                idColumn = "organization_id";
                update = "update organizations set catalog_stamp = nextval('organization_stamps') where id = ?";
            }
            case "achievement_versions" -> {
                idColumn = "achievement_id";
                update = "update organizations set catalog_stamp = nextval('organization_stamps') "
                        + "where id = (select organization_id from achievements where id = ?)";
            }
            default -> throw new SQLException("No organization stamp for table " + table);
        }
        try (ResultSet columns = connection.getMetaData().getColumns(null, schema, table, null)) {
            while (columns.next()) {
                if (columns.getString("COLUMN_NAME").equalsIgnoreCase(idColumn)) column = columns.getInt("ORDINAL_POSITION") - 1;
            }
        }
        if (column < 0) throw new SQLException("Table " + table + " has no column " + idColumn);
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        Object before = oldRow == null ? null : oldRow[column];
        Object after = newRow == null ? null : newRow[column];
        if (before != null) stamp(connection, before);
        if (after != null && !Objects.equals(before, after)) stamp(connection, after);
    }

    private void stamp(Connection connection, Object id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            statement.setObject(1, id);
            statement.executeUpdate();
        }
    }
}
