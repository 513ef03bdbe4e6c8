package io.guildmark.app.earning.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** How an assessment runs: questions drawn, pass mark, attempt rules and an optional time limit. */
public record AssessmentPolicy(int questionsDrawn, int passMarkPercent, AttemptRules attempts,
        Optional<Duration> timeLimit) {

    public AssessmentPolicy {
        if (questionsDrawn < 1) throw new IllegalArgumentException("Draw at least one question");
        if (passMarkPercent < 0 || passMarkPercent > 100) throw new IllegalArgumentException("Pass mark 0..100");
    }

    /** Draws the questions for one attempt, at random, without repeats. */
    public List<Question> draw(List<Question> bank, RandomGenerator random) {
        if (bank.size() < questionsDrawn) throw new IllegalArgumentException("Bank smaller than questions drawn");
        var pool = new ArrayList<>(bank);
        var drawn = new ArrayList<Question>();
        for (int i = 0; i < questionsDrawn; i++) drawn.add(pool.remove(random.nextInt(pool.size())));
        return List.copyOf(drawn);
    }

    /** Per-question feedback; the correct answer is present only when revealed. */
    public record QuestionFeedback(String questionId, boolean correct, String feedback,
            Optional<String> correctAnswer) {}

    public record AttemptResult(int scorePercent, boolean passed, List<QuestionFeedback> feedback) {}

    /** Scores an attempt at once; answers are revealed only if passed or no attempts remain after this one. */
    public AttemptResult score(List<Question> drawn, Map<String, List<String>> answers, int attemptsRemaining) {
        var right = drawn.stream().filter(q -> q.isCorrect(answers.getOrDefault(q.id(), List.of()))).count();
        int score = (int) (right * 100 / drawn.size());
        boolean passed = score >= passMarkPercent;
        boolean reveal = passed || attemptsRemaining <= 0;
        var feedback = drawn.stream().map(q -> new QuestionFeedback(q.id(),
                q.isCorrect(answers.getOrDefault(q.id(), List.of())), q.feedback(),
                reveal ? Optional.of(q.correctAnswer()) : Optional.<String>empty())).toList();
        return new AttemptResult(score, passed, feedback);
    }
}
