package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static io.guildmark.credentials.ob3.JsonFields.*;

/**
 * The learner and what they achieved (OB 3.0 Appendix B "AchievementSubject"). The learner is named by
 * {@code id} (e.g. a DID), by {@code identifier}s, or both.
 */
public record AchievementSubject(String id, Achievement achievement, List<IdentityObject> identifier,
        List<Result> result, BigDecimal creditsEarned, Instant activityStartDate, Instant activityEndDate,
        String narrative, String licenseNumber, String role, String term) {

    public AchievementSubject {
        optionalUri(id, "AchievementSubject.id");
        if (achievement == null) {
            throw new IllegalArgumentException("AchievementSubject.achievement is required");
        }
        identifier = copy(identifier);
        result = copy(result);
        if (id == null && identifier.isEmpty()) {
            throw new IllegalArgumentException("AchievementSubject needs an id or an identifier");
        }
        if (creditsEarned != null && creditsEarned.signum() < 0) {
            throw new IllegalArgumentException("AchievementSubject.creditsEarned must not be negative");
        }
        optionalText(narrative, "AchievementSubject.narrative");
        optionalText(licenseNumber, "AchievementSubject.licenseNumber");
        optionalText(role, "AchievementSubject.role");
        optionalText(term, "AchievementSubject.term");
    }

    /** A learner known by a hashed identity, with the achievement and any results. */
    public static AchievementSubject of(IdentityObject identity, Achievement achievement, List<Result> result) {
        return new AchievementSubject(null, achievement, List.of(identity), result, null, null, null, null, null,
                null, null);
    }

    public JsonObject toJson() {
        var json = object();
        put(json, "id", id);
        json.add("type", types("AchievementSubject"));
        putArray(json, "identifier", identifier, IdentityObject::toJson);
        json.add("achievement", achievement.toJson());
        putArray(json, "result", result, Result::toJson);
        put(json, "creditsEarned", creditsEarned);
        put(json, "activityStartDate", activityStartDate);
        put(json, "activityEndDate", activityEndDate);
        put(json, "narrative", narrative);
        put(json, "licenseNumber", licenseNumber);
        put(json, "role", role);
        put(json, "term", term);
        return json.build();
    }

    public static AchievementSubject fromJson(JsonObject json) {
        requireType(json, "AchievementSubject");
        JsonObject achievement = objectOrNull(json, "achievement");
        return new AchievementSubject(string(json, "id"),
                achievement == null ? null : Achievement.fromJson(achievement),
                list(json, "identifier", IdentityObject::fromJson), list(json, "result", Result::fromJson),
                number(json, "creditsEarned"), instant(json, "activityStartDate"), instant(json, "activityEndDate"),
                string(json, "narrative"), string(json, "licenseNumber"), string(json, "role"),
                string(json, "term"));
    }
}
