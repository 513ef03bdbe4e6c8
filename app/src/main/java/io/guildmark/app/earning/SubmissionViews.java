package io.guildmark.app.earning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.earning.model.Rubric;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** A work product as pages show it: the rubric with the learner's responses, the files, and the reviews. */
@Component
public class SubmissionViews {

    /** A file of a work product; {@code name} is generic ("File 1.pdf") when the reader must not learn who wrote it. */
    public record FileView(UUID submissionId, UUID id, String name, String typeLabel, long sizeBytes) {
        public String size() {
            if (sizeBytes < 1024) return sizeBytes + " bytes";
            if (sizeBytes < 1024 * 1024) return (sizeBytes + 1023) / 1024 + " KB";
            return String.format(Locale.ROOT, "%.1f MB", sizeBytes / (1024.0 * 1024.0));
        }
    }

    /** A rubric criterion with its levels (lowest first) and the learner's written response to it. */
    public record CriterionView(String key, String name, List<Rubric.Level> levels, String requiredLevel, String requiredLevelName,
            String response) {}

    public record ReviewFeedback(String criterionName, String levelName, boolean meets, String feedback) {}

    /** A completed review as the learner and staff read it; reviewers are named only for staff. */
    public record ReviewView(String reviewer, boolean tiebreak, boolean meets, List<ReviewFeedback> criteria, @Nullable String comment,
            @Nullable Instant completedAt) {}

    public record DecidedLevel(String criterionName, String levelName, boolean meets) {}

    /** One round: the submission, its files, the completed reviews (when shown) and the decided level per criterion. */
    public record RoundView(Submission submission, List<CriterionView> criteria, List<FileView> files, List<ReviewView> reviews,
            List<DecidedLevel> decided) {}

    private final SubmissionStore store;

    SubmissionViews(SubmissionStore store) {
        this.store = store;
    }

    static List<CriterionView> criteria(Rubric rubric, Map<String, String> responses) {
        return rubric.criteria().stream().map(c -> new CriterionView(c.key(), c.name(), c.levels(), c.requiredLevel(),
                levelName(c, c.requiredLevel()), responses.getOrDefault(c.key(), ""))).toList();
    }

    List<FileView> files(Submission s, boolean anonymous) {
        List<FileView> files = new ArrayList<>();
        int n = 0;
        for (SubmissionStore.StoredFile f : store.files(s.id())) {
            n++;
            String label = SubmissionFileType.ofMediaType(f.contentType()).map(SubmissionFileType::label).orElse("File");
            files.add(new FileView(s.id(), f.id(), anonymous ? anonymousName(n, f.name()) : f.name(), label, f.sizeBytes()));
        }
        return files;
    }

    static String anonymousName(int n, String name) {
        int dot = name.lastIndexOf('.');
        return "File " + n + (dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT));
    }

    /**
     * @param reviewsShown whether the completed reviews are part of the view (for the learner: once the round is decided)
     * @param reviewerNames the name to show for each reviewer id, or {@code null} to number them ("Reviewer 1")
     */
    RoundView round(Rubric rubric, Submission s, boolean anonymousFiles, boolean reviewsShown, @Nullable Map<UUID, String> reviewerNames) {
        List<ReviewView> reviews = reviewsShown ? reviews(rubric, store.reviews(s.id()), reviewerNames) : List.of();
        return new RoundView(s, criteria(rubric, s.responses()), files(s, anonymousFiles), reviews, decided(rubric, s.levels()));
    }

    static List<ReviewView> reviews(Rubric rubric, List<Review> reviews, @Nullable Map<UUID, String> reviewerNames) {
        List<ReviewView> views = new ArrayList<>();
        int n = 0;
        for (Review r : reviews) {
            if (!r.completed()) continue;
            String label = reviewerNames != null ? reviewerNames.getOrDefault(r.reviewerId(), "A reviewer")
                    : r.tiebreak() ? "Third reviewer" : "Reviewer " + (++n);
            List<ReviewFeedback> feedback = rubric.criteria().stream().filter(c -> r.levels().containsKey(c.key()))
                    .map(c -> new ReviewFeedback(c.name(), levelName(c, r.levels().get(c.key())), meets(c, r.levels().get(c.key())),
                            r.feedback().getOrDefault(c.key(), "")))
                    .toList();
            views.add(new ReviewView(label, r.tiebreak(), r.meets(), feedback, r.comment(), r.completedAt()));
        }
        return views;
    }

    static List<DecidedLevel> decided(Rubric rubric, Map<String, String> levels) {
        return rubric.criteria().stream().filter(c -> levels.containsKey(c.key()))
                .map(c -> new DecidedLevel(c.name(), levelName(c, levels.get(c.key())), meets(c, levels.get(c.key())))).toList();
    }

    static String levelName(Rubric.Criterion c, String levelKey) {
        return c.levels().stream().filter(l -> l.key().equals(levelKey)).map(Rubric.Level::name).findFirst().orElse(levelKey);
    }

    private static boolean meets(Rubric.Criterion c, String levelKey) {
        try {
            return c.meets(levelKey);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
