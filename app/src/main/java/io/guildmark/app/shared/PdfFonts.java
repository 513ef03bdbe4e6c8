package io.guildmark.app.shared;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * The bundled fonts of one PDF document, as a regular and a bold face that draw any name: each character goes to the
 * first {@link BundledFont} of the chain that has it (Latin, Greek, Cyrillic, Hebrew and Arabic; then Chinese,
 * Japanese and Korean; then emoji), Arabic letters are joined, right-to-left text is laid out right to left, and a
 * character no font has is drawn as a visible □ rather than failing the document.
 *
 * <p>PDFBox draws glyphs, not text: it neither falls back to another font nor shapes or reorders, so this class does.
 * Fallback fonts are embedded (as subsets) only when a document uses them.
 */
public final class PdfFonts {

    private static final float[] INK = {0.08f, 0.13f, 0.24f};

    private final PDDocument doc;
    private final Map<BundledFont, PDType0Font> embedded = new EnumMap<>(BundledFont.class);
    private final Face regular = new Face(false);
    private final Face bold = new Face(true);

    private PdfFonts(PDDocument doc) {
        this.doc = doc;
    }

    public static PdfFonts of(PDDocument doc) {
        return new PdfFonts(doc);
    }

    public Face regular() {
        return regular;
    }

    public Face bold() {
        return bold;
    }

    private PDType0Font embedded(BundledFont font) throws IOException {
        PDType0Font loaded = embedded.get(font);
        if (loaded == null) {
            loaded = PDType0Font.load(doc, new ByteArrayInputStream(font.bytes()), true);
            embedded.put(font, loaded);
        }
        return loaded;
    }

    /** A regular or bold face over the chain of bundled fonts. */
    public final class Face {

        private final boolean bold;
        private final List<BundledFont> chain;

        private Face(boolean bold) {
            this.bold = bold;
            this.chain = BundledFont.chain(bold);
        }

        /** The width of the text in points, as {@link #show} draws it. */
        public float width(String text, float size) throws IOException {
            float width = 0;
            for (Run run : runs(visual(text))) width += embedded(run.font()).getStringWidth(run.text()) / 1000 * size;
            return width;
        }

        /** Draws one line of text in the platform's ink colour, its left end at (x, y). */
        public void show(PDPageContentStream s, String text, float size, float x, float y) throws IOException {
            List<Run> runs = runs(visual(text));
            s.saveGraphicsState();
            s.setNonStrokingColor(INK[0], INK[1], INK[2]);
            s.setStrokingColor(INK[0], INK[1], INK[2]);
            s.setLineWidth(size * 0.03f);
            s.beginText();
            s.newLineAtOffset(x, y);
            boolean emboldened = false;
            for (Run run : runs) {
                // A fallback font without a bold weight is drawn filled and outlined, so bold text stays bold.
                boolean embolden = bold && run.font().lacksBold();
                if (embolden != emboldened) s.setRenderingMode(embolden ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
                emboldened = embolden;
                s.setFont(embedded(run.font()), size);
                s.showText(run.text());
            }
            s.endText();
            s.restoreGraphicsState();
        }

        /** Draws the text centred on x. */
        public void showCentred(PDPageContentStream s, String text, float size, float centre, float y) throws IOException {
            show(s, text, size, centre - width(text, size) / 2, y);
        }

        /** The largest size from {@code size} down to {@code minimum} at which the whole text fits the width. */
        public float sizeToFit(String text, float size, float minimum, float width) throws IOException {
            float natural = width(text, size);
            if (natural <= width) return size;
            return Math.max(minimum, (float) Math.floor(size * width / natural * 10) / 10);
        }

        /** The text, shortened at its end with an ellipsis until it fits the width (whole characters only). */
        public String fit(String text, float size, float width) throws IOException {
            if (width(text, size) <= width) return text;
            int[] codePoints = text.codePoints().toArray();
            int low = 0;
            int high = codePoints.length;
            while (low < high) { // the longest prefix that fits with the ellipsis
                int middle = (low + high + 1) / 2;
                if (width(new String(codePoints, 0, middle).stripTrailing() + "…", size) <= width) low = middle;
                else high = middle - 1;
            }
            return new String(codePoints, 0, low).stripTrailing() + "…";
        }

        /** The text broken into lines that fit the width: at spaces where it can, inside a word where it must. */
        public List<String> wrap(String text, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            String indent = text.substring(0, text.length() - text.stripLeading().length()); // kept on the first line
            StringBuilder line = new StringBuilder(indent);
            for (String word : text.strip().split("\\s+")) {
                String candidate = line.toString().isBlank() ? line + word : line + " " + word;
                if (width(candidate, size) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.toString().isBlank()) lines.add(line.toString());
                line.setLength(0);
                // A word wider than the line (a long name in a script without spaces, say) is cut between characters.
                int[] codePoints = word.codePoints().toArray();
                int start = 0;
                while (start < codePoints.length) {
                    int end = start + 1;
                    while (end < codePoints.length && width(new String(codePoints, start, end + 1 - start), size) <= width) end++;
                    String piece = new String(codePoints, start, end - start);
                    if (end < codePoints.length) lines.add(piece);
                    else line.append(piece);
                    start = end;
                }
            }
            if (!line.isEmpty() || lines.isEmpty()) lines.add(line.toString());
            return lines;
        }

        private List<Run> runs(String visual) {
            List<Run> runs = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            BundledFont currentFont = null;
            for (int i = 0; i < visual.length(); ) {
                int codePoint = visual.codePointAt(i);
                i += Character.charCount(codePoint);
                if (invisible(codePoint)) continue;
                BundledFont font = BundledFont.drawing(chain, codePoint);
                if (font == null) {
                    font = chain.get(0);
                    codePoint = BundledFont.PLACEHOLDER;
                }
                if (font != currentFont && !current.isEmpty()) {
                    runs.add(new Run(currentFont, current.toString()));
                    current.setLength(0);
                }
                currentFont = font;
                current.appendCodePoint(codePoint);
            }
            if (!current.isEmpty()) runs.add(new Run(currentFont, current.toString()));
            return runs;
        }
    }

    private record Run(BundledFont font, String text) {}

    /**
     * The text in the order its glyphs are drawn from left to right: composed (NFC), control characters as spaces,
     * Arabic letters in their joined forms, and right-to-left runs reversed (mirroring brackets) as the Unicode
     * bidirectional algorithm says.
     */
    static String visual(String logical) {
        String text = Normalizer.normalize(logical, Normalizer.Form.NFC).replaceAll("\\p{Cc}", " ");
        char[] chars = text.toCharArray();
        if (!Bidi.requiresBidi(chars, 0, chars.length)) return text;
        try {
            text = new ArabicShaping(ArabicShaping.LETTERS_SHAPE | ArabicShaping.LENGTH_GROW_SHRINK
                    | ArabicShaping.TEXT_DIRECTION_LOGICAL).shape(text);
        } catch (ArabicShapingException e) {
            // Unjoined letters are still readable: draw them as they are rather than fail the document.
        }
        Bidi bidi = new Bidi();
        bidi.setPara(text, Bidi.LEVEL_DEFAULT_LTR, null);
        return bidi.writeReordered(Bidi.DO_MIRRORING | Bidi.REMOVE_BIDI_CONTROLS);
    }

    /** Characters that only steer layout or choose a glyph variant (joiners, variation selectors, bidi marks). */
    private static boolean invisible(int codePoint) {
        return Character.getType(codePoint) == Character.FORMAT
                || (codePoint >= 0xFE00 && codePoint <= 0xFE0F)
                || (codePoint >= 0xE0100 && codePoint <= 0xE01EF);
    }
}
