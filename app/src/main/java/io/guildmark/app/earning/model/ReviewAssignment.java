package io.guildmark.app.earning.model;

import java.util.Comparator;
import java.util.List;

/** Picks peer reviewers for a submission: never the learner, never a colleague at the learner's employer, least loaded first. */
public final class ReviewAssignment {

    private ReviewAssignment() {}

    /** A possible reviewer with their current open reviews. {@code employer} may be empty for none. */
    public record Candidate(String id, String employer, int currentLoad, boolean holdsCredential) {}

    /** The submission to review: who submitted it and where they work ({@code employer} may be empty). */
    public record Submission(String learnerId, String learnerEmployer) {}

    /**
     * Chooses {@code count} (1 or 2) reviewers, lowest load first, ties broken by id; fewer when the pool is short.
     */
    public static List<Candidate> pick(List<Candidate> pool, Submission submission, int count,
            boolean requireHolders) {
        if (count < 1 || count > 2) {
            throw new IllegalArgumentException("One or two reviewers per submission, not " + count);
        }
        return pool.stream().filter(c -> !c.id().equals(submission.learnerId()))
                .filter(c -> submission.learnerEmployer().isBlank()
                        || !c.employer().equalsIgnoreCase(submission.learnerEmployer()))
                .filter(c -> !requireHolders || c.holdsCredential())
                .sorted(Comparator.comparingInt(Candidate::currentLoad).thenComparing(Candidate::id)).limit(count)
                .toList();
    }
}
