package io.guildmark.app.earning;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** When, and by whom, a version of an earning design was saved; callers have already checked who may ask. */
@Service
class DesignHistory {

    /** @param by the designer's name; {@code null} when an API key saved it */
    record Saved(int version, Instant at, @Nullable String by) {}

    private final JdbcClient db;
    private final Accounts accounts;

    DesignHistory(JdbcClient db, Accounts accounts) {
        this.db = db;
        this.accounts = accounts;
    }

    Optional<Saved> saved(UUID achievementId, int version) {
        record Row(Instant at, @Nullable UUID by) {}
        return db.sql("select created_at, created_by from earning_designs where achievement_id = ? and version = ?")
                .params(achievementId, version)
                .query((rs, n) -> new Row(rs.getTimestamp("created_at").toInstant(), rs.getObject("created_by", UUID.class)))
                .optional()
                .map(row -> new Saved(version, row.at(), row.by() == null ? null : accounts.find(row.by()).map(User::name).orElse(null)));
    }
}
