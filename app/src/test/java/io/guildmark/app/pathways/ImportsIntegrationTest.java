package io.guildmark.app.pathways;

import static io.guildmark.app.pathways.PathwayWorld.allOf;
import static io.guildmark.app.pathways.PathwayWorld.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.guildmark.app.issuing.Awards;
import io.guildmark.app.pathways.model.Progress;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class ImportsIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired ApplicationContext context;
    @Autowired ImportedCredentials imports;
    @Autowired LearnerPathways learners;
    @Autowired Awards awards;

    PathwayWorld world;

    @BeforeEach
    void world() {
        world = new PathwayWorld(context, admin());
    }

    /** An association with a two-step pathway to a certificate, and another issuer on the platform. */
    record Setting(PathwayWorld.Association home, PathwayWorld.Association elsewhere, UUID standup, UUID retros, UUID certificate,
            UUID pathwayId, UUID theirRetros) {}

    private Setting setting(String stem) {
        var home = world.association(stem + "-home");
        var elsewhere = world.association(stem + "-elsewhere");
        UUID standup = world.microCredential(home, "Run a standup", 2);
        UUID retros = world.microCredential(home, "Facilitate a retrospective", 3);
        UUID certificate = world.certificate(home, "Certified Facilitator");
        Pathway p = world.pathway(home, "Facilitator path", certificate, allOf("Core", step(standup), step(retros)));
        world.publish(home, p.id());
        UUID theirRetros = world.microCredential(elsewhere, "Retrospectives that matter", null);
        return new Setting(home, elsewhere, standup, retros, certificate, p.id(), theirRetros);
    }

    private static Problem.Kind kind(Throwable e) {
        return ((Problem) e).kind();
    }

    @Test
    void aBadgeFromAnotherIssuerCountsOnceAcceptedAndCompletesThePathwayWithTheImportAsEvidence() {
        Setting s = setting("counts");
        var learner = world.person("Ines Importer");
        world.award(s.home(), s.standup(), learner);
        UUID theirs = world.award(s.elsewhere(), s.theirRetros(), learner);
        Standing before = learners.standing(s.pathwayId(), java.util.Optional.of(learner.actor()));
        assertThat(before.percent()).isEqualTo(50);

        var imported = imports.importFile(learner.actor(), awards.signedCredential(theirs).orElseThrow().getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertThat(imported.verified()).isTrue();
        assertThat(imported.recipientMatch()).isEqualTo("email");
        assertThat(imported.achievementName()).isEqualTo("Retrospectives that matter");
        assertThat(imported.issuerId()).contains(s.elsewhere().slug());
        assertThatThrownBy(() -> imports.importFile(learner.actor(), awards.signedCredential(theirs).orElseThrow().getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(Problem.class).hasMessageContaining("already imported");
        // Imported but not yet accepted: it counts for nothing.
        assertThat(learners.standing(s.pathwayId(), java.util.Optional.of(learner.actor())).percent()).isEqualTo(50);

        imports.askRecognition(learner.actor(), imported.id(), s.home().id());
        var groups = imports.forOrganization(s.home().owner().actor(), s.home().slug());
        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.achievementName()).isEqualTo("Retrospectives that matter");
            assertThat(g.credentials()).extracting(ImportedCredentials.Imported::id).containsExactly(imported.id());
        });
        assertThat(imports.acceptableAs(s.home().owner().actor(), s.home().slug())).containsKey(s.retros());

        imports.accept(s.home().owner().actor(), s.home().slug(), imported.issuerId(), imported.achievementId(), s.retros(), "Same outcomes");

        Standing after = learners.standing(s.pathwayId(), java.util.Optional.of(learner.actor()));
        assertThat(after.percent()).isEqualTo(100);
        assertThat(after.step(s.retros()).orElseThrow().state()).isEqualTo(Progress.StepState.EARNED);
        assertThat(after.step(s.retros()).orElseThrow().imported()).isNotNull();
        assertThat(after.completed()).isTrue();
        UUID capstone = after.learner().awardId();
        assertThat(capstone).isNotNull();
        String credential = awards.signedCredential(capstone).orElseThrow();
        assertThat(credential).contains(imported.id().toString()).contains("Retrospectives that matter").contains(imported.issuerId());
        assertThat(Mailbox.await(learner.email(), "recognizes your badge").body()).contains("Facilitate a retrospective");
        assertThat(imports.mine(learner.actor())).singleElement()
                .satisfies(m -> assertThat(m.recognitions()).extracting(ImportedCredentials.Recognition::state).containsExactly("accepted"));
    }

    @Test
    void aMappingAppliesToLearnersWhoImportLaterAndABakedPngImportsToo() throws Exception {
        Setting s = setting("later");
        var first = world.person("Fay First");
        UUID firstAward = world.award(s.elsewhere(), s.theirRetros(), first);
        var firstImport = imports.importFile(first.actor(), awards.signedCredential(firstAward).orElseThrow().getBytes(StandardCharsets.UTF_8), null);
        imports.askRecognition(first.actor(), firstImport.id(), s.home().id());
        imports.accept(s.home().owner().actor(), s.home().slug(), firstImport.issuerId(), firstImport.achievementId(), s.retros(), null);

        var later = world.person("Lee Later");
        world.award(s.home(), s.standup(), later);
        UUID laterAward = world.award(s.elsewhere(), s.theirRetros(), later);
        byte[] png = download(awards.credentialUrl(laterAward) + ".png");
        var pngImport = imports.importFile(later.actor(), png, "image/png");
        assertThat(pngImport.verified()).isTrue();
        Standing standing = learners.standing(s.pathwayId(), java.util.Optional.of(later.actor()));
        assertThat(standing.completed()).isTrue();
        assertThat(awards.signedCredential(standing.learner().awardId()).orElseThrow()).contains(pngImport.id().toString());
    }

    @Test
    void anOpenBadges2HostedAssertionImportsByUrlAndStopsCountingWhenRevoked() {
        Setting s = setting("ob2");
        var learner = world.person("Otto Obtwo");
        UUID theirs = world.award(s.elsewhere(), s.theirRetros(), learner);
        var imported = imports.importUrl(learner.actor(), awards.credentialUrl(theirs) + "/ob2");
        assertThat(imported.verified()).isTrue();
        assertThat(imported.sourceUrl()).endsWith("/ob2");
        assertThat(imported.issuerId()).endsWith("/issuers/" + s.elsewhere().slug() + "/ob2");
        imports.askRecognition(learner.actor(), imported.id(), s.home().id());
        imports.accept(s.home().owner().actor(), s.home().slug(), imported.issuerId(), imported.achievementId(), s.retros(), null);
        assertThat(learners.standing(s.pathwayId(), java.util.Optional.of(learner.actor())).percent()).isEqualTo(50);

        awards.revoke(s.elsewhere().owner().actor(), theirs, "Issued in error");
        var rechecked = imports.reverify(learner.actor(), imported.id());
        assertThat(rechecked.verified()).isFalse();
        assertThat(learners.standing(s.pathwayId(), java.util.Optional.of(learner.actor())).percent()).isZero();
    }

    @Test
    void aTamperedBadgeIsRefusedWithTheVerifiersSummaryAndNothingIsStored() {
        Setting s = setting("tamper");
        var learner = world.person("Tom Tamper");
        UUID theirs = world.award(s.elsewhere(), s.theirRetros(), learner);
        String tampered = awards.signedCredential(theirs).orElseThrow().replace("Retrospectives that matter", "Retrospectives that rule");
        long before = count("imported_credentials");
        assertThatThrownBy(() -> imports.importFile(learner.actor(), tampered.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(Problem.class).hasMessageContaining("was not imported").hasMessageContaining("Not verified");
        assertThat(count("imported_credentials")).isEqualTo(before);
        assertThatThrownBy(() -> imports.importFile(learner.actor(), "hello".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(Problem.class).extracting(ImportsIntegrationTest::kind).isEqualTo(Problem.Kind.UNSUPPORTED_MEDIA);
        assertThat(count("imported_credentials")).isEqualTo(before);
    }

    @Test
    void someoneElsesBadgeIsRefusedClearly() {
        Setting s = setting("mismatch");
        var owner = world.person("Olive Owner");
        var taker = world.person("Tess Taker");
        UUID theirs = world.award(s.elsewhere(), s.theirRetros(), owner);
        long before = count("imported_credentials");
        assertThatThrownBy(() -> imports.importFile(taker.actor(), awards.signedCredential(theirs).orElseThrow().getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(Problem.class).hasMessageContaining("not issued to " + taker.email());
        assertThat(count("imported_credentials")).isEqualTo(before);
    }

    @Test
    void anotherOrganizationsStaffCannotSeeOrMapAndLearnersSeeOnlyTheirOwn() {
        Setting s = setting("private");
        var nosy = world.association("private-nosy");
        var learner = world.person("Pia Private");
        var other = world.person("Oscar Other");
        UUID theirs = world.award(s.elsewhere(), s.theirRetros(), learner);
        var imported = imports.importFile(learner.actor(), awards.signedCredential(theirs).orElseThrow().getBytes(StandardCharsets.UTF_8), null);
        imports.askRecognition(learner.actor(), imported.id(), s.home().id());

        assertThatThrownBy(() -> imports.forOrganization(nosy.owner().actor(), s.home().slug()))
                .isInstanceOf(Problem.class).extracting(ImportsIntegrationTest::kind).isEqualTo(Problem.Kind.NOT_FOUND);
        assertThat(imports.forOrganization(nosy.owner().actor(), nosy.slug())).isEmpty();
        UUID nosyStep = world.microCredential(nosy, "Nosy step", null);
        assertThatThrownBy(() -> imports.accept(nosy.owner().actor(), nosy.slug(), imported.issuerId(), imported.achievementId(), nosyStep, null))
                .isInstanceOf(Problem.class).extracting(ImportsIntegrationTest::kind).isEqualTo(Problem.Kind.NOT_FOUND);
        assertThatThrownBy(() -> imports.accept(s.home().owner().actor(), s.home().slug(), imported.issuerId(), imported.achievementId(), nosyStep, null))
                .isInstanceOf(Problem.class).hasMessageContaining("published micro-credentials");
        assertThat(count("achievement_mappings where organization_id = '" + nosy.id() + "'")).isZero();

        assertThat(imports.mine(other.actor())).isEmpty();
        assertThatThrownBy(() -> imports.withdraw(other.actor(), imported.id()))
                .isInstanceOf(Problem.class).extracting(ImportsIntegrationTest::kind).isEqualTo(Problem.Kind.NOT_FOUND);
        assertThat(imports.mine(learner.actor())).hasSize(1);
    }

    @Test
    void declineTellsTheLearnerWhyAndWithdrawnImportsStopCounting() {
        Setting s = setting("decline");
        var learner = world.person("Dora Decline");
        world.award(s.home(), s.standup(), learner);
        UUID theirs = world.award(s.elsewhere(), s.theirRetros(), learner);
        var imported = imports.importFile(learner.actor(), awards.signedCredential(theirs).orElseThrow().getBytes(StandardCharsets.UTF_8), null);
        imports.askRecognition(learner.actor(), imported.id(), s.home().id());
        assertThatThrownBy(() -> imports.decline(s.home().owner().actor(), s.home().slug(), imported.issuerId(), imported.achievementId(), " "))
                .isInstanceOf(Problem.class);
        imports.decline(s.home().owner().actor(), s.home().slug(), imported.issuerId(), imported.achievementId(), "Covers too little");
        assertThat(Mailbox.await(learner.email(), "does not recognize").body()).contains("Covers too little");
        assertThat(imports.mine(learner.actor())).singleElement()
                .satisfies(m -> assertThat(m.recognitions()).extracting(ImportedCredentials.Recognition::reason).containsExactly("Covers too little"));

        imports.accept(s.home().owner().actor(), s.home().slug(), imported.issuerId(), imported.achievementId(), s.retros(), "Changed our mind");
        // The pathway completed at once; withdrawing afterwards leaves the completion but the import no longer counts.
        imports.withdraw(learner.actor(), imported.id());
        assertThat(ImportedCredentials.countedFor(db, java.time.Instant.now(), s.home().id(), learner.email())).isEmpty();
    }

    @Test
    void theLearnersAndStaffPagesImportAskAcceptAndHideOtherOrganizations() {
        Setting s = setting("pages");
        var learner = world.person("Paula Pages");
        UUID theirs = world.award(s.elsewhere(), s.theirRetros(), learner);
        WebSession web = new WebSession(baseUrl());
        web.signIn(learner.email(), PathwayWorld.PASSWORD);
        WebSession.Page imported = web.submit("/imports", "/imports", "url", awards.credentialUrl(theirs) + "/ob2");
        assertThat(imported.body()).contains("Imported &quot;Retrospectives that matter&quot;").contains("Verified");
        UUID id = imports.mine(learner.actor()).get(0).credential().id();
        WebSession.Page asked = web.submit("/imports", "/imports/" + id + "/recognition", "organizationId", s.home().id().toString());
        assertThat(asked.body()).contains("asked, waiting for an answer");
        WebSession.Page refused = web.submit("/imports", "/imports", "url", "not a url");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("was not imported");

        WebSession staff = new WebSession(baseUrl());
        staff.signIn(s.home().owner().email(), PathwayWorld.PASSWORD);
        WebSession.Page list = staff.get("/organizations/" + s.home().slug() + "/imports");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Retrospectives that matter").contains(learner.email());
        var group = imports.forOrganization(s.home().owner().actor(), s.home().slug()).get(0);
        WebSession.Page accepted = staff.submit("/organizations/" + s.home().slug() + "/imports", "/organizations/" + s.home().slug() + "/imports/accept",
                "issuerId", group.issuerId(), "achievementId", group.achievementId(), "ourAchievementId", s.retros().toString(), "note", "");
        assertThat(accepted.body()).contains("Accepted as Facilitate a retrospective");
        assertThat(web.get("/imports").body()).contains("accepted");
        String token = learners.share(learner.actor(), s.pathwayId());
        assertThat(web.get("/pathways/progress/" + token.replaceAll(".*/", "")).body())
                .contains("recognized from <span>Retrospectives that matter</span>");

        var nosy = world.association("pages-nosy");
        WebSession outsider = new WebSession(baseUrl());
        outsider.signIn(nosy.owner().email(), PathwayWorld.PASSWORD);
        assertThat(outsider.get("/organizations/" + s.home().slug() + "/imports").status()).isEqualTo(404);
        assertThat(outsider.get("/imports").body()).doesNotContain("Retrospectives that matter");
    }

    private static byte[] download(String url) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
