package io.guildmark.app.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

class RosterIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    private String slug;
    private Api key;

    @BeforeEach
    void anAssociationWithAnApiKey() {
        slug = Fixtures.createOrganization(admin(), "roster");
        key = api().withToken(Fixtures.createApiKey(admin(), slug));
    }

    @Test
    void anAssociationManagementSystemCreatesAndUpdatesAMemberByMemberNumber() {
        Api.Response created = key.put(roster("M-1001"), Map.of("name", "Ada Member", "emails", List.of("Ada@Example.org", "ada.work@example.org"),
                "status", "active", "memberType", "professional", "expiresOn", "2027-06-30"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/members/roster/M-1001");
        assertThat(texts(created.json().get("emails"))).containsExactlyInAnyOrder("ada@example.org", "ada.work@example.org");

        Api.Response same = key.put(roster("M-1001"), Map.of("name", "Ada Member", "emails", List.of("ada.work@example.org", "ada@example.org"),
                "status", "active", "memberType", "professional", "expiresOn", "2027-06-30"));
        assertThat(same.status()).isEqualTo(200);

        Api.Response lapsed = key.put(roster("M-1001"), Map.of("name", "Ada Member", "emails", List.of("ada@example.org"), "status", "lapsed"));
        assertThat(lapsed.status()).isEqualTo(200);
        assertThat(lapsed.json().get("status").asText()).isEqualTo("lapsed");
        assertThat(lapsed.json().get("activeToday").asBoolean()).isFalse();
        assertThat(texts(key.get(roster("M-1001")).json().get("emails"))).containsExactly("ada@example.org");

        assertThat(key.delete(roster("M-1001")).status()).isEqualTo(204);
        assertThat(key.get(roster("M-1001")).status()).isEqualTo(404);
    }

    @Test
    void aBatchIsCheckedWholeAndOneBadEntryStoresNothing() {
        Api.Response bad = key.post(roster(), Map.of("members", List.of(
                member("B-1", "Bea One", "bea@example.org"),
                member("B-2", "Ben Two", "not-an-address"),
                member("B-1", "Bea Again", "bea2@example.org"),
                Map.of("memberNumber", "B 4", "name", "", "status", "retired", "expiresOn", "31/12/2027"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsString("field")).contains("members[1].emails[0]", "members[2].memberNumber",
                "members[3].memberNumber", "members[3].name", "members[3].status", "members[3].expiresOn");
        assertThat(key.get(roster() + "?limit=10").json().get("total").asLong()).isZero();

        Api.Response good = key.post(roster(), Map.of("members", List.of(member("B-1", "Bea One", "bea@example.org"),
                member("B-2", "Ben Two", "ben@example.org"))));
        assertThat(good.status()).as(good.body()).isEqualTo(200);
        assertThat(good.json().get("created").asInt()).isEqualTo(2);
        Api.Response again = key.post(roster(), Map.of("members", List.of(member("B-1", "Bea One", "bea@example.org"),
                member("B-2", "Ben Second", "ben@example.org"))));
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(1);
        assertThat(again.json().get("updated").asInt()).isEqualTo(1);

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) tooMany.add(member("T-" + i, "Tom " + i, "t" + i + "@example.org"));
        assertThat(key.post(roster(), Map.of("members", tooMany)).status()).isEqualTo(400);
    }

    @Test
    void theRosterPagesWithACursorATotalSearchAndFilters() {
        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 1; i <= 7; i++) members.add(member("P-00" + i, "Pat Page " + i, "pat" + i + "@example.org"));
        Map<String, Object> lapsed = new HashMap<>(member("P-008", "Lapsed Lee", "lee@example.org"));
        lapsed.put("status", "lapsed");
        members.add(lapsed);
        assertThat(key.post(roster(), Map.of("members", members)).status()).isEqualTo(200);

        List<String> seen = new ArrayList<>();
        String next = roster() + "?limit=3";
        int pages = 0;
        while (next != null) {
            JsonNode page = key.get(next).json();
            assertThat(page.get("total").asLong()).isEqualTo(8);
            page.get("items").forEach(m -> seen.add(m.get("memberNumber").asText()));
            next = page.hasNonNull("next") ? page.get("next").asText() : null;
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("P-001", "P-002", "P-003", "P-004", "P-005", "P-006", "P-007", "P-008");

        assertThat(key.get(roster() + "?q=PAT5@example").json().get("total").asLong()).isEqualTo(1);
        assertThat(key.get(roster() + "?q=lee").json().get("items").get(0).get("memberNumber").asText()).isEqualTo("P-008");
        assertThat(key.get(roster() + "?status=lapsed").json().get("total").asLong()).isEqualTo(1);
        assertThat(key.get(roster() + "?q=100%25").json().get("total").asLong()).isZero();

        Api.Response tampered = key.get(roster() + "?cursor=bm90LWEtY3Vyc29y");
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.json().get("code").asText()).isEqualTo("cursor-invalid");
        assertThat(key.get(roster() + "?status=retired").status()).isEqualTo(400);
        assertThat(key.get(roster() + "?limit=0").status()).isEqualTo(400);
    }

    @Test
    void anotherOrganizationNeverSeesOrChangesThisRoster() {
        assertThat(key.put(roster("X-1"), Map.of("name", "Xavier", "emails", List.of("x@example.org"))).status()).isEqualTo(201);
        String other = Fixtures.createOrganization(admin(), "other-roster");
        Api otherKey = api().withToken(Fixtures.createApiKey(admin(), other));
        assertThat(otherKey.get(roster("X-1")).status()).isEqualTo(404);
        assertThat(otherKey.get(roster()).status()).isEqualTo(404);
        assertThat(otherKey.put(roster("X-1"), Map.of("name", "Mallory")).status()).isEqualTo(404);
        assertThat(otherKey.post(roster(), Map.of("members", List.of(member("X-2", "Mallory", "m@example.org")))).status()).isEqualTo(404);
        assertThat(otherKey.delete(roster("X-1")).status()).isEqualTo(404);
        assertThat(api().get(roster()).status()).isEqualTo(401);
        assertThat(key.get(roster("X-1")).json().get("name").asText()).isEqualTo("Xavier");
    }

    @Test
    void activeMembersOnTheRosterPayTheMemberPriceAndStaffRolesDoNot() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var program = world.program("priced-roster", EarningWorld.onlyDemonstration());
        db.sql("update achievement_versions set definition = replace(definition, '\"currency\"', '\"memberPrice\":1900,\"nonMemberPrice\":4900,\"currency\"') where achievement_id = ?")
                .param(program.achievementId()).update();
        Api programKey = api().withToken(program.apiKey());
        String rosterOfProgram = "/api/v1/organizations/" + program.slug() + "/members/roster";

        var member = world.person("Mira Member", null);
        assertThat(programKey.put(rosterOfProgram + "/R-1", Map.of("name", "Mira Member", "emails", List.of(member.email()))).status()).isEqualTo(201);
        assertThat(world.enroll(member, program).price()).isEqualTo("19.00 USD");

        var lapsed = world.person("Lars Lapsed", null);
        programKey.put(rosterOfProgram + "/R-2", Map.of("name", "Lars Lapsed", "emails", List.of(lapsed.email()), "status", "lapsed"));
        assertThat(world.enroll(lapsed, program).price()).isEqualTo("49.00 USD");

        var expired = world.person("Eve Expired", null);
        programKey.put(rosterOfProgram + "/R-3", Map.of("name", "Eve Expired", "emails", List.of(expired.email()), "expiresOn", "2020-01-01"));
        assertThat(world.enroll(expired, program).price()).isEqualTo("49.00 USD");

        var staff = world.member(program, Role.REVIEWER, "Sam Staff", null);
        Enrollment staffEnrollment = world.enroll(staff, program);
        assertThat(staffEnrollment.price()).as("a staff role is not a membership").isEqualTo("49.00 USD");
    }

    @Test
    void aMemberPaysThePriceOfTheirMemberTypeAndABadPriceListChangesNothing() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var program = world.program("typed-prices", EarningWorld.onlyDemonstration());
        db.sql("update achievement_versions set definition = replace(definition, '\"currency\"', '\"memberPrice\":1900,\"nonMemberPrice\":4900,\"currency\"') where achievement_id = ?")
                .param(program.achievementId()).update();
        Api programKey = api().withToken(program.apiKey());
        String rosterOfProgram = "/api/v1/organizations/" + program.slug() + "/members/roster";
        String prices = "/api/v1/organizations/" + program.slug() + "/achievements/" + program.achievementId() + "/member-type-prices";

        Api.Response saved = programKey.put(prices, Map.of("prices", Map.of("Student", "9.50", "retired", "0")));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("prices").get("student").asLong()).as("types are kept in lower case").isEqualTo(950);

        var student = world.person("Stu Student", null);
        programKey.put(rosterOfProgram + "/T-1", Map.of("name", "Stu Student", "emails", List.of(student.email()), "memberType", "STUDENT"));
        assertThat(world.enroll(student, program).price()).isEqualTo("9.50 USD");

        var retired = world.person("Rita Retired", null);
        programKey.put(rosterOfProgram + "/T-2", Map.of("name", "Rita Retired", "emails", List.of(retired.email()), "memberType", "retired"));
        assertThat(world.enroll(retired, program).payment()).as("a price of 0 is free").isEqualTo(Enrollment.Payment.NONE);

        var regular = world.person("Reg Regular", null);
        programKey.put(rosterOfProgram + "/T-3", Map.of("name", "Reg Regular", "emails", List.of(regular.email()), "memberType", "regular"));
        assertThat(world.enroll(regular, program).price()).as("a type without its own price pays the member price").isEqualTo("19.00 USD");

        var lapsedStudent = world.person("Lapsed Student", null);
        programKey.put(rosterOfProgram + "/T-4", Map.of("name", "Lapsed Student", "emails", List.of(lapsedStudent.email()),
                "memberType", "student", "status", "lapsed"));
        assertThat(world.enroll(lapsedStudent, program).price()).as("only members in good standing").isEqualTo("49.00 USD");

        Map<String, String> bad = new HashMap<>();
        bad.put("student", "-1");
        bad.put("x".repeat(65), "1");
        bad.put("retired", "9.505");
        Api.Response refused = programKey.put(prices, Map.of("prices", bad));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("cannot be negative").contains("64 characters").contains("49.50");
        assertThat(programKey.get(prices).json().get("prices").get("student").asLong()).as("nothing changed").isEqualTo(950);

        String other = Fixtures.createOrganization(admin(), "typed-other");
        Api intruder = api().withToken(Fixtures.createApiKey(admin(), other));
        assertThat(intruder.get(prices).status()).isEqualTo(404);
        assertThat(intruder.put(prices, Map.of("prices", Map.of("student", "0"))).status()).isEqualTo(404);
    }

    private String roster() {
        return "/api/v1/organizations/" + slug + "/members/roster";
    }

    private String roster(String memberNumber) {
        return roster() + "/" + memberNumber;
    }

    private static Map<String, Object> member(String number, String name, String email) {
        return Map.of("memberNumber", number, "name", name, "emails", List.of(email));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }
}
