package io.guildmark.app.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Public pages (a badge, the catalog, an issuer, a pathway) as an anonymous visitor sees them, rendered once per
 * version of what they show and then served as bytes, with a strong {@code ETag} so a browser or a CDN can revalidate
 * and get a 304.
 *
 * <p>The caller passes the page's <em>version</em>: a value (records, strings) that is equal exactly when the page
 * would render the same, such as the model itself or a stamp of the rows it reads. It is computed on every request,
 * so a change (a revocation, a retired key, a new micro-credential) shows on the very next view on every node; only
 * the rendering is saved. The ETag is a hash of the HTML, so every node gives the same page the same ETag.
 *
 * <p>Only a visitor with neither a sign-in nor a session gets the shared copy: a session may carry a flash message or
 * a CSRF token, and signed-in views differ. Such pages render as usual, with Spring Security's {@code no-store}. The
 * shared copy is {@code public, no-cache}: a CDN may keep it but asks on each view (a cheap 304), since a revocation
 * must show within a second. {@code Vary: Cookie} keeps a CDN from giving it to someone signed in. The pages use no
 * message bundles and no CSP nonces, so the locale and the request add nothing else to a page.
 */
@Component
public class PublicPages {

    /**
     * Most bytes of HTML kept (a badge page is about 10 KB), how long a page unviewed stays, and how long any stays
     * (a version is checked on every view, so this bounds memory, not staleness).
     */
    static final long MAX_BYTES = 32L * 1024 * 1024;
    static final Duration IDLE = Duration.ofMinutes(10);
    static final Duration AT_MOST = Duration.ofHours(1);
    /** What a key and its value (records of the model) may cost besides the HTML, for the bound above. */
    private static final int OVERHEAD_BYTES = 4096;

    static final CacheControl SHARED = CacheControl.noCache().cachePublic();

    private record Key(String view, Object version) {}

    /** The HTML, its ETag, and when this node rendered it (whole seconds, as {@code Last-Modified} carries it). */
    private record Rendered(byte[] html, String etag, Instant renderedAt) {}

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PublicPages.class);

    private final ViewResolver views;
    private final Cache<Key, Rendered> rendered = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((Key key, Rendered page) -> page.html().length + OVERHEAD_BYTES)
            .expireAfterAccess(IDLE)
            .expireAfterWrite(AT_MOST)
            .build();

    /**
     * Pages rendered for one signed-in visitor's session, under the page's version for them (see {@link #visitorPage}).
     * Kept apart from the shared copies, bounded by bytes the same way, and dropped sooner when unviewed.
     */
    static final long MAX_VISITOR_BYTES = 32L * 1024 * 1024;
    static final Duration VISITOR_IDLE = Duration.ofMinutes(5);

    private record VisitorKey(String view, String session, Object version) {}

    private final Cache<VisitorKey, byte[]> visitorPages = Caffeine.newBuilder()
            .maximumWeight(MAX_VISITOR_BYTES)
            .weigher((VisitorKey key, byte[] html) -> html.length + OVERHEAD_BYTES)
            .expireAfterAccess(VISITOR_IDLE)
            .expireAfterWrite(AT_MOST)
            .build();

    static final CacheControl PRIVATE = CacheControl.noStore();

    PublicPages(@Qualifier("thymeleafViewResolver") ViewResolver views) {
        this.views = views;
    }

    /** Whether this request gets the shared copy of a public page: no one signed in, no session. */
    public static boolean anonymous(HttpServletRequest request) {
        return CurrentActor.find().isEmpty() && request.getSession(false) == null;
    }

    /**
     * The page for this request: for an anonymous visitor the saved (or newly rendered) HTML with its ETag, which
     * Spring answers with a 304 when the request's {@code If-None-Match} matches; for anyone else the view's name,
     * rendered as usual. The model must be complete.
     */
    public Object page(HttpServletRequest request, HttpServletResponse response, Model model, String view, Object version) {
        return page(request, response, model, view, version, () -> {});
    }

    /**
     * As {@link #page(HttpServletRequest, HttpServletResponse, Model, String, Object)}, with the model filled only
     * when the page is rendered: for an anonymous visitor, a saved page costs no more than its version.
     */
    public Object page(HttpServletRequest request, HttpServletResponse response, Model model, String view, Object version,
            Runnable fillModel) {
        if (!anonymous(request)) {
            fillModel.run();
            return view;
        }
        Rendered page = rendered.get(new Key(view, version), key -> {
            fillModel.run();
            return render(view, model, request, response);
        });
        // Rendering started a session (a CSRF token asked for): that copy is this visitor's alone, so render again as usual.
        if (page == null) return view;
        return answer(page);
    }

    /**
     * The page already rendered for this version, for an anonymous visitor, or null (someone signed in, or not rendered
     * yet on this node): lets a controller answer from a cheap stamp of its rows without building the page's model.
     * A matching {@code If-None-Match} (or, without one, an {@code If-Modified-Since} not older than the copy) gets a 304.
     */
    public @Nullable ResponseEntity<byte[]> saved(HttpServletRequest request, String view, Object version) {
        if (!anonymous(request)) return null;
        Rendered page = rendered.getIfPresent(new Key(view, version));
        return page == null ? null : answer(page);
    }

    /**
     * A public page as one signed-in visitor sees it, rendered once per version <em>for them</em> and kept for their
     * session alone. {@code version} must be equal exactly when the page would render the same for this visitor: the
     * caller reads it from the database on every view (no stamp of one node's memory), so a change shows on the very
     * next view on every node. The key also holds the session's id: a page carries the session's CSRF token and is
     * never given to another session, whoever it belongs to. A request carrying a flash message (after a form) is
     * rendered as usual and not kept. The answer is {@code no-store}, as Spring Security's would be.
     */
    public Object visitorPage(HttpServletRequest request, HttpServletResponse response, Model model, String view, Object version,
            Runnable fillModel) {
        HttpSession session = request.getSession(false);
        var flash = RequestContextUtils.getInputFlashMap(request);
        if (CurrentActor.person().isEmpty() || session == null || (flash != null && !flash.isEmpty())) {
            fillModel.run();
            return view;
        }
        byte[] html = visitorPages.get(new VisitorKey(view, session.getId(), version), key -> {
            fillModel.run();
            return renderBytes(view, model, request, response);
        });
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(PRIVATE)
                .header(HttpHeaders.VARY, HttpHeaders.COOKIE)
                .body(html);
    }

    private byte[] renderBytes(String name, Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            View view = views.resolveViewName(name, Locale.ROOT);
            if (view == null) throw new IllegalStateException("No template " + name);
            ContentCachingResponseWrapper buffer = new ContentCachingResponseWrapper(response);
            view.render(model.asMap(), request, buffer);
            return buffer.getContentAsByteArray();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Rendering " + name + " failed", e);
        }
    }

    private static ResponseEntity<byte[]> answer(Rendered page) {
        // Spring answers 304 itself when the request's If-None-Match matches the ETag (or, with none, when its
        // If-Modified-Since is not older than Last-Modified). The ETag is the exact validator; Last-Modified has whole
        // seconds, so a change in the same second as the rendering it replaces is told apart by the ETag only.
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .eTag(page.etag())
                .lastModified(page.renderedAt())
                .cacheControl(SHARED)
                .header(HttpHeaders.VARY, HttpHeaders.COOKIE)
                .body(page.html());
    }

    private @org.jspecify.annotations.Nullable Rendered render(String name, Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            View view = views.resolveViewName(name, Locale.ROOT);
            if (view == null) throw new IllegalStateException("No template " + name);
            // Rendered into a buffer; the ResponseEntity above writes it.
            ContentCachingResponseWrapper buffer = new ContentCachingResponseWrapper(response);
            view.render(model.asMap(), request, buffer);
            if (request.getSession(false) != null) {
                log.warn("Public page {} started a session while rendering for a visitor; it is not shared (mark it read-only)", name);
                return null;
            }
            byte[] html = buffer.getContentAsByteArray();
            return new Rendered(html, etag(html), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Rendering " + name + " failed", e);
        }
    }

    /** A strong validator: the same bytes give the same ETag on every node. */
    static String etag(byte[] html) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(html);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
