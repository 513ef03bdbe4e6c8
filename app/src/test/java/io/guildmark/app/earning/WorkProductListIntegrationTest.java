package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SignedInClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** The staff list of work products at scale: 60 submissions paged, searched, filtered and exported. */
class WorkProductListIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    private EarningWorld world;
    private EarningWorld.Program program;
    private UUID mentoring;
    private Api key;
    private String api;
    private String page;

    @BeforeEach
    void anAssociationWith60SubmittedWorkProducts() {
        world = new EarningWorld(context, admin(), baseUrl());
        program = world.program("work-list", EarningWorld.only(EarningWorld.submissionDefaults()));
        mentoring = world.anotherMicroCredential(program, "Mentor a New Member", EarningWorld.only(EarningWorld.submissionDefaults()));
        Instant start = Instant.parse("2026-01-01T12:00:00Z");
        for (int i = 1; i <= 60; i++) {
            UUID enrollment = UUID.randomUUID();
            UUID achievement = i > 50 ? mentoring : program.achievementId();
            String name = i == 7 ? "=cmd|' /C calc'!A0" : "Learner " + i;
            Timestamp at = Timestamp.from(start.plus(i, ChronoUnit.DAYS));
            db.sql("""
                    insert into enrollments (id, organization_id, achievement_id, design_version, email, name, state, payment, enrolled_at)
                    values (?, ?, ?, 1, ?, ?, 'active', 'none', ?)""")
                    .params(enrollment, program.organizationId(), achievement, "learner" + i + "@example.org", name, at).update();
            db.sql("""
                    insert into submissions (id, enrollment_id, organization_id, achievement_id, round, state, responses, created_at,
                      updated_at, submitted_at) values (?, ?, ?, ?, 1, ?, '{}', ?, ?, ?)""")
                    .params(UUID.randomUUID(), enrollment, program.organizationId(), achievement, i % 4 == 0 ? "meets" : "submitted", at, at, at)
                    .update();
        }
        key = api().withToken(program.apiKey());
        api = "/api/v1/organizations/" + program.slug() + "/submissions";
        page = "/organizations/" + program.slug() + "/submissions";
    }

    @Test
    void theApiPagesEveryWorkProductExactlyOnceNamingLearnerAndMicroCredential() {
        List<String> seen = new ArrayList<>();
        String next = api + "?limit=25";
        int pages = 0;
        while (next != null) {
            Api.Response response = key.get(next.replace(baseUrl(), ""));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("total").asLong()).isEqualTo(60);
            body.get("items").forEach(s -> seen.add(s.get("id").asText()));
            next = body.get("next").isNull() ? null : body.get("next").asText();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(60).doesNotHaveDuplicates();
        JsonNode newest = key.get(api + "?limit=1").json().get("items").get(0);
        assertThat(newest.get("learnerName").asText()).isEqualTo("Learner 60");
        assertThat(newest.get("achievementName").asText()).isEqualTo("Mentor a New Member");
    }

    @Test
    void filtersAndSearchNarrowTheList() {
        assertThat(total(api + "?state=meets")).isEqualTo(15);
        assertThat(total(api + "?credential=" + mentoring)).isEqualTo(10);
        assertThat(total(api + "?q=MENTOR%20a")).isEqualTo(10);
        assertThat(total(api + "?q=learner5")).isEqualTo(11);
        assertThat(total(api + "?from=2026-01-02&to=2026-01-04&sort=oldest")).isEqualTo(3);
        JsonNode byName = key.get(api + "?sort=name&q=learner%202&limit=1").json();
        assertThat(byName.get("items").get(0).get("learnerName").asText()).isEqualTo("Learner 2");
        for (String bad : List.of("?state=draft", "?state=lost", "?sort=random", "?to=2026-13-01", "?cursor=bm90LWEtY3Vyc29y")) {
            assertThat(key.get(api + bad).status()).as(bad).isEqualTo(400);
        }
        String cursor = key.get(api + "?limit=1").json().get("nextCursor").asText();
        assertThat(key.get("/api/v1/organizations/" + program.slug() + "/awards?cursor=" + cursor).json().get("code").asText())
                .as("another list's cursor").isEqualTo("cursor-invalid");
    }

    @Test
    void thePageCountsAndPagesAndTheCsvHasEveryMatchWithFormulasDisarmed() {
        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        assertThat(owner.get(page).body()).contains("Showing <span>1</span>–<span>50</span> of <span>60</span>", "Page <span>1</span> of <span>2</span>",
                "Mentor a New Member");
        assertThat(owner.get(page + "?page=2").body()).contains("Showing <span>51</span>–<span>60</span>", "learner1@example.org");
        var csv = owner.get(page + ".csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().split("\r?\n")).hasSize(61);
        assertThat(csv.body()).startsWith("submitted_at,learner_name,learner_email,micro_credential,").contains(",'=cmd|' /C calc'!A0,");
        assertThat(owner.get(page + ".csv?state=meets&credential=" + mentoring).body().split("\r?\n")).hasSize(4);
    }

    @Test
    void reviewersAndOtherOrganizationsCannotReadTheList() {
        var reviewer = world.member(program, Role.REVIEWER, "Rae Reviewer", null);
        SignedInClient asReviewer = new SignedInClient(baseUrl(), reviewer.email(), EarningWorld.PASSWORD);
        assertThat(asReviewer.get(page).status()).isEqualTo(403);
        assertThat(asReviewer.get(page + ".csv").status()).isEqualTo(403);
        var elsewhere = world.program("work-list-else", EarningWorld.onlyDemonstration());
        assertThat(api().withToken(elsewhere.apiKey()).get(api).status()).isEqualTo(404);
    }

    private long total(String path) {
        Api.Response response = key.get(path);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
        return response.json().get("total").asLong();
    }
}
