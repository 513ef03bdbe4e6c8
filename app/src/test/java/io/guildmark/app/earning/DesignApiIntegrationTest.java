package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** The earning design over JSON, with an organization's API key. */
class DesignApiIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    EarningWorld world;

    @BeforeEach
    void world() {
        world = new EarningWorld(context, admin(), baseUrl());
    }

    record Target(EarningWorld.Program program, UUID achievementId, Api key, String path) {}

    private Target target(String stem) {
        EarningWorld.Program program = world.program(stem, EarningWorld.onlyDemonstration());
        Api key = api().withToken(program.apiKey());
        UUID id = UUID.fromString(Catalog.publishedMicroCredential(key, program.slug(), "Lead a " + stem + " retrospective"));
        return new Target(program, id, key, "/api/v1/organizations/" + program.slug() + "/achievements/" + id + "/earning");
    }

    private static Map<String, Object> level(String name, String descriptor) {
        return Map.of("name", name, "descriptor", descriptor);
    }

    /** A design as a client would first send it: no keys and no question ids. */
    static Map<String, Object> design() {
        List<Object> levels = List.of(level("Not yet", "Below the standard."), level("Meets", "At the standard."),
                level("Exceeds", "Beyond it."));
        Map<String, Object> body = new HashMap<>();
        body.put("rubric", Map.of("criteria", List.of(
                Map.of("name", "Facilitation", "levels", levels, "requiredLevel", "meets"),
                Map.of("name", "Follow-up actions", "levels", levels, "requiredLevel", "Meets"))));
        body.put("assessment", Map.of("questions", List.of(
                Map.of("type", "truefalse", "prompt", "Retrospectives look back.", "correct", true, "feedback", "They do."),
                Map.of("type", "multiple", "prompt", "Which are formats?", "options", List.of("Sailboat", "Gantt chart", "Start-stop-continue"),
                        "correct", List.of("Start-stop-continue", "Sailboat")),
                Map.of("type", "short", "prompt", "Steps?", "expected", "5|five", "pattern", true)),
                "passMarkPercent", 70));
        body.put("submission", Map.of("instructions", "Upload your notes.", "fileTypes", List.of("pdf", "gif")));
        body.put("completion", Map.of("courseCode", "RETRO-101"));
        return body;
    }

    private long versions(UUID achievementId) {
        return db.sql("select count(*) from earning_designs where achievement_id = ?").param(achievementId).query(Long.class).single();
    }

    @Test
    void anApiKeyReadsAndSavesTheDesignAndSendingBackWhatItReadMakesTheNextVersionUnchanged() {
        Target t = target("apisave");
        JsonNode empty = t.key().get(t.path()).json();
        assertThat(empty.get("version").asInt()).isZero();
        assertThat(empty.get("design").has("rubric")).as("no rubric yet").isFalse();

        Api.Response saved = t.key().put(t.path(), design());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode first = saved.json();
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("savedAt").asText()).isNotBlank();
        JsonNode rubric = first.get("design").get("rubric");
        assertThat(rubric.get("id").asText()).isEqualTo(baseUrl() + "/achievements/" + t.achievementId() + "/rubrics/1");
        assertThat(rubric.get("criteria").get(1).get("key").asText()).isEqualTo("follow-up-actions");
        assertThat(rubric.get("criteria").get(1).get("requiredLevel").asText()).isEqualTo("meets");
        JsonNode questions = first.get("design").get("assessment").get("questions");
        assertThat(questions.get(0).get("id").asText()).isEqualTo("q1");
        assertThat(questions.get(0).get("correct").asBoolean()).isTrue();
        assertThat(questions.get(1).get("correct").toString()).as("in the order of the options").isEqualTo("[\"Sailboat\",\"Start-stop-continue\"]");
        assertThat(questions.get(2).get("type").asText()).isEqualTo("short");
        JsonNode assessment = first.get("design").get("assessment");
        assertThat(assessment.get("questionsDrawn").asInt()).as("all questions when not given").isEqualTo(3);
        assertThat(assessment.get("attemptLimit").asInt()).as("a default").isEqualTo(3);
        JsonNode submission = first.get("design").get("submission");
        assertThat(submission.get("blind").asBoolean()).as("blind review by default").isTrue();
        assertThat(submission.get("reviewDays").asInt()).isEqualTo(14);

        Api.Response read = t.key().get(t.path());
        assertThat(read.json().get("design")).isEqualTo(first.get("design"));
        Api.Response again = t.key().put(t.path(), read.json().get("design"));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("version").asInt()).isEqualTo(2);
        // Unchanged but for the rubric's address: each version's rubric has its own.
        assertThat(again.json().get("design").get("rubric").get("id").asText()).endsWith("/rubrics/2");
        JsonNode expected = first.get("design").deepCopy();
        ((tools.jackson.databind.node.ObjectNode) expected.get("rubric")).remove("id");
        JsonNode actual = again.json().get("design").deepCopy();
        ((tools.jackson.databind.node.ObjectNode) actual.get("rubric")).remove("id");
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void anInvalidDesignIsRefusedWithEachFieldNamedAndNothingIsStored() {
        Target t = target("apiinvalid");
        Map<String, Object> bad = design();
        List<Object> levels = List.of(level("Not yet", ""), level("Meets", ""));
        bad.put("rubric", Map.of("criteria", List.of(Map.of("name", "Facilitation", "levels", levels),
                Map.of("name", " facilitation ", "levels", levels, "requiredLevel", "meets"))));
        bad.put("assessment", Map.of("questions", List.of(Map.of("type", "short", "prompt", "Steps?", "expected", "([", "pattern", true)),
                "passMarkPercent", 0));
        bad.put("submission", Map.of("instructions", "Upload.", "maxFileMegabytes", 30, "fileTypes", List.of("exe")));
        bad.put("prerequisites", List.of("not-a-uuid"));

        Api.Response refused = t.key().put(t.path(), bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asText()).isEqualTo("validation-failed");
        List<String> fields = new ArrayList<>();
        refused.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("rubric.criteria[0].requiredLevel", "rubric.criteria[1].name", "assessment.questions[0].expected",
                "assessment.passMarkPercent", "submission.maxFileMegabytes", "submission.fileTypes", "prerequisites");

        Api.Response notJson = t.key().put(t.path(), "{\"rubric\": [");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("code").asText()).isEqualTo("malformed-body");
        assertThat(versions(t.achievementId())).isZero();
    }

    @Test
    void aPrerequisiteMustBeAnotherMicroCredentialOfTheSameOrganization() {
        Target t = target("apiprereq");
        Target elsewhere = target("apiprereqother");
        Map<String, Object> body = design();
        body.put("prerequisites", List.of(t.program().achievementId().toString()));
        assertThat(t.key().put(t.path(), body).json().get("design").get("prerequisites").get(0).asText())
                .isEqualTo(t.program().achievementId().toString());
        body.put("prerequisites", List.of(elsewhere.achievementId().toString()));
        assertThat(t.key().put(t.path(), body).status()).isEqualTo(400);
        body.put("prerequisites", List.of(t.achievementId().toString()));
        assertThat(t.key().put(t.path(), body).status()).isEqualTo(400);
        assertThat(versions(t.achievementId())).isEqualTo(1);
    }

    @Test
    void anotherOrganizationsKeyFindsNothingAndNoKeyIsUnauthorized() {
        Target t = target("apimine");
        Target other = target("apitheirs");
        assertThat(other.key().get(t.path()).status()).isEqualTo(404);
        assertThat(other.key().put(t.path(), design()).status()).isEqualTo(404);
        String mixed = "/api/v1/organizations/" + other.program().slug() + "/achievements/" + t.achievementId() + "/earning";
        assertThat(other.key().get(mixed).status()).isEqualTo(404);
        assertThat(other.key().put(mixed, design()).status()).isEqualTo(404);
        assertThat(api().get(t.path()).status()).isEqualTo(401);
        assertThat(api().put(t.path(), design()).status()).isEqualTo(401);
        assertThat(versions(t.achievementId())).isZero();
    }

    @Test
    void theOpenApiDocumentDescribesTheEarningDesign() {
        JsonNode docs = api().get("/v3/api-docs").json();
        assertThat(docs.get("paths").has("/api/v1/organizations/{slug}/achievements/{id}/earning")).isTrue();
        JsonNode operations = docs.get("paths").get("/api/v1/organizations/{slug}/achievements/{id}/earning");
        assertThat(operations.has("get")).isTrue();
        assertThat(operations.has("put")).isTrue();
    }
}
