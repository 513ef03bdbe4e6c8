package io.guildmark.app.shared;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The font files shipped inside the platform (see {@code resources/fonts/README.md}) and the order in which they are
 * tried for each character: the text face first, then Chinese and Japanese, Korean, and emoji. Nothing is fetched at run
 * time, so a certificate looks the same on every server.
 */
public enum BundledFont {
    SANS("/fonts/DejaVuSans.ttf"),
    SANS_BOLD("/fonts/DejaVuSans-Bold.ttf"),
    CJK("/fonts/DroidSansFallbackFull.ttf"),
    HANGUL("/fonts/NanumSquare-Regular.ttf"),
    HANGUL_BOLD("/fonts/NanumSquare-Bold.ttf"),
    EMOJI("/fonts/NotoEmoji-Regular.ttf"),
    EMOJI_BOLD("/fonts/NotoEmoji-Bold.ttf");

    /** What a character no bundled font has is drawn as, so that the reader sees something is missing. */
    public static final int PLACEHOLDER = '\u25A1';

    private final String resource;
    private @Nullable byte[] bytes;
    private @Nullable CmapLookup cmap;
    private @Nullable Font awt;

    BundledFont(String resource) {
        this.resource = resource;
    }

    /** The fonts tried in turn for a regular or a bold face. */
    public static List<BundledFont> chain(boolean bold) {
        return bold ? List.of(SANS_BOLD, CJK, HANGUL_BOLD, EMOJI_BOLD) : List.of(SANS, CJK, HANGUL, EMOJI);
    }

    /** The font of the chain that draws this character, or {@code null} when none does. */
    public static @Nullable BundledFont drawing(List<BundledFont> chain, int codePoint) {
        if (UCharacter.hasBinaryProperty(codePoint, UProperty.EMOJI_PRESENTATION)) {
            // Characters that are pictures by default look like emoji, even where the text font has a plain glyph.
            for (BundledFont font : chain) if (font.isEmoji() && font.draws(codePoint)) return font;
        }
        for (BundledFont font : chain) if (font.draws(codePoint)) return font;
        return null;
    }

    public boolean isEmoji() {
        return this == EMOJI || this == EMOJI_BOLD;
    }

    /** True when this font is lighter than the face it stands in for, so bold text drawn with it needs emboldening. */
    public boolean lacksBold() {
        return this == CJK;
    }

    /** Whether the font's Unicode character map has a glyph for the character. */
    public synchronized boolean draws(int codePoint) {
        if (cmap == null) {
            try {
                // Parsed once per process and kept: only the character map is read afterwards.
                TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes()));
                cmap = ttf.getUnicodeCmapLookup();
            } catch (IOException e) {
                throw new UncheckedIOException("Bundled font " + resource + " cannot be read", e);
            }
        }
        return cmap.getGlyphId(codePoint) != 0;
    }

    /** The font file, read once from the platform's own resources. */
    public synchronized byte[] bytes() {
        if (bytes == null) {
            try (InputStream in = BundledFont.class.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("Bundled font " + resource + " is missing from the build");
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bytes;
    }

    /** The font for Java 2D drawing (badge images), at size 1; derive the size wanted. */
    public synchronized Font awt() {
        if (awt == null) {
            try {
                awt = Font.createFont(Font.TRUETYPE_FONT, new java.io.ByteArrayInputStream(bytes()));
            } catch (FontFormatException | IOException e) {
                throw new IllegalStateException("Bundled font " + resource + " cannot be read", e);
            }
        }
        return awt;
    }
}
