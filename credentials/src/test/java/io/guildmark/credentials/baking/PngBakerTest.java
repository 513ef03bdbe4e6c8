package io.guildmark.credentials.baking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guildmark.credentials.baking.BakedCredential.Format;
import io.guildmark.credentials.baking.BakingException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngBakerTest {

    static final String CREDENTIAL = "{\"id\":\"urn:uuid:1\",\"name\":\"Façade repair — level 2\"}";
    static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJqdGkiOiJ1cm46dXVpZDoxIn0.c2ln";

    private final PngBaker baker = new PngBaker();

    static byte[] smallPng() throws Exception {
        var image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(3, 3, 0xff336699);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void jsonCredentialRoundTripsAndTheImageStillDecodes() throws Exception {
        var baked = baker.bake(smallPng(), CREDENTIAL, Format.OB3_JSON);

        assertThat(baker.extract(baked)).contains(new BakedCredential(Format.OB3_JSON, CREDENTIAL));
        var image = ImageIO.read(new ByteArrayInputStream(baked));
        assertThat(image.getWidth()).isEqualTo(8);
        assertThat(image.getRGB(3, 3)).isEqualTo(0xff336699);
    }

    @Test
    void jwtRoundTripsInAnUncompressedItxtChunkBeforeIend() throws Exception {
        var baked = baker.bake(smallPng(), JWT, Format.OB3_JWT);

        assertThat(baker.extract(baked)).contains(new BakedCredential(Format.OB3_JWT, JWT));
        var text = new String(baked, StandardCharsets.ISO_8859_1);
        int chunk = text.indexOf("iTXtopenbadgecredential");
        assertThat(chunk).isPositive().isLessThan(text.indexOf("IEND"));
        // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL
        assertThat(Arrays.copyOfRange(baked, chunk + 23, chunk + 28)).containsExactly(0, 0, 0, 0, 0);
    }

    @Test
    void rebakingReplacesTheChunkInsteadOfAddingASecond() throws Exception {
        var once = baker.bake(smallPng(), CREDENTIAL, Format.OB3_JSON);
        var twice = baker.bake(once, JWT, Format.OB3_JWT);

        var text = new String(twice, StandardCharsets.ISO_8859_1);
        assertThat(text.indexOf("openbadgecredential")).isEqualTo(text.lastIndexOf("openbadgecredential"));
        assertThat(baker.extract(twice)).contains(new BakedCredential(Format.OB3_JWT, JWT));
    }

    @Test
    void openBadges2AssertionUsesTheOpenbadgesKeyword() throws Exception {
        var url = "https://example.org/assertions/123";

        var baked = baker.bake(smallPng(), url, Format.OB2);

        assertThat(new String(baked, StandardCharsets.ISO_8859_1)).contains("iTXtopenbadges\0");
        assertThat(baker.extract(baked)).contains(new BakedCredential(Format.OB2, url));
    }

    @Test
    void ob3CredentialIsPreferredWhenBothVersionsAreBaked() throws Exception {
        var both = baker.bake(baker.bake(smallPng(), "https://example.org/a/1", Format.OB2), JWT, Format.OB3_JWT);

        assertThat(baker.extract(both).orElseThrow().format()).isEqualTo(Format.OB3_JWT);
    }

    @Test
    void imageWithoutBadgeGivesEmpty() throws Exception {
        assertThat(baker.extract(smallPng())).isEmpty();
    }

    @Test
    void truncatedPngIsCorrupt() throws Exception {
        var png = smallPng();

        assertThatThrownBy(() -> baker.extract(Arrays.copyOf(png, png.length - 20)))
                .isInstanceOfSatisfying(BakingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_IMAGE));
    }

    @Test
    void flippedByteIsCaughtByTheChunkCrc() throws Exception {
        var png = baker.bake(smallPng(), CREDENTIAL, Format.OB3_JSON);
        int at = new String(png, StandardCharsets.ISO_8859_1).indexOf("urn:uuid:1");
        png[at] ^= 1;

        assertThatThrownBy(() -> baker.extract(png))
                .isInstanceOfSatisfying(BakingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CRC_MISMATCH));
    }

    @Test
    void fiftyMegabyteInputIsRefused() {
        var huge = new byte[50 * 1024 * 1024];

        assertThatThrownBy(() -> baker.extract(huge))
                .isInstanceOfSatisfying(BakingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        assertThatThrownBy(() -> baker.bake(huge, CREDENTIAL, Format.OB3_JSON))
                .isInstanceOfSatisfying(BakingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void nonPngIsRefused() {
        assertThatThrownBy(() -> baker.extract("<svg/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(BakingException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT));
    }

    @Test
    void compressedTextBombIsNotInflatedBeyondTheCap() throws Exception {
        var bomb = new ByteArrayOutputStream();
        try (var deflate = new DeflaterOutputStream(bomb)) {
            deflate.write(new byte[64 * 1024 * 1024]);
        }
        var data = new ByteArrayOutputStream();
        data.writeBytes("openbadgecredential".getBytes(StandardCharsets.ISO_8859_1));
        data.writeBytes(new byte[] {0, 1, 0, 0, 0});
        data.writeBytes(bomb.toByteArray());
        var png = insertBeforeIend(smallPng(), "iTXt", data.toByteArray());

        assertThatThrownBy(() -> baker.extract(png))
                .isInstanceOfSatisfying(BakingException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.DECOMPRESSION_LIMIT));
    }

    @Test
    void pngWithAbsurdlyManyChunksIsRefused() throws Exception {
        var png = smallPng();
        int iend = png.length - 12;
        var out = new ByteArrayOutputStream();
        out.write(png, 0, iend);
        var empty = new byte[] {0, 0, 0, 0, 'a', 'b', 'c', 'D', 0, 0, 0, 0};
        var crc = new CRC32();
        crc.update(empty, 4, 4);
        int c = (int) crc.getValue();
        empty[8] = (byte) (c >>> 24);
        empty[9] = (byte) (c >>> 16);
        empty[10] = (byte) (c >>> 8);
        empty[11] = (byte) c;
        for (int i = 0; i < PngBaker.MAX_CHUNKS + 1; i++) {
            out.write(empty, 0, 12);
        }
        out.write(png, iend, 12);

        assertThatThrownBy(() -> baker.extract(out.toByteArray()))
                .isInstanceOfSatisfying(BakingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_IMAGE));
    }

    @Test
    void payloadThatDoesNotMatchItsFormatIsRefused() {
        assertThatThrownBy(() -> baker.bake(smallPng(), "not json", Format.OB3_JSON))
                .isInstanceOfSatisfying(BakingException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_PAYLOAD));
    }

    static byte[] insertBeforeIend(byte[] png, String type, byte[] data) {
        int iend = png.length - 12;
        var out = new ByteArrayOutputStream();
        out.write(png, 0, iend);
        var typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(new byte[] {(byte) (data.length >>> 24), (byte) (data.length >>> 16), (byte) (data.length >>> 8),
                (byte) data.length});
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        int c = (int) crc.getValue();
        out.writeBytes(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
        out.write(png, iend, 12);
        return out.toByteArray();
    }
}
