package io.guildmark.app.verification;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.JsonLimits;
import io.guildmark.app.shared.Problem;
import io.guildmark.credentials.verify.VerificationReport;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/verify} and {@code POST /api/v1/verify/url}: public, no API key. Whatever is sent, the answer is
 * a report (200) with {@code verified} and every check, except a body over 10 MB (413) and a URL request without a
 * URL (400). The body is read as a stream and never past the limit.
 */
@ApiController
@Tag(name = "Verification", description = "Verify any Open Badges 3.0 credential: JSON, VC-JWT, baked PNG or SVG, or its address")
class VerificationApi {

    static final int MAX_URL_REQUEST_BYTES = 64 * 1024;
    private static final JsonMapper JSON = JsonLimits.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    record VerifyUrl(@Nullable String url, @Nullable String expectedRecipient) {}

    /** @param explanation the outcome in plain words, dates as people write them, no key ids (what the /verify page shows) */
    record CheckResponse(String check, String status, String code, String message, String explanation) {}

    record DetailsResponse(@Nullable String credentialId, @Nullable String issuerId, @Nullable String issuerName,
            @Nullable String achievementName, @Nullable String recipientName, @Nullable Instant validFrom,
            @Nullable Instant validUntil, @Nullable String format) {}

    /**
     * @param verdict {@code verified}, {@code revoked} (the issuer revoked it), or {@code not-verified}
     * @param credential the credential as read (from the JSON, the JWT's payload or the image), when it could be read
     * @param explanation the summary in plain words (what the /verify page shows under the verdict)
     * @param claimsVerified whether {@code details} (issuer, achievement, recipient) are verified facts; when false they
     *                       are only what the credential claims about itself
     */
    record VerificationResponse(boolean verified, String verdict, String summary, List<CheckResponse> checks,
            DetailsResponse details,
            // Written as the JSON text the report already holds: reading it into a tree only to write it again cost a
            // second serialization per request.
            @JsonRawValue @Schema(type = "object", description = "the credential as read") @Nullable String credential,
            String explanation, boolean claimsVerified,
            @Nullable IssuerResponse issuer) {}

    /**
     * The issuer's standing with this platform (issuer vetting): {@code approved} by its operator, the
     * {@code verifiedDomain} it proved it controls, and {@code standing} in words.
     */
    record IssuerResponse(@Nullable String name, @Nullable String did, boolean approved, @Nullable String verifiedDomain,
            String standing) {}

    private final Verification verification;

    private final org.springframework.context.ApplicationEventPublisher events;

    VerificationApi(Verification verification, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.verification = verification;
    }

    private VerificationResponse response(Verification.Checked checked) {
        VerificationReport report = checked.report();
        events.publishEvent(CredentialVerified.of(report));
        IssuerStandings.Standing standing = checked.standing();
        VerificationReport.Details d = report.details();
        IssuerResponse issuer = d.issuerId() == null && d.issuerName() == null ? null
                : new IssuerResponse(d.issuerName(), d.issuerId(), standing.approved(), standing.verifiedDomain(), standing.words());
        return response(report, checked.credentialJson(), issuer);
    }

    @PostMapping("/api/v1/verify")
    @Operation(summary = "Verify a credential sent as the body: JSON (application/json, application/ld+json, "
            + "application/vc+ld+json), a VC-JWT (text/plain, application/vc+jwt), or a baked image (image/png, image/svg+xml); "
            + "at most 10 MB. Optional query parameter expectedRecipient: an e-mail address for the recipient check.")
    VerificationResponse verify(HttpServletRequest request) throws IOException {
        String recipient = recipient(queryParameter(request, "expectedRecipient"));
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart != null) {
            MultipartFile file = multipart.getFile("file");
            if (file == null && !multipart.getFileMap().isEmpty()) file = multipart.getFileMap().values().iterator().next();
            if (file == null) throw Problem.invalidField("file", "Send the credential as the body, or as a file part named \"file\".");
            if (file.getSize() > Verification.MAX_INPUT_BYTES) throw tooLarge();
            try (InputStream in = file.getInputStream()) {
                return response(verification.check(readCapped(in, Verification.MAX_INPUT_BYTES), file.getContentType(), recipient));
            }
        }
        if (request.getContentLengthLong() > Verification.MAX_INPUT_BYTES) throw tooLarge();
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = readCapped(in, Verification.MAX_INPUT_BYTES);
        }
        return response(verification.check(body, request.getContentType(), recipient));
    }

    @PostMapping("/api/v1/verify/url")
    @Operation(summary = "Fetch the badge at a public http(s) address and verify it: body {\"url\": \"…\", \"expectedRecipient\": \"…\"} "
            + "(expectedRecipient optional, also accepted as a query parameter)")
    VerificationResponse verifyUrl(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_URL_REQUEST_BYTES) throw Problem.tooLarge("The request is larger than 64 KB.");
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_URL_REQUEST_BYTES + 1);
        }
        if (body.length > MAX_URL_REQUEST_BYTES) throw Problem.tooLarge("The request is larger than 64 KB.");
        VerifyUrl form;
        try {
            form = body.length == 0 ? new VerifyUrl(null, null) : JSON.readValue(body, VerifyUrl.class);
        } catch (JacksonException e) {
            throw Problem.invalid("malformed-body", "The request body must be JSON like {\"url\": \"https://…\"}.");
        }
        if (form == null || form.url() == null || form.url().isBlank()) {
            throw Problem.invalidField("url", "Give the address of the badge to verify, like https://example.org/credentials/123.");
        }
        String recipient = recipient(form.expectedRecipient() != null ? form.expectedRecipient() : queryParameter(request, "expectedRecipient"));
        return response(verification.checkUrl(form.url(), recipient));
    }

    /** @param credential the credential's JSON text, written into the response as it is */
    static VerificationResponse response(VerificationReport report, @Nullable String credential, @Nullable IssuerResponse issuer) {
        VerificationReport.Details d = report.details();
        return new VerificationResponse(report.verified(), ReportView.verdict(report), report.summary(),
                report.checks().stream().map(c -> new CheckResponse(c.check(), c.status().name(), c.code(), c.message(),
                        ReportView.message(c, d))).toList(),
                new DetailsResponse(d.credentialId(), d.issuerId(), d.issuerName(), d.achievementName(), d.recipientName(),
                        d.validFrom(), d.validUntil(), d.format()),
                credential, ReportView.summary(report), report.verified(), issuer);
    }

    /** Reads at most {@code max} bytes; one more means the body is too large, and the rest is never read. */
    static byte[] readCapped(InputStream in, long max) throws IOException {
        byte[] bytes = in.readNBytes((int) max + 1);
        if (bytes.length > max) throw tooLarge();
        return bytes;
    }

    private static Problem tooLarge() {
        return Problem.tooLarge("The credential is larger than the limit of 10 MB.");
    }

    /** A checked, trimmed e-mail address (as given: hashes may have been made without lower-casing), or null. */
    static @Nullable String recipient(@Nullable String value) {
        if (value == null || value.isBlank()) return null;
        try {
            EmailAddress.of(value);
        } catch (Problem e) {
            throw Problem.invalidField("expectedRecipient", "The expected recipient must be an e-mail address, like name@example.org.");
        }
        return value.strip();
    }

    /** A query parameter, read from the query string only: a form body is never parsed here. */
    private static @Nullable String queryParameter(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null) return null;
        try {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("malformed-query", "The query string is not correctly encoded.");
        }
        return null;
    }
}
