package io.guildmark.app.shared;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Safe retries for the API ({@code Idempotency-Key}, as in the IETF draft "The Idempotency-Key HTTP Header Field"). A
 * {@code POST} that carries a key is carried out once per caller and key: sent again with the same body within
 * {@link #KEPT}, it gets the first answer back (marked {@code Idempotent-Replayed: true}) and creates nothing; sent with
 * another body it is refused with 422; sent while the first is still running, 409. Keys are scoped to the caller's
 * credential, so two API keys never see each other's answers. Server errors are not kept, so such a request can be
 * retried with the same key.
 */
final class IdempotentRequests extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;
    static final Duration KEPT = Duration.ofHours(24);
    /** A first request still marked running after this long died with its node; its key may be used again. */
    static final Duration ABANDONED = Duration.ofMinutes(10);
    /** Answers larger than this are not kept (the API's answers are small JSON); the key is released instead. */
    static final int MAX_KEPT_BODY = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);

    private final JdbcClient db;
    private final Clock clock;
    private final ProblemWriter problems;

    IdempotentRequests(JdbcClient db, Clock clock, ProblemWriter problems) {
        this.db = db;
        this.clock = clock;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // Only callers with a credential create anything through the API; the public endpoints (verify) change nothing.
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null || request.getHeader("Authorization") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            problems.write(request, response, Problem.invalid("idempotency-key-invalid",
                    "The Idempotency-Key header must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters."));
            return;
        }
        String keyHash = sha256(sha256(request.getHeader("Authorization")) + "\n" + key);
        HttpServletRequest readable = request;
        String fingerprint;
        if (isMultipart(request)) {
            fingerprint = fingerprint(request, partsDigest(request));
        } else {
            byte[] body = request.getInputStream().readAllBytes();
            readable = new ReplayableBody(request, body);
            fingerprint = fingerprint(request, sha256(body));
        }

        Optional<Kept> earlier = claim(keyHash, fingerprint);
        if (earlier.isPresent()) {
            answerFrom(earlier.get(), fingerprint, request, response);
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(readable, captured);
            kept = keep(keyHash, captured);
        } finally {
            if (!kept) db.sql("delete from idempotent_requests where key_hash = ? and status is null").param(keyHash).update();
            captured.copyBodyToResponse();
        }
    }

    /** Marks the key as taken by this request, or answers what an earlier request with the key left. */
    private Optional<Kept> claim(String keyHash, String fingerprint) {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                db.sql("insert into idempotent_requests (key_hash, request_hash, created_at) values (?, ?, ?)")
                        .params(keyHash, fingerprint, Timestamp.from(now)).update();
                return Optional.empty();
            } catch (DataIntegrityViolationException taken) {
                Optional<Kept> kept = db.sql("""
                        select request_hash, status, content_type, location, body, created_at
                        from idempotent_requests where key_hash = ?""").param(keyHash)
                        .query((rs, n) -> new Kept(rs.getString("request_hash"), (Integer) rs.getObject("status"),
                                rs.getString("content_type"), rs.getString("location"), rs.getString("body"),
                                rs.getTimestamp("created_at").toInstant()))
                        .optional();
                if (kept.isEmpty()) continue; // released between our insert and our read: try once more
                Kept k = kept.get();
                boolean expired = k.createdAt().isBefore(now.minus(KEPT));
                boolean abandoned = k.status() == null && k.createdAt().isBefore(now.minus(ABANDONED));
                if (!expired && !abandoned) return kept;
                db.sql("delete from idempotent_requests where key_hash = ? and created_at = ?")
                        .params(keyHash, Timestamp.from(k.createdAt())).update();
            }
        }
        return Optional.of(new Kept(fingerprint, null, null, null, null, now)); // still racing: answer "in progress"
    }

    private void answerFrom(Kept earlier, String fingerprint, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!earlier.requestHash().equals(fingerprint)) {
            problems.write(request, response, new Problem(Problem.Kind.UNPROCESSABLE, "idempotency-key-reused",
                    "This Idempotency-Key was already used for a different request. Use a new key for a new request.", List.of()));
            return;
        }
        if (earlier.status() == null) {
            response.setHeader("Retry-After", "1");
            problems.write(request, response, Problem.conflict("idempotency-key-in-use",
                    "A request with this Idempotency-Key is still being processed. Retry in a moment to get its answer."));
            return;
        }
        response.setStatus(earlier.status());
        if (earlier.contentType() != null) response.setContentType(earlier.contentType());
        if (earlier.location() != null) response.setHeader("Location", earlier.location());
        response.setHeader("Idempotent-Replayed", "true");
        if (earlier.body() != null) {
            byte[] body = earlier.body().getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /** Keeps the answer for replays; client errors that depend only on the request are kept, the rest released. */
    private boolean keep(String keyHash, ContentCachingResponseWrapper response) {
        int status = response.getStatus();
        boolean repeatable = (status >= 200 && status < 300)
                || (status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 409 && status != 429);
        byte[] body = response.getContentAsByteArray();
        String contentType = response.getContentType();
        boolean textual = body.length == 0 || (contentType != null && (contentType.contains("json") || contentType.startsWith("text/")));
        if (!repeatable || !textual || body.length > MAX_KEPT_BODY) return false;
        db.sql("update idempotent_requests set status = ?, content_type = ?, location = ?, body = ? where key_hash = ?")
                .params(status, contentType, response.getHeader("Location"), new String(body, StandardCharsets.UTF_8), keyHash)
                .update();
        return true;
    }

    /** Forgets keys older than {@link #KEPT}; run by the scheduler. */
    int forgetExpired() {
        int forgotten = db.sql("delete from idempotent_requests where created_at < ?")
                .param(Timestamp.from(clock.instant().minus(KEPT))).update();
        if (forgotten > 0) log.debug("Forgot {} idempotency keys older than {}", forgotten, KEPT);
        return forgotten;
    }

    private static String fingerprint(HttpServletRequest request, String bodyDigest) {
        return sha256(request.getMethod() + " " + request.getRequestURI() + "?" + (request.getQueryString() == null ? "" : request.getQueryString())
                + "\n" + bodyDigest);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    /** Multipart boundaries differ between retries of the same upload, so the parts are compared, not the bytes. */
    private static String partsDigest(HttpServletRequest request) throws IOException, ServletException {
        MessageDigest digest = sha256();
        for (Part part : request.getParts()) {
            digest.update((part.getName() + "\n" + part.getSubmittedFileName() + "\n").getBytes(StandardCharsets.UTF_8));
            try (InputStream in = part.getInputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Kept(String requestHash, @Nullable Integer status, @Nullable String contentType, @Nullable String location,
            @Nullable String body, Instant createdAt) {}
}
