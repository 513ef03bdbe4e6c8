package io.guildmark.app.shared;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ImageObserver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.DocumentLimits;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.parser.resources.ResourceLoader;
import com.github.weisj.jsvg.parser.resources.ResourcePolicy;
import com.github.weisj.jsvg.renderer.NullPlatformSupport;
import com.github.weisj.jsvg.renderer.output.Output;
import com.github.weisj.jsvg.renderer.output.TextOutput;
import com.github.weisj.jsvg.view.FloatSize;
import com.github.weisj.jsvg.view.ViewBox;
import org.jspecify.annotations.Nullable;

/**
 * Draws a sanitized SVG badge design as a PNG for the copies that need pixels: the baked PNG, the Open Graph image and
 * the PDF certificate. JSVG draws it headless, {@code maxSide} pixels on its long side, keeping its proportions, on a
 * transparent background.
 *
 * <p>The design comes from an uploader and a few bytes of SVG can ask for minutes of drawing, so the work is bounded:
 * JSVG's document limits cap elements and nesting; only embedded {@code data:} images are loaded (no network, no
 * files, whatever got past the sanitizer); the picture is never larger than {@code maxSide}²; each drawing step checks
 * a deadline; and the drawing runs on a thread of its own that the caller waits for no longer than the time limit.
 * One drawing runs at a time, so a step that ignores the deadline (Java cannot stop a running blur) holds one core at
 * most, and only while it runs.
 */
public final class SvgRasterizer {

    /** How long a request waits for a design to be drawn; a badge is drawn once per version and cached. */
    public static final Duration TIME_LIMIT = Duration.ofSeconds(2);

    /** Elements drawn, each {@code <use>} counting again: JSVG's default of 2000 is low for exported artwork. */
    public static final int MAX_ELEMENTS = 10_000;

    private static final DocumentLimits LIMITS = new DocumentLimits(DocumentLimits.DEFAULT_MAX_NESTING_DEPTH,
            DocumentLimits.DEFAULT_MAX_USE_NESTING_DEPTH, MAX_ELEMENTS);

    /** One drawing at a time across the application: a permit is released when its thread really ends. */
    private static final Semaphore DRAWING = new Semaphore(1);

    private SvgRasterizer() {}

    /** Why a design could not be drawn; {@code lasting} is false when trying again later may succeed (the drawer was busy). */
    public static final class Unrenderable extends Exception {
        private final boolean lasting;

        Unrenderable(String reason, boolean lasting) {
            super(reason, null, false, false);
            this.lasting = lasting;
        }

        public boolean lasting() {
            return lasting;
        }
    }

    /** The design as PNG bytes, at most {@code maxSide} pixels on each side, drawn within {@code timeLimit}. */
    public static byte[] png(byte[] svg, int maxSide, Duration timeLimit) throws Unrenderable {
        try {
            if (!DRAWING.tryAcquire(timeLimit.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new Unrenderable("another design was still being drawn", false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unrenderable("interrupted while waiting to draw", false);
        }
        long deadline = System.nanoTime() + timeLimit.toNanos();
        CompletableFuture<byte[]> drawn = new CompletableFuture<>();
        Thread drawer = new Thread(() -> {
            try {
                drawn.complete(draw(svg, maxSide, deadline));
            } catch (Throwable e) { // an OutOfMemoryError on a huge filter too: the design falls back, the app goes on
                drawn.completeExceptionally(e);
            } finally {
                DRAWING.release();
            }
        }, "badge-design-drawer");
        drawer.setDaemon(true);
        try {
            drawer.start();
        } catch (Throwable e) { // no thread to be had: give the permit back, or no design would be drawn again
            DRAWING.release();
            throw new Unrenderable("no thread to draw it: " + e, false);
        }
        try {
            return drawn.get(timeLimit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            drawer.interrupt(); // the next drawing step sees it and stops
            throw new Unrenderable("drawing ran past its time limit of " + timeLimit.toMillis() + " ms", true);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Unrenderable u) throw u;
            throw new Unrenderable("JSVG failed: " + e.getCause(), true);
        } catch (InterruptedException e) {
            drawer.interrupt();
            Thread.currentThread().interrupt();
            throw new Unrenderable("interrupted while drawing", false);
        }
    }

    /** Draws on the calling thread, stopping at the first step after {@code deadline} (a {@link System#nanoTime()}). */
    static byte[] draw(byte[] svg, int maxSide, long deadline) throws Unrenderable {
        SVGDocument document = new SVGLoader().load(new ByteArrayInputStream(svg), null, context());
        if (document == null) throw new Unrenderable("JSVG could not read it (or it exceeds " + MAX_ELEMENTS + " elements)", true);
        FloatSize size = document.size();
        if (!(size.width > 0 && size.height > 0 && Float.isFinite(size.width) && Float.isFinite(size.height))) {
            throw new Unrenderable("it has no size", true);
        }
        // A vector drawing is drawn at the full size, whatever the numbers in its width and height.
        double scale = maxSide / Math.max((double) size.width, size.height);
        int width = (int) Math.max(1, Math.min(maxSide, Math.round(size.width * scale)));
        int height = (int) Math.max(1, Math.min(maxSide, Math.round(size.height * scale)));
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        Budget budget = new Budget(deadline);
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            Output output = new Bounded(Output.createForGraphics(g), budget);
            try {
                document.renderWithPlatform(NullPlatformSupport.INSTANCE, output, new ViewBox(0, 0, width, height));
            } finally {
                output.dispose();
            }
        } catch (Stopped e) {
            throw new Unrenderable(e.getMessage(), true);
        } finally {
            g.dispose();
        }
        String stopped = budget.stopped;
        if (stopped != null) throw new Unrenderable(stopped, true); // JSVG may have swallowed the stop
        if (blank(image)) throw new Unrenderable("it draws nothing visible", true);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new Unrenderable("the PNG could not be written: " + e.getMessage(), true);
        }
    }

    /**
     * Nothing from outside the document: JSVG's policy refuses every absolute and relative address, and the loader
     * refuses anything but an embedded image even if the policy let it through.
     */
    private static LoaderContext context() {
        ResourceLoader embedded = LoaderContext.createDefault().resourceLoader();
        ResourceLoader onlyEmbedded = (document, uri) -> {
            if (!"data".equalsIgnoreCase(uri.getScheme())) throw new IOException("only embedded images are drawn, not " + uri.getScheme());
            return embedded.loadImage(document, uri);
        };
        return LoaderContext.builder()
                .externalResourcePolicy(ResourcePolicy.DENY_EXTERNAL)
                .resourceLoader(onlyEmbedded)
                .documentLimits(LIMITS)
                .build();
    }

    private static boolean blank(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) != 0) return false;
            }
        }
        return true;
    }

    /** The drawing's deadline and, once it is stopped, why. Shared by a surface and the child surfaces JSVG makes. */
    private static final class Budget {
        private final long deadline;
        private volatile @Nullable String stopped;

        Budget(long deadline) {
            this.deadline = deadline;
        }

        void check() {
            if (stopped == null) {
                if (Thread.currentThread().isInterrupted()) stopped = "drawing was stopped";
                else if (System.nanoTime() - deadline > 0) stopped = "drawing ran past its time limit";
            }
            String reason = stopped;
            if (reason != null) throw new Stopped(reason);
        }
    }

    private static final class Stopped extends RuntimeException {
        Stopped(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * JSVG's drawing surface with the budget checked before each step. Dashes finer than a pixel are drawn as a solid
     * line: they look the same, and Java2D would otherwise spend minutes on a single stroke of millions of dashes.
     */
    private static final class Bounded implements Output {
        private final Output out;
        private final Budget budget;

        Bounded(Output out, Budget budget) {
            this.out = out;
            this.budget = budget;
        }

        @Override
        public void fillShape(Shape shape) {
            budget.check();
            out.fillShape(shape);
        }

        @Override
        public void drawShape(Shape shape) {
            budget.check();
            Stroke stroke = out.stroke();
            if (stroke instanceof BasicStroke b && b.getDashArray() != null && subPixel(b.getDashArray(), out.transform())) {
                out.setStroke(new BasicStroke(b.getLineWidth(), b.getEndCap(), b.getLineJoin(), b.getMiterLimit()));
                try {
                    out.drawShape(shape);
                } finally {
                    out.setStroke(stroke);
                }
                return;
            }
            out.drawShape(shape);
        }

        private static boolean subPixel(float[] dashes, AffineTransform transform) {
            double period = 0;
            for (float d : dashes) period += Math.abs(d);
            return !(period * Math.sqrt(Math.abs(transform.getDeterminant())) >= 1);
        }

        @Override
        public void drawImage(BufferedImage image) {
            budget.check();
            out.drawImage(image);
        }

        @Override
        public void drawImage(Image image, ImageObserver observer) {
            budget.check();
            out.drawImage(image, observer);
        }

        @Override
        public void drawImage(Image image, AffineTransform at, ImageObserver observer) {
            budget.check();
            out.drawImage(image, at, observer);
        }

        @Override
        public Output createChild() {
            budget.check();
            return new Bounded(out.createChild(), budget);
        }

        @Override
        public void debugPaint(Consumer<Graphics2D> painter) {
            budget.check();
            out.debugPaint(painter);
        }

        @Override
        public void setPaint(Paint paint) {
            out.setPaint(paint);
        }

        @Override
        public void setPaint(Supplier<Paint> paint) {
            out.setPaint(paint);
        }

        @Override
        public void setStroke(Stroke stroke) {
            out.setStroke(stroke);
        }

        @Override
        public Stroke stroke() {
            return out.stroke();
        }

        @Override
        public void applyClip(Shape shape) {
            out.applyClip(shape);
        }

        @Override
        public void setClip(Shape shape) {
            out.setClip(shape);
        }

        @Override
        public Optional<Float> contextFontSize() {
            return out.contextFontSize();
        }

        @Override
        public void dispose() {
            out.dispose();
        }

        @Override
        public Rectangle2D clipBounds() {
            return out.clipBounds();
        }

        @Override
        public RenderingHints renderingHints() {
            return out.renderingHints();
        }

        @Override
        public Object renderingHint(RenderingHints.Key key) {
            return out.renderingHint(key);
        }

        @Override
        public void setRenderingHint(RenderingHints.Key key, Object value) {
            out.setRenderingHint(key, value);
        }

        @Override
        public AffineTransform transform() {
            return out.transform();
        }

        @Override
        public void setTransform(AffineTransform transform) {
            out.setTransform(transform);
        }

        @Override
        public void applyTransform(AffineTransform transform) {
            out.applyTransform(transform);
        }

        @Override
        public void rotate(double angle) {
            out.rotate(angle);
        }

        @Override
        public void scale(double sx, double sy) {
            out.scale(sx, sy);
        }

        @Override
        public void translate(double dx, double dy) {
            out.translate(dx, dy);
        }

        @Override
        public float currentOpacity() {
            return out.currentOpacity();
        }

        @Override
        public void applyOpacity(float opacity) {
            out.applyOpacity(opacity);
        }

        @Override
        public SafeState safeState() {
            return out.safeState();
        }

        @Override
        public TextOutput textOutput() {
            return out.textOutput();
        }

        @Override
        public boolean supportsFilters() {
            return out.supportsFilters();
        }

        @Override
        public boolean supportsColors() {
            return out.supportsColors();
        }

        @Override
        public boolean isSoftClippingEnabled() {
            return out.isSoftClippingEnabled();
        }

        @Override
        public boolean hasMaskedPaint() {
            return out.hasMaskedPaint();
        }
    }
}
