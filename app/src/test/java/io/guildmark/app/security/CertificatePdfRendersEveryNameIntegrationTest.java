package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import javax.imageio.ImageIO;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The finding: the certificate PDF answered 500 ("No glyph … in font DejaVuSans-Bold") for a recipient or achievement
 * name in Chinese, Japanese, Korean or with an emoji. Every name is drawn now, in its own script.
 */
class CertificatePdfRendersEveryNameIntegrationTest extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired org.springframework.context.ApplicationContext context;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0} earns {1}")
    @CsvSource(delimiter = '|', value = {
            "王小明 🎓           | 项目管理 Earned Value ✨",
            "山田 さくら          | プロジェクト管理",
            "김민준              | 프로젝트 관리 기초",
            "Αλέξανδρος Анна    | Ethics 📜 in Practice",
            "محمد عبد الله       | إدارة المشاريع",
            "דוד לוי             | Risk 🚀 Identification"})
    void aCertificateIsPrintedForANameInAnyScript(String recipient, String achievement) throws Exception {
        String slug = Fixtures.createOrganization(admin(), "scripts");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String achievementId = Catalog.publishedMicroCredential(key, slug, achievement);
        Api.Response awarded = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("script"), "name", recipient)));
        assertThat(awarded.status()).isEqualTo(201);
        String credentialUrl = awarded.json().get("credentialUrl").asText();
        // Accepted and public: a private badge's certificate is as absent as its page.
        io.guildmark.app.support.Holders.acceptAndMakePublic(context, java.util.UUID.fromString(awarded.json().get("id").asText()));

        HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(URI.create(credentialUrl + ".pdf")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (var doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            String firstWordOfRecipient = recipient.split(" ")[0];
            if (!firstWordOfRecipient.codePoints().anyMatch(c -> Character.getDirectionality(c) == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC)) {
                assertThat(text).contains(firstWordOfRecipient); // Arabic is extracted in its joined forms
            }
        }

        HttpResponse<byte[]> png = HTTP.send(HttpRequest.newBuilder(URI.create(credentialUrl + ".png")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new ByteArrayInputStream(png.body()))).isNotNull();
    }
}
