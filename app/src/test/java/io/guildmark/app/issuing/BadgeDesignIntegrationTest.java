package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.OutsideVerifier;
import io.guildmark.credentials.baking.BakedCredential;
import io.guildmark.credentials.baking.PngBaker;
import io.guildmark.credentials.baking.SvgBaker;
import io.guildmark.credentials.verify.VerificationReport;
import io.guildmark.credentials.verify.Verifier;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The association's uploaded badge design on every copy of an issued badge, which still verifies. */
class BadgeDesignIntegrationTest extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired org.springframework.context.ApplicationContext context;

    /** A pending badge is private: its recipient accepts it and makes it public, so a visitor can open its page. */
    private void shownToEveryone(String credentialUrl) {
        io.guildmark.app.support.Holders.acceptAndMakePublic(context, java.util.UUID.fromString(credentialUrl.substring(credentialUrl.lastIndexOf('/') + 1)));
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Verifier verifier = new OutsideVerifier().verifier;

    private String slug;
    private Api key;

    @BeforeEach
    void anAssociation() {
        slug = Fixtures.createOrganization(admin(), "designs");
        key = api().withToken(Fixtures.createApiKey(admin(), slug));
    }

    @Test
    void anUploadedPngDesignIsTheBakedPngTheSvgTheOpenGraphImageAndThePageAndStillVerifies() throws Exception {
        String achievementId = microCredential("Harbor Pilot", png(Color.BLUE, 900, 700), "image/png");
        String url = award(achievementId);

        BufferedImage baked = bakedPngThatVerifies(url);
        assertThat(Math.max(baked.getWidth(), baked.getHeight())).as("bounded").isEqualTo(BadgeDesigns.MAX_SIDE);
        assertThat(baked.getWidth()).isGreaterThan(baked.getHeight()); // the design's own shape, not the 400×400 seal
        assertThat(new Color(baked.getRGB(baked.getWidth() / 2, baked.getHeight() / 2))).isEqualTo(Color.BLUE);

        byte[] svg = bytes(url + ".svg");
        assertThat(new String(svg, StandardCharsets.UTF_8)).contains("data:image/png;base64,");
        assertThat(new SvgBaker().extract(svg)).isPresent();
        VerificationReport fromSvg = verifier.verify(svg, "image/svg+xml");
        assertThat(fromSvg.verified()).as(fromSvg.checks().toString()).isTrue();

        BufferedImage og = ImageIO.read(new ByteArrayInputStream(bytes(url + "/og.png")));
        assertThat(og.getWidth()).isEqualTo(1200);
        assertThat(og.getHeight()).isEqualTo(630);
        assertThat(new Color(og.getRGB(280, 300))).isEqualTo(Color.BLUE);

        shownToEveryone(url);
        String page = api().get(url, "text/html").body();
        assertThat(page).contains("property=\"og:image\" content=\"" + url + "/og.png\"", "class=\"badge-hero\" src=\"" + url + ".png\"");
    }

    @Test
    void anUploadedSvgDesignIsSanitizedBakedIntoTheSvgAndShownOnThePage() throws Exception {
        String design = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><rect id=\"house-design\" width=\"100\" height=\"100\" fill=\"#0a7\"/>"
                + "<a href=\"https://tracker.example\"><circle cx=\"50\" cy=\"50\" r=\"30\"/></a></svg>";
        String achievementId = microCredential("Lighthouse Keeper", design.getBytes(StandardCharsets.UTF_8), "image/svg+xml");
        String url = award(achievementId);

        String svg = new String(bytes(url + ".svg"), StandardCharsets.UTF_8);
        assertThat(svg).contains("house-design", "openbadges:credential").doesNotContain("tracker.example", "data:image/png");
        VerificationReport fromSvg = verifier.verify(svg.getBytes(StandardCharsets.UTF_8), "image/svg+xml");
        assertThat(fromSvg.verified()).as(fromSvg.checks().toString()).isTrue();

        byte[] png = bytes(url + ".png");
        VerificationReport fromPng = verifier.verify(png, "image/png");
        assertThat(fromPng.verified()).as(fromPng.checks().toString()).isTrue();
        BufferedImage baked = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(new Color(baked.getRGB(20, 20))).isEqualTo(new Color(0x00, 0xaa, 0x77));
        assertThat(new Color(baked.getRGB(baked.getWidth() / 2, baked.getHeight() / 2))).as("the link's circle, kept").isEqualTo(Color.BLACK);

        shownToEveryone(url);
        String page = api().get(url, "text/html").body();
        assertThat(page).contains("class=\"badge-hero\" src=\"/achievements/" + achievementId + "/versions/1/image\"");
    }

    @Test
    void anUploadedSvgDesignIsDrawnIntoTheBakedPngTheOpenGraphImageAndThePdfCertificate() throws Exception {
        Color teal = new Color(0x00, 0x80, 0x80);
        String design = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 100\"><rect width=\"200\" height=\"100\" fill=\"#008080\"/></svg>";
        String achievementId = microCredential("Channel Surveyor", design.getBytes(StandardCharsets.UTF_8), "image/svg+xml");
        String url = award(achievementId);

        BufferedImage baked = bakedPngThatVerifies(url);
        assertThat(baked.getWidth()).isEqualTo(BadgeDesigns.MAX_SIDE);
        assertThat(baked.getHeight()).as("the design's proportions").isEqualTo(BadgeDesigns.MAX_SIDE / 2);
        assertThat(new Color(baked.getRGB(10, 10))).isEqualTo(teal);
        assertThat(new Color(baked.getRGB(baked.getWidth() / 2, baked.getHeight() / 2))).isEqualTo(teal);

        byte[] ob2 = bytes(url + "/ob2.png");
        assertThat(new PngBaker().extract(ob2).orElseThrow().format()).isEqualTo(BakedCredential.Format.OB2);
        assertThat(centre(ob2)).isEqualTo(teal);

        BufferedImage og = ImageIO.read(new ByteArrayInputStream(bytes(url + "/og.png")));
        assertThat(new Color(og.getRGB(280, 300))).isEqualTo(teal);

        try (PDDocument pdf = Loader.loadPDF(bytes(url + ".pdf"))) {
            PDResources resources = pdf.getPage(0).getResources();
            List<BufferedImage> images = new ArrayList<>();
            for (COSName name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof PDImageXObject image) images.add(image.getImage());
            }
            assertThat(images).anySatisfy(image -> {
                assertThat(image.getWidth()).isEqualTo(BadgeDesigns.MAX_SIDE);
                assertThat(image.getHeight()).isEqualTo(BadgeDesigns.MAX_SIDE / 2);
                assertThat(new Color(image.getRGB(image.getWidth() / 2, image.getHeight() / 2))).isEqualTo(teal);
            });
            BufferedImage page = new PDFRenderer(pdf).renderImage(0);
            assertThat(colours(page)).as("the design is drawn on the certificate").contains(teal.getRGB());
        }
    }

    @Test
    void anSvgDesignThatCannotBeDrawnIsRefusedAtUploadRatherThanFallingBackOnEveryBadge() {
        String tooManyShapes = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">"
                + "<rect id=\"too-busy\" width=\"10\" height=\"10\" fill=\"#008080\"/>".repeat(io.guildmark.app.shared.SvgRasterizer.MAX_ELEMENTS + 1) + "</svg>";
        Api.Response created = key.post(path(), Map.of("name", "Buoy Tender", "description", "Can tend buoys.",
                "achievementType", "MicroCredential", "criteria", Map.of("narrative", "Pass the assessment.")));
        String id = created.json().get("id").asText();
        Api.Response uploaded = key.put(path() + "/" + id + "/image", tooManyShapes.getBytes(StandardCharsets.UTF_8), "image/svg+xml");
        assertThat(uploaded.status()).isEqualTo(400);
        assertThat(uploaded.body()).contains("cannot be drawn as a badge", "10000 elements");
        assertThat(key.get(path() + "/" + id + "/image").status()).as("nothing stored").isEqualTo(404);
    }

    @Test
    void eachAwardShowsTheDesignOfTheVersionItWasAwardedFrom() throws Exception {
        String achievementId = microCredential("Tide Reader", png(Color.BLUE, 64, 64), "image/png");
        String first = award(achievementId);
        assertThat(key.put(path() + "/" + achievementId + "/image", png(Color.RED, 64, 64), "image/png").status()).isEqualTo(200);
        assertThat(key.post(path() + "/" + achievementId + "/publish", Map.of()).status()).isEqualTo(200);
        String second = award(achievementId);

        assertThat(centre(bytes(first + ".png"))).isEqualTo(Color.BLUE);
        assertThat(centre(bytes(second + ".png"))).isEqualTo(Color.RED);
    }

    private String microCredential(String name, byte[] image, String type) {
        Api.Response created = key.post(path(), Map.of("name", name, "description", "Can " + name.toLowerCase() + ".",
                "achievementType", "MicroCredential", "criteria", Map.of("narrative", "Pass the assessment.")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Api.Response uploaded = key.put(path() + "/" + id + "/image", image, type);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(key.post(path() + "/" + id + "/publish", Map.of()).status()).isEqualTo(200);
        return id;
    }

    private String award(String achievementId) {
        Api.Response awarded = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("design"), "name", "Dana Designer")));
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);
        // Accepted and public: a private badge's certificate and shared picture are as absent as its page.
        io.guildmark.app.support.Holders.acceptAndMakePublic(context, java.util.UUID.fromString(awarded.json().get("id").asText()));
        return awarded.json().get("credentialUrl").asText();
    }

    private String path() {
        return "/api/v1/organizations/" + slug + "/achievements";
    }

    private static Color centre(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        return new Color(image.getRGB(image.getWidth() / 2, image.getHeight() / 2));
    }

    static byte[] png(Color colour, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static java.util.Set<Integer> colours(BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) seen.add(image.getRGB(x, y));
        }
        return seen;
    }


    /** The badge's baked PNG, checked to carry the OB 3.0 credential and to verify, as an image. */
    private BufferedImage bakedPngThatVerifies(String url) throws Exception {
        byte[] png = bytes(url + ".png");
        assertThat(new PngBaker().extract(png).orElseThrow().format()).isEqualTo(BakedCredential.Format.OB3_JSON);
        VerificationReport fromPng = verifier.verify(png, "image/png");
        assertThat(fromPng.verified()).as(fromPng.checks().toString()).isTrue();
        return ImageIO.read(new ByteArrayInputStream(png));
    }
    private static byte[] bytes(String url) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
