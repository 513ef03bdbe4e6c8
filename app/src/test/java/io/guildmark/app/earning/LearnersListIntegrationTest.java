package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SignedInClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class LearnersListIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    private EarningWorld world;
    private EarningWorld.Program program;
    private SignedInClient owner;
    private String list;

    @BeforeEach
    void anAssociationWith120Enrollments() {
        world = new EarningWorld(context, admin(), baseUrl());
        program = world.program("learners-list", EarningWorld.onlyDemonstration());
        Enrollment first = world.enroll(world.person("Ann Original", null), program);
        Instant start = Instant.parse("2026-01-01T12:00:00Z");
        for (int i = 1; i <= 119; i++) {
            String name = i == 7 ? "=cmd|' /C calc'!A0" : "Learner " + i;
            db.sql("""
                    insert into enrollments (id, organization_id, achievement_id, design_version, email, name, state, payment,
                      price_minor, currency, enrolled_at)
                    select ?, organization_id, achievement_id, design_version, ?, ?, 'active', ?, ?, ?, ? from enrollments where id = ?""")
                    .params(UUID.randomUUID(), "learner" + i + "@example.org", name, i == 1 ? "due" : "none", i == 1 ? 4900L : null,
                            i == 1 ? "USD" : null, Timestamp.from(start.plus(i, ChronoUnit.DAYS)), first.id()).update();
        }
        owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        list = "/organizations/" + program.slug() + "/enrollments";
    }

    @Test
    void theListPagesFiftyAtATimeWithTheTotalNewestFirst() {
        String first = owner.get(list).body();
        assertThat(first).contains("Showing <span>1</span>–<span>50</span> of <span>120</span>", "Page <span>1</span> of <span>3</span>");
        String third = owner.get(list + "?page=3").body();
        assertThat(third).contains("Showing <span>101</span>–<span>120</span>", "learner1@example.org").doesNotContain("learner119@example.org");
        assertThat(owner.get(list + "?page=99").status()).isEqualTo(200);
    }

    @Test
    void theOldestEnrollmentWithPaymentDueCanBeFoundAndMarkedPaid() {
        String due = owner.get(list + "?payment=due").body();
        assertThat(due).contains("of <span>1</span>", "learner1@example.org", "Mark paid");
        assertThat(owner.get(list + "?q=LEARNER11&sort=name").body()).contains("of <span>11</span>", "learner110@example.org");
        assertThat(owner.get(list + "?from=2026-01-02&to=2026-01-03").body()).contains("of <span>2</span>");
        assertThat(owner.get(list + "?credential=" + program.achievementId() + "&state=active").body()).contains("of <span>120</span>");
    }

    @Test
    void badFiltersAreAReadableMessageNotAnError() {
        var bad = owner.get(list + "?from=yesterday&state=gone&credential=nope");
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("role=\"alert\"");
        assertThat(owner.get(list + "?q=" + "x".repeat(201)).body()).contains("at most 200 characters");
    }

    @Test
    void everyMatchingEnrollmentExportsAsCsvWithFormulasDisarmed() {
        var csv = owner.get(list + ".csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String body = csv.body();
        assertThat(body.split("\r?\n")).hasSize(121);
        assertThat(body).startsWith("enrolled_at,name,email,micro_credential,state,payment,price,awarded_at,credential_url")
                .contains(",'=cmd|' /C calc'!A0,", "Ann Original");
        assertThat(owner.get(list + ".csv?payment=due").body().split("\r?\n")).hasSize(2);
    }

    @Test
    void reviewersCannotOpenTheListOrItsExport() {
        var reviewer = world.member(program, Role.REVIEWER, "Rae Reviewer", null);
        SignedInClient asReviewer = new SignedInClient(baseUrl(), reviewer.email(), EarningWorld.PASSWORD);
        assertThat(asReviewer.get(list).status()).isEqualTo(403);
        assertThat(asReviewer.get(list + ".csv").status()).isEqualTo(403);
    }

    @Test
    void theApiPagesEveryEnrollmentOnceWithACursorAndTheSameFilters() {
        io.guildmark.app.support.Api key = api().withToken(program.apiKey());
        String api = "/api/v1/organizations/" + program.slug() + "/enrollments";
        java.util.List<String> seen = new java.util.ArrayList<>();
        String next = api + "?limit=50";
        while (next != null) {
            var body = key.get(next.replace(baseUrl(), "")).json();
            assertThat(body.get("total").asLong()).isEqualTo(120);
            body.get("items").forEach(e -> seen.add(e.get("id").asText()));
            next = body.get("next").isNull() ? null : body.get("next").asText();
        }
        assertThat(seen).hasSize(120).doesNotHaveDuplicates();
        var due = key.get(api + "?payment=due").json();
        assertThat(due.get("total").asLong()).isEqualTo(1);
        assertThat(due.get("items").get(0).get("email").asText()).isEqualTo("learner1@example.org");
        assertThat(due.get("items").get(0).get("achievementName").asText()).isNotBlank();
        var tampered = key.get(api + "?cursor=bm90LWEtY3Vyc29y");
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.json().get("code").asText()).isEqualTo("cursor-invalid");
        assertThat(key.get(api + "?payment=later").status()).isEqualTo(400);
        var elsewhere = world.program("learners-list-else", EarningWorld.onlyDemonstration());
        assertThat(api().withToken(elsewhere.apiKey()).get(api).status()).isEqualTo(404);
    }

    @Test
    void theNameOrderReadsTheLowerCasedNameThatBothDatabasesIndex() {
        // H2 has no indexes on lower(name): the order is the generated column name_key (V5_231), indexed on both databases.
        UUID organization = db.sql("select id from organizations where slug = ?").param(program.slug()).query(UUID.class).single();
        assertThat(db.sql("select name_key from enrollments where organization_id = ? and name = 'Ann Original'").param(organization)
                .query(String.class).list()).containsExactly("ann original");
        db.sql("update enrollments set name = 'ANN RENAMED' where organization_id = ? and name = 'Ann Original'").param(organization).update();
        assertThat(db.sql("select name_key from enrollments where organization_id = ? and name = 'ANN RENAMED'").param(organization)
                .query(String.class).list()).containsExactly("ann renamed");
        assertThat(db.sql("select count(*) from enrollments where name_key is null or name_key <> lower(name)").query(Integer.class).single()).isZero();
    }
}
