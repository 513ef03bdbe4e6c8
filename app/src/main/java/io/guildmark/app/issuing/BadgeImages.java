package io.guildmark.app.issuing;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.text.AttributedString;
import java.util.List;

import javax.imageio.ImageIO;

import io.guildmark.app.shared.BundledFont;


/**
 * The picture of a badge when its designer uploaded none: a round seal with the micro-credential's name and the
 * issuer's, drawn as PNG and as SVG, ready to have the credential baked in. Names are never cut off: the type shrinks
 * and wraps until the whole name fits inside the seal, in any script (the bundled fonts, {@link BundledFont}).
 */
final class BadgeImages {

    static final int SIZE = 400;

    private static final Block TITLE = new Block(true, 34, 13, 270, 5);
    private static final Block ISSUER = new Block(false, 18, 10, 220, 2);

    private BadgeImages() {}

    /** Where a name goes on the seal: its weight, largest and smallest size, width and most lines. */
    private record Block(boolean bold, float size, float smallest, float width, int maxLines) {}

    /** A name laid out: its lines, at one size, with each line's width in pixels. */
    record Lines(List<String> text, List<Float> widths, float fontSize, float lineHeight) {
        float height() {
            return text.size() * lineHeight;
        }
    }

    static byte[] png(String achievementName, String issuerName, int hue) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            Color dark = Color.getHSBColor(hue / 360f, 0.75f, 0.45f);
            Color light = Color.getHSBColor(hue / 360f, 0.65f, 0.75f);
            g.setPaint(new GradientPaint(0, 0, light, SIZE, SIZE, dark));
            g.fill(new Ellipse2D.Double(10, 10, SIZE - 20, SIZE - 20));
            g.setColor(new Color(255, 255, 255, 200));
            g.setStroke(new BasicStroke(6));
            g.draw(new Ellipse2D.Double(30, 30, SIZE - 60, SIZE - 60));
            g.setColor(Color.WHITE);
            FontRenderContext frc = g.getFontRenderContext();
            Lines title = layout(achievementName, TITLE, frc);
            float y = titleTop(title);
            for (int i = 0; i < title.text().size(); i++) {
                TextLayout line = textLayout(title.text().get(i), TITLE.bold(), title.fontSize(), frc);
                line.draw(g, (SIZE - title.widths().get(i)) / 2, y + line.getAscent());
                y += title.lineHeight();
            }
            Lines issuer = layout(issuerName, ISSUER, frc);
            y = ISSUER_TOP;
            for (int i = 0; i < issuer.text().size(); i++) {
                TextLayout line = textLayout(issuer.text().get(i), false, issuer.fontSize(), frc);
                line.draw(g, (SIZE - issuer.widths().get(i)) / 2, y + line.getAscent());
                y += issuer.lineHeight();
            }
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
        FontRenderContext frc = new FontRenderContext(null, true, true);
        Lines title = layout(achievementName, TITLE, frc);
        Lines issuer = layout(issuerName, ISSUER, frc);
        StringBuilder text = new StringBuilder();
        appendLines(text, title, titleTop(title), true);
        appendLines(text, issuer, ISSUER_TOP, false);
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"400\" viewBox=\"0 0 400 400\" role=\"img\" aria-label=\""
                + xml(achievementName + " — " + issuerName) + "\">"
                + "<defs><linearGradient id=\"g\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\"><stop offset=\"0\" stop-color=\"hsl(" + hue + ",65%,55%)\"/>"
                + "<stop offset=\"1\" stop-color=\"hsl(" + hue + ",75%,30%)\"/></linearGradient></defs>"
                + "<circle cx=\"200\" cy=\"200\" r=\"190\" fill=\"url(#g)\"/>"
                + "<circle cx=\"200\" cy=\"200\" r=\"170\" fill=\"none\" stroke=\"#fff\" stroke-opacity=\"0.8\" stroke-width=\"6\"/>"
                + text + "</svg>";
        return svg.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The issuer's name sits in the lower part of the seal, below the title. */
    private static final float ISSUER_TOP = 296;

    /** The title is centred a little above the middle of the seal. */
    private static float titleTop(Lines title) {
        return Math.max(60, SIZE / 2f - 12 - title.height() / 2);
    }

    /**
     * SVG text is drawn by the viewer's fonts, which may be wider than ours: {@code textLength} holds each line to
     * the width measured here, so no viewer lets a name run off the seal.
     */
    private static void appendLines(StringBuilder svg, Lines lines, float top, boolean bold) {
        float baseline = top + lines.fontSize() * 0.93f;
        for (int i = 0; i < lines.text().size(); i++) {
            svg.append("<text x=\"200\" y=\"").append(Math.round(baseline * 10) / 10f)
                    .append("\" text-anchor=\"middle\" font-family=\"'DejaVu Sans', Verdana, sans-serif\" font-size=\"")
                    .append(Math.round(lines.fontSize() * 10) / 10f).append('"')
                    .append(bold ? " font-weight=\"bold\"" : "")
                    .append(" textLength=\"").append(Math.round(lines.widths().get(i) * 10) / 10f)
                    .append("\" lengthAdjust=\"spacingAndGlyphs\" fill=\"#fff\">")
                    .append(xml(lines.text().get(i))).append("</text>");
            baseline += lines.lineHeight();
        }
    }

    /**
     * The name at the largest size (down to the block's smallest) at which it fits the block's width in its number
     * of lines; a name too long even then (hundreds of characters) gets more lines, and only past twice as many an ellipsis.
     */
    static Lines layout(String name, Block block, FontRenderContext frc) {
        String text = drawable(name.strip().replaceAll("\\p{Cc}+", " "), block.bold());
        if (text.isEmpty()) text = " ";
        for (float size = block.size(); size >= block.smallest(); size -= 1) {
            Lines lines = wrap(text, block, size, frc, block.maxLines());
            if (lines != null) return lines;
        }
        Lines lines = wrap(text, block, block.smallest(), frc, block.maxLines() * 2);
        if (lines != null) return lines;
        for (int keep = text.codePointCount(0, text.length()) - 1; keep > 1; keep = keep * 9 / 10) {
            String shortened = text.substring(0, text.offsetByCodePoints(0, keep)).strip() + "…";
            lines = wrap(shortened, block, block.smallest(), frc, block.maxLines() * 2);
            if (lines != null) return lines;
        }
        return wrap("…", block, block.smallest(), frc, 1);
    }

    /** The text in lines no wider than the block at this size, or null when it takes more than {@code maxLines}. */
    private static Lines wrap(String text, Block block, float size, FontRenderContext frc, int maxLines) {
        AttributedString styled = styled(text, block.bold(), size);
        LineBreakMeasurer measurer = new LineBreakMeasurer(styled.getIterator(), frc);
        List<String> lines = new ArrayList<>();
        List<Float> widths = new ArrayList<>();
        float lineHeight = 0;
        int start = 0;
        while (measurer.getPosition() < text.length()) {
            TextLayout line = measurer.nextLayout(block.width());
            int end = measurer.getPosition();
            lines.add(text.substring(start, end).strip());
            widths.add((float) Math.min(block.width(), line.getVisibleAdvance()));
            lineHeight = Math.max(lineHeight, line.getAscent() + line.getDescent() + line.getLeading());
            start = end;
            if (lines.size() > maxLines) return null;
        }
        return new Lines(lines, widths, size, lineHeight);
    }

    private static TextLayout textLayout(String line, boolean bold, float size, FontRenderContext frc) {
        return new TextLayout(styled(line.isEmpty() ? " " : line, bold, size).getIterator(), frc);
    }

    /** The text with □ for each character that no bundled font draws, so the reader sees that something is missing. */
    private static String drawable(String text, boolean bold) {
        List<BundledFont> chain = BundledFont.chain(bold);
        StringBuilder drawn = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> drawn.appendCodePoint(
                BundledFont.drawing(chain, codePoint) != null || Character.getType(codePoint) == Character.FORMAT ? codePoint : BundledFont.PLACEHOLDER));
        return drawn.toString();
    }

    /** The (drawable) text with each run of characters in the first bundled font that draws them. */
    private static AttributedString styled(String text, boolean bold, float size) {
        List<BundledFont> chain = BundledFont.chain(bold);
        AttributedString styled = new AttributedString(text);
        int runStart = 0;
        BundledFont runFont = null;
        for (int i = 0; i <= text.length(); ) {
            BundledFont font = null;
            int next = i + 1;
            if (i < text.length()) {
                int codePoint = text.codePointAt(i);
                next = i + Character.charCount(codePoint);
                font = BundledFont.drawing(chain, codePoint);
                if (font == null) font = runFont == null ? chain.get(0) : runFont; // joiners and marks stay with their run
            }
            if (runFont != null && font != runFont) {
                Font awt = runFont.awt().deriveFont(size);
                if (bold && runFont.lacksBold()) awt = awt.deriveFont(Font.BOLD, size);
                styled.addAttribute(TextAttribute.FONT, awt, runStart, i);
                runStart = i;
            }
            runFont = font;
            i = next;
        }
        return styled;
    }

    /** The Open Graph picture (1200×630): the badge on the left, its name and issuer beside it, wrapped to fit. */
    static byte[] openGraph(byte[] badgePng, String achievementName, String issuerName, int hue) {
        BufferedImage image = new BufferedImage(1200, 630, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 1200, 630);
            g.setColor(Color.getHSBColor(hue / 360f, 0.75f, 0.45f));
            g.fillRect(0, 600, 1200, 30);
            BufferedImage badge = ImageIO.read(new java.io.ByteArrayInputStream(badgePng));
            if (badge != null) {
                double f = Math.min(440.0 / badge.getWidth(), 440.0 / badge.getHeight());
                int w = (int) Math.round(badge.getWidth() * f);
                int h = (int) Math.round(badge.getHeight() * f);
                g.drawImage(badge, 60 + (440 - w) / 2, 80 + (440 - h) / 2, w, h, null);
            }
            FontRenderContext frc = g.getFontRenderContext();
            Lines title = layout(achievementName, new Block(true, 60, 24, 600, 4), frc);
            Lines issuer = layout(issuerName, new Block(false, 32, 18, 600, 2), frc);
            float y = Math.max(40, 300 - (title.height() + 24 + issuer.height()) / 2);
            g.setColor(new Color(0x1a, 0x1a, 0x2e));
            for (String line : title.text()) {
                TextLayout l = textLayout(line, true, title.fontSize(), frc);
                l.draw(g, 560, y + l.getAscent());
                y += title.lineHeight();
            }
            y += 24;
            g.setColor(new Color(0x44, 0x44, 0x55));
            for (String line : issuer.text()) {
                TextLayout l = textLayout(line, false, issuer.fontSize(), frc);
                l.draw(g, 560, y + l.getAscent());
                y += issuer.lineHeight();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }

    /** A stable colour per micro-credential, so each one's badge looks its own. */
    static int hueFor(String seed) {
        return Math.floorMod(seed.hashCode(), 360);
    }
}
