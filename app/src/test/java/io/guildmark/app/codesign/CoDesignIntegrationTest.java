package io.guildmark.app.codesign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.catalog.CatalogFixture;
import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.earning.EarningDesigns;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/** An association co-designs a draft with the employer partners it shares it with, and only with them. */
@RecordApplicationEvents
class CoDesignIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired EarningDesigns earningDesigns;
    @Autowired ApplicationEvents events;

    CreditsFixture fixture;
    CreditsFixture.Association association;
    CreditsFixture.Association employer;
    UUID draft;

    @BeforeEach
    void aDraftWithARubricAndAnActivePartner() {
        fixture = new CreditsFixture(context, admin(), baseUrl());
        association = fixture.association("codesign");
        employer = fixture.employer("acme");
        fixture.partners(association, employer);
        Api.Response created = as(association).post("/api/v1/organizations/" + association.slug() + "/achievements",
                CatalogFixture.apiBody("Confined space entry"));
        assertThat(created.status()).isEqualTo(201);
        draft = UUID.fromString(created.json().get("id").asText());
        earningDesigns.save(association.owner().actor(), association.slug(), draft, new EarningDesign(fixture.world.rubric(draft), null, null,
                new EarningDesign.DemonstrationDesign("Lead an entry while an assessor observes."), null, List.of()));
    }

    Api as(CreditsFixture.Association org) {
        return api().withToken(org.apiKey());
    }

    String coDesign(CreditsFixture.Association org) {
        return "/api/v1/organizations/" + org.slug() + "/co-design/" + draft;
    }

    void share(CreditsFixture.Association... partners) {
        List<String> slugs = new ArrayList<>();
        for (CreditsFixture.Association p : partners) slugs.add(p.slug());
        Api.Response shared = as(association).post(coDesign(association) + "/shares", Map.of("employers", slugs));
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
    }

    @Test
    void aPartnerCommentsInPlaceMentionsTheDesignerWhoRepliesAndEitherSideResolves() {
        assertThat(as(employer).get(coDesign(employer)).status()).as("not shared yet").isEqualTo(404);
        share(employer);
        Mailbox.await(employer.owner().email(), "asks for your review");
        assertThat(as(employer).get("/api/v1/organizations/" + employer.slug() + "/co-design").json().get("total").asLong()).isEqualTo(1);

        JsonNode review = as(employer).get(coDesign(employer)).json();
        List<String> anchors = new ArrayList<>();
        review.get("parts").forEach(p -> anchors.add(p.get("anchor").asText()));
        assertThat(anchors).containsExactly("description", "criteria", "rubric:facilitation", "rubric:actions", "alignment:0");

        EarningWorld.Person designer = fixture.member(association, Role.DESIGNER, "Dana Designer");
        Api.Response comment = as(employer).post(coDesign(employer) + "/comments", Map.of("anchor", "rubric:facilitation",
                "body", "Add the atmosphere test before entry. @" + designer.email() + " can you look?"));
        assertThat(comment.status()).as(comment.body()).isEqualTo(201);
        assertThat(comment.json().get("mentions").get(0).get("name").asText()).isEqualTo("Dana Designer");
        Mailbox.Mail mail = Mailbox.await(designer.email(), "mentioned you");
        assertThat(mail.body()).contains("atmosphere test", "/organizations/" + association.slug() + "/co-design/" + draft);

        String thread = comment.json().get("id").asText();
        Api.Response reply = as(association).post(coDesign(association) + "/comments", Map.of("parentId", thread,
                "body", "Good point, added to the criterion.", "mentions", List.of()));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("anchor").asText()).isEqualTo("rubric:facilitation");
        assertThat(as(employer).get(coDesign(employer) + "/comments?unresolved=true").json().get("total").asLong()).isEqualTo(1);

        assertThat(as(association).post(coDesign(association) + "/comments/" + thread + "/resolve", Map.of()).json().get("resolved").asBoolean())
                .isTrue();
        assertThat(as(employer).get(coDesign(employer) + "/comments?unresolved=true").json().get("total").asLong()).isZero();
        JsonNode all = as(employer).get(coDesign(employer) + "/comments").json();
        assertThat(all.get("total").asLong()).isEqualTo(1);
        assertThat(all.get("items").get(0).get("replies").get(0).get("body").asText()).contains("Good point");
        assertThat(as(employer).post(coDesign(employer) + "/comments/" + thread + "/reopen", Map.of()).json().get("resolved").asBoolean())
                .as("either side").isFalse();

        // Bad input: too long, a part the draft does not have, someone who cannot see the draft, a malformed id.
        assertThat(as(employer).post(coDesign(employer) + "/comments", Map.of("anchor", "description", "body", "x".repeat(4001))).status())
                .isEqualTo(400);
        assertThat(as(employer).post(coDesign(employer) + "/comments", Map.of("anchor", "alignment:7", "body", "Which one?")).status())
                .isEqualTo(400);
        EarningWorld.Person stranger = fixture.world.person("Sam Stranger", null);
        assertThat(as(employer).post(coDesign(employer) + "/comments", Map.of("anchor", "description", "body", "Hi",
                "mentions", List.of(stranger.id()))).status()).isEqualTo(400);
        assertThat(as(employer).post(coDesign(employer) + "/comments", Map.of("anchor", "description", "body", "Hi",
                "mentions", List.of("not-an-id"))).status()).isEqualTo(400);
        assertThat(db.sql("select count(*) from codesign_comments where achievement_id = ?").param(draft).query(Long.class).single())
                .as("nothing half-written").isEqualTo(2);
        assertThat(db.sql("select count(*) from audit_entries where organization_id = ? and action like 'codesign.%'")
                .param(association.id()).query(Long.class).single()).isGreaterThanOrEqualTo(5);
        assertThat(db.sql("select count(*) from audit_entries where organization_id = ? and action = 'codesign.commented'")
                .param(employer.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theDesignerAcceptsAProposalThroughTheCatalogAndDeclinesOneThatIsOutdated() {
        share(employer);
        Api.Response description = as(employer).post(coDesign(employer) + "/proposals", Map.of("field", "description",
                "text", "Plan, test the atmosphere and document a safe confined-space entry.", "reason", "Testing is the step most often skipped."));
        assertThat(description.status()).as(description.body()).isEqualTo(201);
        assertThat(as(association).post(coDesign(association) + "/proposals/" + description.json().get("id").asText() + "/accept", Map.of())
                .json().get("state").asText()).isEqualTo("accepted");
        assertThat(as(association).get("/api/v1/organizations/" + association.slug() + "/achievements/" + draft).json().get("description").asText())
                .isEqualTo("Plan, test the atmosphere and document a safe confined-space entry.");

        String first = as(employer).post(coDesign(employer) + "/proposals", Map.of("field", "criteria", "text", "Pass the observed entry.")).json()
                .get("id").asText();
        String second = as(employer).post(coDesign(employer) + "/proposals", Map.of("field", "criteria", "text", "Pass the quiz and the entry.")).json()
                .get("id").asText();
        as(association).post(coDesign(association) + "/proposals/" + first + "/accept", Map.of());
        JsonNode proposals = as(association).get(coDesign(association) + "/proposals").json();
        assertThat(proposals.get("total").asLong()).isEqualTo(3);
        JsonNode outdated = null;
        for (JsonNode p : proposals.get("items")) if (p.get("id").asText().equals(second)) outdated = p;
        assertThat(outdated.get("outdated").asBoolean()).isTrue();
        assertThat(as(association).post(coDesign(association) + "/proposals/" + second + "/accept", Map.of()).status()).isEqualTo(409);
        Api.Response declined = as(association).post(coDesign(association) + "/proposals/" + second + "/decline", Map.of("note", "Already changed."));
        assertThat(declined.json().get("state").asText()).isEqualTo("declined");
        assertThat(declined.json().get("note").asText()).isEqualTo("Already changed.");

        Api.Response criterion = as(employer).post(coDesign(employer) + "/proposals", Map.of("field", "rubric:facilitation", "text", "Entry supervision"));
        as(association).post(coDesign(association) + "/proposals/" + criterion.json().get("id").asText() + "/accept", Map.of());
        assertThat(earningDesigns.latest(draft).orElseThrow().design().rubric().criterion("facilitation").name()).isEqualTo("Entry supervision");

        // Proposals come from partners, within bounds, for fields the draft has; the catalog's own rules still hold.
        assertThat(as(association).post(coDesign(association) + "/proposals", Map.of("field", "criteria", "text", "x")).status()).isEqualTo(403);
        assertThat(as(employer).post(coDesign(employer) + "/proposals", Map.of("field", "name", "text", "x")).status()).isEqualTo(400);
        assertThat(as(employer).post(coDesign(employer) + "/proposals", Map.of("field", "criteria", "text", "x".repeat(10_001))).status())
                .isEqualTo(400);
        assertThat(as(employer).post(coDesign(employer) + "/proposals", Map.of("field", "rubric:missing", "text", "x")).status()).isEqualTo(400);
        assertThat(as(association).post(coDesign(association) + "/proposals/" + second + "/accept", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void aSignOffBeforeALaterChangeIsForAnEarlierRevisionAndOnlyPartnersThatSignedThePublishedOneAreNamed() {
        CreditsFixture.Association late = fixture.employer("lateco");
        fixture.partners(association, late);
        share(employer, late);

        String revision = as(employer).get(coDesign(employer)).json().get("revision").asText();
        Api.Response signed = as(employer).post(coDesign(employer) + "/sign-off", Map.of("revision", revision));
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(signed.json().get("current").asBoolean()).isTrue();

        Map<String, Object> changed = new java.util.HashMap<>(CatalogFixture.apiBody("Confined space entry"));
        changed.put("description", "Plan and document a safe confined-space entry, with a rescue plan.");
        assertThat(as(association).put("/api/v1/organizations/" + association.slug() + "/achievements/" + draft, changed).status()).isEqualTo(200);

        JsonNode signOffs = as(association).get(coDesign(association) + "/sign-offs").json();
        assertThat(signOffs.get("total").asLong()).isEqualTo(1);
        assertThat(signOffs.get("items").get(0).get("current").asBoolean()).as("for an earlier revision").isFalse();
        assertThat(as(late).post(coDesign(late) + "/sign-off", Map.of("revision", revision)).status()).as("a stale page").isEqualTo(409);
        String current = as(late).get(coDesign(late)).json().get("revision").asText();
        assertThat(current).isNotEqualTo(revision);
        assertThat(as(late).post(coDesign(late) + "/sign-off", Map.of("revision", current)).status()).isEqualTo(200);
        assertThat(as(association).post(coDesign(association) + "/sign-off", Map.of()).status()).as("designers do not sign off").isEqualTo(403);

        // Published in this thread, so the recorded events include the ones published inside the publication.
        context.getBean(Achievements.class).publish(association.owner().actor(), association.slug(), draft);
        String page = api().get("/achievements/" + draft, "text/html").body();
        assertThat(page).contains("co-designers", late.slug()).doesNotContain("/issuers/" + employer.slug() + "\"");
        JsonNode entry = api().get("/api/v1/catalog/" + draft).json();
        assertThat(entry.get("coDesigners")).hasSize(1);
        assertThat(entry.get("coDesigners").get(0).get("slug").asText()).isEqualTo(late.slug());
        assertThat(events.stream(CoDesignSignedOff.class).filter(e -> e.achievementId().equals(draft)).toList())
                .singleElement().satisfies(e -> {
                    assertThat(e.employerId()).isEqualTo(late.id());
                    assertThat(e.version()).isEqualTo(1);
                    assertThat(e.revisionHash()).isEqualTo(current);
                });
        // The OB 3.0 record of it: an endorsement signed by the co-designer, which credentials issued afterwards carry.
        assertThat(db.sql("select statement from endorsements where achievement_id = ? and employer_id = ? and kind = 'co-design'")
                .params(draft, late.id()).query(String.class).list()).singleElement().asString().contains("version 1");
    }

    @Test
    void outsidersPartnersItWasNotSharedWithAndPartnersThatEndedThePartnershipSeeNothing() {
        CreditsFixture.Association unshared = fixture.employer("notshared");
        fixture.partners(association, unshared);
        CreditsFixture.Association otherAssociation = fixture.association("elsewhere");
        share(employer);

        assertThat(as(unshared).get(coDesign(unshared)).status()).isEqualTo(404);
        assertThat(as(unshared).post(coDesign(unshared) + "/comments", Map.of("anchor", "description", "body", "Hi")).status()).isEqualTo(404);
        assertThat(as(unshared).get("/api/v1/organizations/" + unshared.slug() + "/co-design").json().get("total").asLong()).isZero();
        assertThat(as(otherAssociation).get(coDesign(otherAssociation)).status()).isEqualTo(404);
        assertThat(as(otherAssociation).get(coDesign(employer)).status()).as("another organization's slug").isEqualTo(404);
        assertThat(api().get(coDesign(employer)).status()).isIn(401, 404);
        assertThat(as(employer).post(coDesign(employer) + "/shares", Map.of("employers", List.of(unshared.slug()))).status())
                .as("partners do not share").isEqualTo(403);
        assertThat(as(association).post(coDesign(association) + "/shares", Map.of("employers", List.of(otherAssociation.slug()))).status())
                .as("only active partners").isEqualTo(400);

        // The pages answer the same: a readable message for bad input, "not found" for an outsider.
        WebSession partner = new WebSession(baseUrl());
        partner.signIn(employer.owner().email(), EarningWorld.PASSWORD);
        String reviewPage = "/organizations/" + employer.slug() + "/co-design/" + draft;
        assertThat(partner.get(reviewPage).body()).contains("Sign off this revision", "Confined space entry");
        WebSession.Page refused = partner.submit(reviewPage, reviewPage + "/comments", "anchor", "description", "body", "x".repeat(4001));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("Keep a comment to 4,000 characters or fewer.");
        WebSession outsider = new WebSession(baseUrl());
        outsider.signIn(unshared.owner().email(), EarningWorld.PASSWORD);
        assertThat(outsider.get("/organizations/" + unshared.slug() + "/co-design/" + draft).status()).isEqualTo(404);
        assertThat(outsider.get(reviewPage).status()).isEqualTo(404);

        String partnership = as(employer).get("/api/v1/organizations/" + employer.slug() + "/partners").json().get("items").get(0).get("id").asText();
        assertThat(as(employer).post(coDesign(employer) + "/comments", Map.of("anchor", "criteria", "body", "Before we leave")).status()).isEqualTo(201);
        assertThat(as(employer).post("/api/v1/organizations/" + employer.slug() + "/partners/" + partnership + "/end", Map.of()).status())
                .isEqualTo(200);
        assertThat(as(employer).get(coDesign(employer)).status()).isEqualTo(404);
        assertThat(as(employer).get(coDesign(employer) + "/comments").status()).isEqualTo(404);
        assertThat(as(employer).post(coDesign(employer) + "/sign-off", Map.of()).status()).isEqualTo(404);
        assertThat(as(employer).get("/api/v1/organizations/" + employer.slug() + "/co-design").json().get("total").asLong()).isZero();
        assertThat(as(association).get(coDesign(association)).json().get("shares").get(0).get("active").asBoolean()).isFalse();
    }
}
