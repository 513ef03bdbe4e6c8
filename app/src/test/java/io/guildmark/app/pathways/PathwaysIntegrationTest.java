package io.guildmark.app.pathways;

import static io.guildmark.app.pathways.PathwayWorld.allOf;
import static io.guildmark.app.pathways.PathwayWorld.atLeast;
import static io.guildmark.app.pathways.PathwayWorld.credits;
import static io.guildmark.app.pathways.PathwayWorld.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Issuers;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.OutsideVerifier;
import io.guildmark.app.support.WebSession;
import io.guildmark.credentials.verify.VerificationReport;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

class PathwaysIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Pathways pathways;
    @Autowired LearnerPathways learners;
    @Autowired Eligibilities eligibilities;
    @Autowired PathwayAnalytics analytics;
    @Autowired Awards awards;
    @Autowired GuildmarkSettings settings;

    PathwayWorld world;

    @BeforeEach
    void world() {
        world = new PathwayWorld(context, admin());
    }

    // ---- Design -----------------------------------------------------------------------------------------------------

    @Test
    void anIncompleteTreeIsNotPublishedAndSaysWhichGroupIsEmpty() {
        var a = world.association("empty");
        UUID cert = world.certificate(a, "Certified Facilitator");
        Pathway p = world.pathway(a, "Facilitator path", cert, allOf("Core", step(world.microCredential(a, "Open a meeting", null)),
                atLeast("Electives", 1)));
        long versions = count("pathway_versions");
        assertThatThrownBy(() -> world.publish(a, p.id())).isInstanceOf(Problem.class).hasMessageContaining("\"Electives\" is empty");
        assertThat(count("pathway_versions")).isEqualTo(versions);
        assertThat(pathways.get(a.owner().actor(), a.slug(), p.id()).status()).isEqualTo(Pathway.Status.DRAFT);
    }

    @Test
    void theCapstoneCannotBeItsOwnStepAndARefusedEditChangesNothing() {
        var a = world.association("capstone");
        UUID cert = world.certificate(a, "Certified Planner");
        UUID step = world.microCredential(a, "Plan a sprint", null);
        Pathway p = world.pathway(a, "Planner path", cert, allOf("Core", step(step)));
        String before = RuleTree.write(p.rules());
        assertThatThrownBy(() -> pathways.editRules(a.owner().actor(), a.slug(), p.id(), new RuleTree.AddStep("", cert)))
                .isInstanceOf(Problem.class).hasMessageContaining("cannot also be one of its steps");
        assertThat(RuleTree.write(pathways.get(a.owner().actor(), a.slug(), p.id()).rules())).isEqualTo(before);
    }

    @Test
    void stepsMustBelongToTheOrganizationAndTreesHaveLimits() {
        var a = world.association("limits");
        var other = world.association("elsewhere");
        UUID foreign = world.microCredential(other, "Someone else's badge", null);
        UUID cert = world.certificate(a, "Certified Limits");
        Pathway p = world.pathway(a, "Limits path", cert, allOf("Core", step(world.microCredential(a, "A first step", null))));
        assertThatThrownBy(() -> pathways.editRules(a.owner().actor(), a.slug(), p.id(), new RuleTree.AddStep("", foreign)))
                .isInstanceOf(Problem.class).hasMessageContaining("of this organization");
        // Nest groups down to the limit: the root and four levels below it hold steps five deep.
        String path = "";
        for (int level = 1; level <= 3; level++) {
            pathways.editRules(a.owner().actor(), a.slug(), p.id(), new RuleTree.AddGroup(path, new RuleTree.AllOf("Level " + level, List.of())));
            path = path.isEmpty() ? "1" : path + ".0";
        }
        String deepest = path;
        pathways.editRules(a.owner().actor(), a.slug(), p.id(), new RuleTree.AddStep(deepest, world.microCredential(a, "Deep step", null)));
        assertThatThrownBy(() -> pathways.editRules(a.owner().actor(), a.slug(), p.id(),
                new RuleTree.AddGroup(deepest, new RuleTree.AllOf("Too deep", List.of())))).isInstanceOf(Problem.class)
                .hasMessageContaining("nest at most");
    }

    @Test
    void anotherOrganizationsStaffCannotSeeOrChangeThePathway() {
        var a = world.association("private");
        var b = world.association("nosy");
        UUID cert = world.certificate(a, "Certified Private");
        Pathway p = world.pathway(a, "Private path", cert, allOf("Core", step(world.microCredential(a, "Keep a secret", null))));
        assertThatThrownBy(() -> pathways.get(b.owner().actor(), a.slug(), p.id())).isInstanceOf(Problem.class)
                .extracting(e -> ((Problem) e).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        assertThatThrownBy(() -> pathways.get(b.owner().actor(), b.slug(), p.id())).isInstanceOf(Problem.class)
                .extracting(e -> ((Problem) e).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        assertThatThrownBy(() -> pathways.publish(b.owner().actor(), b.slug(), p.id())).isInstanceOf(Problem.class)
                .extracting(e -> ((Problem) e).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        var learner = world.person("Lara Looker");
        assertThatThrownBy(() -> pathways.get(learner.actor(), a.slug(), p.id())).isInstanceOf(Problem.class);
    }

    // ---- Versions and learners -------------------------------------------------------------------------------------

    @Test
    void learnersStayOnTheVersionTheyStartedUnlessTheyMove() {
        var a = world.association("versions");
        UUID cert = world.certificate(a, "Certified Versioner");
        UUID one = world.microCredential(a, "Step one", null);
        UUID two = world.microCredential(a, "Step two", null);
        UUID three = world.microCredential(a, "Step three", null);
        Pathway p = world.pathway(a, "Version path", cert, allOf("Core", step(one), step(two)));
        assertThat(world.publish(a, p.id()).version()).isEqualTo(1);
        var early = world.person("Erin Early");
        var mover = world.person("Mo Mover");
        assertThat(learners.start(early.actor(), p.id()).version()).isEqualTo(1);
        learners.start(mover.actor(), p.id());

        pathways.editRules(a.owner().actor(), a.slug(), p.id(), new RuleTree.AddStep("", three));
        assertThat(world.publish(a, p.id()).version()).isEqualTo(2);
        assertThatThrownBy(() -> world.publish(a, p.id())).isInstanceOf(Problem.class).hasMessageContaining("already published");
        var late = world.person("Lou Late");
        assertThat(learners.start(late.actor(), p.id()).version()).isEqualTo(2);
        assertThat(learners.moveToNewest(mover.actor(), p.id()).version()).isEqualTo(2);

        for (var learner : List.of(early, late, mover)) {
            world.award(a, one, learner);
            world.award(a, two, learner);
        }
        assertThat(learners.learner(p.id(), early.email()).orElseThrow().completed()).as("version 1 needs steps one and two").isTrue();
        assertThat(learners.learner(p.id(), late.email()).orElseThrow().completed()).as("version 2 also needs step three").isFalse();
        assertThat(learners.learner(p.id(), mover.email()).orElseThrow().completed()).isFalse();
        Standing late2 = learners.standing(p.id(), java.util.Optional.of(late.actor()));
        assertThat(late2.percent()).isEqualTo(66);
        assertThat(late2.next().achievementId()).isEqualTo(three);
    }

    @Test
    void finishingTheRulesAwardsTheCertificateOnceWithEveryComponentAsVerifiableEvidence() throws Exception {
        var a = world.association("stack");
        UUID cert = world.certificate(a, "Certified Retrospective Facilitator");
        UUID core = world.microCredential(a, "Run a retrospective", null);
        UUID elective1 = world.microCredential(a, "Coach a team", null);
        UUID elective2 = world.microCredential(a, "Measure flow", null);
        Pathway p = world.pathway(a, "Retrospective facilitator", cert, allOf("Required", step(core),
                atLeast("Electives", 1, step(elective1), step(elective2))));
        world.publish(a, p.id());
        var learner = world.person("Stacy Stacker");

        UUID coreAward = world.award(a, core, learner);
        Learner onIt = learners.learner(p.id(), learner.email()).orElseThrow();
        assertThat(onIt.startedBy()).as("earning a step puts the learner on the pathway").isEqualTo("holding");
        assertThat(onIt.completed()).isFalse();
        UUID electiveAward = world.award(a, elective1, learner);

        Learner done = learners.learner(p.id(), learner.email()).orElseThrow();
        assertThat(done.completed()).isTrue();
        assertThat(done.awardId()).isNotNull();
        world.award(a, elective2, learner);
        assertThat(db.sql("select count(*) from awards where achievement_id = ? and recipient_email = ?").params(cert, learner.email())
                .query(Long.class).single()).as("awarded once").isEqualTo(1);

        Api.Response fetched = api().get("/credentials/" + done.awardId(), "application/vc+ld+json");
        JsonObject credential = Json.createReader(new StringReader(fetched.body())).readObject();
        JsonArray evidence = credential.getJsonArray("evidence");
        assertThat(evidence).hasSize(2);
        assertThat(evidence.getJsonObject(0).getString("id")).isEqualTo(awards.credentialUrl(coreAward));
        assertThat(evidence.getJsonObject(0).getString("name")).isEqualTo("Run a retrospective");
        assertThat(evidence.getJsonObject(0).getString("narrative")).contains("Guild of stack", Issuers.did(settings, a.slug()));
        assertThat(evidence.getJsonObject(1).getString("id")).isEqualTo(awards.credentialUrl(electiveAward));

        OutsideVerifier outside = new OutsideVerifier();
        VerificationReport report = outside.verifier.verify(fetched.body().getBytes(StandardCharsets.UTF_8), "application/vc+ld+json", learner.email());
        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        for (int i = 0; i < evidence.size(); i++) {
            // A verifier follows each component's URL and checks it too.
            String component = api().get(evidence.getJsonObject(i).getString("id"), "application/vc+ld+json").body();
            assertThat(outside.verifier.verify(component.getBytes(StandardCharsets.UTF_8), "application/vc+ld+json", learner.email()).verified()).isTrue();
        }
        io.guildmark.app.support.Holders.acceptAndMakePublic(context, done.awardId()); // pending badges are private
        assertThat(api().get("/credentials/" + done.awardId(), "text/html").body()).contains("Run a retrospective", "Coach a team");
        assertThat(Mailbox.await(learner.email(), "You earned Certified Retrospective Facilitator").body()).contains("/claim/");
    }

    @Test
    void aPathwayPublishedAfterTheLearnerQualifiedAwardsThemToo() {
        var a = world.association("retro");
        UUID cert = world.certificate(a, "Certified Retro");
        UUID one = world.microCredential(a, "Earlier step", null);
        var learner = world.person("Reta Retro");
        world.award(a, one, learner);
        Pathway p = world.pathway(a, "Retro path", cert, allOf("Core", step(one)));
        world.publish(a, p.id());
        assertThat(learners.learner(p.id(), learner.email()).orElseThrow().completed()).isTrue();
    }

    @Test
    void stepsAreInProgressWhileEnrolledAndLockedWhileAPrerequisiteIsMissing() {
        var a = world.association("states");
        UUID cert = world.certificate(a, "Certified States");
        UUID basics = world.microCredential(a, "Basics", null);
        UUID advanced = world.microCredential(a, "Advanced", null);
        var designs = context.getBean(io.guildmark.app.earning.EarningDesigns.class);
        designs.save(a.owner().actor(), a.slug(), basics, new io.guildmark.app.earning.model.EarningDesign(null, null, null, null,
                new io.guildmark.app.earning.model.EarningDesign.CompletionDesign("BASICS-101"), List.of()));
        designs.save(a.owner().actor(), a.slug(), advanced, new io.guildmark.app.earning.model.EarningDesign(null, null, null, null,
                new io.guildmark.app.earning.model.EarningDesign.CompletionDesign("ADVANCED-201"), List.of(basics)));
        Pathway p = world.pathway(a, "States path", cert, allOf("Core", step(basics), step(advanced)));
        world.publish(a, p.id());
        var learner = world.person("Sia States");
        learners.start(learner.actor(), p.id());
        context.getBean(io.guildmark.app.earning.Enrollments.class).enroll(learner.actor(), basics);

        Standing standing = learners.standing(p.id(), java.util.Optional.of(learner.actor()));
        assertThat(standing.step(basics).orElseThrow().state()).isEqualTo(io.guildmark.app.pathways.model.Progress.StepState.IN_PROGRESS);
        assertThat(standing.step(advanced).orElseThrow().state()).isEqualTo(io.guildmark.app.pathways.model.Progress.StepState.LOCKED);
        assertThat(standing.next().achievementId()).as("what is under way comes first").isEqualTo(basics);
        world.award(a, basics, learner);
        assertThat(learners.standing(p.id(), java.util.Optional.of(learner.actor())).step(advanced).orElseThrow().state())
                .isEqualTo(io.guildmark.app.pathways.model.Progress.StepState.AVAILABLE);
    }

    @Test
    void eligibilityIsRecordedEmailedAndConfirmedByALetterWhoseRecordCanBeWithdrawn() throws Exception {
        var a = world.association("exam");
        UUID x = world.microCredential(a, "Estimate work", 5);
        UUID y = world.microCredential(a, "Track risks", 5);
        UUID z = world.microCredential(a, "Report status", 5);
        Pathway p = world.pathway(a, "Certified Project Facilitator eligibility", null, allOf("Required", credits("Core credits", 10, x, y, z)));
        world.publish(a, p.id());
        var learner = world.person("Eli Eligible");
        world.award(a, x, learner);
        Standing halfway = learners.standing(p.id(), java.util.Optional.of(learner.actor()));
        assertThat(halfway.creditGroups()).singleElement().satisfies(g -> assertThat(g.text()).isEqualTo("5 of 10 PDU"));
        world.award(a, y, learner);

        Standing done = learners.standing(p.id(), java.util.Optional.of(learner.actor()));
        assertThat(done.completed()).isTrue();
        UUID eligibilityId = done.eligibilityId();
        assertThat(eligibilityId).isNotNull();
        String mail = Mailbox.await(learner.email(), "You are eligible").body();
        assertThat(mail).contains("/pathways/eligibility/" + eligibilityId);

        String page = api().get("/pathways/eligibility/" + eligibilityId, "text/html").body();
        assertThat(page).contains("Eli Eligible", "Certified Project Facilitator eligibility", "Valid");
        HttpResponse<byte[]> letter = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/pathways/eligibility/" + eligibilityId + "/letter.pdf")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(letter.statusCode()).isEqualTo(200);
        assertThat(letter.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        try (var pdf = Loader.loadPDF(letter.body())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Eli Eligible", "eligible to sit the certification exam", "/pathways/eligibility/" + eligibilityId);
        }

        assertThatThrownBy(() -> eligibilities.withdraw(learner.actor(), a.slug(), eligibilityId, "Mistake")).isInstanceOf(Problem.class);
        eligibilities.withdraw(a.owner().actor(), a.slug(), eligibilityId, "Recorded for the wrong person");
        assertThat(api().get("/pathways/eligibility/" + eligibilityId, "text/html").body()).contains("Withdrawn", "Recorded for the wrong person");
    }

    // ---- Staff statistics -------------------------------------------------------------------------------------------

    @Test
    void analyticsCountHoldersPerStepDropOffsAndTimeToCompletion() {
        var a = world.association("stats");
        UUID cert = world.certificate(a, "Certified Statistician");
        UUID one = world.microCredential(a, "Count things", null);
        UUID two = world.microCredential(a, "Average things", null);
        UUID three = world.microCredential(a, "Chart things", null);
        Pathway p = world.pathway(a, "Statistics path", cert, allOf("Core", step(one), step(two), step(three)));
        world.publish(a, p.id());
        var stalled = world.person("Stan Stalled");
        var going = world.person("Gina Going");
        var finisher = world.person("Fin Finisher");
        UUID old = world.award(a, one, stalled);
        db.sql("update awards set issued_at = ? where id = ?").params(Timestamp.from(Instant.now().minus(Duration.ofDays(100))), old).update();
        world.award(a, one, going);
        world.award(a, two, going);
        for (UUID s : List.of(one, two, three)) world.award(a, s, finisher);

        PathwayAnalytics.Report report = analytics.of(a.owner().actor(), a.slug(), p.id());
        assertThat(report.learners()).isEqualTo(3);
        assertThat(report.steps()).extracting(PathwayAnalytics.StepCount::holders).containsExactly(3, 2, 1);
        assertThat(report.steps()).extracting(PathwayAnalytics.StepCount::droppedOff).containsExactly(1, 0, 0);
        assertThat(report.completions()).isEqualTo(1);
        assertThat(report.medianDaysToComplete()).isNotNull().isLessThan(1.0);
        var stranger = world.association("stranger");
        assertThatThrownBy(() -> analytics.of(stranger.owner().actor(), a.slug(), p.id())).isInstanceOf(Problem.class);
    }

    // ---- API --------------------------------------------------------------------------------------------------------

    @Test
    void theApiListsPathwaysAndALearnersProgressToItsOwnOrganizationOnly() {
        var a = world.association("api");
        var b = world.association("otherapi");
        UUID cert = world.certificate(a, "Certified API User");
        UUID one = world.microCredential(a, "Call an API", 4);
        UUID two = world.microCredential(a, "Read a spec", 4);
        Pathway p = world.pathway(a, "API path", cert, allOf("Core", step(one), credits("Extra credits", 4, two)));
        world.publish(a, p.id());
        var learner = world.person("Api Learner");
        UUID award = world.award(a, one, learner);

        Api.Response list = a.key().get("/api/v1/organizations/" + a.slug() + "/pathways");
        assertThat(list.status()).isEqualTo(200);
        JsonNode pathway = list.json().get("items").get(0);
        assertThat(pathway.get("name").asText()).isEqualTo("API path");
        assertThat(pathway.get("capstone").get("achievementId").asText()).isEqualTo(cert.toString());
        JsonNode rules = pathway.get("versions").get(0).get("rules");
        assertThat(rules.get("kind").asText()).isEqualTo("allOf");
        assertThat(rules.get("parts").get(1).get("kind").asText()).isEqualTo("credits");

        // A renewal rule on the first step: the ledger's cycles come with the pathways.
        context.getBean(io.guildmark.app.credits.RenewalRules.class).create(a.owner().actor(), a.slug(),
                new io.guildmark.app.credits.RenewalRules.RuleForm("API practice renewal", "PDU", "30", "3", "ethics=5", "credential", one.toString()));
        Api.Response progress = a.key().get("/api/v1/organizations/" + a.slug() + "/learners/" + learner.email() + "/progress");
        assertThat(progress.status()).as(progress.body()).isEqualTo(200);
        JsonNode first = progress.json().get("pathways").get(0);
        assertThat(first.get("pathwayId").asText()).isEqualTo(p.id().toString());
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("percent").asInt()).isEqualTo(50);
        assertThat(first.get("satisfied").asBoolean()).isFalse();
        assertThat(first.get("completedSteps").get(0).get("awardId").asText()).isEqualTo(award.toString());
        assertThat(first.get("remainingSteps").get(0).get("achievementId").asText()).isEqualTo(two.toString());
        assertThat(first.get("nextStep").get("achievementId").asText()).isEqualTo(two.toString());
        assertThat(first.get("creditGroups").get(0).get("earned").asInt()).isEqualTo(0);
        assertThat(first.get("creditGroups").get(0).get("unit").asText()).isEqualTo("PDU");
        JsonNode cycle = progress.json().get("creditCycles").get(0);
        assertThat(cycle.get("ruleName").asText()).isEqualTo("API practice renewal");
        assertThat(cycle.get("cycleNumber").asInt()).isEqualTo(1);
        assertThat(cycle.get("required").asInt()).isEqualTo(30);
        assertThat(cycle.get("earned").asInt()).isEqualTo(4);
        assertThat(cycle.get("categories").get("ethics").get("remaining").asInt()).isEqualTo(5);

        assertThat(b.key().get("/api/v1/organizations/" + a.slug() + "/pathways").status()).isEqualTo(404);
        assertThat(b.key().get("/api/v1/organizations/" + a.slug() + "/learners/" + learner.email() + "/progress").status()).isEqualTo(404);
        assertThat(api().get("/api/v1/organizations/" + a.slug() + "/pathways").status()).isEqualTo(401);
        Api.Response bad = a.key().get("/api/v1/organizations/" + a.slug() + "/learners/not-an-address/progress");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api().get("/v3/api-docs").body()).contains("/api/v1/organizations/{slug}/pathways",
                "/api/v1/organizations/{slug}/learners/{email}/progress");
    }

    // ---- Pages ------------------------------------------------------------------------------------------------------

    @Test
    void theLearnerSeesTheMapAndCanShareAStatementThatStopsWorkingWhenRevoked() {
        var a = world.association("share");
        UUID cert = world.certificate(a, "Certified Sharer");
        UUID one = world.microCredential(a, "Share a link", null);
        UUID two = world.microCredential(a, "Revoke a link", null);
        Pathway p = world.pathway(a, "Sharing path", cert, allOf("Core", step(one), step(two)));
        world.publish(a, p.id());
        var learner = world.person("Shay Sharer");
        world.award(a, one, learner);

        WebSession web = new WebSession(baseUrl());
        assertThat(web.get("/pathways/" + p.id()).body()).contains("Sharing path", "Certified Sharer", "role=\"img\"");
        assertThat(web.get("/pathways/mine").uri().getPath()).as("a learner's own list needs a sign-in").isEqualTo("/signin");
        web.signIn(learner.email(), PathwayWorld.PASSWORD);
        String page = web.get("/pathways/" + p.id()).body();
        assertThat(page).contains("50%", "✓ Earned", "○ Available", "Revoke a link");
        WebSession.Page shared = web.submit("/pathways/" + p.id(), "/pathways/" + p.id() + "/share");
        String link = shared.body().replaceAll("(?s).*(/pathways/progress/[A-Za-z0-9_-]+).*", "$1");
        assertThat(link).startsWith("/pathways/progress/");
        String statement = new WebSession(baseUrl()).get(link).body();
        assertThat(statement).contains("Shay Sharer", "Sharing path", "50%", "og:title", "/credentials/");
        assertThat(web.get("/pathways/mine").body()).contains("Sharing path", "50%");
        web.submit("/pathways/" + p.id(), "/pathways/" + p.id() + "/share/stop");
        assertThat(new WebSession(baseUrl()).get(link).status()).isEqualTo(404);
    }

    @Test
    void staffDesignAPathwayWithTheFormsAndSeeAPreview() {
        var a = world.association("editor");
        UUID cert = world.certificate(a, "Certified Editor");
        UUID one = world.microCredential(a, "Edit a draft", 3);
        WebSession web = new WebSession(baseUrl());
        web.signIn(a.owner().email(), PathwayWorld.PASSWORD);
        String list = "/organizations/" + a.slug() + "/pathways";
        WebSession.Page created = web.submit(list, list, "name", "Editing path", "description", "", "capstoneKind", "credential",
                "capstoneAchievementId", cert.toString());
        assertThat(created.body()).contains("Editing path", "role=\"img\"");
        String edit = created.uri().getPath();
        web.submit(edit, edit + "/rules/add-step", "group", "", "achievementId", one.toString());
        WebSession.Page grouped = web.submit(edit, edit + "/rules/add-group", "group", "", "kind", "atLeast", "label", "Electives", "count", "1");
        assertThat(grouped.body()).contains("Electives — 1 of 0", "Edit a draft");
        String before = RuleTree.write(pathways.get(a.owner().actor(), a.slug(), UUID.fromString(edit.substring(edit.lastIndexOf('/') + 1))).rules());
        WebSession.Page badCount = web.submit(edit, edit + "/rules/add-group", "group", "", "kind", "atLeast", "label", "More", "count", "lots");
        assertThat(badCount.status()).isEqualTo(200);
        assertThat(badCount.body()).contains("as a whole number");
        assertThat(web.submit(edit, edit + "/rules/remove", "node", "9.9").status()).isEqualTo(404);
        assertThat(web.submit(edit, edit + "/rules/add-step", "group", "", "achievementId", "not-an-id").body()).contains("Choose a micro-credential");
        assertThat(RuleTree.write(pathways.get(a.owner().actor(), a.slug(), UUID.fromString(edit.substring(edit.lastIndexOf('/') + 1))).rules()))
                .as("bad input changes nothing").isEqualTo(before);
        WebSession.Page refused = web.submit(edit, edit + "/publish");
        assertThat(refused.body()).contains("Electives&quot; is empty");
        web.submit(edit, edit + "/rules/remove", "node", "1");
        WebSession.Page published = web.submit(edit, edit + "/publish");
        assertThat(published.body()).contains("Published version 1");
        assertThat(web.get(list).body()).contains("Editing path", "published");
    }
}
