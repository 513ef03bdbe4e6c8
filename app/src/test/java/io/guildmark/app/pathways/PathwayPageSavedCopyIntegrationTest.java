package io.guildmark.app.pathways;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A pathway's public page is served to anonymous visitors from the saved copy under one stamp query (see
 * {@link PathwayPageStamps}), yet every change that shows on it shows on the very next view: a new version, a price,
 * retirement, a step renamed in the catalog, a step's earning design, the organization's name.
 */
class PathwayPageSavedCopyIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    ApplicationContext context;

    private PathwayWorld world;
    private PathwayWorld.Association association;
    private UUID step;
    private UUID pathwayId;
    private String page;

    @BeforeEach
    void anAssociationWithAPublishedPathwayWhosePageIsSaved() throws Exception {
        world = new PathwayWorld(context, admin());
        association = world.association("pathstamp");
        step = world.microCredential(association, "Chair a Meeting", null);
        pathwayId = world.pathway(association, "Chairing path", null, PathwayWorld.allOf("Core", PathwayWorld.step(step))).id();
        world.publish(association, pathwayId);
        page = baseUrl() + "/pathways/" + pathwayId;
    }

    /** Views the page twice; the second must come from the saved copy (a 304 for the first one's ETag). */
    private String savedETag() throws Exception {
        HttpResponse<String> first = get(Map.of());
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(get(Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
        return etag;
    }

    /** The page as a visitor revalidating the saved copy gets it: a full 200 with a new ETag, since it changed. */
    private String changedPage(String etag) throws Exception {
        HttpResponse<String> after = get(Map.of("If-None-Match", etag));
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        return after.body();
    }

    @Test
    void aNewVersionOfThePathwayShowsAtOnce() throws Exception {
        String etag = savedETag();
        Pathways pathways = context.getBean(Pathways.class);
        pathways.updateDetails(association.owner().actor(), association.slug(), pathwayId,
                new Pathways.Details("Chairing and minuting path", "Chair, then minute.", Pathway.CapstoneKind.ELIGIBILITY, null));
        world.publish(association, pathwayId);
        assertThat(changedPage(etag)).contains("Chairing and minuting path");
    }

    @Test
    void aPriceSetOnThePathwayShowsAtOnce() throws Exception {
        String etag = savedETag();
        context.getBean(PathwayPrices.class).save(association.owner().actor(), association.slug(), pathwayId,
                new PathwayPrices.Draft(null, "49.50", "USD", Map.of()));
        assertThat(changedPage(etag)).contains("49.50 USD for non-members");
        String priced = get(Map.of()).headers().firstValue("ETag").orElseThrow();
        context.getBean(PathwayPrices.class).save(association.owner().actor(), association.slug(), pathwayId,
                new PathwayPrices.Draft(null, "49.50", "USD", Map.of("fellow", "10")));
        assertThat(changedPage(priced)).contains("other prices by member type");
    }

    @Test
    void aRetiredPathwayIsGoneFromTheSavedCopyAtOnce() throws Exception {
        savedETag();
        context.getBean(Pathways.class).retire(association.owner().actor(), association.slug(), pathwayId);
        assertThat(get(Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void aStepRenamedInTheCatalogShowsAtOnce() throws Exception {
        String etag = savedETag();
        String achievement = "/api/v1/organizations/" + association.slug() + "/achievements/" + step;
        assertThat(association.key().put(achievement, Map.of("name", "Chair a Board Meeting", "description", "Shows that the holder can chair.",
                "achievementType", "MicroCredential", "criteria", Map.of("narrative", "Chair a meeting to the standard."))).status()).isEqualTo(200);
        assertThat(association.key().post(achievement + "/publish", Map.of()).status()).isEqualTo(200);
        assertThat(changedPage(etag)).contains("Chair a Board Meeting");
    }

    @Test
    void aPrerequisiteAddedToAStepsEarningDesignLocksItAtOnce() throws Exception {
        UUID minutes = world.microCredential(association, "Take Minutes", null);
        String etag = savedETag();
        assertThat(get(Map.of()).body()).contains("1 available").doesNotContain("1 locked");
        var saved = association.key().put("/api/v1/organizations/" + association.slug() + "/achievements/" + step + "/earning",
                Map.of("completion", Map.of("courseCode", "CHAIR-1"), "prerequisites", List.of(minutes.toString())));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(changedPage(etag)).contains("1 locked");
    }

    @Test
    void theOrganizationRenamedShowsAtOnce() throws Exception {
        String etag = savedETag();
        context.getBean(Organizations.class).updateProfile(association.owner().actor(), association.slug(),
                new Organizations.Profile("Guild of Careful Chairs", null, null, null));
        assertThat(changedPage(etag)).contains("Guild of Careful Chairs");
    }

    @Test
    void anUnknownPathwayIsNotFound() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/pathways/" + UUID.randomUUID())).header("Accept", "text/html").build();
        assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(page)).header("Accept", "text/html");
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
