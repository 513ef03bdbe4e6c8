package io.guildmark.app.catalog;

import java.util.Locale;

/**
 * One thing a learner must do to earn a micro-credential. Stored as JSON with a {@code kind} discriminator, so the
 * earning module can add details to each kind later without a schema change.
 */
public sealed interface EarningRequirement {

    /** Longest description accepted. */
    int MAX_DESCRIPTION = 2000;

    String description();

    /** The discriminator stored and sent as {@code kind}. */
    default String kind() {
        return kindOf(getClass());
    }

    /** An auto-graded assessment. */
    record Assessment(String description) implements EarningRequirement {
        public Assessment { description = clean(description); }
    }

    /** A work product, reviewed by peers against a rubric. */
    record Submission(String description) implements EarningRequirement {
        public Submission { description = clean(description); }
    }

    /** A skill observed by an assessor, scored on a rubric. */
    record Demonstration(String description) implements EarningRequirement {
        public Demonstration { description = clean(description); }
    }

    /** Completion of a course or activity, reported by a learning system. */
    record Completion(String description) implements EarningRequirement {
        public Completion { description = clean(description); }
    }

    /** The known kinds, in the order forms list them. */
    java.util.List<String> KINDS = java.util.List.of("assessment", "submission", "demonstration", "completion");

    /** A requirement of the named kind; {@code null} if the kind is unknown. */
    static @org.jspecify.annotations.Nullable EarningRequirement of(String kind, String description) {
        return switch (kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT)) {
            case "assessment" -> new Assessment(description);
            case "submission" -> new Submission(description);
            case "demonstration" -> new Demonstration(description);
            case "completion" -> new Completion(description);
            default -> null;
        };
    }

    private static String kindOf(Class<?> type) {
        return type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String clean(String description) {
        return description == null ? "" : description.strip();
    }
}
