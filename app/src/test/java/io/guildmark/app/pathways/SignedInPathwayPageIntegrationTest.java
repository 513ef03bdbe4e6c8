package io.guildmark.app.pathways;

import static io.guildmark.app.pathways.PathwayWorld.allOf;
import static io.guildmark.app.pathways.PathwayWorld.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.issuing.Claims;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.PathwayCheckQueue;
import io.guildmark.app.support.SecondNode;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * A signed-in learner's pathway page is kept per session under what it shows them (the pathway's stamp and their own
 * awards, imports, enrollments, place and eligibility, read on every view), yet it changes on the very next view after
 * anything that changes where they stand, expiry included, and never shows one visitor's page to another.
 */
class SignedInPathwayPageIntegrationTest extends IntegrationTest {

    private static final String EARNED = "class=\"state\">✓ Earned";
    private static final String IN_PROGRESS = "class=\"state\">◐ In progress";

    private static SecondNode secondNode;

    @Autowired
    ApplicationContext context;
    @Autowired
    Environment environment;

    private PathwayWorld world;
    private PathwayWorld.Association association;
    private UUID chair;
    private UUID minute;
    private UUID pathwayId;

    @BeforeEach
    void anAssociationWithATwoStepPathway() {
        world = new PathwayWorld(context, admin());
        association = world.association("signedin");
        chair = world.microCredential(association, "Chair a Meeting", 3);
        minute = world.microCredential(association, "Take Minutes", 2);
        pathwayId = world.pathway(association, "Meetings path", null, allOf("Core", step(chair), step(minute))).id();
        world.publish(association, pathwayId);
    }

    private WebSession signedIn(PathwayWorld.Person person) {
        WebSession session = new WebSession(baseUrl());
        assertThat(session.signIn(person.email(), PathwayWorld.PASSWORD).status()).isEqualTo(200);
        return session;
    }

    /** The page as the session sees it, viewed twice so that the second view is the kept copy when nothing changed. */
    private String page(WebSession session) {
        return page(session, pathwayId);
    }

    private String page(WebSession session, UUID pathway) {
        WebSession.Page first = session.get("/pathways/" + pathway, "text/html");
        assertThat(first.status()).isEqualTo(200);
        WebSession.Page second = session.get("/pathways/" + pathway, "text/html");
        assertThat(second.body()).isEqualTo(first.body());
        return second.body();
    }

    private static int count(String page, String text) {
        return page.split(Pattern.quote(text), -1).length - 1;
    }

    private UUID awardThrough(String validUntil, PathwayWorld.Person learner, UUID achievement) {
        var body = new java.util.HashMap<String, Object>(Map.of("achievementId", achievement.toString(),
                "recipient", Map.of("email", learner.email(), "name", learner.name())));
        if (validUntil != null) body.put("validUntil", validUntil);
        var r = association.key().post("/api/v1/organizations/" + association.slug() + "/awards", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        PathwayCheckQueue.awaitChecked(context, association.id());
        return UUID.fromString(r.json().get("id").asText());
    }

    @Test
    void anAwardOfAStepShowsAtOnceAndItsRevocationToo() {
        var learner = world.person("Ada Awarded");
        WebSession session = signedIn(learner);
        assertThat(count(page(session), EARNED)).isZero();

        UUID award = world.award(association, chair, learner);
        String afterAward = page(session);
        assertThat(count(afterAward, EARNED)).isEqualTo(1);
        assertThat(afterAward).contains("Where you are").contains("/credentials/" + award);

        context.getBean(Awards.class).revoke(association.owner().actor(), award, "Issued in error");
        assertThat(count(page(session), EARNED)).isZero();
    }

    @Test
    void anExpiryPassingShowsAtOnceWithNoRowChanging() throws Exception {
        var learner = world.person("Eve Expiring");
        WebSession session = signedIn(learner);
        Instant end = Instant.now().plusSeconds(6);
        awardThrough(end.toString(), learner, chair);
        assertThat(count(page(session), EARNED)).isEqualTo(1);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), end).toMillis()) + 200);
        assertThat(count(page(session), EARNED)).isZero();
    }

    @Test
    void aDeclinedAwardStopsCountingAtOnce() {
        var learner = world.person("Dan Declining");
        UUID award = world.award(association, chair, learner);
        WebSession session = signedIn(learner);
        assertThat(count(page(session), EARNED)).isEqualTo(1);

        Claims claims = context.getBean(Claims.class);
        claims.decline(learner.actor(), claimToken(claims, learner, award));
        assertThat(count(page(session), EARNED)).isZero();
    }

    @Test
    void anEnrollmentShowsAsInProgressAtOnce() {
        var learner = world.person("Erin Enrolling");
        var design = association.key().put("/api/v1/organizations/" + association.slug() + "/achievements/" + minute + "/earning",
                Map.of("completion", Map.of("courseCode", "MIN-1")));
        assertThat(design.status()).as(design.body()).isEqualTo(200);
        WebSession session = signedIn(learner);
        assertThat(count(page(session), IN_PROGRESS)).isZero();

        context.getBean(Enrollments.class).enroll(learner.actor(), minute);
        assertThat(count(page(session), IN_PROGRESS)).isEqualTo(1);
    }

    @Test
    void aVerifiedImportMappedToAStepShowsAtOnce() {
        var elsewhere = world.association("signedin-elsewhere");
        UUID theirs = world.microCredential(elsewhere, "Meeting Minutes Elsewhere", null);
        var learner = world.person("Ian Importing");
        UUID award = world.award(elsewhere, theirs, learner);
        ImportedCredentials imports = context.getBean(ImportedCredentials.class);
        var imported = imports.importFile(learner.actor(),
                context.getBean(Awards.class).signedCredential(award).orElseThrow().getBytes(StandardCharsets.UTF_8), "application/json");
        WebSession session = signedIn(learner);
        assertThat(count(page(session), EARNED)).isZero();

        imports.askRecognition(learner.actor(), imported.id(), association.id());
        imports.accept(association.owner().actor(), association.slug(), imported.issuerId(), imported.achievementId(), minute, "Same outcomes");
        PathwayCheckQueue.awaitChecked(context, association.id());
        assertThat(count(page(session), EARNED)).isEqualTo(1);
    }

    @Test
    void completingAnEligibilityPathwayShowsTheEligibilityRecordAtOnce() {
        var learner = world.person("Gil Graduating");
        world.award(association, chair, learner);
        WebSession session = signedIn(learner);
        assertThat(page(session)).doesNotContain("/pathways/eligibility/");

        world.award(association, minute, learner);
        String completed = page(session);
        assertThat(completed).contains("you are eligible for the certification exam").contains("/pathways/eligibility/");
    }

    @Test
    void oneVisitorNeverSeesAnothersStandingOrPage() {
        var other = world.association("signedin-other");
        UUID otherStep = world.microCredential(other, "Run a Retrospective", null);
        UUID otherPathway = world.pathway(other, "Retros path", null, allOf("Core", step(otherStep))).id();
        world.publish(other, otherPathway);
        var ada = world.person("Ada Holder");
        var bob = world.person("Bob Holder");
        world.award(association, chair, ada);
        world.award(other, otherStep, bob);
        WebSession adaSession = signedIn(ada);
        WebSession bobSession = signedIn(bob);

        assertThat(count(page(adaSession), EARNED)).isEqualTo(1);
        assertThat(count(page(bobSession), EARNED)).isZero();
        assertThat(page(bobSession)).doesNotContain("Where you are");
        assertThat(count(page(bobSession, otherPathway), EARNED)).isEqualTo(1);
        assertThat(count(page(adaSession, otherPathway), EARNED)).isZero();
        assertThat(count(page(adaSession), EARNED)).isEqualTo(1);
    }

    @Test
    void aKeptPageIsNeverServedToAnotherSessionOfTheSamePerson() {
        var learner = world.person("Sam Twosessions");
        world.award(association, chair, learner);
        WebSession first = signedIn(learner);
        WebSession second = signedIn(learner);
        String firstPage = page(first);
        assertThat(firstPage).contains("Create a shareable link");

        // The second session's form must carry its own CSRF token: a copy kept for the first would be refused (403).
        WebSession.Page shared = second.submit("/pathways/" + pathwayId, "/pathways/" + pathwayId + "/share");
        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.body()).contains("/pathways/progress/");
        // The first session sees the new link at once, though its page was kept.
        assertThat(page(first)).contains("/pathways/progress/").doesNotContain("Create a shareable link");
    }

    @Test
    void aPageKeptOnASecondNodeShowsAnAwardMadeOnTheFirstAtOnce() {
        if (secondNode == null) secondNode = SecondNode.start(environment, baseUrl());
        var learner = world.person("Nina Twonodes");
        WebSession session = signedIn(learner);
        // Sessions live in the database: the same cookie is signed in on either node.
        String onSecond = secondNode.baseUrl() + "/pathways/" + pathwayId;
        WebSession.Page first = session.get(onSecond, "text/html");
        assertThat(first.body()).contains("Start this pathway");
        assertThat(session.get(onSecond, "text/html").body()).isEqualTo(first.body());

        world.award(association, chair, learner); // through the first node's API
        assertThat(count(session.get(onSecond, "text/html").body(), EARNED)).isEqualTo(1);
    }

    @AfterAll
    static void stopTheSecondNode() {
        if (secondNode != null) secondNode.close();
    }

    /** The token of the e-mailed claim link for this award (waits for the e-mail). */
    private static String claimToken(Claims claims, PathwayWorld.Person person, UUID awardId) {
        long deadline = System.currentTimeMillis() + 20_000;
        Pattern link = Pattern.compile("/claim/([A-Za-z0-9_-]+)");
        while (System.currentTimeMillis() < deadline) {
            for (Mailbox.Mail mail : Mailbox.messagesTo(person.email())) {
                Matcher m = link.matcher(mail.body());
                while (m.find()) {
                    String token = m.group(1);
                    if (claims.page(person.actor(), token).map(Claims.ClaimPage::award).map(Award::id).filter(awardId::equals).isPresent()) return token;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("No claim e-mail for award " + awardId);
    }
}
