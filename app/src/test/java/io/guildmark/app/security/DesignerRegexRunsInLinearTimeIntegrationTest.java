package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.guildmark.app.earning.model.Question;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Finding: a designer's short-answer pattern such as {@code (.*a){12}b} ran on java.util.regex, which backtracks, and
 * took 20 s of CPU for a 29-character answer. Patterns now run on RE2/J (linear in the answer) and are checked with
 * RE2/J when the assessment is designed: what it cannot run (backreferences, lookaround) or what compiles to a huge
 * program is refused with the field named.
 */
class DesignerRegexRunsInLinearTimeIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // a guard for the old engine, which took minutes; not a benchmark
    void aPathologicalPatternIsAnsweredAtOnceOnTheLinearEngine() {
        var question = new Question.ShortAnswer("q1", "Say it", "(.*a){12}b", true, false, "");
        assertThat(question.isCorrect(List.of("a".repeat(29)))).isFalse();
        assertThat(question.isCorrect(List.of("a".repeat(Question.ShortAnswer.MAX_ANSWER)))).isFalse();
        assertThat(question.isCorrect(List.of("a".repeat(12) + "b"))).isTrue();
    }

    @Test
    void patternsTheLinearEngineCannotRunAreRefusedAtDesignTimeNamingTheField() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        EarningWorld.Program program = world.program("regex", EarningWorld.onlyDemonstration());
        Api key = api().withToken(program.apiKey());
        UUID id = UUID.fromString(Catalog.publishedMicroCredential(key, program.slug(), "Pattern questions"));
        String path = "/api/v1/organizations/" + program.slug() + "/achievements/" + id + "/earning";

        for (String pattern : List.of("(a)\\1", "(?=a)a", "((a{100}){100}){10}")) {
            Api.Response refused = key.put(path, Map.of("assessment", Map.of("questions", List.of(
                    Map.of("type", "short", "prompt", "Say it", "expected", pattern, "pattern", true)), "passMarkPercent", 70)));
            assertThat(refused.status()).as(pattern + ": " + refused.body()).isEqualTo(400);
            List<String> fields = new ArrayList<>();
            refused.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertThat(fields).as(pattern).contains("assessment.questions[0].expected");
        }

        Api.Response accepted = key.put(path, Map.of("assessment", Map.of("questions", List.of(
                Map.of("type", "short", "prompt", "Say it", "expected", "(.*a){12}b", "pattern", true)), "passMarkPercent", 70)));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    }
}
