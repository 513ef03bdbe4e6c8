package io.guildmark.app.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import io.guildmark.app.shared.Problem;
import org.junit.jupiter.api.Test;

/**
 * WebP profile photos (real files made with libwebp's cwebp, in src/test/resources/images): checked by their bytes,
 * decoded, and stored as JPEG, or as PNG when they have transparency; a damaged WebP or another RIFF file is refused.
 */
class ProfilePhotosTest {

    private static byte[] file(String name) throws Exception {
        return Files.readAllBytes(Path.of("src/test/resources/images", name));
    }

    @Test
    void aLossyWebpPhotoIsRedrawnAsAJpegOfAtMost512Pixels() throws Exception {
        ProfilePhotos.Photo photo = ProfilePhotos.check(file("photo-800x600.webp"));
        assertThat(photo.contentType()).isEqualTo("image/jpeg");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(photo.content()));
        assertThat(image.getWidth()).isEqualTo(512);
        assertThat(image.getHeight()).isEqualTo(384);
        // The gradient survived: the left edge is dark red, the right edge bright red.
        assertThat((image.getRGB(2, 190) >> 16) & 0xFF).isLessThan(40);
        assertThat((image.getRGB(509, 190) >> 16) & 0xFF).isGreaterThan(215);
    }

    @Test
    void aTransparentWebpKeepsItsTransparencyAsPng() throws Exception {
        ProfilePhotos.Photo photo = ProfilePhotos.check(file("round-transparent.webp"));
        assertThat(photo.contentType()).isEqualTo("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(photo.content()));
        assertThat(image.getWidth()).isEqualTo(200);
        assertThat(image.getRGB(0, 0) >>> 24).isZero();
        assertThat(image.getRGB(100, 100) >>> 24).isEqualTo(255);
    }

    @Test
    void aDamagedWebpOrAnotherRiffFileIsRefused() throws Exception {
        byte[] webp = file("photo-800x600.webp");
        assertThatThrownBy(() -> ProfilePhotos.check(Arrays.copyOf(webp, 40))).isInstanceOf(Problem.class)
                .satisfies(e -> assertThat(((Problem) e).kind()).isEqualTo(Problem.Kind.INVALID));
        byte[] wave = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> ProfilePhotos.check(wave)).isInstanceOf(Problem.class)
                .satisfies(e -> assertThat(((Problem) e).kind()).isEqualTo(Problem.Kind.UNSUPPORTED_MEDIA));
    }
}
