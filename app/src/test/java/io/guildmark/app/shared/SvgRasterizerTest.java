package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drawing uploaded SVG designs as PNG: faithful, bounded in size and time, and never reaching outside the file. */
class SvgRasterizerTest {

    private static final int MAX = 600; // BadgeDesigns.MAX_SIDE
    private static final Color GREEN = new Color(0x00, 0xaa, 0x77);

    private HttpServer server;
    private final List<String> requested = new CopyOnWriteArrayList<>();

    @BeforeEach
    void aServerThatRecordsEveryRequest() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requested.add(exchange.getRequestURI().toString());
            byte[] red = png(Color.RED);
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, red.length);
            exchange.getResponseBody().write(red);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aDesignIsDrawnAtTheLongestSideAllowedKeepingItsProportionsOnATransparentBackground() throws Exception {
        BufferedImage drawn = draw("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 200 100'>"
                + "<rect width='200' height='100' fill='#00aa77'/><circle cx='100' cy='50' r='20' fill='#fff'/></svg>");
        assertThat(drawn.getWidth()).isEqualTo(MAX);
        assertThat(drawn.getHeight()).isEqualTo(MAX / 2);
        assertThat(new Color(drawn.getRGB(60, 150), true)).isEqualTo(GREEN);
        assertThat(new Color(drawn.getRGB(300, 150), true)).isEqualTo(Color.WHITE);

        BufferedImage round = draw("<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64'><circle cx='32' cy='32' r='30' fill='#00aa77'/></svg>");
        assertThat(round.getWidth()).as("a small vector design is drawn large").isEqualTo(MAX);
        assertThat(round.getRGB(2, 2) >>> 24).as("transparent corner").isZero();
        assertThat(new Color(round.getRGB(MAX / 2, MAX / 2), true)).isEqualTo(GREEN);
    }

    @Test
    void aDesignThatClaimsGiantDimensionsIsDrawnNoLargerThanTheBound() throws Exception {
        BufferedImage giant = draw("<svg xmlns='http://www.w3.org/2000/svg' width='1e30' height='5e29' viewBox='0 0 2 1'>"
                + "<rect width='2' height='1' fill='#00aa77'/></svg>");
        assertThat(giant.getWidth()).isEqualTo(MAX);
        assertThat(giant.getHeight()).isEqualTo(MAX / 2);

        // Drawn to scale, a sliver far thinner than a pixel shows nothing: refused, so the seal is shown instead.
        assertThatThrownBy(() -> SvgRasterizer.png(bytes("<svg xmlns='http://www.w3.org/2000/svg' width='100000000' height='1'>"
                + "<rect width='100000000' height='1' fill='#00aa77'/></svg>"), MAX, SvgRasterizer.TIME_LIMIT))
                .isInstanceOf(SvgRasterizer.Unrenderable.class).hasMessageContaining("nothing");
    }

    @Test
    void nothingOutsideTheFileIsFetchedNeitherOverTheNetworkNorFromDisk(@TempDir Path dir) throws Exception {
        Path red = dir.resolve("red.png");
        Files.write(red, png(Color.RED));
        String http = "http://127.0.0.1:" + server.getAddress().getPort();
        // Unsanitized, as if something had slipped past the sanitizer: every way SVG has to point outside itself.
        String hostile = "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' viewBox='0 0 100 100'>"
                + "<style>@import url(" + http + "/import.css); rect.far { fill: url(" + http + "/paint.svg#p) }</style>"
                + "<rect width='100' height='100' fill='#00aa77'/>"
                + "<image x='0' y='0' width='50' height='50' href='" + http + "/remote.png'/>"
                + "<image x='50' y='0' width='50' height='50' xlink:href='" + red.toUri() + "'/>"
                + "<image x='0' y='50' width='50' height='50' href='red.png'/>"
                + "<use href='" + http + "/sprite.svg#shape'/>"
                + "<rect class='far' x='50' y='50' width='10' height='10' style=\"fill: url('" + http + "/style.svg#p')\"/></svg>";

        BufferedImage drawn = draw(hostile);
        assertThat(requested).isEmpty();
        assertThat(colours(drawn)).doesNotContain(Color.RED.getRGB());
        assertThat(new Color(drawn.getRGB(150, 150), true)).isEqualTo(GREEN);

        byte[] sanitized = UploadedImages.check(hostile.getBytes(StandardCharsets.UTF_8), new UploadedImages.Purpose("image", "the badge image"),
                EnumSet.of(UploadedImages.Format.SVG)).content();
        BufferedImage drawnSanitized = image(SvgRasterizer.png(sanitized, MAX, SvgRasterizer.TIME_LIMIT));
        assertThat(requested).isEmpty();
        assertThat(colours(drawnSanitized)).doesNotContain(Color.RED.getRGB());
    }

    @Test
    void anExternalEntityInADoctypeIsNeitherFetchedNorRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "SECRET");
        String http = "http://127.0.0.1:" + server.getAddress().getPort();
        String hostile = "<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY remote SYSTEM '" + http + "/entity'>"
                + "<!ENTITY local SYSTEM '" + secret.toUri() + "'>]>"
                + "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'><rect width='10' height='10' fill='#00aa77'/>"
                + "<text x='1' y='5'>&remote;&local;</text></svg>";
        try {
            SvgRasterizer.png(hostile.getBytes(StandardCharsets.UTF_8), MAX, SvgRasterizer.TIME_LIMIT);
        } catch (SvgRasterizer.Unrenderable refused) {
            // refusing the file is as good as drawing it without the entities
        }
        assertThat(requested).isEmpty();
    }

    @Test
    void anEmbeddedPictureIsDrawn() throws Exception {
        String data = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png(Color.RED));
        BufferedImage drawn = draw("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 100 100'><image width='100' height='100' href='" + data + "'/></svg>");
        assertThat(new Color(drawn.getRGB(MAX / 2, MAX / 2), true)).isEqualTo(Color.RED);
    }

    @Test
    void aDesignThatDrawsNothingIsRefused() {
        assertThatThrownBy(() -> SvgRasterizer.png(bytes("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'>"
                + "<rect width='10' height='10' fill='#00aa77' opacity='0'/></svg>"), MAX, SvgRasterizer.TIME_LIMIT))
                .isInstanceOf(SvgRasterizer.Unrenderable.class).hasMessageContaining("nothing");
    }

    @Test
    void aDamagedFileIsRefused() {
        assertThatThrownBy(() -> SvgRasterizer.png(bytes("<svg xmlns='http://www.w3.org/2000/svg'><rect width='10'</svg>"), MAX, SvgRasterizer.TIME_LIMIT))
                .isInstanceOf(SvgRasterizer.Unrenderable.class);
    }

    @Test
    void aDesignWithMoreElementsThanTheLimitIsRefused() {
        StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'>");
        svg.append("<rect width='10' height='10' fill='#00aa77'/>".repeat(SvgRasterizer.MAX_ELEMENTS + 1)).append("</svg>");
        assertThatThrownBy(() -> SvgRasterizer.png(bytes(svg.toString()), MAX, SvgRasterizer.TIME_LIMIT))
                .isInstanceOf(SvgRasterizer.Unrenderable.class);
    }

    @Test
    void aDrawingPastItsTimeLimitIsStoppedAndTheNextDesignIsDrawnAtOnce() throws Exception {
        StringBuilder slow = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 100 100'>"
                + "<defs><radialGradient id='g'><stop offset='0' stop-color='#fff'/><stop offset='1' stop-color='#00aa77'/></radialGradient></defs>");
        for (int i = 0; i < 9_000; i++) {
            slow.append("<circle cx='50' cy='50' r='").append(50 - i % 40).append("' fill='url(#g)' stroke='#000' stroke-width='3' opacity='0.9'/>");
        }
        slow.append("</svg>");
        Duration limit = Duration.ofMillis(30);
        long start = System.nanoTime();
        assertThatThrownBy(() -> SvgRasterizer.png(bytes(slow.toString()), MAX, limit))
                .isInstanceOf(SvgRasterizer.Unrenderable.class).hasMessageContaining("time limit");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        BufferedImage next = draw("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'><rect width='10' height='10' fill='#00aa77'/></svg>");
        assertThat(new Color(next.getRGB(5, 5), true)).isEqualTo(GREEN);
    }

    @Test
    void dashesFinerThanAPixelAreDrawnAsALineInsteadOfMillionsOfDashes() throws Exception {
        long start = System.nanoTime();
        BufferedImage drawn = draw("<svg xmlns='http://www.w3.org/2000/svg' width='600' height='600'>"
                + "<circle cx='300' cy='300' r='250' fill='none' stroke='#00aa77' stroke-width='10' stroke-dasharray='0.0001'/></svg>");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SvgRasterizer.TIME_LIMIT);
        assertThat(new Color(drawn.getRGB(550, 300), true)).isEqualTo(GREEN);
    }

    private static BufferedImage draw(String svg) throws Exception {
        return image(SvgRasterizer.png(bytes(svg), MAX, SvgRasterizer.TIME_LIMIT));
    }

    private static BufferedImage image(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static java.util.Set<Integer> colours(BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) seen.add(image.getRGB(x, y));
        }
        return seen;
    }

    private static byte[] bytes(String svg) {
        return svg.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] png(Color colour) {
        try {
            BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = image.createGraphics();
            g.setColor(colour);
            g.fillRect(0, 0, 10, 10);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
