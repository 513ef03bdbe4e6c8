package io.guildmark.app.security;

import static io.guildmark.app.pathways.PathwayWorld.allOf;
import static io.guildmark.app.pathways.PathwayWorld.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.pathways.LearnerPathways;
import io.guildmark.app.pathways.Pathway;
import io.guildmark.app.pathways.PathwayWorld;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Finding: "Revoking a component leaves a stacked certificate 'Verified', and staff are not told." Revoking a
 * credential that a pathway's capstone cites as evidence now answers (on the staff page and in the API) with the
 * stacked credentials that depend on it, and offers to revoke them; once revoked they no longer verify.
 */
class RevokingAComponentTellsStaffIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired LearnerPathways learners;
    @Autowired Awards awards;
    @Autowired Accounts accounts;

    PathwayWorld world;

    @BeforeEach
    void world() {
        world = new PathwayWorld(context, admin());
    }

    record Stack(PathwayWorld.Association association, UUID component, UUID capstone) {}

    private Stack stack(String stem) {
        var a = world.association(stem);
        UUID cert = world.certificate(a, "Certified Mediator");
        UUID first = world.microCredential(a, "Listen actively", null);
        UUID second = world.microCredential(a, "Reframe a dispute", null);
        Pathway p = world.pathway(a, "Mediator path", cert, allOf("Required", step(first), step(second)));
        world.publish(a, p.id());
        var learner = world.person("Mona Mediator");
        UUID component = world.award(a, first, learner);
        // A rename before the capstone is issued: the capstone names the learner as the association's awards do.
        accounts.rename(learner.id(), "Whatever I Typed");
        world.award(a, second, learner);
        UUID capstone = learners.learner(p.id(), learner.email()).orElseThrow().awardId();
        assertThat(capstone).isNotNull();
        assertThat(awards.find(capstone).orElseThrow().recipientName()).isEqualTo("Mona Mediator");
        return new Stack(a, component, capstone);
    }

    private boolean verified(UUID awardId) {
        return api().post("/api/v1/verify/url", Map.of("url", awards.credentialUrl(awardId))).json().get("verified").asBoolean();
    }

    @Test
    void revokingAComponentOnTheStaffPageListsTheStackedCredentialAndOffersToRevokeIt() {
        Stack s = stack("stackedpage");
        assertThat(verified(s.capstone())).isTrue();
        WebSession staff = new WebSession(baseUrl());
        staff.signIn(s.association().owner().email(), PathwayWorld.PASSWORD);
        String awardsPage = "/organizations/" + s.association().slug() + "/awards";

        String after = staff.submit(awardsPage, awardsPage + "/" + s.component() + "/revoke", "reason", "Assessment was void").body();

        assertThat(after).contains("1 stacked credential depends on it").contains("id=\"dependents\"")
                .contains("data-dependent=\"" + s.capstone() + "\"").contains("Certified Mediator").contains("Revoke it too")
                .contains(awardsPage + "/" + s.capstone() + "/revoke");
        assertThat(verified(s.capstone())).as("staff decide; nothing is revoked behind their back").isTrue();

        String revoked = staff.submit(awardsPage, awardsPage + "/" + s.capstone() + "/revoke", "reason",
                "Its component credential \"Listen actively\" was revoked.").body();
        assertThat(revoked).contains("Revoked the credential of Mona Mediator");
        assertThat(verified(s.capstone())).isFalse();
    }

    @Test
    void revokingAComponentThroughTheApiAnswersWithItsDependents() {
        Stack s = stack("stackedapi");
        Api key = s.association().key();
        Api.Response response = key.post("/api/v1/awards/" + s.component() + "/revoke", Map.of("reason", "Assessment was void"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode dependents = response.json().get("dependents");
        assertThat(dependents).hasSize(1);
        assertThat(dependents.get(0).get("id").asText()).isEqualTo(s.capstone().toString());
        assertThat(dependents.get(0).get("achievementName").asText()).isEqualTo("Certified Mediator");
        assertThat(dependents.get(0).get("revokeUrl").asText()).isEqualTo("/api/v1/awards/" + s.capstone() + "/revoke");

        Api.Response second = key.post(dependents.get(0).get("revokeUrl").asText(), Map.of("reason", "A component was revoked"));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("dependents")).isEmpty();
        assertThat(verified(s.capstone())).isFalse();
    }
}
