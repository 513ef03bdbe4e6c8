package io.guildmark.app.shared;

import java.awt.image.BufferedImage;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** What every PDF the platform prints needs besides text ({@link PdfFonts}): a QR code of the live record. */
public final class PdfDrawing {

    private PdfDrawing() {}

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
