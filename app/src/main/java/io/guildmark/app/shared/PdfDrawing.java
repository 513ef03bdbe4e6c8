package io.guildmark.app.shared;

import java.awt.image.BufferedImage;

import com.google.zxing.common.BitMatrix;

/** What every PDF the platform prints needs besides text ({@link PdfFonts}): a QR code of the live record. */
public final class PdfDrawing {

    private PdfDrawing() {}

    /** A black-on-white QR code of the address, about 330 pixels square. */
    public static BufferedImage qrCode(String url) {
        BitMatrix matrix = QrCodes.matrix(url);
        // A module of at least 4 pixels keeps the code sharp when the PDF scales it.
        int scale = Math.max(4, 330 / matrix.getWidth());
        BufferedImage image = new BufferedImage(matrix.getWidth() * scale, matrix.getHeight() * scale, BufferedImage.TYPE_BYTE_BINARY);
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) image.setRGB(x, y, matrix.get(x / scale, y / scale) ? 0x000000 : 0xFFFFFF);
        }
        return image;
    }
}
