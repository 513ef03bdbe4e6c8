package io.guildmark.app.verification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.ProblemWriter;
import io.guildmark.credentials.holder.HolderProofResult;
import io.guildmark.credentials.jsonld.BundledContexts;
import io.guildmark.credentials.verify.Check;
import io.guildmark.credentials.verify.CheckStatus;
import io.guildmark.credentials.verify.VcDataModel;
import io.guildmark.credentials.verify.VerificationReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The W3C VC-API for verifiers: {@code POST /credentials/verify} and {@code POST /presentations/verify}, public, no
 * API key, no cookies (so no CSRF). A thin, standard-shaped front over {@link Verification}: 200 with
 * {@code verified: true}; 422 (a problem with {@code verified: false} and the VC-API {@code checks}, {@code warnings}
 * and {@code errors}) when the input is well formed but does not verify; 400 for bad input (not JSON, too large, too
 * deep, not a credential, data model violations, contexts this verifier does not know). Kept apart from
 * {@code /api/v1/verify}, whose answer is always a 200 report.
 *
 * <p>What counts for a credential that is not an Open Badge: the OB 3.0 schema check does not apply, and a missing
 * {@code validFrom} is allowed (VCDM 2.0 makes it optional).
 */
@ApiController
@Tag(name = "W3C VC-API", description = "Verify any W3C Verifiable Credential or Presentation (eddsa-rdfc-2022, VC-JWT)")
class VcApi {

    /** The most credentials one presentation may carry. */
    static final int MAX_CREDENTIALS = 20;
    private static final Set<String> OPEN_BADGE_TYPES = Set.of("AchievementCredential", "OpenBadgeCredential",
            "EndorsementCredential", "ClrCredential");
    /** Proof outcomes that mean the input itself is unusable, not that it failed verification. */
    private static final Set<String> BAD_INPUT_PROOF_CODES = Set.of("UNKNOWN_CONTEXT", "UNDEFINED_TERM");

    private final Verification verification;
    private final VcApiChallenges issuedChallenges;
    private final SeenChallenges answeredChallenges;
    private final ProblemWriter problems;

    private final org.springframework.context.ApplicationEventPublisher events;

    VcApi(Verification verification, VcApiChallenges issuedChallenges, SeenChallenges answeredChallenges, ProblemWriter problems,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.verification = verification;
        this.issuedChallenges = issuedChallenges;
        this.answeredChallenges = answeredChallenges;
        this.problems = problems;
    }

    @PostMapping(path = "/challenges", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "W3C VC-API: a challenge for a presentation to answer. 201 {challenge, expiresAt}; accepted by "
            + "POST /presentations/verify once, within an hour.")
    ResponseEntity<Map<String, Object>> createChallenge() {
        VcApiChallenges.Issued issued = issuedChallenges.issue();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("challenge", issued.challenge());
        body.put("expiresAt", issued.expiresAt().toString());
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @PostMapping(path = "/credentials/verify", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "W3C VC-API: verify a credential. Body {verifiableCredential, options}; 200 {verified: true, checks, "
            + "warnings, errors}, 422 when it does not verify, 400 for bad input. At most 1 MB.")
    ResponseEntity<?> verifyCredential(HttpServletRequest request) throws IOException {
        JsonObject body = VcApiBody.read(request);
        JsonObject options = VcApiBody.options(body);
        checksOption(options);
        JsonValue credential = body.get("verifiableCredential");
        if (credential == null || credential == JsonValue.NULL) {
            throw Problem.invalidField("verifiableCredential", "Send the credential as verifiableCredential.");
        }
        Result result = credential(credential, "verifiableCredential");
        return respond(result, null, request, "The credential was not verified");
    }

    @PostMapping(path = "/presentations/verify", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "W3C VC-API: verify a presentation and every credential in it. Body {verifiablePresentation, "
            + "options: {challenge, domain}}; the holder's proof must answer the challenge and domain when they are given, "
            + "and a challenge from POST /challenges is accepted once. 200, 422 or 400 as for credentials.")
    ResponseEntity<?> verifyPresentation(HttpServletRequest request) throws IOException {
        JsonObject body = VcApiBody.read(request);
        JsonObject options = VcApiBody.options(body);
        checksOption(options);
        String challenge = VcApiBody.stringOption(options, "challenge");
        String domain = VcApiBody.stringOption(options, "domain");
        if (!(body.get("verifiablePresentation") instanceof JsonObject vp)) {
            throw Problem.invalidField("verifiablePresentation", "Send the presentation as a JSON object, verifiablePresentation.");
        }
        List<String> shape = VcDataModel.presentationProblems(vp);
        if (!shape.isEmpty()) throw dataModel("verifiablePresentation", shape);
        knownContexts(vp, "verifiablePresentation");
        List<JsonValue> contained = vp.get("verifiableCredential") instanceof JsonArray a ? a
                : vp.containsKey("verifiableCredential") ? List.of(vp.get("verifiableCredential")) : List.of();
        if (contained.size() > MAX_CREDENTIALS) {
            throw Problem.invalidField("verifiablePresentation.verifiableCredential", "A presentation may carry at most "
                    + MAX_CREDENTIALS + " credentials.");
        }
        List<Result> credentialResults = new ArrayList<>();
        for (int i = 0; i < contained.size(); i++) {
            credentialResults.add(credential(contained.get(i), "verifiablePresentation.verifiableCredential[" + i + "]"));
        }
        Result presentation = new Result();
        if (vp.get("proof") != null && vp.get("proof") != JsonValue.NULL) {
            HolderProofResult holder = verification.verifyPresentationProof(vp, challenge, domain);
            if (holder.isValid()) presentation.checks.add("proof");
            else presentation.error(holder.code().name(), "proof", holder.message());
        } else if (challenge != null || domain != null) {
            presentation.error("NO_HOLDER_PROOF", "proof", "A challenge or domain was given, but the presentation has no proof "
                    + "by its holder that could answer it.");
        }
        // A challenge this verifier issued is accepted once, while it is valid; one the caller chose is the caller's to track.
        var issuedUntil = issuedChallenges.expiryOf(challenge);
        if (issuedUntil.isPresent() && issuedChallenges.expired(issuedUntil.get())) {
            presentation.error("CHALLENGE_EXPIRED", "challenge", "This challenge expired at " + issuedUntil.get()
                    + "; ask for a new one (POST /challenges).");
        }
        boolean allVerified = presentation.verified() && credentialResults.stream().allMatch(Result::verified);
        // Only a presentation that verified in every other way uses up its challenge: a failed attempt changes nothing.
        if (allVerified && issuedUntil.isPresent() && !answeredChallenges.firstUse(challenge)) {
            presentation.error("CHALLENGE_REPLAYED", "challenge", "This challenge was already answered; a presentation "
                    + "must answer a fresh challenge each time.");
        }
        Result overall = new Result();
        overall.checks.addAll(presentation.checks);
        overall.warnings.addAll(presentation.warnings);
        overall.errors.addAll(presentation.errors);
        credentialResults.forEach(r -> {
            overall.warnings.addAll(r.warnings);
            overall.errors.addAll(r.errors);
        });
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("presentationResult", presentation.body());
        extra.put("credentialResults", credentialResults.stream().map(Result::body).toList());
        return respond(overall, extra, request, "The presentation was not verified");
    }

    /** Verifies one credential (JSON, or a VC-JWT as a string); bad input is a 400 problem naming {@code field}. */
    private Result credential(JsonValue value, String field) {
        byte[] bytes;
        JsonObject credential = null;
        if (value instanceof JsonObject o) {
            if (VcDataModel.types(o.get("type")).contains("EnvelopedVerifiableCredential")) {
                throw Problem.invalidField(field, "Enveloped credentials are not supported; send the credential itself, "
                        + "or a VC-JWT as a string.");
            }
            List<String> shape = VcDataModel.credentialProblems(o);
            if (!shape.isEmpty()) throw dataModel(field, shape);
            knownContexts(o, field);
            credential = o;
            bytes = o.toString().getBytes(StandardCharsets.UTF_8);
        } else if (value instanceof JsonString s && s.getString().chars().filter(c -> c == '.').count() == 2) {
            bytes = s.getString().getBytes(StandardCharsets.UTF_8);
        } else {
            throw Problem.invalidField(field, field + " must be a credential: a JSON object, or a VC-JWT as a string.");
        }
        VerificationReport report = verification.verify(bytes, credential != null ? "application/vc+ld+json" : "application/vc+jwt", null);
        events.publishEvent(CredentialVerified.of(report));
        if (credential == null) credential = report.credential();
        boolean openBadge = credential != null && VcDataModel.types(credential.get("type")).stream().anyMatch(OPEN_BADGE_TYPES::contains);
        boolean vcdm2 = credential != null && VcDataModel.contexts(credential).contains(VcDataModel.V2);
        Result result = new Result();
        for (Check check : report.checks()) {
            if (check.status() == CheckStatus.FAILED && check.check().equals(Check.FORMAT)) {
                throw Problem.invalidField(field, check.message());
            }
            if (check.status() == CheckStatus.FAILED && check.check().equals(Check.PROOF) && BAD_INPUT_PROOF_CODES.contains(check.code())) {
                throw Problem.invalidField(field, check.message());
            }
            switch (check.status()) {
                case PASSED -> result.checks.add(check.check());
                case WARNING -> result.warnings.add(entry(check.code(), check.check(), check.message()));
                case FAILED -> {
                    boolean notApplicable = (check.check().equals(Check.SCHEMA) && !openBadge)
                            || (check.check().equals(Check.VALID_FROM) && check.code().equals("MISSING_VALID_FROM") && vcdm2);
                    if (!notApplicable) result.error(check.code(), check.check(), check.message());
                }
                default -> { }
            }
        }
        if (!result.checks.contains(Check.PROOF) && result.errors.isEmpty()) {
            result.error("NO_PROOF", Check.PROOF, "The credential's proof was not verified.");
        }
        return result;
    }

    private ResponseEntity<?> respond(Result result, @Nullable Map<String, Object> extra, HttpServletRequest request, String title) {
        Map<String, Object> body = result.body();
        if (extra != null) body.putAll(extra);
        if (result.verified()) return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        String detail = result.errors.isEmpty() ? title + "." : String.valueOf(result.errors.get(0).get("detail"));
        ProblemDetail problem = problems.detail(HttpStatus.UNPROCESSABLE_CONTENT, "not-verified", detail, List.of(), request);
        problem.setTitle(title);
        body.forEach(problem::setProperty);
        return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** {@code options.checks}, when given: a short list of check names. All checks always run; none can be turned off. */
    private static void checksOption(JsonObject options) {
        JsonValue checks = options.get("checks");
        if (checks == null || checks == JsonValue.NULL) return;
        if (!(checks instanceof JsonArray a) || a.size() > 16 || a.stream().anyMatch(v -> !(v instanceof JsonString))) {
            throw Problem.invalidField("options.checks", "options.checks must be a list of at most 16 check names.");
        }
    }

    /** Every context named by URL must be one this verifier has (it fetches none): else the input can't be read. */
    private static void knownContexts(JsonObject document, String field) {
        for (String context : VcDataModel.contexts(document)) {
            if (!BundledContexts.isBundled(context)) {
                throw new Problem(Problem.Kind.INVALID, "unknown-context", "The context " + (context.length() > 200
                        ? context.substring(0, 200) + "…" : context) + " is not one this verifier knows, so the "
                        + field + " can't be read.", List.of(new Problem.FieldError(field + ".@context", "unknown context")));
            }
        }
    }

    private static Problem dataModel(String field, List<String> found) {
        List<Problem.FieldError> errors = found.stream().limit(20).map(m -> new Problem.FieldError(field, m)).toList();
        return new Problem(Problem.Kind.INVALID, "data-model-violation", found.get(0)
                + (found.size() > 1 ? " (and " + (found.size() - 1) + " more)" : ""), errors);
    }

    private static Map<String, Object> entry(String code, String check, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", code);
        e.put("title", check);
        e.put("detail", message);
        return e;
    }

    /** The VC-API VerificationResult of one credential or presentation. */
    private static final class Result {
        final List<String> checks = new ArrayList<>();
        final List<Map<String, Object>> warnings = new ArrayList<>();
        final List<Map<String, Object>> errors = new ArrayList<>();

        void error(String code, String check, String message) {
            errors.add(entry(code, check, message));
        }

        boolean verified() {
            return errors.isEmpty();
        }

        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("verified", verified());
            body.put("checks", List.copyOf(checks));
            body.put("warnings", List.copyOf(warnings));
            body.put("errors", List.copyOf(errors));
            return body;
        }
    }
}
