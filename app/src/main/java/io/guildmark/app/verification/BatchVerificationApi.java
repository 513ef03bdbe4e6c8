package io.guildmark.app.verification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.Problem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/**
 * {@code POST /api/v1/verify/batch}: public, no API key, answers when every credential is checked (at most
 * {@value BatchInput#MAX_CREDENTIALS}); nothing is kept. The same table as the page: candidates, each with their badges.
 */
@ApiController
class BatchVerificationApi {

    /**
     * One badge of a candidate.
     *
     * @param recipientMatch the recipient check's code: {@code MATCH}, {@code MISMATCH}, {@code NOT_REQUESTED} (no
     *                       e-mail given), {@code NO_EMAIL_IDENTIFIER}, {@code NOT_CHECKED}
     * @param revocation     the status check's code: {@code ACTIVE}, {@code REVOKED}, {@code NO_STATUS}, {@code NOT_CHECKED}
     */
    record BadgeResponse(int position, String source, boolean verified, String verdict, String reason, String recipientMatch,
            String recipient, boolean expired, @Nullable Instant validUntil, boolean revoked, String revocation,
            @Nullable String achievement, @Nullable String issuerName, @Nullable String issuerId, String issuerStanding,
            @Nullable String credentialId) {}

    record CandidateResponse(@Nullable String name, @Nullable String email, List<BadgeResponse> badges) {}

    record BatchResponse(int credentials, int verified, int notVerified, Instant checkedAt, List<CandidateResponse> candidates) {}

    /** A body that is not multipart (multipart has its own limit, 30 MB): the application's body limit. */
    static final int MAX_BODY_BYTES = 11 * 1024 * 1024;

    private final BatchVerifications batches;
    private final Clock clock;

    BatchVerificationApi(BatchVerifications batches, Clock clock) {
        this.batches = batches;
        this.clock = clock;
    }

    @PostMapping("/api/v1/verify/batch")
    @Operation(summary = "Verify many credentials at once (at most 1,000): multipart files (credentials, baked images, ZIPs, a CSV of "
            + "url,name,email, a JSON array, a VerifiablePresentation) and a field urls (one address per line); or one body: "
            + "application/zip, text/csv, text/uri-list, or JSON (an array or a VerifiablePresentation). Answers one table "
            + "grouped by candidate; 413 for more than 1,000 credentials or a ZIP bomb, 400 for a ZIP with paths outside its root.")
    BatchResponse verify(HttpServletRequest request) throws IOException {
        BatchInput input = new BatchInput();
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart != null) {
            for (MultipartFile file : multipart.getMultiFileMap().values().stream().flatMap(List::stream).toList()) {
                if (file.isEmpty()) continue;
                try (InputStream in = file.getInputStream()) {
                    input.file(file.getOriginalFilename(), file.getContentType(), in.readAllBytes());
                }
            }
            String urls = multipart.getParameter("urls");
            if (urls != null && !urls.isBlank()) input.urls(urls);
            String csv = multipart.getParameter("csv");
            if (csv != null && !csv.isBlank()) input.csv("the CSV", csv);
        } else {
            byte[] body;
            try (InputStream in = request.getInputStream()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            } catch (IOException e) { // the body limit cut a chunked body off
                throw tooLarge();
            }
            if (body.length > MAX_BODY_BYTES) throw tooLarge();
            String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
            if (type.startsWith("text/csv")) input.csv("the CSV", new String(body, StandardCharsets.UTF_8));
            else if (type.startsWith("text/uri-list")) input.urls(new String(body, StandardCharsets.UTF_8));
            else if (type.contains("json")) input.json("the JSON body", body);
            else if (body.length > 0) input.file("the body", request.getContentType(), body);
        }
        if (input.isEmpty()) {
            throw Problem.invalid("empty-batch", "Send the badges to check: files, a ZIP, a CSV of url,name,email, addresses "
                    + "(urls, one per line), a JSON array or a VerifiablePresentation.");
        }
        Instant checkedAt = clock.instant();
        BatchResult result = BatchResult.of(UUID.randomUUID(), input.label(), checkedAt, batches.verifyNow(input));
        return new BatchResponse(result.total(), result.verified(), result.notVerified(), checkedAt,
                result.candidates().stream().map(c -> new CandidateResponse(c.name(), c.email(),
                        c.badges().stream().map(BatchVerificationApi::badge).toList())).toList());
    }

    private static Problem tooLarge() {
        return Problem.tooLarge("The request is larger than 11 MB; send the badges as a multipart upload (up to 30 MB) or in smaller batches.");
    }

    private static BadgeResponse badge(BatchRow r) {
        return new BadgeResponse(r.position(), r.source(), r.verified(), r.verdict(), r.reason(), r.recipient(), r.recipientWords(),
                r.expired(), r.validUntil(), r.revoked(), r.revocation(), r.achievement(), r.issuerName(), r.issuerId(), r.standing(),
                r.credentialId());
    }
}
