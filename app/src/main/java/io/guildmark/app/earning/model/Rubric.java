package io.guildmark.app.earning.model;

import io.guildmark.credentials.ob3.ResultDescription;
import io.guildmark.credentials.ob3.RubricCriterionLevel;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * A rubric: criteria, each with performance levels ordered from lowest to highest and the level that meets the
 * standard. Validated on construction.
 *
 * @param id an absolute URI identifying the rubric; criterion and level ids are derived from it
 */
public record Rubric(String id, List<Criterion> criteria) {

    public Rubric {
        if (id.isBlank() || !id.contains(":")) {
            throw new IllegalArgumentException("Rubric id must be an absolute URI, not " + id);
        }
        criteria = List.copyOf(criteria);
        if (criteria.isEmpty()) {
            throw new IllegalArgumentException("A rubric needs at least one criterion");
        }
        var keys = new HashSet<String>();
        for (var c : criteria) {
            if (!keys.add(c.key())) {
                throw new IllegalArgumentException("Duplicate criterion " + c.key());
            }
        }
    }

    /** A level of a criterion, e.g. "meets" with its descriptor. */
    public record Level(String key, String name, String descriptor) {
        public Level {
            requireKey(key, "Level key");
            if (name.isBlank()) {
                throw new IllegalArgumentException("Level name must not be blank");
            }
        }
    }

    /** A criterion with its levels (lowest first) and the key of the level that meets the standard. */
    public record Criterion(String key, String name, List<Level> levels, String requiredLevel) {
        public Criterion {
            requireKey(key, "Criterion key");
            if (name.isBlank()) {
                throw new IllegalArgumentException("Criterion name must not be blank");
            }
            levels = List.copyOf(levels);
            if (levels.size() < 2) {
                throw new IllegalArgumentException("Criterion " + key + " needs at least two levels");
            }
            var keys = new HashSet<String>();
            for (var l : levels) {
                if (!keys.add(l.key())) {
                    throw new IllegalArgumentException("Duplicate level " + l.key() + " in criterion " + key);
                }
            }
            if (!keys.contains(requiredLevel)) {
                throw new IllegalArgumentException(
                        "Required level " + requiredLevel + " is not a level of criterion " + key);
            }
        }

        /** The position of a level, lowest 0; throws when the level is not one of this criterion's. */
        public int rank(String levelKey) {
            for (int i = 0; i < levels.size(); i++) {
                if (levels.get(i).key().equals(levelKey)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("Level " + levelKey + " is not a level of criterion " + key);
        }

        public boolean meets(String levelKey) {
            return rank(levelKey) >= rank(requiredLevel);
        }
    }

    public Criterion criterion(String key) {
        return criteria.stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No criterion " + key));
    }

    /** Scores the levels chosen per criterion key; every criterion must have a chosen level. */
    public RubricOutcome score(Map<String, String> chosenLevels) {
        for (var key : chosenLevels.keySet()) {
            criterion(key);
        }
        var per = criteria.stream().map(c -> {
            var chosen = chosenLevels.get(c.key());
            if (chosen == null) {
                throw new IllegalArgumentException("No level chosen for criterion " + c.key());
            }
            return new RubricOutcome.CriterionOutcome(c.key(), chosen, c.meets(chosen));
        }).toList();
        return new RubricOutcome(per);
    }

    public String criterionId(Criterion c) {
        return id + "#criterion-" + c.key();
    }

    public String levelId(Criterion c, Level l) {
        return id + "#criterion-" + c.key() + "-level-" + l.key();
    }

    /** The achievement's resultDescriptions: one per criterion, with its levels and required level. */
    public List<ResultDescription> toResultDescriptions() {
        return criteria.stream().map(c -> ResultDescription.rubric(criterionId(c), c.name(),
                c.levels().stream().map(l -> new RubricCriterionLevel(levelId(c, l), l.name(),
                        l.descriptor().isBlank() ? null : l.descriptor(), String.valueOf(c.rank(l.key()) + 1), null,
                        null)).toList(),
                levelId(c, c.levels().get(c.rank(c.requiredLevel()))))).toList();
    }

    private static void requireKey(String key, String what) {
        if (!key.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException(what + " must be letters, digits, '-' or '_', not " + key);
        }
    }
}
