package io.guildmark.app.verification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import java.util.Map;
import java.util.Optional;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.ApiPage;
import io.guildmark.app.shared.AuditTrail;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.ListParams;
import io.guildmark.app.shared.Listings;
import io.guildmark.app.shared.Problem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/**
 * {@code POST /api/v1/verify/batch}: public, answers when every credential is checked (at most
 * {@value BatchInput#MAX_CREDENTIALS}). Anonymous checks are not kept; a check run for an employer (its API key, or
 * {@code organization} naming an employer the caller checks for) is kept in the employer's past checks, read back with
 * {@code GET /api/v1/organizations/{slug}/verification-batches}. The same table as the page: candidates, each with their badges.
 */
@ApiController
class BatchVerificationApi {

    /**
     * One badge of a candidate.
     *
     * @param recipientMatch the recipient check's code: {@code MATCH}, {@code MISMATCH}, {@code NOT_REQUESTED} (no
     *                       e-mail given), {@code NO_EMAIL_IDENTIFIER}, {@code NOT_CHECKED}
     * @param revocation     the status check's code: {@code ACTIVE}, {@code REVOKED}, {@code NO_STATUS}, {@code NOT_CHECKED}
     * @param holderBinding  in a presentation, the credential's subject vs the presentation's holder: {@code MATCH},
     *                       {@code MISMATCH}, {@code NO_SUBJECT_ID}, {@code NO_HOLDER}; else {@code NOT_PRESENTED}
     * @param holderProof    in a presentation, its holder's proof: {@code OK}, {@code NONE}, or why it failed
     *                       ({@code INVALID_SIGNATURE}, {@code DID_NOT_RESOLVED}…); else {@code NOT_PRESENTED}
     * @param holder         the two in words, or null outside a presentation
     */
    record BadgeResponse(int position, String source, boolean verified, String verdict, String reason, String recipientMatch,
            String recipient, boolean expired, @Nullable Instant validUntil, boolean revoked, String revocation,
            @Nullable String achievement, @Nullable String issuerName, @Nullable String issuerId, String issuerStanding,
            @Nullable String credentialId, String holderBinding, String holderProof, @Nullable String holder) {}

    record CandidateResponse(@Nullable String name, @Nullable String email, List<BadgeResponse> badges) {}

    /**
     * @param id           the kept batch's id, or null when it is not kept
     * @param organization the employer it is kept for, or null
     */
    record BatchResponse(@Nullable UUID id, @Nullable String organization, int credentials, int verified, int notVerified,
            Instant checkedAt, @Nullable String challenge, @Nullable String domain, List<CandidateResponse> candidates) {}

    /**
     * A challenge for the presentations of a batch check: candidates sign their presentation with {@code challenge}
     * and {@code domain} (a Data Integrity proof's {@code challenge}/{@code domain}, a VP-JWT's {@code nonce}/{@code aud}),
     * and the check is sent with {@code challenge}, for the same employer ({@code organization}) or none.
     */
    record ChallengeResponse(String challenge, String domain, Instant expiresAt, @Nullable String organization) {}

    /** One of an employer's past checks. */
    record BatchSummaryResponse(UUID id, String label, Instant checkedAt, int credentials, int verified, @Nullable String checkedBy) {}

    /** A body that is not multipart (multipart has its own limit, 30 MB): the application's body limit. */
    static final int MAX_BODY_BYTES = 11 * 1024 * 1024;

    private final BatchVerifications batches;
    private final BatchStore store;
    private final @Nullable CheckingEmployers employers;
    private final AuditTrail audit;
    private final GuildmarkSettings settings;
    private final Clock clock;
    private final BatchChallenges challenges;

    BatchVerificationApi(BatchVerifications batches, BatchStore store, ObjectProvider<CheckingEmployers> employers, AuditTrail audit,
            GuildmarkSettings settings, Clock clock, BatchChallenges challenges) {
        this.challenges = challenges;
        this.batches = batches;
        this.store = store;
        this.employers = employers.getIfAvailable();
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/api/v1/verify/batch/challenge")
    @Operation(summary = "A challenge and domain for the presentations of a batch check, valid two days: a presentation whose holder "
            + "signed it for them is accepted as made for this check; one signed for another is reported per credential "
            + "(holderProof NOT_FOR_THIS_CHECK). With organization (or the employer's API key), for that employer's checks only.")
    ChallengeResponse challenge(@RequestParam(required = false) @Nullable String organization) {
        BatchVerifications.Owner owner = owner(organization);
        CheckingEmployers.Employer employer = owner == null ? null : owner.employer();
        BatchChallenges.Issued issued = challenges.issue(employer == null ? null : employer.id());
        return new ChallengeResponse(issued.challenge(), issued.domain(), issued.expiresAt(), employer == null ? null : employer.slug());
    }

    @PostMapping("/api/v1/verify/batch")
    @Operation(summary = "Verify many credentials at once (at most 1,000): multipart files (credentials, baked images, ZIPs, a CSV of "
            + "url,name,email, a JSON array, a VerifiablePresentation) and a field urls (one address per line); or one body: "
            + "application/zip, text/csv, text/uri-list, or JSON (an array or a VerifiablePresentation). Answers one table "
            + "grouped by candidate; 413 for more than 1,000 credentials or a ZIP bomb, 400 for a ZIP with paths outside its root. "
            + "With an employer's API key, or organization (a form field or query parameter) naming an employer the key may check "
            + "for, the check is kept in the employer's past checks and the answer gives its id. With challenge (a form field or "
            + "query parameter, from GET /api/v1/verify/batch/challenge), each presentation's holder proof must answer it.")
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
        BatchVerifications.Owner owner = owner(request.getParameter("organization"));
        BatchChallenges.Issued challenge = challenges.require(request.getParameter("challenge"),
                owner == null || owner.employer() == null ? null : owner.employer().id()).orElse(null);
        if (input.isEmpty()) {
            throw Problem.invalid("empty-batch", "Send the badges to check: files, a ZIP, a CSV of url,name,email, addresses "
                    + "(urls, one per line), a JSON array or a VerifiablePresentation.");
        }
        Instant checkedAt = clock.instant();
        UUID id = UUID.randomUUID();
        BatchResult result = BatchResult.of(id, input.label(), checkedAt, batches.verifyNow(id, checkedAt, owner, input, challenge));
        CheckingEmployers.Employer employer = owner == null ? null : owner.employer();
        if (employer != null) {
            audit.record(CurrentActor.get(), employer.id(), "verification.batch-checked", "verification-batch", id,
                    Map.of("credentials", result.total()));
        }
        return response(result, employer == null ? null : employer.slug(), challenge);
    }

    /** The employer the check is kept for: the one named (if the caller checks for it), else the API key's own employer. */
    private BatchVerifications.@Nullable Owner owner(@Nullable String organization) {
        Optional<Actor> actor = CurrentActor.find();
        boolean named = organization != null && !organization.isBlank();
        if (actor.isEmpty()) {
            if (named) throw new Problem(Problem.Kind.UNAUTHORIZED, "unauthorized", "Send the employer's API key as "
                    + "'Authorization: Bearer <key>' to keep the check for it.", List.of());
            return null;
        }
        if (employers == null) {
            if (named) throw Problem.notFound("The organization");
            return null;
        }
        CheckingEmployers.Employer employer = named ? employers.require(actor.get(), organization.strip())
                : actor.get() instanceof Actor.OrganizationKey key ? employers.ofKey(key) : null;
        return employer == null ? null : new BatchVerifications.Owner(null, employer,
                actor.get() instanceof Actor.OrganizationKey ? "API key" : "Platform administrator");
    }

    @GetMapping("/api/v1/organizations/{slug}/verification-batches")
    @Operation(summary = "An employer's past batch checks, newest first, with the total: q (what was checked, a candidate's "
            + "name or e-mail), from and to (YYYY-MM-DD), limit and cursor. Only for the employer's recruiters, owners, admins and keys.")
    ResponseEntity<ApiPage<BatchSummaryResponse>> list(@PathVariable String slug, @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable Integer limit, @RequestParam(required = false) @Nullable String cursor) {
        CheckingEmployers.Employer employer = employer(slug);
        BatchStore.Filter filter = new BatchStore.Filter(q, ListParams.day(from, "from"), ListParams.day(to, "to"));
        return ApiPage.of(store.employerPage(employer.id(), filter, Listings.limit(limit), cursor),
                s -> new BatchSummaryResponse(s.id(), s.label(), s.createdAt(), s.credentials(), s.verified(), s.checkedBy()), settings);
    }

    @GetMapping("/api/v1/organizations/{slug}/verification-batches/{id}")
    @Operation(summary = "One of an employer's past batch checks, whole: the same table POST /api/v1/verify/batch answered.")
    BatchResponse show(@PathVariable String slug, @PathVariable String id) {
        CheckingEmployers.Employer employer = employer(slug);
        UUID batchId;
        try {
            batchId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("The batch");
        }
        BatchStore.Saved saved = store.find(batchId).filter(b -> employer.id().equals(b.organizationId()))
                .orElseThrow(() -> Problem.notFound("The batch"));
        BatchStore.Summary s = saved.summary();
        return response(BatchResult.of(s.id(), s.label(), s.createdAt(), store.rows(s.id())), employer.slug(), null);
    }

    private CheckingEmployers.Employer employer(String slug) {
        if (employers == null) throw Problem.notFound("The organization");
        return employers.require(CurrentActor.get(), slug);
    }

    private static BatchResponse response(BatchResult result, @Nullable String organization, BatchChallenges.@Nullable Issued challenge) {
        return new BatchResponse(organization == null ? null : result.id(), organization, result.total(), result.verified(),
                result.notVerified(), result.checkedAt(), challenge == null ? null : challenge.challenge(),
                challenge == null ? null : challenge.domain(), result.candidates().stream().map(c -> new CandidateResponse(c.name(), c.email(),
                        c.badges().stream().map(BatchVerificationApi::badge).toList())).toList());
    }

    private static Problem tooLarge() {
        return Problem.tooLarge("The request is larger than 11 MB; send the badges as a multipart upload (up to 30 MB) or in smaller batches.");
    }

    private static BadgeResponse badge(BatchRow r) {
        return new BadgeResponse(r.position(), r.source(), r.verified(), r.verdict(), r.reason(), r.recipient(), r.recipientWords(),
                r.expired(), r.validUntil(), r.revoked(), r.revocation(), r.achievement(), r.issuerName(), r.issuerId(), r.standing(),
                r.credentialId(), r.holderBinding(), r.holderProof(), r.holderWords());
    }
}
