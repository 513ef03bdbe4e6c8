package io.guildmark.credentials.verify;

import jakarta.json.spi.JsonProvider;
import io.guildmark.credentials.InputLimits;
import io.guildmark.credentials.baking.BakedCredential;
import io.guildmark.credentials.baking.BakingException;
import io.guildmark.credentials.baking.PngBaker;
import io.guildmark.credentials.baking.SvgBaker;
import io.guildmark.credentials.did.CachingDidResolver;
import io.guildmark.credentials.did.CompositeDidResolver;
import io.guildmark.credentials.did.Did;
import io.guildmark.credentials.did.DidPublicKeyResolver;
import io.guildmark.credentials.did.DidResolutionException;
import io.guildmark.credentials.did.DidResolver;
import io.guildmark.credentials.did.DocumentFetcher;
import io.guildmark.credentials.jwt.DidJwtKeyResolver;
import io.guildmark.credentials.jwt.JwtVerificationResult;
import io.guildmark.credentials.jwt.VcJwt;
import io.guildmark.credentials.proof.EddsaRdfc2022;
import io.guildmark.credentials.proof.KeyResolutionException;
import io.guildmark.credentials.proof.PublicKeyResolver;
import io.guildmark.credentials.schema.Ob3Schemas;
import io.guildmark.credentials.schema.SchemaError;
import io.guildmark.credentials.status.StatusChecker;
import io.guildmark.credentials.status.StatusListVerifier;
import io.guildmark.credentials.status.StatusResult;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Verifies Open Badges 3.0 credentials from any of their forms: JSON with eddsa-rdfc-2022 or eddsa-jcs-2022 proofs
 * (one, a set or a chain, at least one of them by the issuer), a VC-JWT, or
 * either of those baked into a PNG or SVG; and Open Badges 2.0 hosted assertions, given as JSON or baked into a PNG
 * ({@code iTXt} keyword {@code openbadges}) or SVG ({@code <openbadges:assertion>}) as the assertion's URL or JSON.
 * Thread safe; build once and share.
 *
 * <p>An OB 2.0 hosted badge is not signed: it is verified by fetching the issuer-hosted assertion from its {@code id}
 * through the {@link DocumentFetcher}, then its BadgeClass and the issuer's Profile, and checking that the assertion's
 * address lies within the issuer's verification policy ({@code startsWith}, {@code allowedOrigins}; by default the
 * origin of the issuer's {@code id}). Its report uses the same check names; {@code schema} and {@code issuerKey} are
 * skipped, and the recipient is compared with the assertion's {@code recipient} (plain or {@code sha256$} hashed).
 *
 * <p>Checks and their codes (stable; the application shows them):
 * <ul>
 *   <li>{@code format}: JSON, JWT, PNG_JSON, PNG_JWT, SVG_JSON, SVG_JWT, and for OB 2.0 OB2_JSON, OB2_JWS, PNG_OB2,
 *       SVG_OB2 | EMPTY_INPUT, INPUT_TOO_LARGE, UNRECOGNIZED_FORMAT, INVALID_JSON, NOT_A_CREDENTIAL,
 *       NO_CREDENTIAL_IN_IMAGE, CORRUPT_IMAGE, UNSAFE_IMAGE</li>
 *   <li>{@code schema}: VALID | SCHEMA_INVALID | SCHEMA_ARRAY_FORM (warning: single values where this schema build
 *       wants arrays) | DISABLED, NOT_APPLICABLE (OB 2.0, and CLR 2.0 {@code ClrCredential}s, for which no schema is
 *       bundled; skipped)</li>
 *   <li>{@code proof}: VALID | NO_PROOF, UNKNOWN_CONTEXT, UNDEFINED_TERM, INVALID_SIGNATURE, UNSUPPORTED_CRYPTOSUITE,
 *       MALFORMED_PROOF, CONTEXT_MISMATCH, PROOF_PURPOSE_MISMATCH, CANONICALIZATION_FAILED, KEY_NOT_FOUND (a proof by
 *       a key other than the issuer's that can't be resolved), and for JWTs MALFORMED,
 *       UNSUPPORTED_ALGORITHM, UNSUPPORTED_HEADER, MISSING_KEY_REFERENCE, MISSING_CLAIM, CLAIM_MISMATCH |
 *       KEY_UNAVAILABLE (skipped). For OB 2.0: HOSTED_VALID | ASSERTION_NOT_FOUND, ASSERTION_UNAVAILABLE,
 *       INVALID_ASSERTION, ASSERTION_ID_MISMATCH, BADGE_NOT_FOUND, BADGE_UNAVAILABLE, INVALID_BADGE_CLASS,
 *       ISSUER_NOT_FOUND, ISSUER_UNAVAILABLE, INVALID_ISSUER, ORIGIN_NOT_ALLOWED, OB2_SIGNED_NOT_SUPPORTED (signed
 *       OB 2.0 assertions are not verified) | ASSERTION_REVOKED (skipped: the assertion answers 410 Gone or only a
 *       revocation notice)</li>
 *   <li>{@code issuerKey}: KEY_RESOLVED | DID_NOT_RESOLVED, KEY_NOT_FOUND, KEY_RETIRED, KEY_REVOKED, KEY_EXPIRED,
 *       KEY_NOT_ISSUERS, UNSUPPORTED_KEY_REFERENCE, UNSUPPORTED_KEY | NOT_CHECKED (also for OB 2.0: no key)</li>
 *   <li>{@code validFrom}: VALID | NOT_YET_VALID, MISSING_VALID_FROM, INVALID_DATE (OB 2.0 {@code issuedOn})</li>
 *   <li>{@code validUntil}: VALID, NO_EXPIRY | EXPIRED, INVALID_DATE (OB 2.0 {@code expires})</li>
 *   <li>{@code status}: ACTIVE | REVOKED, SUSPENDED, STATUS_VERIFICATION_ERROR, STATUS_ISSUER_MISMATCH,
 *       STATUS_PURPOSE_MISMATCH | (warning) STATUS_RETRIEVAL_ERROR, STATUS_RANGE_ERROR, STATUS_LIST_EXPIRED,
 *       UNSUPPORTED_STATUS_TYPE, MALFORMED_STATUS_ENTRY | NO_STATUS (skipped). OB 2.0: ACTIVE | REVOKED (the hosted
 *       assertion says {@code revoked: true}, or answers 410 Gone)</li>
 *   <li>{@code recipient}: MATCH | MISMATCH, NO_EMAIL_IDENTIFIER, UNSUPPORTED_HASH (OB 2.0: hashed other than
 *       sha256) | NOT_REQUESTED (skipped)</li>
 *   <li>{@code relatedResource}, only when the credential names one ({@link RelatedResources}): DIGEST_MATCH |
 *       DIGEST_MISMATCH, INVALID_RELATED_RESOURCE | (warning) RELATED_RESOURCE_UNAVAILABLE</li>
 * </ul>
 */
public final class Verifier {

    /** Looked up once: {@code Json.create…} searches the class path for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Default limit on the input: 10 MB. */
    public static final long DEFAULT_MAX_INPUT_BYTES = 10L * 1024 * 1024;

    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final DidResolver didResolver;
    private final Clock clock;
    private final boolean schemaValidation;
    private final long maxInputBytes;
    private final EddsaRdfc2022 suite;
    /** The status checker given a list verifier of the caller's, or null: then one per verification, see {@link #status}. */
    private final StatusChecker statusChecker;
    private final DocumentFetcher fetcher;
    /** Schema outcomes by the credential's JSON, when the builder asked to remember outcomes; else null. */
    private final RememberedSchemaChecks schemaChecks;
    private final PngBaker pngBaker;
    private final SvgBaker svgBaker;
    private final HostedAssertions hostedAssertions;
    private final RelatedResources relatedResources;

    private Verifier(Builder b) {
        var fetcher = b.fetcher != null ? b.fetcher : DocumentFetcher.ofMap(Map.of());
        // A verification resolves the issuer's DID for the credential and again for its status list: cache briefly.
        this.didResolver = b.didResolver != null ? b.didResolver
                : new CachingDidResolver(CompositeDidResolver.standard(fetcher), Duration.ofMinutes(5), 1000, b.clock);
        this.clock = b.clock;
        this.schemaValidation = b.schemaValidation;
        this.maxInputBytes = b.maxInputBytes;
        // Same results as full JSON-LD processing (CredentialSignerTest, TemplateToRdfTest); credentials of a shape seen
        // before skip it. The templates are bounded (TemplateToRdf: 512 shapes).
        EddsaRdfc2022 cached = EddsaRdfc2022.cached();
        this.suite = b.validProofs > 0 ? cached.rememberingValidProofs(b.validProofs, b.validProofsTtl) : cached;
        this.schemaChecks = b.validProofs > 0 ? new RememberedSchemaChecks(b.validProofs, b.validProofsTtl) : null;
        this.fetcher = fetcher;
        this.statusChecker = b.statusListVerifier != null ? new StatusChecker(fetcher, b.statusListVerifier, clock) : null;
        this.pngBaker = new PngBaker(maxInputBytes);
        this.svgBaker = new SvgBaker(maxInputBytes);
        this.hostedAssertions = new HostedAssertions(b.hostedAssertionFetcher != null ? b.hostedAssertionFetcher : fetcher, clock);
        this.relatedResources = new RelatedResources(b.relatedResourceFetcher != null ? b.relatedResourceFetcher : fetcher);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Verifies without a recipient check. */
    public VerificationReport verify(byte[] input, String contentTypeHint) {
        return verify(input, contentTypeHint, null);
    }

    /**
     * Verifies the input, detecting its form (PNG, SVG, JSON, compact JWT) and its version (OB 3.0, or an OB 2.0
     * assertion, which is fetched from its issuer); {@code contentTypeHint} (e.g. {@code image/svg+xml}) may be
     * {@code null}. When {@code expectedRecipientEmail} is given, the credential's hashed or plain e-mail identifier
     * must match it. Never throws for bad input.
     */
    public VerificationReport verify(byte[] input, String contentTypeHint, String expectedRecipientEmail) {
        var run = new Run(expectedRecipientEmail, new OncePerRun(didResolver));
        try {
            decode(input, contentTypeHint, run);
        } catch (RuntimeException e) {
            // A bug or an input we did not foresee: report it as a failed check rather than throwing.
            run.checks.add(Check.failed(run.checks.isEmpty() ? Check.FORMAT : Check.PROOF, "INTERNAL_ERROR",
                    "The credential could not be processed: " + e.getClass().getSimpleName()));
        }
        return run.report();
    }

    /** Verifies a credential given as JSON. */
    public VerificationReport verify(JsonObject credential, String expectedRecipientEmail) {
        return verify(credential.toString().getBytes(StandardCharsets.UTF_8), "application/vc+ld+json",
                expectedRecipientEmail);
    }

    private void decode(byte[] input, String hint, Run run) {
        if (input == null || input.length == 0) {
            run.fail(Check.FORMAT, "EMPTY_INPUT", "Nothing was given to verify.");
            return;
        }
        if (input.length > maxInputBytes) {
            run.fail(Check.FORMAT, "INPUT_TOO_LARGE", "The file is larger than the limit of "
                    + (maxInputBytes / (1024 * 1024)) + " MB.");
            return;
        }
        var type = hint == null ? "" : hint.toLowerCase(Locale.ROOT);
        if (PngBaker.isPng(input)) {
            fromImage(run, "PNG", () -> pngBaker.extract(input));
            return;
        }
        if (type.contains("svg") || SvgBaker.looksLikeSvg(input)) {
            fromImage(run, "SVG", () -> svgBaker.extract(input));
            return;
        }
        var text = new String(input, StandardCharsets.UTF_8).strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1).strip();
        }
        if (text.startsWith("{")) {
            fromJson(run, text, "JSON", "a JSON credential");
        } else if (HostedAssertions.isOb2Jws(text)) {
            hostedAssertions.signed(run, "OB2_JWS", "a signed Open Badges 2.0 assertion (JWS)");
        } else if (COMPACT_JWS.matcher(text).matches()) {
            fromJwt(run, text, "JWT", "a VC-JWT");
        } else {
            run.fail(Check.FORMAT, "UNRECOGNIZED_FORMAT",
                    "This is not an Open Badges credential: expected JSON, a VC-JWT, or a baked PNG or SVG image.");
        }
    }

    @FunctionalInterface
    private interface Extraction {
        Optional<BakedCredential> extract() throws BakingException;
    }

    private void fromImage(Run run, String image, Extraction extraction) {
        Optional<BakedCredential> baked;
        try {
            baked = extraction.extract();
        } catch (BakingException e) {
            var code = switch (e.reason()) {
                case TOO_LARGE -> "INPUT_TOO_LARGE";
                case UNSAFE_XML -> "UNSAFE_IMAGE";
                case UNSUPPORTED_FORMAT -> "UNRECOGNIZED_FORMAT";
                default -> "CORRUPT_IMAGE";
            };
            run.fail(Check.FORMAT, code, "The " + image + " image could not be read: " + e.getMessage());
            return;
        }
        if (baked.isEmpty()) {
            run.fail(Check.FORMAT, "NO_CREDENTIAL_IN_IMAGE", "The " + image + " image has no badge baked into it.");
            return;
        }
        var credential = baked.get();
        switch (credential.format()) {
            case OB3_JSON -> fromJson(run, credential.payload(), image + "_JSON",
                    "a JSON credential baked into a " + image + " image");
            case OB3_JWT -> fromJwt(run, credential.payload(), image + "_JWT", "a VC-JWT baked into a " + image + " image");
            case OB2 -> hostedAssertions.fromPayload(run, credential.payload(), image + "_OB2", anImage(image));
        }
    }

    private static String anImage(String image) {
        return (image.equals("SVG") ? "an " : "a ") + image + " image";
    }

    private void fromJson(Run run, String text, String formatCode, String what) {
        if (InputLimits.jsonTooDeep(text)) {
            run.fail(Check.FORMAT, "TOO_DEEPLY_NESTED", "The credential is refused: it nests arrays and objects more than "
                    + InputLimits.MAX_JSON_DEPTH + " levels deep, and no real credential does.");
            return;
        }
        JsonObject credential;
        try (var reader = JSON.createReader(new StringReader(text))) {
            credential = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            run.fail(Check.FORMAT, "INVALID_JSON", "The credential is not valid JSON.");
            return;
        }
        if (HostedAssertions.isOb2(credential)) {
            // An OB 2.0 assertion given as JSON, or (wrongly) baked under the OB 3.0 keyword or element.
            var image = formatCode.equals("JSON") ? null : formatCode.substring(0, formatCode.indexOf('_'));
            hostedAssertions.fromAssertion(run, credential, image == null ? "OB2_JSON" : image + "_OB2",
                    "an Open Badges 2.0 assertion" + (image == null ? "" : " baked into " + anImage(image)));
            return;
        }
        if (!checkCredentialShape(run, credential, formatCode, what)) {
            return;
        }
        schema(run, credential);
        jsonProof(run, credential);
        afterProof(run, credential);
    }

    private void fromJwt(Run run, String jwt, String formatCode, String what) {
        var result = VcJwt.verify(jwt, new DidJwtKeyResolver(run.dids, clock), clock);
        if (result.credential() == null) {
            var failure = result.failures().get(0);
            if (failure.code() == JwtVerificationResult.Code.MALFORMED) {
                run.fail(Check.FORMAT, "INVALID_JWT", "The VC-JWT could not be decoded: " + failure.message());
            } else {
                run.checks.add(Check.passed(Check.FORMAT, formatCode, "Read " + what + "."));
                run.fail(Check.PROOF, failure.code().name(), sentence(failure.message()));
            }
            return;
        }
        var credential = result.credential();
        if (!checkCredentialShape(run, credential, formatCode, what)) {
            return;
        }
        schema(run, credential);
        var keyFailure = result.signatureFailures().stream().filter(f -> isKeyCode(f.code())).findFirst();
        var otherFailure = result.signatureFailures().stream().filter(f -> !isKeyCode(f.code())).findFirst();
        if (keyFailure.isPresent()) {
            var f = keyFailure.get();
            var code = switch (f.code()) {
                case KEY_NOT_RESOLVED -> "DID_NOT_RESOLVED";
                case KEY_NOT_TRUSTED -> "KEY_NOT_ISSUERS";
                default -> f.code().name();
            };
            run.checks.add(Check.skipped(Check.PROOF, "KEY_UNAVAILABLE",
                    "The signature could not be checked because the issuer's key is not available."));
            run.fail(Check.ISSUER_KEY, code, sentence(f.message()));
        } else if (otherFailure.isPresent()) {
            var f = otherFailure.get();
            run.fail(Check.PROOF, f.code().name(), f.code() == JwtVerificationResult.Code.INVALID_SIGNATURE
                    ? "The signature does not match: the credential was altered or not signed by its issuer."
                    : sentence(f.message()));
            run.checks.add(result.has(JwtVerificationResult.Code.INVALID_SIGNATURE)
                    || result.has(JwtVerificationResult.Code.CLAIM_MISMATCH)
                    || result.has(JwtVerificationResult.Code.MISSING_CLAIM)
                    ? Check.passed(Check.ISSUER_KEY, "KEY_RESOLVED", "The key " + describeKey(result) + " belongs to the issuer.")
                    : Check.skipped(Check.ISSUER_KEY, "NOT_CHECKED", "The issuer's key was not looked up."));
        } else {
            run.checks.add(Check.passed(Check.PROOF, "VALID", "The VC-JWT signature (" + result.algorithm() + ") is valid."));
            run.checks.add(Check.passed(Check.ISSUER_KEY, "KEY_RESOLVED", "The key " + describeKey(result)
                    + " belongs to the issuer."));
        }
        afterProof(run, credential);
    }

    private static String describeKey(JwtVerificationResult result) {
        return result.keyId() != null ? result.keyId() : "in the token header";
    }

    private static boolean isKeyCode(JwtVerificationResult.Code code) {
        return switch (code) {
            case KEY_NOT_RESOLVED, KEY_NOT_FOUND, KEY_RETIRED, KEY_REVOKED, KEY_NOT_TRUSTED -> true;
            default -> false;
        };
    }

    private boolean checkCredentialShape(Run run, JsonObject credential, String formatCode, String what) {
        run.credential = credential;
        run.details = details(credential, formatCode);
        if (HostedAssertions.isOb2(credential)) {
            run.fail(Check.FORMAT, "NOT_A_CREDENTIAL",
                    "The VC-JWT carries an Open Badges 2.0 assertion, which is not a verifiable credential.");
            return false;
        }
        if (!typesOf(credential.get("type")).contains("VerifiableCredential")) {
            run.fail(Check.FORMAT, "NOT_A_CREDENTIAL", "The JSON is not a verifiable credential (no VerifiableCredential type).");
            return false;
        }
        run.checks.add(Check.passed(Check.FORMAT, formatCode, "Read " + what + "."));
        return true;
    }

    private void schema(Run run, JsonObject credential) {
        if (!schemaValidation) {
            run.checks.add(Check.skipped(Check.SCHEMA, "DISABLED", "Schema validation is turned off."));
            return;
        }
        if (typesOf(credential.get("type")).contains("ClrCredential")) {
            // 1EdTech publishes no CLR 2.0 JSON Schema that could be bundled; the proof still covers every term.
            run.checks.add(Check.skipped(Check.SCHEMA, "NOT_APPLICABLE",
                    "No CLR 2.0 schema is bundled, so this ClrCredential is checked by its proof, dates and status only."));
            return;
        }
        var key = schemaChecks == null ? null : RememberedSchemaChecks.key(credential);
        var known = key == null ? null : schemaChecks.find(key);
        if (known != null) {
            run.checks.add(known);
            return;
        }
        int before = run.checks.size();
        schemaCheck(run, credential);
        if (key != null && run.checks.size() == before + 1) {
            schemaChecks.add(key, run.checks.get(before));
        }
    }

    private void schemaCheck(Run run, JsonObject credential) {
        if (VcDataModel.contexts(credential).contains(VcDataModel.EXAMPLES_V2)) {
            // Bundled for the W3C test suites' credentials; its @vocab would define every term of an Open Badge.
            run.checks.add(Check.failed(Check.SCHEMA, "EXAMPLES_CONTEXT", "An Open Badge may not use the examples context "
                    + VcDataModel.EXAMPLES_V2 + ": it would define every term, so none would be checked."));
            return;
        }
        var endorsement = typesOf(credential.get("type")).contains("EndorsementCredential");
        List<SchemaError> errors = endorsement ? Ob3Schemas.validateEndorsementCredential(credential)
                : Ob3Schemas.validateAchievementCredential(credential);
        var name = endorsement ? "EndorsementCredential" : "AchievementCredential";
        if (errors.isEmpty()) {
            run.checks.add(Check.passed(Check.SCHEMA, "VALID", "The credential matches the OB 3.0 " + name + " schema."));
            return;
        }
        var listed = String.join("; ", errors.stream().limit(5).map(SchemaError::toString).toList())
                + (errors.size() > 5 ? "; and " + (errors.size() - 5) + " more" : "");
        // This schema build wants an array for every [0..*] property; a single value there is valid in the data model.
        boolean onlyArrayForm = errors.stream().allMatch(e -> "type".equals(e.keyword())
                && e.message().contains("array expected"));
        run.checks.add(onlyArrayForm
                ? Check.warning(Check.SCHEMA, "SCHEMA_ARRAY_FORM", "The credential uses single values where the OB 3.0 "
                + "schema expects arrays: " + listed + ".")
                : Check.failed(Check.SCHEMA, "SCHEMA_INVALID", "The credential does not match the OB 3.0 " + name
                + " schema: " + listed + "."));
    }

    private void jsonProof(Run run, JsonObject credential) {
        var proofs = new ArrayList<JsonObject>();
        var proofValue = credential.get("proof");
        if (proofValue instanceof JsonObject o) {
            proofs.add(o);
        } else if (proofValue instanceof JsonArray a) {
            a.forEach(v -> {
                if (v instanceof JsonObject o) {
                    proofs.add(o);
                }
            });
        }
        if (proofs.isEmpty()) {
            run.fail(Check.PROOF, "NO_PROOF", "The credential has no proof, so nothing shows who issued it.");
            run.checks.add(Check.skipped(Check.ISSUER_KEY, "NOT_CHECKED", "There is no proof naming a key."));
            return;
        }
        if (proofs.size() > EddsaRdfc2022.MAX_PROOFS) {
            // Before any key is resolved: each proof could name a key on another host.
            run.fail(Check.PROOF, "MALFORMED_PROOF", EddsaRdfc2022.tooManyProofs(proofs.size()));
            run.checks.add(Check.skipped(Check.ISSUER_KEY, "NOT_CHECKED", "The proofs were not checked."));
            return;
        }
        // Resolve each proof's key first, so the issuer key check stands on its own whatever the proof check finds.
        // The issuer must have made at least one of the proofs; the others (a proof set or chain with a co-signer,
        // a notary) are resolved and must verify too, but they do not stand for the issuer.
        var issuerId = run.details.issuerId();
        var keys = new HashMap<String, byte[]>();
        var issuerKeys = new ArrayList<String>();
        var otherKeys = new ArrayList<String>();
        var keyResolver = new DidPublicKeyResolver(run.dids, clock);
        for (var proof : proofs) {
            var vm = proof.get("verificationMethod") instanceof JsonString s ? s.getString() : null;
            if (vm == null) {
                continue;
            }
            if (issuerId != null && Did.isKeyId(vm) && Did.controllerOf(vm).equals(issuerId)) {
                issuerKeys.add(vm);
            } else {
                otherKeys.add(vm);
            }
        }
        var keyCheck = issuerKeys.isEmpty() && !otherKeys.isEmpty()
                ? issuerKey(otherKeys.get(0), issuerId, keyResolver, keys) : null;
        for (var vm : issuerKeys) {
            keyCheck = keyCheck != null ? keyCheck : issuerKey(vm, issuerId, keyResolver, keys);
        }
        if (keyCheck != null) {
            run.checks.add(Check.skipped(Check.PROOF, "KEY_UNAVAILABLE",
                    "The signature could not be checked because the issuer's key is not available."));
            run.checks.add(keyCheck);
            return;
        }
        if (!issuerKeys.isEmpty()) {
            for (var vm : otherKeys) {
                var otherCheck = otherKey(vm, keyResolver, keys);
                if (otherCheck != null) {
                    run.fail(Check.PROOF, "KEY_NOT_FOUND", otherCheck);
                    run.checks.add(Check.passed(Check.ISSUER_KEY, "KEY_RESOLVED", "The key "
                            + String.join(", ", issuerKeys) + " is a current key of the issuer."));
                    return;
                }
            }
        }
        PublicKeyResolver resolved = id -> {
            var key = keys.get(id);
            if (key == null) {
                throw new KeyResolutionException("the key was not resolved");
            }
            return key.clone();
        };
        var result = suite.verify(credential, resolved);
        if (result.isValid()) {
            var suites = proofs.stream().map(p -> p.get("cryptosuite") instanceof JsonString c ? c.getString() : "")
                    .distinct().toList();
            run.checks.add(Check.passed(Check.PROOF, "VALID", proofs.size() == 1
                    ? "The " + suites.get(0) + " proof is valid."
                    : "All " + proofs.size() + " proofs (" + String.join(", ", suites) + ") are valid."));
        } else {
            run.fail(Check.PROOF, result.code().name(), switch (result.code()) {
                case INVALID_SIGNATURE -> "The signature does not match: the credential was altered or not signed by its issuer.";
                case UNKNOWN_CONTEXT -> "The credential uses a JSON-LD context this verifier does not know, so its "
                        + "signature can't be checked: " + result.message();
                default -> sentence(result.message());
            });
        }
        if (issuerKeys.isEmpty()) {
            run.checks.add(Check.skipped(Check.ISSUER_KEY, "NOT_CHECKED", "The proof names no key."));
        } else {
            run.checks.add(Check.passed(Check.ISSUER_KEY, "KEY_RESOLVED", "The key "
                    + String.join(", ", new java.util.LinkedHashSet<>(issuerKeys)) + " is a current key of the issuer"
                    + (otherKeys.isEmpty() ? "." : "; the other proofs were made with " + String.join(", ",
                    new java.util.LinkedHashSet<>(otherKeys)) + ".")));
        }
    }

    /** Resolves the key of a proof made by someone other than the issuer; returns why it can't be, or null. */
    private static String otherKey(String vm, DidPublicKeyResolver keyResolver, Map<String, byte[]> keys) {
        if (!Did.isKeyId(vm)) {
            return "A proof's key " + vm + " is neither a DID URL nor an HTTPS URL with a fragment, so that proof "
                    + "can't be checked.";
        }
        try {
            keys.put(vm, keyResolver.ed25519PublicKey(vm));
            return null;
        } catch (KeyResolutionException e) {
            return "A proof's key " + vm + " (not the issuer's) can't be resolved, so that proof can't be checked: "
                    + sentence(e.getMessage());
        }
    }

    /** Resolves one verification method into {@code keys}; returns a failed check, or {@code null} on success. */
    private Check issuerKey(String vm, String issuerId, DidPublicKeyResolver keyResolver, Map<String, byte[]> keys) {
        if (!Did.isKeyId(vm)) {
            return Check.failed(Check.ISSUER_KEY, "UNSUPPORTED_KEY_REFERENCE", "The proof's key " + vm
                    + " is neither a DID URL nor an HTTPS URL with a fragment, so it can't be looked up.");
        }
        if (issuerId == null || !Did.controllerOf(vm).equals(issuerId)) {
            return Check.failed(Check.ISSUER_KEY, "KEY_NOT_ISSUERS", "The proof was made with key " + vm
                    + ", which does not belong to the issuer " + issuerId + ".");
        }
        try {
            keys.put(vm, keyResolver.ed25519PublicKey(vm));
            return null;
        } catch (KeyResolutionException e) {
            var code = DidPublicKeyResolver.codeOf(e).map(Verifier::keyCode).orElse("KEY_NOT_FOUND");
            return Check.failed(Check.ISSUER_KEY, code, sentence(e.getMessage()));
        }
    }

    private static String keyCode(DidResolutionException.Code code) {
        return switch (code) {
            case KEY_NOT_FOUND, KEY_RETIRED, KEY_REVOKED, KEY_EXPIRED -> code.name();
            case UNSUPPORTED_KEY_TYPE -> "UNSUPPORTED_KEY";
            default -> "DID_NOT_RESOLVED";
        };
    }

    private void afterProof(Run run, JsonObject credential) {
        var now = clock.instant();
        var d = run.details;
        var vcdm11 = contextsOf(credential).contains("https://www.w3.org/2018/credentials/v1");
        if (d.validFrom() == null) {
            run.fail(Check.VALID_FROM, "MISSING_VALID_FROM", "The credential has no valid " + (vcdm11 ? "issuanceDate" : "validFrom") + " date.");
        } else if (now.isBefore(d.validFrom())) {
            run.fail(Check.VALID_FROM, "NOT_YET_VALID", "The credential is not valid until " + d.validFrom() + ".");
        } else {
            run.checks.add(Check.passed(Check.VALID_FROM, "VALID", "Valid since " + d.validFrom() + "."));
        }
        if (d.validUntil() == null) {
            run.checks.add(Check.passed(Check.VALID_UNTIL, "NO_EXPIRY", "The credential does not expire."));
        } else if (!now.isBefore(d.validUntil())) {
            run.fail(Check.VALID_UNTIL, "EXPIRED", "The credential expired on " + d.validUntil() + ".");
        } else {
            run.checks.add(Check.passed(Check.VALID_UNTIL, "VALID", "Valid until " + d.validUntil() + "."));
        }
        status(run, credential);
        recipient(run, credential);
        relatedResources(run, credential);
    }

    /** The digests of the resources the credential names; no line in the report when it names none. */
    private void relatedResources(Run run, JsonObject credential) {
        var result = relatedResources.check(credential);
        switch (result.outcome()) {
            case NONE -> { }
            case MATCHED -> run.checks.add(Check.passed(Check.RELATED_RESOURCE, "DIGEST_MATCH", result.message()));
            case MISMATCH -> run.fail(Check.RELATED_RESOURCE, "DIGEST_MISMATCH", result.message());
            case INVALID -> run.fail(Check.RELATED_RESOURCE, "INVALID_RELATED_RESOURCE", result.message());
            // Like a status list that can't be reached: reported, without failing the credential.
            case UNAVAILABLE -> run.checks.add(Check.warning(Check.RELATED_RESOURCE, "RELATED_RESOURCE_UNAVAILABLE", result.message()));
        }
    }

    private void status(Run run, JsonObject credential) {
        // The list's issuer is resolved through the run's resolver: the DID document the proof's key came from.
        var checker = statusChecker != null ? statusChecker
                : new StatusChecker(fetcher, new DataIntegrityStatusListVerifier(run.dids, clock, suite), clock);
        var result = checker.check(credential);
        run.status = result;
        var warnings = result.warnings().isEmpty() ? "" : " " + String.join(" ", result.warnings());
        switch (result.state()) {
            case NONE -> run.checks.add(Check.skipped(Check.STATUS, "NO_STATUS",
                    "The credential has no revocation or suspension status to check."));
            case ACTIVE -> run.checks.add(result.warnings().isEmpty()
                    ? Check.passed(Check.STATUS, "ACTIVE", result.message())
                    : Check.warning(Check.STATUS, "ACTIVE", result.message() + warnings));
            case REVOKED, SUSPENDED -> run.fail(Check.STATUS, result.code(), result.message()
                    + (result.reason() != null ? " Reason: " + result.reason() + "." : "") + warnings);
            case UNKNOWN -> {
                // A list that fails verification or belongs to someone else is a sign of tampering: fail. A list that
                // can't be reached is reported, as most verifiers do, without failing the credential.
                var tampered = List.of("STATUS_VERIFICATION_ERROR", "STATUS_ISSUER_MISMATCH", "STATUS_PURPOSE_MISMATCH")
                        .contains(result.code());
                run.checks.add(tampered ? Check.failed(Check.STATUS, result.code(), result.message())
                        : Check.warning(Check.STATUS, result.code(), result.message()));
            }
        }
    }

    private void recipient(Run run, JsonObject credential) {
        var email = run.expectedEmail;
        if (email == null || email.isBlank()) {
            run.checks.add(Check.skipped(Check.RECIPIENT, "NOT_REQUESTED", "No recipient e-mail was given to compare."));
            return;
        }
        var subject = credential.get("credentialSubject") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        var identifiers = new ArrayList<JsonObject>();
        var value = subject.get("identifier");
        if (value instanceof JsonObject o) {
            identifiers.add(o);
        } else if (value instanceof JsonArray a) {
            a.forEach(v -> {
                if (v instanceof JsonObject o) {
                    identifiers.add(o);
                }
            });
        }
        boolean sawEmail = false;
        for (var id : identifiers) {
            if (!"emailAddress".equals(string(id, "identityType"))) {
                continue;
            }
            sawEmail = true;
            if (RecipientIdentity.matches(id, email)) {
                run.checks.add(Check.passed(Check.RECIPIENT, "MATCH", "The credential was issued to " + email.strip() + "."));
                return;
            }
        }
        run.checks.add(sawEmail
                ? Check.failed(Check.RECIPIENT, "MISMATCH", "The credential was not issued to " + email.strip() + ".")
                : Check.failed(Check.RECIPIENT, "NO_EMAIL_IDENTIFIER",
                "The credential does not name its recipient by e-mail, so it can't be matched to " + email.strip() + "."));
    }

    private static VerificationReport.Details details(JsonObject c, String format) {
        var issuer = c.get("issuer");
        String issuerName = issuer instanceof JsonObject o ? string(o, "name") : null;
        var subject = c.get("credentialSubject") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        var achievement = subject.get("achievement") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        var achievementName = string(achievement, "name");
        if (achievementName == null) {
            achievementName = string(c, "name");
        }
        var vcdm11 = contextsOf(c).contains("https://www.w3.org/2018/credentials/v1");
        return new VerificationReport.Details(string(c, "id"), issuerId(c), issuerName, achievementName,
                recipientName(subject), instant(c, vcdm11 && !c.containsKey("validFrom") ? "issuanceDate" : "validFrom"),
                instant(c, vcdm11 && !c.containsKey("validUntil") ? "expirationDate" : "validUntil"), format);
    }

    private static String recipientName(JsonObject subject) {
        var name = string(subject, "name");
        if (name != null) {
            return name;
        }
        if (subject.get("profile") instanceof JsonObject profile && string(profile, "name") != null) {
            return string(profile, "name");
        }
        // OB 3.0 IdentityObject with identityType "name", when not hashed.
        if (subject.get("identifier") instanceof JsonArray a) {
            for (var v : a) {
                if (v instanceof JsonObject o && "name".equals(string(o, "identityType"))
                        && !Boolean.TRUE.equals(bool(o, "hashed"))) {
                    return string(o, "identityHash");
                }
            }
        }
        return null;
    }

    static String issuerId(JsonObject c) {
        var issuer = c.get("issuer");
        if (issuer instanceof JsonString s) {
            return s.getString();
        }
        return issuer instanceof JsonObject o ? string(o, "id") : null;
    }

    private static List<String> contextsOf(JsonObject c) {
        var ctx = c.get("@context");
        if (ctx instanceof JsonString s) {
            return List.of(s.getString());
        }
        var list = new ArrayList<String>();
        if (ctx instanceof JsonArray a) {
            a.forEach(v -> {
                if (v instanceof JsonString s) {
                    list.add(s.getString());
                }
            });
        }
        return list;
    }

    private static List<String> typesOf(JsonValue type) {
        if (type instanceof JsonString s) {
            return List.of(s.getString());
        }
        var list = new ArrayList<String>();
        if (type instanceof JsonArray a) {
            a.forEach(v -> {
                if (v instanceof JsonString s) {
                    list.add(s.getString());
                }
            });
        }
        return list;
    }

    static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    static Boolean bool(JsonObject o, String name) {
        var v = o.get(name);
        return v == JsonValue.TRUE ? Boolean.TRUE : v == JsonValue.FALSE ? Boolean.FALSE : null;
    }

    static Instant instant(JsonObject o, String name) {
        var value = string(o, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "No reason given.";
        }
        var s = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    /**
     * A verification resolves its issuer's DID for the credential's proof and again for its status list's proof: the
     * second time gets the document of the first, so one verification sees one version of the issuer's keys, and reads
     * it once. Successes only; not shared between verifications, so nothing outlives the request.
     */
    private static final class OncePerRun implements DidResolver {
        private final DidResolver resolver;
        private final Map<String, io.guildmark.credentials.did.DidDocument> resolved = new HashMap<>(4);

        OncePerRun(DidResolver resolver) {
            this.resolver = resolver;
        }

        @Override
        public io.guildmark.credentials.did.DidDocument resolve(String did) throws DidResolutionException {
            var key = Did.withoutFragment(did);
            var document = resolved.get(key);
            if (document == null) {
                document = resolver.resolve(did);
                resolved.put(key, document);
            }
            return document;
        }
    }

    /** The state of one verification while it runs. */
    static final class Run {
        final List<Check> checks = new ArrayList<>();
        final String expectedEmail;
        /** The verifier's DID resolver, each DID resolved at most once per verification. */
        final DidResolver dids;
        JsonObject credential;
        VerificationReport.Details details = VerificationReport.Details.EMPTY;
        StatusResult status;

        Run(String expectedEmail, DidResolver dids) {
            this.expectedEmail = expectedEmail;
            this.dids = dids;
        }

        void fail(String check, String code, String message) {
            checks.add(Check.failed(check, code, message));
        }

        VerificationReport report() {
            boolean proofPassed = checks.stream().anyMatch(c -> c.check().equals(Check.PROOF)
                    && c.status() == CheckStatus.PASSED);
            boolean anyFailed = checks.stream().anyMatch(c -> c.status() == CheckStatus.FAILED);
            boolean verified = proofPassed && !anyFailed;
            return new VerificationReport(verified, checks, Summaries.summary(verified, checks, details, status),
                    details, credential);
        }
    }

    /** Options for a {@link Verifier}. */
    public static final class Builder {
        private DidResolver didResolver;
        private DocumentFetcher fetcher;
        private DocumentFetcher hostedAssertionFetcher;
        private DocumentFetcher relatedResourceFetcher;
        private StatusListVerifier statusListVerifier;
        private Clock clock = Clock.systemUTC();
        private boolean schemaValidation = true;
        private long maxInputBytes = DEFAULT_MAX_INPUT_BYTES;
        private int validProofs;
        private Duration validProofsTtl = Duration.ofHours(1);

        private Builder() {
        }

        /**
         * Remembers up to {@code maxEntries} proofs found valid (of credentials and of status lists), and as many schema
         * check outcomes, each for at most {@code ttl}, so that verifying the same bytes again under the same key skips
         * canonicalization and schema validation. Keys, status lists and dates are still checked every time. Default:
         * off, everything is checked in full.
         */
        public Builder rememberValidProofs(int maxEntries, Duration ttl) {
            if (maxEntries < 1 || ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("maxEntries and ttl must be positive");
            }
            this.validProofs = maxEntries;
            this.validProofsTtl = ttl;
            return this;
        }

        /**
         * How DIDs are resolved; default: did:web and HTTPS controller documents through the document fetcher, and
         * did:key, cached for five minutes.
         */
        public Builder didResolver(DidResolver resolver) {
            this.didResolver = Objects.requireNonNull(resolver);
            return this;
        }

        /**
         * How status lists, OB 2.0 hosted assertions (and, by default, did:web documents) are fetched; plug in an
         * SSRF-safe HTTP client that throws {@link io.guildmark.credentials.did.DocumentGoneException} for 410 Gone.
         * Default: nothing is fetched, so status checks end as warnings and OB 2.0 badges can't be verified.
         */
        public Builder documentFetcher(DocumentFetcher fetcher) {
            this.fetcher = Objects.requireNonNull(fetcher);
            return this;
        }

        /**
         * How OB 2.0 hosted assertions are fetched, when not as the other documents: a hosted assertion is its own
         * revocation record (410 Gone, {@code revoked}), so a caller that caches status lists may want these fetched
         * anew on every verification. Default: the {@link #documentFetcher(DocumentFetcher)}.
         */
        public Builder hostedAssertionFetcher(DocumentFetcher fetcher) {
            this.hostedAssertionFetcher = Objects.requireNonNull(fetcher);
            return this;
        }

        /**
         * How a credential's related resources are retrieved to compare their digests (any media type, bounded in size
         * and time). Default: the {@link #documentFetcher(DocumentFetcher)}.
         */
        public Builder relatedResourceFetcher(DocumentFetcher fetcher) {
            this.relatedResourceFetcher = Objects.requireNonNull(fetcher);
            return this;
        }

        /** Overrides how status list credentials are verified (default: eddsa-rdfc-2022 by the list's issuer). */
        public Builder statusListVerifier(StatusListVerifier verifier) {
            this.statusListVerifier = Objects.requireNonNull(verifier);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder schemaValidation(boolean enabled) {
            this.schemaValidation = enabled;
            return this;
        }

        public Builder maxInputBytes(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxInputBytes must be positive");
            }
            this.maxInputBytes = max;
            return this;
        }

        public Verifier build() {
            return new Verifier(this);
        }
    }

    /** OB 3.0 IdentityObject matching (data model: IdentityObject, IdentityHash). */
    static final class RecipientIdentity {

        private RecipientIdentity() {
        }

        static boolean matches(JsonObject identity, String email) {
            var stored = string(identity, "identityHash");
            if (stored == null) {
                return false;
            }
            var given = email.strip();
            if (!Boolean.TRUE.equals(bool(identity, "hashed"))) {
                return stored.strip().equalsIgnoreCase(given);
            }
            var salt = Objects.requireNonNullElse(string(identity, "salt"), "");
            int dollar = stored.indexOf('$');
            var algorithm = dollar < 0 ? "sha256" : stored.substring(0, dollar).toLowerCase(Locale.ROOT);
            var digest = dollar < 0 ? stored : stored.substring(dollar + 1);
            // IdentityHash: "<algorithm>$" + hex(hash(identity + salt)); issuers usually hash the lower-cased address.
            for (var candidate : List.of(given, given.toLowerCase(Locale.ROOT))) {
                var hex = hash(algorithm, candidate + salt);
                if (hex != null && MessageDigest.isEqual(hex.getBytes(StandardCharsets.US_ASCII),
                        digest.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
                    return true;
                }
            }
            return false;
        }

        private static String hash(String algorithm, String value) {
            var jca = switch (algorithm) {
                case "sha256" -> "SHA-256";
                case "md5" -> "MD5";
                default -> null;
            };
            if (jca == null) {
                return null;
            }
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(value.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                return null;
            }
        }
    }
}
