package io.guildmark.app.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.issuing.BadgeVisibility;
import io.guildmark.app.issuing.Visibility;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Per-badge visibility and the public profile: who sees what, and the bad input the issue names. */
class ProfilesIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Awards awards;
    @Autowired BadgeVisibility visibility;
    @Autowired Profiles profiles;
    @Autowired Handles handles;

    CreditsFixture credits;
    CreditsFixture.Association association;
    UUID badge;
    Api staff;

    @BeforeEach
    void association() {
        credits = new CreditsFixture(context, admin(), baseUrl());
        association = credits.association("profiles");
        badge = credits.microCredential(association, "Profile Practice", "3", "CPE", null);
        staff = api().withToken(association.apiKey());
    }

    UUID awardTo(EarningWorld.Person person) {
        Api.Response created = staff.post("/api/v1/organizations/" + association.slug() + "/awards",
                Map.of("achievementId", badge.toString(), "recipient", Map.of("email", person.email(), "name", person.name())));
        assertThat(created.status()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asText());
    }

    WebSession signedIn(EarningWorld.Person person) {
        WebSession session = new WebSession(baseUrl());
        session.signIn(person.email(), EarningWorld.PASSWORD);
        return session;
    }

    void accept(EarningWorld.Person person, WebSession session) {
        accept(person, session, 1);
    }

    /** Accepts the award of the n-th claim e-mail to the person (the newest once n have arrived). */
    void accept(EarningWorld.Person person, WebSession session, int nth) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (Mailbox.messagesTo(person.email()).stream().filter(m -> m.subject().contains("You earned Profile Practice")).count() < nth
                && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String link = Mailbox.await(person.email(), "You earned Profile Practice").firstLinkContaining("/claim/");
        String path = link.substring(link.indexOf("/claim/"));
        assertThat(session.submit(path, path + "/accept").body()).contains("The badge is in your account");
    }

    static WebSession.Page anonymous(String path) {
        return new WebSession(baseUrlStatic()).get(path, "text/html");
    }

    static String baseUrlStatic() {
        return "http://localhost:" + port;
    }

    static String withoutToken(String html) {
        return html.replaceAll("name=\"_csrf\" content=\"[^\"]*\"", "");
    }

    WebSession.Page setVisibility(WebSession session, UUID awardId, String word) {
        return session.submit("/wallet", "/wallet/" + awardId + "/visibility", "visibility", word);
    }

    @Test
    void aPendingBadgeIsPrivateToAllButItsHolderAndStaffWhileItsSignedFormsStayFetchable() {
        var learner = credits.world.person("Pia Pending", null);
        UUID id = awardTo(learner);
        assertThat(awards.find(id).orElseThrow().visibility()).isEqualTo(Visibility.PRIVATE);

        WebSession.Page stranger = anonymous("/credentials/" + id);
        WebSession.Page unknown = anonymous("/credentials/" + UUID.randomUUID());
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.body()).doesNotContain("Profile Practice", "Pia Pending");
        assertThat(withoutToken(stranger.body())).isEqualTo(withoutToken(unknown.body())); // nothing tells it from no badge at all
        var other = credits.world.person("Olga Other", null);
        assertThat(signedIn(other).get("/credentials/" + id).status()).isEqualTo(404);

        assertThat(signedIn(learner).get("/credentials/" + id).body()).contains("Profile Practice", "This badge is private");
        assertThat(signedIn(association.owner()).get("/credentials/" + id).body()).contains("Profile Practice", "Pia Pending");
        // Verifiers still get the signed credential by link.
        assertThat(api().get("/credentials/" + id, "application/vc+ld+json").status()).isEqualTo(200);
        assertThat(api().get("/credentials/" + id + "/credential.jwt").status()).isEqualTo(200);
        assertThat(visibility.isPublic(id)).isFalse();
    }

    @Test
    void anAcceptedBadgeTakesTheHoldersDefaultAndANewlyPrivateBadgeVanishesAtOnceFromTheCachedPage() {
        var learner = credits.world.person("Una Unlisted", null);
        UUID id = awardTo(learner);
        WebSession una = signedIn(learner);
        accept(learner, una);
        assertThat(awards.find(id).orElseThrow().visibility()).isEqualTo(Visibility.UNLISTED);
        WebSession.Page unlisted = anonymous("/credentials/" + id);
        assertThat(unlisted.status()).isEqualTo(200);
        assertThat(unlisted.body()).contains("Profile Practice", "<meta name=\"robots\" content=\"noindex\">");
        assertThat(anonymous("/credentials/" + id).status()).isEqualTo(200); // served from the shared copy now

        assertThat(setVisibility(una, id, "private").body()).contains("Profile Practice is now private.");
        assertThat(anonymous("/credentials/" + id).status()).isEqualTo(404);
        assertThat(una.get("/credentials/" + id).status()).isEqualTo(200);

        assertThat(setVisibility(una, id, "public").body()).contains("is now public.");
        assertThat(visibility.isPublic(id)).isTrue();
        assertThat(anonymous("/credentials/" + id).body()).contains("Profile Practice").contains("noindex"); // holder has not allowed indexing

        // Someone whose default is public gets new badges public.
        var eager = credits.world.person("Paula Public", null);
        profiles.save(eager.actor(), new Profiles.Form(true, "paula-public", "Paula Public", null, true, "public"));
        UUID second = awardTo(eager);
        accept(eager, signedIn(eager));
        assertThat(visibility.isPublic(second)).isTrue();
        assertThat(anonymous("/credentials/" + second).body()).contains("Profile Practice").doesNotContain("noindex");
    }

    @Test
    void nobodyButTheHolderChoosesABadgesVisibilityOrPutsItInACollection() {
        var learner = credits.world.person("Hana Holder", null);
        var other = credits.world.person("Ivan Intruder", null);
        UUID id = awardTo(learner);
        WebSession hana = signedIn(learner);
        assertThat(setVisibility(hana, id, "public").body()).contains("Accept the badge Profile Practice first");
        assertThat(awards.find(id).orElseThrow().chosenVisibility()).isEqualTo("unlisted");
        accept(learner, hana);
        assertThat(setVisibility(hana, id, "everyone").body()).contains("Choose public, unlisted or private.");

        WebSession ivan = signedIn(other);
        assertThat(setVisibility(ivan, id, "private").status()).isEqualTo(404);
        assertThat(awards.find(id).orElseThrow().chosenVisibility()).isEqualTo("unlisted");
        assertThatThrownBy(() -> visibility.set(other.actor(), id, Visibility.PUBLIC)).isInstanceOf(Problem.class)
                .extracting(p -> ((Problem) p).kind()).isEqualTo(Problem.Kind.NOT_FOUND);

        visibility.set(learner.actor(), id, Visibility.PUBLIC);
        profiles.save(other.actor(), new Profiles.Form(true, "ivan-intruder", "Ivan", null, false, "unlisted"));
        UUID ivansCollection = profiles.createCollection(other.actor(), "Stolen");
        assertThatThrownBy(() -> profiles.addBadge(other.actor(), ivansCollection, id)).isInstanceOf(Problem.class)
                .hasMessageContaining("Only your own accepted badges");
        profiles.save(learner.actor(), new Profiles.Form(true, "hana-holder", "Hana", null, false, "unlisted"));
        UUID hanasCollection = profiles.createCollection(learner.actor(), "Mine");
        assertThatThrownBy(() -> profiles.addBadge(other.actor(), hanasCollection, id)).isInstanceOf(Problem.class)
                .extracting(p -> ((Problem) p).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        assertThat(ivan.submit("/profile", "/profile/collections/" + hanasCollection + "/delete").status()).isEqualTo(404);
        assertThat(profiles.collections(learner.actor().userId())).extracting(Profiles.Collection::name).containsExactly("Mine");
        assertThat(profiles.collections(other.actor().userId())).extracting(Profiles.Collection::awardIds).containsExactly(java.util.List.of());
    }

    @Test
    void theProfileShowsOnlyPublicValidBadgesInItsCollectionsWithOpenGraphTagsAndIndexingAsAllowed() {
        var learner = credits.world.person("Cora Collector", null);
        UUID kept = awardTo(learner);
        WebSession cora = signedIn(learner);
        accept(learner, cora);
        UUID revoked = awardTo(learner);
        accept(learner, cora, 2);
        visibility.set(learner.actor(), kept, Visibility.PUBLIC);
        visibility.set(learner.actor(), revoked, Visibility.PUBLIC);

        assertThat(anonymous("/people/cora").status()).isEqualTo(404);
        profiles.save(learner.actor(), new Profiles.Form(false, "Cora", "Cora Collector", "Facilitator and coach", false, "unlisted"));
        assertThat(anonymous("/people/cora").status()).isEqualTo(404); // off until she switches it on
        profiles.save(learner.actor(), new Profiles.Form(true, "Cora", "Cora Collector", "Facilitator and coach", false, "unlisted"));
        UUID leadership = profiles.createCollection(learner.actor(), "Leadership");
        profiles.addBadge(learner.actor(), leadership, kept);
        profiles.addBadge(learner.actor(), leadership, revoked);

        WebSession.Page page = anonymous("/people/CORA");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Cora Collector", "Facilitator and coach", "Leadership", "Profile Practice", "Valid",
                "property=\"og:title\" content=\"Cora Collector\"", "property=\"og:url\" content=\"" + baseUrl() + "/people/cora\"",
                "noindex", "/credentials/" + kept, "/credentials/" + revoked);

        assertThat(staff.post("/api/v1/awards/" + revoked + "/revoke", Map.of("reason", "Issued in error")).status()).isEqualTo(200);
        visibility.set(learner.actor(), kept, Visibility.UNLISTED);
        assertThat(anonymous("/people/cora").body()).doesNotContain("/credentials/" + kept).doesNotContain("/credentials/" + revoked)
                .contains("No badges to show yet.");
        visibility.set(learner.actor(), kept, Visibility.PUBLIC);
        profiles.save(learner.actor(), new Profiles.Form(true, "cora", "Cora Collector", "Facilitator and coach", true, "unlisted"));
        assertThat(anonymous("/people/cora").body()).contains("/credentials/" + kept).doesNotContain("noindex");
        assertThat(anonymous("/credentials/" + kept).body()).doesNotContain("noindex");
    }

    @Test
    void aTakenOrReservedHandleIsRefusedWithAReasonAndNothingChanges() {
        var first = credits.world.person("Tara Taken", null);
        var second = credits.world.person("Sam Second", null);
        profiles.save(first.actor(), new Profiles.Form(true, "tara", "Tara", null, false, "unlisted"));
        WebSession sam = signedIn(second);
        for (String reserved : new String[] {"admin", "API", "people", "credentials", "organizations", "wallet", "well-known"}) {
            assertThat(sam.submit("/profile", "/profile", "enabled", "true", "handle", reserved, "displayName", "Sam",
                    "defaultVisibility", "unlisted").body()).contains("is reserved; choose another");
        }
        assertThat(sam.submit("/profile", "/profile", "enabled", "true", "handle", "TARA", "displayName", "Sam", "defaultVisibility", "unlisted")
                .body()).contains("The address tara is already taken");
        assertThat(sam.submit("/profile", "/profile", "enabled", "true", "handle", "-bad-", "displayName", "Sam", "defaultVisibility", "unlisted")
                .body()).contains("Use only letters, digits and hyphens");
        assertThat(sam.submit("/profile", "/profile", "enabled", "true", "handle", "ab", "displayName", "Sam", "defaultVisibility", "unlisted")
                .body()).contains("3 to 30 characters");
        assertThat(sam.submit("/profile", "/profile", "enabled", "true", "handle", "sam-second", "displayName", "x".repeat(101),
                "defaultVisibility", "unlisted").body()).contains("at most 100 characters");
        assertThat(profiles.settings(second.actor().userId())).isEmpty();
        assertThat(profiles.settings(first.actor().userId()).orElseThrow().displayName()).isEqualTo("Tara");

        assertThat(sam.submit("/profile", "/profile", "enabled", "true", "handle", "Sam-Second", "displayName", "Sam Second",
                "defaultVisibility", "unlisted").body()).contains("public at /people/sam-second");
        assertThat(anonymous("/people/sam-second").body()).contains("Sam Second");
    }

    @Test
    void everyTopLevelRouteOfTheApplicationIsAReservedHandle() {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        var firsts = mapping.getHandlerMethods().keySet().stream().flatMap(i -> i.getPatternValues().stream()).map(Handles::firstSegment)
                .filter(java.util.Objects::nonNull).toList();
        assertThat(firsts).contains("credentials", "wallet", "organizations", "people");
        assertThat(handles.reserved()).containsAll(firsts).contains("admin", "api", "ims", "oembed", "static", "assets", "well-known");
    }

    @Test
    void thePhotoIsCheckedByItsBytesAndRedrawnWithoutItsMetadata() throws Exception {
        var learner = credits.world.person("Fay Photo", null);
        assertThatThrownBy(() -> profiles.setPhoto(learner.actor(), png(10, 10))).isInstanceOf(Problem.class).hasMessageContaining("first");
        profiles.save(learner.actor(), new Profiles.Form(true, "fay-photo", "Fay", null, false, "unlisted"));
        assertThatThrownBy(() -> profiles.setPhoto(learner.actor(), "<html>not an image</html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Problem.class).hasMessageContaining("must be one of JPEG, PNG");
        byte[] truncated = java.util.Arrays.copyOf(png(50, 50), 40);
        assertThatThrownBy(() -> profiles.setPhoto(learner.actor(), truncated)).isInstanceOf(Problem.class);
        assertThat(profiles.settings(learner.actor().userId()).orElseThrow().hasPhoto()).isFalse();

        profiles.setPhoto(learner.actor(), withTextChunk(png(1500, 1000), "Location", "51.5007,-0.1246"));
        var page = anonymous("/people/fay-photo");
        assertThat(page.body()).contains("/people/fay-photo/photo?v=", "property=\"og:image\"");
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/people/fay-photo/photo")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        byte[] served = response.body();
        assertThat(new String(served, StandardCharsets.ISO_8859_1)).doesNotContain("51.5007");
        BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(served));
        assertThat(image.getWidth()).isEqualTo(512);
        assertThat(image.getHeight()).isEqualTo(341);

        profiles.save(learner.actor(), new Profiles.Form(false, "fay-photo", "Fay", null, false, "unlisted"));
        assertThat(anonymous("/people/fay-photo/photo").status()).isEqualTo(404);
    }

    @Test
    void aWebpPhotoIsAcceptedAndServedAsJpeg() throws Exception {
        var learner = credits.world.person("Wendy Webp", null);
        profiles.save(learner.actor(), new Profiles.Form(true, "wendy-webp", "Wendy", null, false, "unlisted"));
        byte[] webp = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("src/test/resources/images/photo-800x600.webp"));
        profiles.setPhoto(learner.actor(), webp);
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/people/wendy-webp/photo")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(response.body()));
        assertThat(image.getWidth()).isEqualTo(512);
        assertThat(image.getHeight()).isEqualTo(384);
    }

    static byte[] png(int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    /** The PNG with a tEXt chunk after its header: metadata a camera or editor might leave. */
    static byte[] withTextChunk(byte[] png, String keyword, String text) {
        byte[] data = (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put("tEXt".getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update("tEXt".getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        chunk.putInt((int) crc.getValue());
        int afterHeader = 8 + 25;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterHeader);
        out.writeBytes(chunk.array());
        out.write(png, afterHeader, png.length - afterHeader);
        return out.toByteArray();
    }
}
