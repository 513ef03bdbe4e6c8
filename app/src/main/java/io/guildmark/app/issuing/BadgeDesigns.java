package io.guildmark.app.issuing;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.shared.UploadedImages;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The picture a badge shows: the image uploaded for the awarded version of its micro-credential (each published
 * version keeps its own), else the generated seal. An SVG design is drawn as PNG too ({@link io.guildmark.app.shared.SvgRasterizer}), so the
 * baked PNG, the Open Graph image and the PDF certificate show it as well; only a design that cannot be drawn leaves
 * those to the seal. Versions never change, so prepared images are cached by version, for a bounded number and time.
 */
@Component
class BadgeDesigns {

    private static final Logger log = LoggerFactory.getLogger(BadgeDesigns.class);

    /** Baked PNGs are re-encoded at most this wide and high: keeps downloads and PDFs small, drops foreign chunks. */
    static final int MAX_SIDE = 600;
    private static final int CACHED = 64;
    /** How long a prepared design is kept; a design whose drawing had to wait for another is tried again sooner. */
    static final Duration KEPT = Duration.ofHours(1);
    static final Duration RETRY = Duration.ofMinutes(1);

    /**
     * An uploaded design, ready to bake: a PNG (re-encoded, bounded) or a sanitized SVG with, when it could be drawn,
     * its PNG rendering.
     */
    record Design(@Nullable byte[] png, @Nullable byte[] svg) {}

    private static final Design NONE = new Design(null, null);

    /** A prepared design and whether it is final (false when its drawing was only put off, so it is tried again soon). */
    record Prepared(Design design, boolean settled) {}

    private record Entry(Design design, Instant expires) {}

    private final Achievements achievements;
    private final Clock clock;
    private final Map<String, Entry> cache = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CACHED;
        }
    });

    BadgeDesigns(Achievements achievements, Clock clock) {
        this.achievements = achievements;
        this.clock = clock;
    }

    /** The uploaded design of this version, if it has one. */
    Design design(UUID achievementId, int version) {
        String key = achievementId + "/" + version;
        Instant now = clock.instant();
        Entry cached = cache.get(key);
        if (cached != null && now.isBefore(cached.expires())) return cached.design();
        Prepared prepared = achievements.versionImage(achievementId, version).map(BadgeDesigns::prepare).orElse(new Prepared(NONE, true));
        cache.put(key, new Entry(prepared.design(), now.plus(prepared.settled() ? KEPT : RETRY)));
        return prepared.design();
    }

    /** The badge as PNG: the uploaded PNG or the SVG design drawn as PNG, else the generated seal. */
    byte[] png(Award award, Organization org, String name) {
        byte[] png = design(award.achievementId(), award.achievementVersion()).png();
        return png != null ? png : BadgeImages.png(name, org.name(), BadgeImages.hueFor(award.achievementId().toString()));
    }

    /** The badge as SVG: the uploaded SVG; an uploaded PNG wrapped in an SVG; else the generated seal. */
    byte[] svg(Award award, Organization org, String name) {
        Design design = design(award.achievementId(), award.achievementVersion());
        if (design.svg() != null) return design.svg();
        if (design.png() != null) return wrapped(design.png(), name);
        return BadgeImages.svg(name, org.name(), BadgeImages.hueFor(award.achievementId().toString()));
    }

    /** Whether the awarded version has an uploaded image (the page then links it directly). */
    boolean uploaded(Award award) {
        Design d = design(award.achievementId(), award.achievementVersion());
        return d.png() != null || d.svg() != null;
    }

    /** Checks the stored bytes once more (they were checked at upload), bounds a PNG's size and draws an SVG as PNG. */
    static Prepared prepare(byte[] stored) {
        UploadedImages.Checked checked;
        try {
            checked = UploadedImages.check(stored, new UploadedImages.Purpose("image", "the badge image"),
                    EnumSet.of(UploadedImages.Format.PNG, UploadedImages.Format.SVG));
            if (!"image/svg+xml".equals(checked.contentType())) return new Prepared(new Design(reencoded(checked.content()), null), true);
        } catch (RuntimeException | IOException e) {
            log.warn("A stored badge image could not be used; the generated one is shown: {}", e.getMessage());
            return new Prepared(NONE, true);
        }
        try {
            return new Prepared(new Design(io.guildmark.app.shared.SvgRasterizer.png(checked.content(), MAX_SIDE, io.guildmark.app.shared.SvgRasterizer.TIME_LIMIT), checked.content()), true);
        } catch (io.guildmark.app.shared.SvgRasterizer.Unrenderable e) {
            log.warn("An SVG badge design could not be drawn as PNG ({}); its PNG, Open Graph and PDF copies show the generated seal",
                    e.getMessage());
            return new Prepared(new Design(null, checked.content()), e.lasting());
        }
    }

    /** The PNG decoded and written again (no text chunks left over, such as an earlier baked credential), at most MAX_SIDE. */
    static byte[] reencoded(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) throw new IOException("not a readable PNG");
        BufferedImage scaled = scaled(image, MAX_SIDE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(scaled, "png", out);
        return out.toByteArray();
    }

    /** The image scaled down (never up) so that neither side exceeds {@code max}. */
    static BufferedImage scaled(BufferedImage image, int max) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w <= max && h <= max) return image;
        double f = Math.min((double) max / w, (double) max / h);
        int nw = Math.max(1, (int) Math.round(w * f));
        int nh = Math.max(1, (int) Math.round(h * f));
        BufferedImage out = new BufferedImage(nw, nh, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, nw, nh, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** An uploaded PNG inside an SVG (an embedded data: image, which the sanitizer allows), so SVG baking keeps the design. */
    static byte[] wrapped(byte[] png, String name) {
        int w = BadgeImages.SIZE;
        int h = BadgeImages.SIZE;
        try {
            var reader = ImageIO.createImageInputStream(new ByteArrayInputStream(png));
            var image = ImageIO.read(reader);
            if (image != null) {
                w = image.getWidth();
                h = image.getHeight();
            }
        } catch (IOException ignored) {
            // keep the default size
        }
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"" + w + "\" height=\"" + h
                + "\" viewBox=\"0 0 " + w + " " + h + "\" role=\"img\" aria-label=\"" + xml(name) + "\">"
                + "<image width=\"" + w + "\" height=\"" + h + "\" href=\"data:image/png;base64,"
                + java.util.Base64.getEncoder().encodeToString(png) + "\"/></svg>";
        return svg.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
