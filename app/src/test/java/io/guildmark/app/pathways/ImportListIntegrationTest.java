package io.guildmark.app.pathways;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SignedInClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Imported badges at scale: 70 imports that asked the association for recognition (50 of one external badge, some
 * declined; 20 of another, accepted as its micro-credential), and imports it may not see, paged, searched, filtered
 * and exported.
 */
class ImportListIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    private EarningWorld.Program program;
    private Api key;
    private String api;
    private String page;

    @BeforeEach
    void anAssociationAskedToRecognize70Imports() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        program = world.program("import-list", EarningWorld.onlyDemonstration());
        var elsewhere = world.program("import-else", EarningWorld.onlyDemonstration());
        key = api().withToken(program.apiKey());
        api = "/api/v1/organizations/" + program.slug() + "/imports";
        page = "/organizations/" + program.slug() + "/imports";
        db.sql("""
                insert into achievement_mappings (id, organization_id, external_issuer_id, external_achievement_id, achievement_id, decided_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), program.organizationId(), "https://other.example/issuer", "https://other.example/facilitation",
                        program.achievementId(), Timestamp.from(Instant.now())).update();
        Instant start = Instant.parse("2026-01-01T12:00:00Z");
        for (int i = 1; i <= 75; i++) {
            UUID id = UUID.randomUUID();
            boolean facilitation = i > 50 && i <= 70;
            db.sql("""
                    insert into imported_credentials (id, user_id, email, content, format, issuer_id, issuer_name, achievement_id, achievement_name,
                        verified, verdict, checked_at, recipient_match, status, created_at)
                    values (?, ?, ?, '{}', 'ob3', ?, ?, ?, ?, true, 'Verified.', ?, 'email', 'active', ?)""")
                    .params(id, program.owner().id(), "learner" + i + "@example.org", "https://other.example/issuer",
                            i == 7 ? "=cmd|' /C calc'!A0" : "Other Guild",
                            facilitation ? "https://other.example/facilitation" : "https://other.example/retros",
                            facilitation ? "Facilitation Basics" : "Retrospectives that matter",
                            Timestamp.from(start), Timestamp.from(start.plus(i, ChronoUnit.DAYS)))
                    .update();
            // 71 to 75 asked another organization only: not this one's to see.
            UUID asked = i <= 70 ? program.organizationId() : elsewhere.organizationId();
            db.sql("insert into import_recognition_requests (import_id, organization_id, requested_at, state, reason) values (?, ?, ?, ?, ?)")
                    .params(id, asked, Timestamp.from(start), i % 3 == 0 ? "declined" : "asked", i % 3 == 0 ? "Too short" : null).update();
        }
    }

    @Test
    void theApiPagesEveryVisibleImportExactlyOnceNamingTheMicroCredentialItCountsAs() {
        List<String> seen = new ArrayList<>();
        String next = api + "?limit=30";
        while (next != null) {
            Api.Response response = key.get(next.replace(baseUrl(), ""));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("total").asLong()).isEqualTo(70);
            body.get("items").forEach(r -> seen.add(r.get("id").asText()));
            next = body.get("next").isNull() ? null : body.get("next").asText();
        }
        assertThat(seen).hasSize(70).doesNotHaveDuplicates();
        JsonNode newest = key.get(api + "?limit=1").json().get("items").get(0);
        assertThat(newest.get("email").asText()).isEqualTo("learner70@example.org");
        assertThat(newest.get("decision").asText()).isEqualTo("accepted");
        assertThat(newest.get("microCredential").asText()).isEqualTo("Run a import-list retrospective");
    }

    @Test
    void filtersAndSearchNarrowTheList() {
        assertThat(total(api + "?status=accepted")).isEqualTo(20);
        assertThat(total(api + "?status=declined")).isEqualTo(16);
        assertThat(total(api + "?status=pending")).isEqualTo(34);
        assertThat(total(api + "?status=not-asked")).isZero();
        assertThat(total(api + "?credential=" + program.achievementId())).isEqualTo(20);
        assertThat(total(api + "?q=facilitation")).isEqualTo(20);
        assertThat(total(api + "?q=run%20a%20import")).as("by the name of our micro-credential").isEqualTo(20);
        assertThat(total(api + "?q=learner7")).isEqualTo(2);
        assertThat(total(api + "?from=2026-01-02&to=2026-01-03&sort=email")).isEqualTo(2);
        for (String bad : List.of("?status=maybe", "?sort=random", "?credential=nope", "?to=31-12-2026", "?limit=201")) {
            assertThat(key.get(api + bad).status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void thePageCountsAndTheCsvHasEveryMatchWithFormulasDisarmed() {
        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        String body = owner.get(page).body();
        assertThat(body).contains("Showing <span>1</span>–<span>50</span> of <span>70</span>", "50 learners hold it", "Accepted as Run a import-list");
        var csv = owner.get(page + ".csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().split("\r?\n")).hasSize(71);
        assertThat(csv.body()).startsWith("imported_at,email,external_achievement,issuer").contains("'=cmd|");
        assertThat(owner.get(page + ".csv?status=declined").body().split("\r?\n")).hasSize(17);
        assertThat(owner.get(page + ".csv?sort=sideways").status()).isEqualTo(400);
    }

    @Test
    void aTamperedCursorIsAProblemAndAnotherOrganizationCannotReadTheList() {
        String cursor = key.get(api + "?limit=10").json().get("nextCursor").asText();
        Api.Response tampered = key.get(api + "?limit=10&cursor=" + cursor + "A");
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.body()).contains("cursor-invalid");
        var elsewhere = new EarningWorld(context, admin(), baseUrl()).program("import-nosy", EarningWorld.onlyDemonstration());
        assertThat(api().withToken(elsewhere.apiKey()).get(api).status()).isEqualTo(404);
        SignedInClient stranger = new SignedInClient(baseUrl(), elsewhere.owner().email(), EarningWorld.PASSWORD);
        assertThat(stranger.get(page + ".csv").status()).isEqualTo(404);
    }

    private long total(String path) {
        Api.Response response = key.get(path);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
        return response.json().get("total").asLong();
    }
}
