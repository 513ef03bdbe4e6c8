package io.guildmark.app.issuing;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;


/**
 * The picture of a badge when its designer uploaded none: a round seal with the micro-credential's name and the
 * issuer's, drawn as PNG and as SVG, ready to have the credential baked in.
 */
final class BadgeImages {

    static final int SIZE = 400;

    // Bundled (DejaVu, free licence: resources/fonts/DejaVu-LICENSE.txt) so badges look the same on any server.
    private static final Font REGULAR = font("/fonts/DejaVuSans.ttf");
    private static final Font BOLD = font("/fonts/DejaVuSans-Bold.ttf");

    private BadgeImages() {}

    private static Font font(String resource) {
        try (var in = BadgeImages.class.getResourceAsStream(resource)) {
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (Exception e) {
            return new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        }
    }

    static byte[] png(String achievementName, String issuerName, int hue) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Color dark = Color.getHSBColor(hue / 360f, 0.75f, 0.45f);
            Color light = Color.getHSBColor(hue / 360f, 0.65f, 0.75f);
            g.setPaint(new GradientPaint(0, 0, light, SIZE, SIZE, dark));
            g.fill(new Ellipse2D.Double(10, 10, SIZE - 20, SIZE - 20));
            g.setColor(new Color(255, 255, 255, 200));
            g.setStroke(new BasicStroke(6));
            g.draw(new Ellipse2D.Double(30, 30, SIZE - 60, SIZE - 60));
            g.setColor(Color.WHITE);
            Font titleFont = BOLD.deriveFont(34f);
            List<String> lines = wrap(achievementName, g.getFontMetrics(titleFont), 270, 4);
            g.setFont(titleFont);
            int lineHeight = g.getFontMetrics().getHeight();
            int y = SIZE / 2 - (lines.size() * lineHeight) / 2 + g.getFontMetrics().getAscent() - 10;
            for (String line : lines) {
                int width = g.getFontMetrics().stringWidth(line);
                g.drawString(line, (SIZE - width) / 2, y);
                y += lineHeight;
            }
            Font small = REGULAR.deriveFont(18f);
            g.setFont(small);
            String issuer = ellipsize(issuerName, g.getFontMetrics(), 240);
            g.drawString(issuer, (SIZE - g.getFontMetrics().stringWidth(issuer)) / 2, SIZE - 80);
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] svg(String achievementName, String issuerName, int hue) {
        List<String> lines = wrapByLength(achievementName, 16, 4);
        StringBuilder text = new StringBuilder();
        int lineHeight = 40;
        int y = SIZE / 2 - (lines.size() * lineHeight) / 2 + 28;
        for (String line : lines) {
            text.append("<text x=\"200\" y=\"").append(y).append("\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"34\" font-weight=\"bold\" fill=\"#fff\">")
                    .append(xml(line)).append("</text>");
            y += lineHeight;
        }
        String issuer = issuerName.length() > 28 ? issuerName.substring(0, 27) + "…" : issuerName;
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"400\" viewBox=\"0 0 400 400\" role=\"img\" aria-label=\""
                + xml(achievementName + " — " + issuerName) + "\">"
                + "<defs><linearGradient id=\"g\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\"><stop offset=\"0\" stop-color=\"hsl(" + hue + ",65%,55%)\"/>"
                + "<stop offset=\"1\" stop-color=\"hsl(" + hue + ",75%,30%)\"/></linearGradient></defs>"
                + "<circle cx=\"200\" cy=\"200\" r=\"190\" fill=\"url(#g)\"/>"
                + "<circle cx=\"200\" cy=\"200\" r=\"170\" fill=\"none\" stroke=\"#fff\" stroke-opacity=\"0.8\" stroke-width=\"6\"/>"
                + text
                + "<text x=\"200\" y=\"320\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"18\" fill=\"#fff\">"
                + xml(issuer) + "</text></svg>";
        return svg.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }

    /** A stable colour per micro-credential, so each one's badge looks its own. */
    static int hueFor(String seed) {
        return Math.floorMod(seed.hashCode(), 360);
    }

    private static List<String> wrap(String text, FontMetrics metrics, int maxWidth, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) <= maxWidth || line.isEmpty()) {
                line = new StringBuilder(candidate);
            } else {
                lines.add(line.toString());
                line = new StringBuilder(word);
            }
        }
        if (!line.isEmpty()) lines.add(line.toString());
        if (lines.size() > maxLines) {
            lines = new ArrayList<>(lines.subList(0, maxLines));
            lines.set(maxLines - 1, lines.get(maxLines - 1) + "…");
        }
        return lines.stream().map(l -> ellipsize(l, metrics, maxWidth + 40)).toList();
    }

    private static List<String> wrapByLength(String text, int maxChars, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > maxChars) {
                lines.add(line.toString());
                line = new StringBuilder();
            }
            if (!line.isEmpty()) line.append(' ');
            line.append(word);
        }
        if (!line.isEmpty()) lines.add(line.toString());
        if (lines.size() > maxLines) {
            lines = new ArrayList<>(lines.subList(0, maxLines));
            lines.set(maxLines - 1, lines.get(maxLines - 1) + "…");
        }
        return lines;
    }

    private static String ellipsize(String text, FontMetrics metrics, int maxWidth) {
        if (metrics.stringWidth(text) <= maxWidth) return text;
        String s = text;
        while (s.length() > 1 && metrics.stringWidth(s + "…") > maxWidth) s = s.substring(0, s.length() - 1);
        return s + "…";
    }
}
