package io.guildmark.app.earning.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A question of an assessment's bank, with the feedback the designer wrote. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Question.SingleChoice.class, name = "single"),
        @JsonSubTypes.Type(value = Question.MultipleChoice.class, name = "multiple"),
        @JsonSubTypes.Type(value = Question.TrueFalse.class, name = "truefalse"),
        @JsonSubTypes.Type(value = Question.ShortAnswer.class, name = "short")})
public sealed interface Question {

    String id();

    /** What the learner is asked. */
    String prompt();

    String feedback();

    /** Whether the learner's answer (option ids, or one text) is correct. */
    boolean isCorrect(List<String> answer);

    /** The correct answer, shown only when no attempts remain or the learner passed. */
    String correctAnswer();

    record SingleChoice(String id, String prompt, List<String> options, String correct, String feedback) implements Question {
        public SingleChoice {
            options = List.copyOf(options);
            if (!options.contains(correct)) throw new IllegalArgumentException("Correct option not among options");
        }
        public boolean isCorrect(List<String> answer) { return answer.equals(List.of(correct)); }
        public String correctAnswer() { return correct; }
    }

    record MultipleChoice(String id, String prompt, List<String> options, Set<String> correct, String feedback)
            implements Question {
        public MultipleChoice {
            options = List.copyOf(options);
            correct = Set.copyOf(correct);
            if (correct.isEmpty() || !options.containsAll(correct)) {
                throw new IllegalArgumentException("Correct options must be a non-empty subset of the options");
            }
        }
        public boolean isCorrect(List<String> answer) { return Set.copyOf(answer).equals(correct); }
        public String correctAnswer() { return String.join(", ", options.stream().filter(correct::contains).toList()); }
    }

    record TrueFalse(String id, String prompt, boolean correct, String feedback) implements Question {
        public boolean isCorrect(List<String> answer) { return answer.equals(List.of(String.valueOf(correct))); }
        public String correctAnswer() { return String.valueOf(correct); }
    }

    /**
     * Short answer matched exactly (trimmed, optionally ignoring case) or by a designer's regular expression. Patterns
     * run on RE2/J, whose matching time grows linearly with the answer, so no pattern (such as {@code (.*a){12}b})
     * can make checking an answer take seconds; RE2/J has no backreferences or lookaround, and such patterns are
     * refused when an assessment is designed ({@code DesignInput}). Designs saved before that rule may still hold
     * one: it keeps working on the JDK's engine, but under a hard step limit ({@link StepLimitedText}).
     */
    record ShortAnswer(String id, String prompt, String expected, boolean pattern, boolean ignoreCase, String feedback)
            implements Question {
        public static final int MAX_PATTERN = 200;
        public static final int MAX_ANSWER = 1000;
        /** RE2/J instructions: nested counted repeats such as {@code (a{100}){100}} compile to a million. */
        public static final int MAX_PROGRAM_SIZE = 2000;
        /** Characters a legacy (JDK-engine) pattern may read while checking one answer: milliseconds of work. */
        static final long LEGACY_STEP_LIMIT = 200_000;
        public ShortAnswer {
            if (pattern) {
                if (expected.length() > MAX_PATTERN) throw new IllegalArgumentException("Pattern too long");
                try {
                    compile(expected, ignoreCase);
                } catch (PatternSyntaxException e) {
                    // Not for RE2/J; a design saved earlier may still hold a pattern only the JDK reads.
                    java.util.regex.Pattern.compile(expected); // throws (an IllegalArgumentException) if not even that
                }
            }
        }

        /**
         * The pattern as RE2/J reads it; the syntax error names what RE2/J cannot read, or says the pattern is too
         * complex (more than {@value #MAX_PROGRAM_SIZE} instructions).
         */
        public static Pattern compile(String expected, boolean ignoreCase) throws PatternSyntaxException {
            Pattern compiled = Pattern.compile(expected, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
            if (compiled.programSize() > MAX_PROGRAM_SIZE) {
                throw new PatternSyntaxException("too complex; use fewer or smaller repeat counts", "");
            }
            return compiled;
        }

        public boolean isCorrect(List<String> answer) {
            if (answer.size() != 1) return false;
            var given = answer.get(0).trim();
            if (given.length() > MAX_ANSWER) return false;
            if (pattern) {
                Pattern linear;
                try {
                    linear = compile(expected, ignoreCase);
                } catch (PatternSyntaxException legacy) {
                    return legacyMatches(given);
                }
                return linear.matches(given);
            }
            return ignoreCase ? given.toLowerCase(Locale.ROOT).equals(expected.trim().toLowerCase(Locale.ROOT))
                    : given.equals(expected.trim());
        }

        /** A pattern saved before RE2/J: the JDK's engine, stopped (as a wrong answer) once it has read too much. */
        private boolean legacyMatches(String given) {
            var legacy = java.util.regex.Pattern.compile(expected, ignoreCase
                    ? java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE : 0);
            try {
                return legacy.matcher(new StepLimitedText(given, LEGACY_STEP_LIMIT)).matches();
            } catch (StepLimitedText.TooMuchWork e) {
                return false;
            }
        }
        public String correctAnswer() { return expected; }
    }

    /** Text that stops a backtracking matcher after it has read a fixed number of characters. */
    final class StepLimitedText implements CharSequence {
        static final class TooMuchWork extends RuntimeException {
            TooMuchWork() { super("The pattern read more than its step limit", null, false, false); }
        }

        private final String text;
        private final long[] budget;

        StepLimitedText(String text, long steps) {
            this(text, new long[] {steps});
        }

        private StepLimitedText(String text, long[] budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) throw new TooMuchWork();
            return text.charAt(index);
        }

        @Override
        public int length() { return text.length(); }

        @Override
        public CharSequence subSequence(int start, int end) { return new StepLimitedText(text.substring(start, end), budget); }

        @Override
        public String toString() { return text; }
    }
}
