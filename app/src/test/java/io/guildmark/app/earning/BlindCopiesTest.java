package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** The copies blind reviewers download: images lose the metadata that names their author and still open. */
class BlindCopiesTest {

    private static final String AUTHOR = "Quentin Quokkafield";

    private static byte[] image(String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aPngLosesItsTextChunksAndStillOpens() throws IOException {
        byte[] png = image("png");
        byte[] data = ("Author\0" + AUTHOR).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.write(new byte[] {0, 0, 0, (byte) data.length});
        byte[] typeAndData = new byte[4 + data.length];
        System.arraycopy("tEXt".getBytes(StandardCharsets.ISO_8859_1), 0, typeAndData, 0, 4);
        System.arraycopy(data, 0, typeAndData, 4, data.length);
        chunk.write(typeAndData);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        long c = crc.getValue();
        chunk.write(new byte[] {(byte) (c >> 24), (byte) (c >> 16), (byte) (c >> 8), (byte) c});
        int afterHeader = 8 + 25; // signature, then IHDR (length, type, 13 bytes, CRC)
        ByteArrayOutputStream tagged = new ByteArrayOutputStream();
        tagged.write(png, 0, afterHeader);
        tagged.write(chunk.toByteArray());
        tagged.write(png, afterHeader, png.length - afterHeader);
        assertThat(text(tagged.toByteArray())).contains(AUTHOR);

        byte[] copy = BlindCopies.of(SubmissionFileType.PNG, tagged.toByteArray());

        assertThat(text(copy)).doesNotContain(AUTHOR);
        assertThat(ImageIO.read(new ByteArrayInputStream(copy)).getWidth()).isEqualTo(8);
    }

    @Test
    void aJpegLosesItsExifAndCommentSegmentsAndStillOpens() throws IOException {
        byte[] jpeg = image("jpeg");
        byte[] exif = ("Exif\0\0Artist=" + AUTHOR).getBytes(StandardCharsets.ISO_8859_1);
        byte[] comment = ("Scanned by " + AUTHOR).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream tagged = new ByteArrayOutputStream();
        tagged.write(jpeg, 0, 2);
        segment(tagged, 0xe1, exif);
        segment(tagged, 0xfe, comment);
        tagged.write(jpeg, 2, jpeg.length - 2);
        assertThat(text(tagged.toByteArray())).contains(AUTHOR);

        byte[] copy = BlindCopies.of(SubmissionFileType.JPEG, tagged.toByteArray());

        assertThat(text(copy)).doesNotContain(AUTHOR);
        assertThat(ImageIO.read(new ByteArrayInputStream(copy)).getWidth()).isEqualTo(8);
    }

    @Test
    void aDamagedFileIsServedAsItIsRatherThanFailingTheDownload() {
        byte[] damaged = "%PDF-1.4 not really".getBytes(StandardCharsets.US_ASCII);
        assertThat(BlindCopies.of(SubmissionFileType.PDF, damaged)).isEqualTo(damaged);
        byte[] text = "plain notes".getBytes(StandardCharsets.US_ASCII);
        assertThat(BlindCopies.of(SubmissionFileType.TEXT, text)).isSameAs(text);
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        int length = payload.length + 2;
        out.write(0xff);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(payload);
    }
}
