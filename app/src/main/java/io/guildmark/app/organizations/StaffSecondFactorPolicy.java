package io.guildmark.app.organizations;

import java.util.List;
import java.util.UUID;

import io.guildmark.app.accounts.SecondFactorPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tells accounts which organizations require a second factor of a person, because the person is on their staff. */
@Component
class StaffSecondFactorPolicy implements SecondFactorPolicy {

    private final JdbcClient db;

    StaffSecondFactorPolicy(JdbcClient db) {
        this.db = db;
    }

    @Override
    public List<String> organizationsRequiringOf(UUID userId) {
        return db.sql("""
                select distinct o.name from organizations o join memberships m on m.organization_id = o.id
                where m.user_id = ? and o.require_second_factor order by o.name""").param(userId).query(String.class).list();
    }
}
