package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SignedInClient;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The certificate designer: owners set the look once, every certificate of their organization uses it. */
class CertificateDesignerIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    private EarningWorld world;
    private EarningWorld.Program program;
    private SignedInClient owner;
    private String page;

    @BeforeEach
    void anAssociationAndItsOwnerSignedIn() {
        world = new EarningWorld(context, admin(), baseUrl());
        program = world.program("certificates", EarningWorld.onlyDemonstration());
        owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        page = "/organizations/" + program.slug() + "/certificate";
    }

    @Test
    void aSavedDesignPutsTheLogoSignatoryAndFooterOnEveryCertificateOfTheOrganization() throws Exception {
        SignedInClient.Download saved = owner.postMultipart(page, page, fields("modern", "#8a1538", "#c9a227"), "logo", "logo.png", "image/png",
                BadgeDesignIntegrationTest.png(Color.ORANGE, 300, 120));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("Certificate design saved");

        Api key = api().withToken(program.apiKey());
        Api.Response awarded = key.post("/api/v1/organizations/" + program.slug() + "/awards", Map.of("achievementId", program.achievementId().toString(),
                "recipient", Map.of("email", Fixtures.uniqueEmail("cert"), "name", "Pat Printer")));
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);
        SignedInClient.Download pdf = owner.get(awarded.json().get("credentialUrl").asText().replace(baseUrl(), "") + ".pdf");
        assertThat(pdf.contentType()).startsWith("application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.bytes())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Pat Printer", "Grace Signatory", "President of the Association", "Accreditation no. 42", "Scan or open to verify");
            PDPage first = doc.getPage(0);
            assertThat(first.getMediaBox().getHeight()).as("modern is portrait").isGreaterThan(first.getMediaBox().getWidth());
            int images = 0;
            boolean logo = false;
            for (var name : first.getResources().getXObjectNames()) {
                if (first.getResources().getXObject(name) instanceof PDImageXObject image) {
                    images++;
                    logo |= image.getWidth() == 300 && image.getHeight() == 120;
                }
            }
            assertThat(images).as("badge, logo and QR code").isGreaterThanOrEqualTo(3);
            assertThat(logo).as("the uploaded logo is embedded").isTrue();
        }
    }

    @Test
    void badColoursANonImageLogoAndAnOversizedFileAreRefusedClearlyAndNothingIsSaved() {
        SignedInClient.Download colour = owner.postMultipart(page, page, fields("classic", "red", "#12345"), "logo", "", "application/octet-stream", new byte[0]);
        assertThat(colour.status()).isEqualTo(200);
        assertThat(colour.body()).contains("Enter a colour as # and six hexadecimal digits");

        SignedInClient.Download notImage = owner.postMultipart(page, page, fields("classic", "#112233", "#445566"), "logo", "logo.png", "image/png",
                "GIF89a not really".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(notImage.body()).contains("The logo must be one of JPEG, PNG");

        byte[] huge = new byte[io.guildmark.app.shared.UploadedImages.MAX_BYTES + 1];
        SignedInClient.Download oversized = owner.postMultipart(page, page, fields("classic", "#112233", "#445566"), "signature", "sig.png", "image/png", huge);
        assertThat(oversized.body()).contains("larger than 2 MB");

        SignedInClient.Download layout = owner.postMultipart(page, page, fields("baroque", "#112233", "#445566"), "logo", "", "application/octet-stream", new byte[0]);
        assertThat(layout.body()).contains("Choose the classic or the modern layout");

        assertThat(db.sql("select count(*) from certificate_designs where organization_id = ?").param(program.organizationId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void thePreviewDrawsTheUnsavedFormAndSavesNothing() {
        SignedInClient.Download preview = owner.postMultipart(page, page + "/preview", fields("modern", "#112233", "#445566"), "logo", "logo.png",
                "image/png", pngQuietly());
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).startsWith("<img id=\"certificate-preview\"").contains("src=\"data:image/png;base64,");

        SignedInClient.Download bad = owner.postMultipart(page, page + "/preview", fields("modern", "blue", "#445566"), "logo", "", "application/octet-stream", new byte[0]);
        assertThat(bad.body()).contains("preview-error");
        assertThat(db.sql("select count(*) from certificate_designs where organization_id = ?").param(program.organizationId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void anotherOrganizationsOwnerCannotReadOrChangeTheDesign() {
        EarningWorld.Program other = world.program("certificates-other", EarningWorld.onlyDemonstration());
        SignedInClient intruder = new SignedInClient(baseUrl(), other.owner().email(), EarningWorld.PASSWORD);
        assertThat(intruder.get(page).status()).isEqualTo(404);
        String own = "/organizations/" + other.slug() + "/certificate";
        assertThat(intruder.postMultipart(own, page, fields("modern", "#112233", "#445566"), "logo", "", "application/octet-stream", new byte[0]).status())
                .isEqualTo(404);
        assertThat(db.sql("select count(*) from certificate_designs where organization_id = ?").param(program.organizationId())
                .query(Long.class).single()).isZero();
    }

    private static Map<String, String> fields(String layout, String primary, String accent) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("layout", layout);
        fields.put("primaryColor", primary);
        fields.put("accentColor", accent);
        fields.put("signatoryName", "Grace Signatory");
        fields.put("signatoryTitle", "President of the Association");
        fields.put("footer", "Accreditation no. 42");
        return fields;
    }

    private static byte[] pngQuietly() {
        try {
            return BadgeDesignIntegrationTest.png(Color.GREEN, 40, 40);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
