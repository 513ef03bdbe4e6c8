package io.guildmark.app.accounts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends an account's web sessions. Sessions live in Spring Session's JDBC tables, indexed by principal name (the
 * account's address at sign-in), so ending them is a delete in the caller's transaction; their attributes go with
 * them (on delete cascade). A request carrying an ended session's cookie is anonymous from then on.
 */
@Component
class SignedInSessions {

    private final JdbcClient db;

    SignedInSessions(JdbcClient db) {
        this.db = db;
    }

    /** Ends every session of the account; answers how many. */
    int endAll(String email) {
        return db.sql("delete from spring_session where principal_name = ?").param(email).update();
    }

    /** Ends every session of the account but the given one (the session that is changing the password). */
    int endAllBut(String email, String keptSessionId) {
        return db.sql("delete from spring_session where principal_name = ? and session_id <> ?").params(email, keptSessionId).update();
    }
}
