package io.guildmark.app.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** QR codes for pages: an SVG that scales crisply, one path of dark modules, no script. */
public final class QrCodes {

    private QrCodes() {}

    /** The QR code of the text as an SVG document (medium error correction, a two-module quiet zone). */
    public static String svg(String text) {
        BitMatrix matrix = matrix(text);
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(matrix.getWidth()).append(' ').append(matrix.getHeight())
                .append("\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) svg.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
            }
        }
        return svg.append("\"/></svg>").toString();
    }

    /** The same SVG as a data URI, for an {@code <img>} (the pages' content security policy allows data: images). */
    public static String svgDataUri(String text) {
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg(text).getBytes(StandardCharsets.UTF_8));
    }

    static BitMatrix matrix(String text) {
        try {
            Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
            hints.put(EncodeHintType.MARGIN, 2);
            hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Too long for a QR code", e);
        }
    }
}
