package io.guildmark.app.pathways;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Certification eligibility as recorded when a learner completes an eligibility pathway. The record has a public page
 * (its id is unguessable, like a credential's) that shows it live, valid or withdrawn; the letter's QR code opens it,
 * so the paper is only as good as the record behind it.
 */
@Service
public class Eligibilities {

    /** One recorded eligibility. */
    public record Eligibility(UUID id, UUID pathwayId, int version, String pathwayName, UUID organizationId, String organizationName,
            String organizationSlug, String email, String name, Instant recordedAt, @Nullable Instant withdrawnAt,
            @Nullable String withdrawnReason) {

        public boolean valid() {
            return withdrawnAt == null;
        }
    }

    private final JdbcClient db;
    private final Organizations organizations;
    private final GuildmarkSettings settings;
    private final Clock clock;

    Eligibilities(JdbcClient db, Organizations organizations, GuildmarkSettings settings, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.settings = settings;
        this.clock = clock;
    }

    public Optional<Eligibility> find(UUID id) {
        return db.sql(SELECT + " where e.id = ?").param(id).query(this::row).optional();
    }

    /** The public address of the record: printed in the letter and its QR code. */
    public String url(UUID id) {
        return settings.url("/pathways/eligibility/" + id);
    }

    /** The recorded eligibilities of a pathway, newest first, for staff. */
    public List<Eligibility> ofPathway(Actor actor, String slug, UUID pathwayId) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        return db.sql(SELECT + " where e.pathway_id = ? and e.organization_id = ? order by e.recorded_at desc").params(pathwayId, org.id())
                .query(this::row).list();
    }

    /** Withdraws an eligibility (recorded by mistake, or the association's rules were broken): its page says so from now on. */
    @Transactional
    public Eligibility withdraw(Actor actor, String slug, UUID id, String reason) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        Eligibility e = find(id).filter(x -> x.organizationId().equals(org.id())).orElseThrow(() -> Problem.notFound("The eligibility"));
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) throw Problem.invalidField("reason", "Give a reason for withdrawing it (at most 500 characters).");
        if (!e.valid()) throw Problem.conflict("already-withdrawn", "This eligibility is already withdrawn.");
        db.sql("update pathway_eligibilities set withdrawn_at = ?, withdrawn_reason = ? where id = ? and withdrawn_at is null")
                .params(Timestamp.from(clock.instant()), why, id).update();
        return find(id).orElseThrow();
    }

    /** The printable letter: who is eligible for what, from whom, and where to check that it still holds. */
    public byte[] letter(UUID id) {
        Eligibility e = find(id).orElseThrow(() -> Problem.notFound("The eligibility"));
        return EligibilityLetter.render(new EligibilityLetter.Content(e.organizationName(), e.name(), e.pathwayName(), e.recordedAt(),
                url(id), e.valid()));
    }

    private static final String SELECT = """
            select e.*, v.name as pathway_name, o.name as organization_name, o.slug as organization_slug from pathway_eligibilities e
            join pathway_versions v on v.pathway_id = e.pathway_id and v.version = e.version
            join organizations o on o.id = e.organization_id""";

    private Eligibility row(ResultSet rs, int n) throws SQLException {
        return new Eligibility(rs.getObject("id", UUID.class), rs.getObject("pathway_id", UUID.class), rs.getInt("version"),
                rs.getString("pathway_name"), rs.getObject("organization_id", UUID.class), rs.getString("organization_name"),
                rs.getString("organization_slug"), rs.getString("email"), rs.getString("name"), rs.getTimestamp("recorded_at").toInstant(),
                PathwayCompletions.ts(rs.getTimestamp("withdrawn_at")), rs.getString("withdrawn_reason"));
    }
}
