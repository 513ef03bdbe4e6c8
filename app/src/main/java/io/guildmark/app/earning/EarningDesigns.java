package io.guildmark.app.earning;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.catalog.AchievementDesign;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.JsonLimits;
import io.guildmark.app.shared.Problem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The earning designs of micro-credentials. Every save is a new version, so a learner keeps the rubric, questions and
 * rules they enrolled under while designers improve them for the next learners.
 */
@Service
public class EarningDesigns {

    static final JsonMapper JSON = JsonLimits.builder().build();

    /** One stored version of a design. */
    public record Versioned(UUID achievementId, int version, EarningDesign design) {}

    private final JdbcClient db;
    private final Achievements achievements;
    private final Clock clock;
    private final io.guildmark.app.shared.GuildmarkSettings settings;

    private final io.guildmark.app.shared.AuditTrail audit;

    EarningDesigns(JdbcClient db, Achievements achievements, Clock clock, io.guildmark.app.shared.GuildmarkSettings settings, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.settings = settings;
        this.db = db;
        this.achievements = achievements;
        this.clock = clock;
    }

    /** The newest design of a micro-credential the actor may see, or an empty one. */
    public Versioned current(Actor actor, String slug, UUID achievementId) {
        achievements.get(actor, slug, achievementId);
        return latest(achievementId).orElse(new Versioned(achievementId, 0, EarningDesign.empty()));
    }

    /** Saves a new version after checking it; designers only. */
    @Transactional
    public Versioned save(Actor actor, String slug, UUID achievementId, EarningDesign design) {
        achievements.requireDesigner(actor, slug);
        AchievementDesign achievement = achievements.get(actor, slug, achievementId);
        Map<String, String> errors = new LinkedHashMap<>(design.check());
        for (UUID prerequisite : design.prerequisites()) {
            if (prerequisite.equals(achievementId)) {
                errors.put("prerequisites", "A micro-credential cannot be its own prerequisite.");
            } else if (achievements.list(actor, slug).stream().noneMatch(a -> a.id().equals(prerequisite))) {
                errors.put("prerequisites", "Prerequisites must be micro-credentials of this organization.");
            }
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        int next = latest(achievementId).map(Versioned::version).orElse(0) + 1;
        if (design.rubric() != null) {
            // Each version's rubric gets its own public address: credentials name its criteria and levels by it.
            design = new EarningDesign(new io.guildmark.app.earning.model.Rubric(rubricUrl(achievementId, next), design.rubric().criteria()),
                    design.assessment(), design.submission(), design.demonstration(), design.completion(), design.prerequisites());
        }
        db.sql("insert into earning_designs (achievement_id, version, organization_id, design, created_at, created_by) values (?, ?, ?, ?, ?, ?)")
                .params(achievementId, next, achievement.organizationId(), JSON.writeValueAsString(design),
                        Timestamp.from(clock.instant()), actor instanceof Actor.Person p ? p.userId() : null)
                .update();
        audit.record(actor, achievement.organizationId(), "earning-design.published", "achievement", achievementId, Map.of("version", next));
        return new Versioned(achievementId, next, design);
    }

    /** The public address of a version's rubric; criterion and level ids are fragments of it. */
    public String rubricUrl(UUID achievementId, int version) {
        return settings.url("/achievements/" + achievementId + "/rubrics/" + version);
    }

    /** The newest version, for enrolling. */
    public Optional<Versioned> latest(UUID achievementId) {
        return db.sql("select achievement_id, version, design from earning_designs where achievement_id = ? order by version desc limit 1")
                .param(achievementId).query((rs, n) -> new Versioned(rs.getObject(1, UUID.class), rs.getInt(2), read(rs.getString(3))))
                .optional();
    }

    /**
     * Every stored version of the organization's designs that passes the test, e.g. "asks for a demonstration". Versions
     * never change once saved, so each is read and parsed once per process (a bounded cache), not on every list page.
     */
    public List<Versioned> versionsWhere(UUID organizationId, java.util.function.Predicate<EarningDesign> test) {
        List<VersionKey> keys = db.sql("select achievement_id, version from earning_designs where organization_id = ?").param(organizationId)
                .query((rs, n) -> new VersionKey(rs.getObject(1, UUID.class), rs.getInt(2))).list();
        if (!keys.stream().allMatch(parsed::containsKey)) {
            // One query for the organization's designs, not one per version, the first time they are asked for.
            db.sql("select achievement_id, version, design from earning_designs where organization_id = ?").param(organizationId)
                    .query(rs -> {
                        parsed.putIfAbsent(new VersionKey(rs.getObject(1, UUID.class), rs.getInt(2)), read(rs.getString(3)));
                    });
        }
        List<Versioned> result = new java.util.ArrayList<>();
        for (VersionKey key : keys) {
            EarningDesign design = parsed.get(key);
            if (design == null) design = version(key.achievementId(), key.version()).design(); // pushed out of a full cache meanwhile
            if (test.test(design)) result.add(new Versioned(key.achievementId(), key.version(), design));
        }
        return result;
    }

    private record VersionKey(UUID achievementId, int version) {}

    private static final int PARSED_VERSIONS = 5_000;

    @SuppressWarnings("serial")
    private final Map<VersionKey, EarningDesign> parsed = java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<VersionKey, EarningDesign> eldest) {
            return size() > PARSED_VERSIONS;
        }
    });

    /** One version, as an enrollment pinned it; parsed once per process like {@link #versionsWhere}. */
    public Versioned version(UUID achievementId, int version) {
        VersionKey key = new VersionKey(achievementId, version);
        EarningDesign design = parsed.get(key);
        if (design == null) {
            design = db.sql("select design from earning_designs where achievement_id = ? and version = ?").params(achievementId, version)
                    .query((rs, n) -> read(rs.getString(1))).optional().orElseThrow(() -> Problem.notFound("The earning design"));
            parsed.putIfAbsent(key, design);
        }
        return new Versioned(achievementId, version, design);
    }

    static EarningDesign read(String json) {
        return JSON.readValue(json, EarningDesign.class);
    }
}
