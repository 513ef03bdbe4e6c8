package io.guildmark.app.shared;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** What every PDF the platform prints needs: the bundled fonts, a line of text, text fitted to a width, a QR code. */
public final class PdfDrawing {

    private PdfDrawing() {}

    /** A font shipped inside the platform, such as {@code /fonts/DejaVuSans.ttf} (nothing is fetched at run time). */
    public static PDType0Font font(PDDocument doc, String resource) throws IOException {
        try (InputStream in = PdfDrawing.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("No font " + resource);
            return PDType0Font.load(doc, in);
        }
    }

    /** One line of text in the platform's ink colour. */
    public static void text(PDPageContentStream s, PDType0Font font, float size, String text, float x, float y) throws IOException {
        s.beginText();
        s.setFont(font, size);
        s.setNonStrokingColor(0.08f, 0.13f, 0.24f);
        s.newLineAtOffset(x, y);
        s.showText(text);
        s.endText();
    }

    /** The text, shortened with an ellipsis until it fits the width. */
    public static String fit(PDType0Font font, float size, String text, float width) throws IOException {
        String fitted = text;
        while (font.getStringWidth(fitted) / 1000 * size > width && fitted.length() > 4) fitted = fitted.substring(0, fitted.length() - 2) + "…";
        return fitted;
    }

    /** A black-on-white QR code of the address, about 330 pixels square. */
    public static BufferedImage qrCode(String url) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 330, 330,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 1));
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int x = 0; x < matrix.getWidth(); x++) {
                for (int y = 0; y < matrix.getHeight(); y++) image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
            }
            return image;
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }
}
