package io.guildmark.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.Test;

class CatalogPagesIntegrationTest extends IntegrationTest {

    private static final Pattern EDIT_PAGE = Pattern.compile("/organizations/[^/]+/catalog/([0-9a-f-]{36})$");

    /** A confirmed person, signed in, who owns a new organization; answers the organization's slug. */
    private String signedInOwner(WebSession web, String stem) {
        String email = Fixtures.uniqueEmail(stem);
        web.submit("/signup", "/signup", "name", "Designer " + stem, "email", email, "password", "correct horse battery");
        web.get(Mailbox.await(email, "Confirm").firstLinkContaining("/email/verify/"));
        web.signIn(email, "correct horse battery");
        String slug = Fixtures.uniqueSlug(stem);
        WebSession.Page created = web.submit("/organizations/new", "/organizations/new", "slug", slug, "name", "Guild of " + stem,
                "website", "", "email", "", "description", "");
        assertThat(created.uri().getPath()).isEqualTo("/organizations/" + slug);
        Fixtures.approve(admin(), slug); // only approved organizations appear in the public catalog
        return slug;
    }

    private static String[] validForm(String name) {
        return new String[] {"name", name, "description", "Inspect welds against the code.\n\nSecond paragraph.",
                "achievementType", "MicroCredential", "criteria", "Pass the quiz and submit a report.", "tags", "welding, inspection",
                "alignments[0].targetName", "Visual weld inspection", "alignments[0].targetUrl", "https://frameworks.example.org/VI-1",
                "alignments[0].targetFramework", "AWS", "alignments[0].targetCode", "VI-1", "alignments[0].targetType", "",
                "alignments[0].targetDescription", "", "requirements[0].kind", "assessment", "requirements[0].description", "Quiz",
                "estimatedHours", "8", "creditValue", "0.8", "creditType", "CEU", "validityMonths", "24", "memberPrice", "49",
                "nonMemberPrice", "99.50", "currency", "USD", "humanCode", "VWI-1", "imageUrl", "", "save", "1"};
    }

    @Test
    void designerCreatesPublishesAndTheCatalogShowsIt() {
        WebSession web = new WebSession(baseUrl());
        String slug = signedInOwner(web, "weavers");
        String editor = "/organizations/" + slug + "/catalog";
        assertThat(web.get(editor).body()).contains("New micro-credential", "Export CSV");

        WebSession.Page saved = web.submit(editor + "/new", editor + "/new", validForm("Visual Weld Inspection"));
        Matcher m = EDIT_PAGE.matcher(saved.uri().getPath());
        assertThat(m.find()).as(saved.uri().toString()).isTrue();
        String id = m.group(1);
        assertThat(saved.body()).contains("Draft saved", "status draft", "Delete draft");
        assertThat(web.get("/achievements/" + id).status()).isEqualTo(404);

        WebSession.Page published = web.submit(editor + "/" + id, editor + "/" + id + "/publish");
        assertThat(published.body()).contains("Published as version 1", "Retire");

        WebSession anyone = new WebSession(baseUrl());
        WebSession.Page page = anyone.get("/achievements/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Visual Weld Inspection", "Second paragraph.", "49.00 USD", "99.50 USD", "0.8 CEU",
                "Visual weld inspection", "24 months");
        assertThat(anyone.get("/catalog?tag=welding&organization=" + slug).body()).contains("Visual Weld Inspection", "1 micro-credential");
        assertThat(anyone.get("/catalog?competency=VI-1&maxHours=7&organization=" + slug).body()).contains("0 micro-credentials");
        assertThat(anyone.get("/catalog?q=weld&type=MicroCredential&maxHours=8").body()).contains("Visual Weld Inspection");
        assertThat(anyone.get("/catalog?maxHours=lots").body()).contains("aria-invalid=\"true\"");

        // An edit: the public keeps seeing version 1 until version 2 is published.
        String[] edit = validForm("Visual Weld Inspection II");
        web.submit(editor + "/" + id, editor + "/" + id, edit);
        assertThat(anyone.get("/achievements/" + id).body()).contains("Visual Weld Inspection<").doesNotContain("Inspection II");
        web.submit(editor + "/" + id, editor + "/" + id + "/publish");
        assertThat(anyone.get("/achievements/" + id).body()).contains("Visual Weld Inspection II");
        assertThat(anyone.get("/achievements/" + id + "?version=1").body()).contains("kept as it was").doesNotContain("Inspection II");
        assertThat(anyone.get("/achievements/" + id + "/versions/2").body()).contains("Visual Weld Inspection II");

        WebSession.Page retired = web.submit(editor + "/" + id, editor + "/" + id + "/retire");
        assertThat(retired.body()).contains("status retired");
        assertThat(anyone.get("/achievements/" + id).body()).contains("This micro-credential is retired");
        assertThat(anyone.get("/catalog?organization=" + slug).body()).doesNotContain("Visual Weld Inspection");
    }

    @Test
    void invalidFormIsShownAgainWithMessagesAndNothingIsSaved() {
        WebSession web = new WebSession(baseUrl());
        String slug = signedInOwner(web, "masons");
        String editor = "/organizations/" + slug + "/catalog";
        long before = count("achievements");
        String[] fields = validForm("");
        fields[java.util.Arrays.asList(fields).indexOf("alignments[0].targetUrl") + 1] = "not a url";
        fields[java.util.Arrays.asList(fields).indexOf("memberPrice") + 1] = "free";
        WebSession.Page page = web.submit(editor + "/new", editor + "/new", fields);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("role=\"alert\"", "Enter a name.", "aria-invalid=\"true\"",
                "aria-describedby=\"f-alignments-0-targetUrl-error\"", "Enter a price such as 49 or 49.50.", "value=\"Visual weld inspection\"");
        assertThat(count("achievements")).isEqualTo(before);
    }

    @Test
    void addAnotherAlignmentWorksWithoutJavaScriptAndSavesNothing() {
        WebSession web = new WebSession(baseUrl());
        String slug = signedInOwner(web, "coopers");
        String editor = "/organizations/" + slug + "/catalog";
        long before = count("achievements");
        String[] fields = validForm("Barrel Making");
        fields[fields.length - 2] = "addAlignment";
        WebSession.Page page = web.submit(editor + "/new", editor + "/new", fields);
        assertThat(page.body()).contains("Alignment 2", "name=\"alignments[1].targetName\"", "value=\"Barrel Making\"");
        assertThat(count("achievements")).isEqualTo(before);
    }

    @Test
    void outsidersCannotOpenAnotherOrganizationsEditor() {
        WebSession owner = new WebSession(baseUrl());
        String slug = signedInOwner(owner, "glaziers");
        WebSession outsider = new WebSession(baseUrl());
        signedInOwner(outsider, "outsiders");
        assertThat(outsider.get("/organizations/" + slug + "/catalog").status()).isEqualTo(404);
        assertThat(outsider.get("/organizations/" + slug + "/catalog/new").status()).isEqualTo(404);
        assertThat(outsider.get("/organizations/" + slug + "/catalog/export?format=csv").status()).isEqualTo(404);
    }

    @Test
    void editorExportsTheCatalogAsCsvAndJson() {
        WebSession web = new WebSession(baseUrl());
        String slug = signedInOwner(web, "tilers");
        String editor = "/organizations/" + slug + "/catalog";
        web.submit(editor + "/new", editor + "/new", validForm("Tile Layout"));
        String csv = web.get(editor + "/export?format=csv").body();
        assertThat(csv).startsWith("id,status,latestVersion,name").contains("Tile Layout");
        assertThat(web.get(editor + "/export?format=json").body()).contains("\"type\" : [ \"Achievement\" ]");
    }

    @Test
    void aLargeCatalogIsShownInPagesWithItsTotalAndSearchingStartsAgainAtTheFirstPage() {
        String slug = Fixtures.createOrganization(admin(), "pagers");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        for (int i = 1; i <= CatalogPages.PAGE_SIZE + 2; i++) Catalog.publishedMicroCredential(key, slug, String.format("Paging Skill %02d", i));
        WebSession anyone = new WebSession(baseUrl());

        String first = anyone.get("/catalog?organization=" + slug).body();
        assertThat(first).contains("26 micro-credentials", "Showing <span>1</span>–<span>24</span> of <span>26</span>", "Paging Skill 01",
                "Paging Skill 24", "Next page", "organization=" + slug + "&amp;page=2").doesNotContain("Paging Skill 25", "Previous page");

        String second = anyone.get("/catalog?organization=" + slug + "&page=2").body();
        assertThat(second).contains("26 micro-credentials", "Showing <span>25</span>–<span>26</span> of <span>26</span>", "Paging Skill 25",
                "Paging Skill 26", "Previous page").doesNotContain("Paging Skill 24", "Next page");

        assertThat(anyone.get("/catalog?organization=" + slug + "&q=skill+07&page=2").body())
                .contains("1 micro-credential", "Paging Skill 07").doesNotContain("Paging Skill 08", "Next page", "Showing");
        // A page number that is not one shows the first page; one past the end, the last.
        assertThat(anyone.get("/catalog?organization=" + slug + "&page=abc").body()).contains("Paging Skill 01").doesNotContain("Paging Skill 25");
        assertThat(anyone.get("/catalog?organization=" + slug + "&page=99999999999").body()).contains("Paging Skill 01");
        assertThat(anyone.get("/catalog?organization=" + slug + "&page=9").body()).contains("Paging Skill 26").doesNotContain("Paging Skill 01");
    }

    @Test
    void aNewlyPublishedMicroCredentialShowsInTheCatalogAtOnce() {
        String slug = Fixtures.createOrganization(admin(), "newcomers");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        Catalog.publishedMicroCredential(key, slug, "First Arrival");
        WebSession anyone = new WebSession(baseUrl());
        assertThat(anyone.get("/catalog?organization=" + slug).body()).contains("1 micro-credential", "First Arrival");

        String second = Catalog.publishedMicroCredential(key, slug, "Second Arrival");
        assertThat(anyone.get("/catalog?organization=" + slug).body()).contains("2 micro-credentials", "Second Arrival");

        key.post("/api/v1/organizations/" + slug + "/achievements/" + second + "/retire", java.util.Map.of());
        assertThat(anyone.get("/catalog?organization=" + slug).body()).contains("1 micro-credential").doesNotContain("Second Arrival");
    }
}
