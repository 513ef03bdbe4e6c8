package io.guildmark.app.talent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.pathways.PathwayWorld;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Holders;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Learners choose to be findable by an association's employer partners; employers search and write; the person sees all. */
class TalentIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    TalentWorld world;

    @BeforeEach
    void world() {
        world = new TalentWorld(context, admin(), baseUrl(), "talent");
    }

    Api employer() {
        return api().withToken(world.employer.apiKey());
    }

    Api.Response search(Api as, CreditsFixture.Association org, String query) {
        return as.get("/api/v1/organizations/" + org.slug() + "/talent" + (query.isEmpty() ? "" : "?" + query));
    }

    Api.Response search(String query) {
        return search(employer(), world.employer, query);
    }

    long total(String query) {
        Api.Response found = search(query);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json().get("total").asLong();
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void anEmployerPartnerFindsOnlyLearnersWhoOptedInByCompetencyMicroCredentialCreditsAndLocationAndSeesOnlyWhatTheyChose() {
        TalentWorld.Learner lena = world.learner("Lena Findable", world.association, world.foodSafety, world.forklift);
        TalentWorld.Learner quinn = world.learner("Quinn Quiet", world.association, world.foodSafety);
        assertThat(total("")).isZero();

        // Lena switches it on from her page, showing only the food safety badge.
        WebSession lenaWeb = new WebSession(baseUrl());
        lenaWeb.signIn(lena.person().email(), EarningWorld.PASSWORD);
        String page = lenaWeb.get("/account/talent").body();
        assertThat(page).contains("Findable by employer partners of", "Food Safety Handling", "Forklift Operation",
                "Its employer partners now: talent-acme Employer Inc.");
        String saved = lenaWeb.submit("/account/talent", "/account/talent/" + world.association.slug(), "findable", "true",
                "awardId", lena.badge(0).id().toString(), "headline", "Kitchen lead", "location", "Lyon, France").body();
        assertThat(saved).contains("can now find you");

        Api.Response all = search("");
        assertThat(all.json().get("total").asLong()).isEqualTo(1);
        JsonNode lenaFound = all.json().get("items").get(0);
        assertThat(lenaFound.get("name").asText()).isEqualTo("Lena Findable");
        assertThat(lenaFound.get("headline").asText()).isEqualTo("Kitchen lead");
        assertThat(lenaFound.get("location").asText()).isEqualTo("Lyon, France");
        assertThat(lenaFound.get("association").asText()).isEqualTo(world.association.slug());
        assertThat(lenaFound.get("badges")).hasSize(1);
        assertThat(lenaFound.get("badges").get(0).get("name").asText()).isEqualTo("Food Safety Handling");
        assertThat(lenaFound.get("badges").get(0).get("verdict").asText()).isEqualTo("verified");
        assertThat(lenaFound.get("badges").get(0).get("url").asText()).endsWith("/credentials/" + lena.badge(0).id());
        assertThat(all.body()).doesNotContain(lena.person().email(), "Forklift", "Quinn");

        // Competency by alignment name, code or framework; micro-credential by name or id; credits; location.
        assertThat(total("competency=" + q("food safety"))).isEqualTo(1);
        assertThat(total("competency=fs-101")).isEqualTo(1);
        assertThat(total("competency=haccp")).isEqualTo(1);
        assertThat(total("competency=welding")).isZero();
        assertThat(total("microCredential=food")).isEqualTo(1);
        assertThat(total("microCredential=" + world.foodSafety)).isEqualTo(1);
        assertThat(total("microCredential=forklift")).as("a badge she did not choose is not searched").isZero();
        assertThat(total("creditType=CEU&minCredits=5")).isEqualTo(1);
        assertThat(total("creditType=CEU&minCredits=8")).as("the forklift credits are not shown").isZero();
        assertThat(total("location=lyon")).isEqualTo(1);
        assertThat(total("location=paris")).isZero();
        assertThat(total("association=" + world.association.slug() + "&competency=food&location=france")).isEqualTo(1);

        // She shows the forklift badge too: now the credits add up. Quinn opts in: paging with a total and a cursor.
        world.optIn(lena, world.association, "Lyon, France", lena.badge(0), lena.badge(1));
        assertThat(total("creditType=ceu&minCredits=8")).isEqualTo(1);
        world.optIn(quinn, world.association, "Porto", quinn.badge(0));
        Api.Response first = search("competency=food&limit=1");
        assertThat(first.json().get("total").asLong()).isEqualTo(2);
        assertThat(first.json().get("items")).hasSize(1);
        Api.Response second = employer().get(first.json().get("next").asText().replace(baseUrl(), ""));
        assertThat(second.json().get("items")).hasSize(1);
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
        assertThat(second.json().get("items").get(0).get("id").asText()).isNotEqualTo(first.json().get("items").get(0).get("id").asText());

        // Every input has a bound; a clear answer, never a 500.
        assertThat(search("competency=" + "x".repeat(201)).status()).isEqualTo(400);
        assertThat(search("creditType=CEU&minCredits=lots").status()).isEqualTo(400);
        assertThat(search("minCredits=5").status()).isEqualTo(400);
        assertThat(search("creditType=CEU&minCredits=-1").status()).isEqualTo(400);
        assertThat(search("limit=500").status()).isEqualTo(400);
        assertThat(search("cursor=nonsense").status()).isEqualTo(400);

        // A revoked badge disappears from what she shows at once.
        context.getBean(Awards.class).revoke(world.association.owner().actor(), lena.badge(0).id(), "Issued in error");
        assertThat(total("competency=haccp")).as("Quinn still shows hers").isEqualTo(1);
        assertThat(search("competency=haccp").body()).doesNotContain("Lena");

        // Lena's log tells her which searches showed her, and the page's search is bounded too.
        String log = lenaWeb.get("/account/talent").body();
        assertThat(log).contains("searched for &#39;food safety&#39; and saw your profile");
        assertThat(log).contains("What employers did");
        WebSession employerWeb = new WebSession(baseUrl());
        employerWeb.signIn(world.employer.owner().email(), EarningWorld.PASSWORD);
        String results = employerWeb.get("/organizations/" + world.employer.slug() + "/talent?competency=food").body();
        assertThat(results).contains("Quinn Quiet", "Find verified talent").doesNotContain(quinn.person().email());
        assertThat(employerWeb.get("/organizations/" + world.employer.slug() + "/talent?minCredits=abc&creditType=CEU").body())
                .contains("Enter a number of credits");

        // Withdrawing takes effect at once.
        String withdrawn = lenaWeb.submit("/account/talent", "/account/talent/withdraw").body();
        assertThat(withdrawn).contains("no longer findable");
        assertThat(search("").body()).doesNotContain("Lena");
    }

    @Test
    void aCompletedPathwayIsFoundWhenThePersonShowsTheCredentialItAwarded() {
        CreditsFixture.Association a = world.association;
        var owner = new PathwayWorld.Person(a.owner().id(), a.owner().email(), a.owner().name(), a.owner().actor());
        var pathwayAssociation = new PathwayWorld.Association(a.slug(), a.id(), api().withToken(a.apiKey()), owner);
        PathwayWorld pathways = new PathwayWorld(context, admin());
        UUID lead = pathways.certificate(pathwayAssociation, "Kitchen Safety Lead");
        var pathway = pathways.pathway(pathwayAssociation, "Kitchen Safety Lead Pathway", lead,
                PathwayWorld.allOf("Core", PathwayWorld.step(world.foodSafety)));
        pathways.publish(pathwayAssociation, pathway.id());

        TalentWorld.Learner pat = world.learner("Pat Pathway", a, world.foodSafety);
        UUID capstone = pollCapstone(pathway.id(), pat.person().email());
        Award leadBadge = Holders.acceptAndMakePublic(context, capstone);
        world.optIn(pat, a, "Ghent", pat.badge(0));
        assertThat(total("pathway=" + q("kitchen safety"))).as("the completion's credential is not shown yet").isZero();
        world.optIn(pat, a, "Ghent", pat.badge(0), leadBadge);
        assertThat(total("pathway=" + q("kitchen safety"))).isEqualTo(1);
        assertThat(total("pathway=" + pathway.id())).isEqualTo(1);
        assertThat(total("pathway=plumbing")).isZero();
    }

    static boolean noEmail(JsonNode thread) {
        return !thread.has("personEmail") || thread.get("personEmail").isNull();
    }

    private UUID pollCapstone(UUID pathwayId, String email) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            var award = db.sql("select award_id from pathway_learners where pathway_id = ? and email = ? and state = 'completed' and award_id is not null")
                    .params(pathwayId, email).query(UUID.class).optional();
            if (award.isPresent()) return award.get();
            Thread.onSpinWait();
        }
        throw new AssertionError("The pathway was not completed");
    }

    @Test
    void anEmployerWritesThePersonRepliesSharesTheirAddressAndDeclinesAndTheirLogSaysSo() {
        TalentWorld.Learner lena = world.learner("Lena Contact", world.association, world.foodSafety);
        world.optIn(lena, world.association, "Lyon", lena.badge(0));
        String candidate = search("").json().get("items").get(0).get("id").asText();
        String messages = "/api/v1/organizations/" + world.employer.slug() + "/talent/" + candidate + "/messages";

        assertThat(employer().post(messages, Map.of("body", "")).status()).isEqualTo(400);
        assertThat(employer().post(messages, Map.of("body", "x".repeat(2001))).status()).isEqualTo(400);
        Api.Response written = employer().post(messages, Map.of("body", "We are hiring a kitchen lead in Lyon."));
        assertThat(written.status()).as(written.body()).isEqualTo(201);
        assertThat(noEmail(written.json())).isTrue();
        String thread = written.json().get("id").asText();
        Mailbox.Mail notice = Mailbox.await(lena.person().email(), "wrote to you");
        assertThat(notice.body()).contains("/account/talent/messages/" + thread).doesNotContain("kitchen lead in Lyon");

        // The person reads it, replies and shares their address: the employer sees both.
        WebSession lenaWeb = new WebSession(baseUrl());
        lenaWeb.signIn(lena.person().email(), EarningWorld.PASSWORD);
        String path = "/account/talent/messages/" + thread;
        assertThat(lenaWeb.get("/account/talent/messages").body()).contains("/account/talent/messages/" + thread);
        assertThat(lenaWeb.get(path).body()).contains("We are hiring a kitchen lead in Lyon.");
        assertThat(lenaWeb.submit(path, path + "/reply", "body", "Tell me more about the hours.").body()).contains("Your reply is sent");
        String employerThread = "/api/v1/organizations/" + world.employer.slug() + "/talent/messages/" + thread;
        assertThat(employer().get(employerThread).json().get("messages")).hasSize(2);
        assertThat(noEmail(employer().get(employerThread).json())).isTrue();
        assertThat(lenaWeb.submit(path, path + "/share-email").body()).contains("Your e-mail address is shown to");
        assertThat(employer().get(employerThread).json().get("personEmail").asText()).isEqualTo(lena.person().email());
        assertThat(employer().get("/api/v1/organizations/" + world.employer.slug() + "/talent/messages").json().get("total").asLong())
                .isEqualTo(1);

        // Writing is rate limited per employer and person.
        employer().post(messages, Map.of("body", "Second"));
        employer().post(messages, Map.of("body", "Third"));
        Api.Response flood = employer().post(messages, Map.of("body", "Fourth"));
        assertThat(flood.status()).isEqualTo(429);

        // Declining: the employer can no longer write, and no longer sees the address.
        assertThat(lenaWeb.submit(path, path + "/decline").body()).contains("can no longer write to you");
        assertThat(employer().get(employerThread).json().get("state").asText()).isEqualTo("declined");
        assertThat(noEmail(employer().get(employerThread).json())).isTrue();
        Api.Response refused = employer().post(messages, Map.of("body", "Please?"));
        assertThat(refused.status()).isEqualTo(409);

        // Her log names the search and the contact.
        String log = lenaWeb.get("/account/talent").body();
        assertThat(log).contains("searched for everyone findable and saw your profile", "wrote to you");
        assertThat(db.sql("select count(*) from talent_log where user_id = ? and kind = 'contact'").param(lena.person().id())
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void whenTheAssociationEndsThePartnershipTheEmployerFindsNobodyThereUntilItIsAPartnerAgain() {
        TalentWorld.Learner lena = world.learner("Lena Ended", world.association, world.foodSafety);
        world.optIn(lena, world.association, "Lyon", lena.badge(0));
        assertThat(total("")).isEqualTo(1);
        Api associationKey = api().withToken(world.association.apiKey());
        String partners = "/api/v1/organizations/" + world.association.slug() + "/partners";
        String partnership = associationKey.get(partners + "?state=active").json().get("items").get(0).get("id").asText();

        assertThat(associationKey.post(partners + "/" + partnership + "/end", Map.of()).status()).isEqualTo(200);

        assertThat(total("")).isZero();
        assertThat(search("association=" + world.association.slug()).status()).isEqualTo(403);
        // Partners again: those who chose to be findable are found again.
        String invited = associationKey.post(partners, Map.of("employer", world.employer.slug())).json().get("id").asText();
        assertThat(employer().post("/api/v1/organizations/" + world.employer.slug() + "/partners/" + invited + "/accept", Map.of())
                .status()).isEqualTo(200);
        assertThat(total("")).isEqualTo(1);
    }

    @Test
    void aConversationAtItsCapOf500MessagesRefusesTheNextOneClearlyOnBothSidesAndStillShowsThemAll() {
        TalentWorld.Learner lena = world.learner("Lena Full", world.association, world.foodSafety);
        world.optIn(lena, world.association, "Lyon", lena.badge(0));
        String candidate = search("").json().get("items").get(0).get("id").asText();
        String messages = "/api/v1/organizations/" + world.employer.slug() + "/talent/" + candidate + "/messages";
        String thread = employer().post(messages, Map.of("body", "First")).json().get("id").asText();
        // 499 earlier replies of hers (two days ago, so the employer's daily limit is not what stops the next message).
        java.sql.Timestamp earlier = java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2)));
        for (int i = 0; i < TalentMessages.MAX_PER_THREAD - 1; i++) {
            db.sql("insert into talent_messages (id, thread_id, from_employer, author_id, body, sent_at) values (?, ?, false, null, ?, ?)")
                    .params(UUID.randomUUID(), UUID.fromString(thread), "Reply " + i, earlier).update();
        }

        Api.Response full = employer().post(messages, Map.of("body", "One more"));

        assertThat(full.status()).isEqualTo(409);
        assertThat(full.json().get("code").asText()).isEqualTo("conversation-full");
        assertThat(full.json().get("detail").asText()).contains("500 messages");
        String employerThread = "/api/v1/organizations/" + world.employer.slug() + "/talent/messages/" + thread;
        assertThat(employer().get(employerThread).json().get("messages")).hasSize(TalentMessages.MAX_PER_THREAD);
        WebSession lenaWeb = new WebSession(baseUrl());
        lenaWeb.signIn(lena.person().email(), EarningWorld.PASSWORD);
        String path = "/account/talent/messages/" + thread;
        WebSession.Page reply = lenaWeb.submit(path, path + "/reply", "body", "And another");
        assertThat(reply.body()).contains("500 messages");
        assertThat(db.sql("select count(*) from talent_messages where thread_id = ?").param(UUID.fromString(thread)).query(Long.class)
                .single()).isEqualTo(TalentMessages.MAX_PER_THREAD);
    }

    @Test
    void nobodyButTheEmployersRecruitersAndThePersonSeesAnythingAndOnlyWhileOptedInAndPartners() {
        TalentWorld.Learner lena = world.learner("Lena Private", world.association, world.foodSafety);
        world.optIn(lena, world.association, "Lyon", lena.badge(0));
        TalentWorld.Learner never = world.learner("Nora Never", world.association, world.foodSafety);

        // Another association's findable learner is not this employer's to see, even when named.
        CreditsFixture.Association other = world.fixture.association("talent-other");
        UUID otherCredential = world.aligned(other, "Food Safety Elsewhere", "5", java.util.List.of());
        TalentWorld.Learner olaf = world.learner("Olaf Other", other, otherCredential);
        world.optIn(olaf, other, "Oslo", olaf.badge(0));
        Api.Response found = search("");
        assertThat(found.json().get("total").asLong()).isEqualTo(1);
        assertThat(found.body()).contains("Lena Private").doesNotContain("Olaf", "Nora");
        assertThat(search("association=" + other.slug()).status()).isEqualTo(403);

        // Roles: a recruiter finds talent; an endorser does not; the association itself has no search and no threads.
        EarningWorld.Person recruiter = world.fixture.member(world.employer, Role.RECRUITER, "Rita Recruiter");
        EarningWorld.Person endorser = world.fixture.member(world.employer, Role.ENDORSER, "Ed Endorser");
        WebSession recruiterWeb = new WebSession(baseUrl());
        recruiterWeb.signIn(recruiter.email(), EarningWorld.PASSWORD);
        assertThat(recruiterWeb.get("/organizations/" + world.employer.slug() + "/talent").body()).contains("Lena Private");
        WebSession endorserWeb = new WebSession(baseUrl());
        endorserWeb.signIn(endorser.email(), EarningWorld.PASSWORD);
        assertThat(endorserWeb.get("/organizations/" + world.employer.slug() + "/talent").status()).isEqualTo(403);
        Api associationKey = api().withToken(world.association.apiKey());
        assertThat(search(associationKey, world.association, "").status()).isEqualTo(403);
        assertThat(search(associationKey, world.employer, "").status()).isEqualTo(404);

        // A thread of employer A is not employer B's, nor the association's; B cannot write to A's candidate.
        String candidate = found.json().get("items").get(0).get("id").asText();
        String thread = employer().post("/api/v1/organizations/" + world.employer.slug() + "/talent/" + candidate + "/messages",
                Map.of("body", "Hello")).json().get("id").asText();
        CreditsFixture.Association rival = world.fixture.employer("talent-rival");
        Api rivalKey = api().withToken(rival.apiKey());
        assertThat(search(rivalKey, rival, "").json().get("total").asLong()).isZero();
        assertThat(rivalKey.get("/api/v1/organizations/" + rival.slug() + "/talent/messages/" + thread).status()).isEqualTo(404);
        assertThat(rivalKey.get("/api/v1/organizations/" + world.employer.slug() + "/talent/messages/" + thread).status()).isEqualTo(404);
        assertThat(rivalKey.post("/api/v1/organizations/" + rival.slug() + "/talent/" + candidate + "/messages", Map.of("body", "Hi"))
                .status()).isEqualTo(404);
        assertThat(associationKey.get("/api/v1/organizations/" + world.association.slug() + "/talent/messages/" + thread).status())
                .isEqualTo(403);
        WebSession associationOwner = new WebSession(baseUrl());
        associationOwner.signIn(world.association.owner().email(), EarningWorld.PASSWORD);
        assertThat(associationOwner.get("/organizations/" + world.employer.slug() + "/talent/messages/" + thread).status()).isEqualTo(404);
        assertThat(associationOwner.get("/account/talent/messages/" + thread).status()).isEqualTo(404);

        // Another learner cannot open or answer Lena's thread.
        WebSession noraWeb = new WebSession(baseUrl());
        noraWeb.signIn(never.person().email(), EarningWorld.PASSWORD);
        assertThat(noraWeb.get("/account/talent/messages/" + thread).status()).isEqualTo(404);
        assertThat(noraWeb.get("/account/talent").body()).doesNotContain("Lena");

        // A learner cannot show someone else's badge, nor another association's; the page answers readably.
        assertThat(noraWeb.submit("/account/talent", "/account/talent/" + world.association.slug(), "findable", "true",
                "awardId", lena.badge(0).id().toString()).body()).contains("Only badges of");
        assertThat(noraWeb.submit("/account/talent", "/account/talent/" + world.association.slug(), "findable", "true",
                "headline", "x".repeat(141), "awardId", never.badge(0).id().toString()).body()).contains("Keep the headline");
        assertThat(noraWeb.submit("/account/talent", "/account/talent/" + other.slug(), "findable", "true").status()).isEqualTo(404);
        assertThat(search("").body()).doesNotContain("Nora");

        // Once the partnership ends the employer sees nobody and cannot write.
        String partnership = employer().get("/api/v1/organizations/" + world.employer.slug() + "/partners?state=active")
                .json().get("items").get(0).get("id").asText();
        assertThat(employer().post("/api/v1/organizations/" + world.employer.slug() + "/partners/" + partnership + "/end", Map.of())
                .status()).isEqualTo(200);
        assertThat(search("").json().get("total").asLong()).isZero();
        assertThat(employer().post("/api/v1/organizations/" + world.employer.slug() + "/talent/" + candidate + "/messages",
                Map.of("body", "Still there?")).status()).isEqualTo(404);
        assertThat(employer().get("/api/v1/organizations/" + world.employer.slug() + "/talent/messages/" + thread).status())
                .as("she never answered: the conversation goes with the partnership").isEqualTo(404);
        assertThat(employer().get("/api/v1/organizations/" + world.employer.slug() + "/talent/messages").json().get("total").asLong()).isZero();
    }
}
