package io.guildmark.credentials.holder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import io.guildmark.credentials.did.Did;
import io.guildmark.credentials.did.DidDocument;
import io.guildmark.credentials.did.DidResolutionException;
import io.guildmark.credentials.did.DidResolver;
import io.guildmark.credentials.did.VerificationMethod;
import io.guildmark.credentials.holder.HolderProofResult.Code;
import io.guildmark.credentials.proof.EddsaRdfc2022;
import io.guildmark.credentials.proof.ProofResult;
import io.guildmark.credentials.proof.PublicKeyResolver;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that whoever made a proof controls a DID, by answering a challenge: the proof must carry the challenge's
 * nonce and audience, and be signed by a key the DID's document lists under {@code authentication} or
 * {@code assertionMethod} (neither revoked nor expired). Formats, all read by the same rules:
 * <ul>
 *   <li>a compact JWS ({@code alg} EdDSA or ES256, {@code kid} the DID URL of the key) whose claims are {@code iss} (the
 *   DID), {@code aud} (the audience), {@code nonce}, {@code iat} and {@code exp};</li>
 *   <li>a VP-JWT: the same, with the presentation in a {@code vp} claim (VCDM 1.1) or as the payload (VCDM 2.0); its
 *   {@code holder}, when present, must be the {@code iss};</li>
 *   <li>a Verifiable Presentation (JSON) with one {@code eddsa-rdfc-2022} Data Integrity proof, {@code proofPurpose}
 *   {@code authentication}, {@code challenge} the nonce and {@code domain} the audience; {@code holder} is the DID.</li>
 * </ul>
 * The nonce itself (single use, expiry, whose it is) is the caller's to check: {@link #claimedNonce} reads it before
 * any key is resolved. Never throws for bad input.
 */
public final class HolderProofVerifier {

    /** The longest proof read: a wallet's answer is a few kilobytes; a presentation with credentials a little more. */
    public static final int MAX_PROOF_LENGTH = 64 * 1024;
    /** How far the verifier's and the wallet's clocks may disagree. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    /** A verifier's challenge: the nonce it issued and its own address, which the proof must name as audience. */
    public record Challenge(String nonce, String audience) {
        public Challenge {
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(audience, "audience");
        }
    }

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Pattern UNSIGNED_OR_SIGNED_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.ES256);
    private static final Set<String> PURPOSES = Set.of("authentication", "assertionMethod");
    /** JSON nesting deeper than this is refused before parsing; a presentation is a handful of levels deep. */
    private static final int MAX_DEPTH = 32;

    private final DidResolver resolver;
    private final Clock clock;
    private final EddsaRdfc2022 dataIntegrity;

    public HolderProofVerifier(DidResolver resolver, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dataIntegrity = EddsaRdfc2022.create();
    }

    /**
     * The nonce the proof says it answers (a JWT's {@code nonce} claim, a presentation proof's {@code challenge}),
     * read without checking anything, so the caller can find the challenge it issued; empty if unreadable.
     */
    public static Optional<String> claimedNonce(String proof) {
        if (proof == null || proof.length() > MAX_PROOF_LENGTH) {
            return Optional.empty();
        }
        String text = proof.strip();
        if (COMPACT_JWS.matcher(text).matches()) {
            JsonObject payload = decodeJson(text.split("\\.")[1]);
            return payload == null ? Optional.empty() : Optional.ofNullable(string(payload, "nonce"));
        }
        JsonObject vp = parseObject(text);
        if (vp != null && vp.get("proof") instanceof JsonObject p) {
            return Optional.ofNullable(string(p, "challenge"));
        }
        return Optional.empty();
    }

    /** Checks the proof against the challenge. */
    public HolderProofResult verify(String proof, Challenge challenge) {
        if (proof == null || proof.isBlank()) {
            return HolderProofResult.failure(Code.MALFORMED, "The proof is empty.");
        }
        if (proof.length() > MAX_PROOF_LENGTH) {
            return HolderProofResult.failure(Code.TOO_LARGE, "The proof is longer than " + MAX_PROOF_LENGTH
                    + " characters; a wallet's answer is much shorter.");
        }
        String text = proof.strip();
        if (COMPACT_JWS.matcher(text).matches()) {
            return jwt(text, challenge.nonce(), challenge.audience());
        }
        if (text.startsWith("{")) {
            JsonObject vp = parseObject(text);
            if (vp == null) {
                return HolderProofResult.failure(Code.MALFORMED, "The presentation is not a readable JSON object.");
            }
            return presentation(vp, challenge.nonce(), challenge.audience());
        }
        return HolderProofResult.failure(Code.MALFORMED,
                "The proof is neither a signed JWT (three base64url parts separated by dots) nor a JSON presentation.");
    }

    // ---- JWT and VP-JWT ---------------------------------------------------------------------------------------------

    /**
     * Checks a VP-JWT's signature by its holder, as {@link #verify} does, comparing its {@code nonce} and {@code aud}
     * only when expected ones are given ({@code null}: not checked; its {@code exp} and {@code nbf} still count when it
     * has them). A token signed with {@code alg} none or an HMAC is refused. The token's size is the caller's to bound.
     */
    public HolderProofResult verifyPresentationJwt(String token, String expectedNonce, String expectedAudience) {
        String text = token == null ? "" : token.strip();
        if (!UNSIGNED_OR_SIGNED_JWS.matcher(text).matches()) {
            return HolderProofResult.failure(Code.MALFORMED, "The presentation is not a JWT (three base64url parts separated by dots).");
        }
        return jwt(text, expectedNonce, expectedAudience);
    }

    private HolderProofResult jwt(String token, String expectedNonce, String expectedAudience) {
        // -1 keeps an empty signature part, so an unsigned ("alg": "none") token is read and refused by its alg below.
        String[] parts = token.split("\\.", -1);
        JsonObject header = decodeJson(parts[0]);
        JsonObject payload = decodeJson(parts[1]);
        if (header == null || payload == null) {
            return HolderProofResult.failure(Code.MALFORMED, "The JWT's header or payload is not base64url-encoded JSON.");
        }
        // Read alg ourselves first: "none" and HMAC tokens are refused before any library interprets them.
        String alg = string(header, "alg");
        if (alg == null || !ALGORITHMS.contains(JWSAlgorithm.parse(alg))) {
            return HolderProofResult.failure(Code.UNSUPPORTED_ALGORITHM, "The JWT is signed with '" + alg
                    + "'; use EdDSA (Ed25519) or ES256.");
        }
        if (header.containsKey("crit")) {
            return HolderProofResult.failure(Code.MALFORMED, "Critical JWT header extensions are not supported.");
        }
        String iss = string(payload, "iss");
        String holder = holderOf(payload);
        String did = iss != null ? iss : holder;
        if (did == null || !Did.isDid(did)) {
            return HolderProofResult.failure(Code.MALFORMED, "The JWT's iss claim must be your DID (did:key:… or did:web:…).");
        }
        if (holder != null && !holder.equals(did)) {
            return HolderProofResult.failure(Code.DID_MISMATCH, "The presentation's holder " + holder + " is not the iss " + did + ".");
        }
        String kid = string(header, "kid");
        if (kid != null && kid.startsWith("#")) {
            kid = did + kid;
        }
        if (kid == null || !Did.isKeyId(kid) || !kid.startsWith("did:")) {
            return HolderProofResult.failure(Code.MALFORMED, "The JWT header's kid must name the key as a DID URL (did:…#key).");
        }
        if (!Did.controllerOf(kid).equals(did)) {
            return HolderProofResult.failure(Code.KEY_NOT_AUTHORIZED, "The key " + kid + " belongs to another DID than " + did + ".");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(token);
        } catch (ParseException e) {
            return HolderProofResult.failure(Code.MALFORMED, "The JWT could not be read: " + e.getMessage());
        }
        Resolved resolved = key(did, kid);
        if (resolved.failure() != null) {
            return resolved.failure();
        }
        JsonObject publicJwk = resolved.method().publicJwk().orElse(null);
        try {
            if (publicJwk == null || !jws.verify(verifierFor(jws.getHeader().getAlgorithm(), JWK.parse(publicJwk.toString())))) {
                return HolderProofResult.failure(Code.INVALID_SIGNATURE, "The signature was not made with the key " + kid + ".");
            }
        } catch (JOSEException | ParseException | IllegalArgumentException e) {
            return HolderProofResult.failure(Code.INVALID_SIGNATURE, "The key " + kid + " cannot check a " + alg
                    + " signature: " + e.getMessage());
        }
        HolderProofResult claims = expectedNonce == null && expectedAudience == null ? lifetime(payload)
                : claims(payload, new Challenge(Objects.requireNonNullElse(expectedNonce, ""), Objects.requireNonNullElse(expectedAudience, "")),
                        expectedNonce != null, expectedAudience != null);
        if (claims != null) {
            return claims;
        }
        return HolderProofResult.ok(did, kid, holder != null || payload.containsKey("vp") ? "vp-jwt" : "jwt");
    }

    /** The presentation's holder: in a {@code vp} claim (VCDM 1.1) or the payload itself (VCDM 2.0), else null. */
    private static String holderOf(JsonObject payload) {
        if (payload.get("vp") instanceof JsonObject vp) {
            return holderId(vp);
        }
        return types(payload).contains("VerifiablePresentation") ? holderId(payload) : null;
    }

    /** Without a challenge to answer, a JWT still must not be expired or made in the future when it says so. */
    private HolderProofResult lifetime(JsonObject payload) {
        Instant now = clock.instant();
        Instant exp = seconds(payload, "exp");
        if (exp != null && !exp.plus(CLOCK_SKEW).isAfter(now)) {
            return HolderProofResult.failure(Code.EXPIRED, "The proof expired at " + exp + " (its exp claim).");
        }
        Instant iat = seconds(payload, "iat");
        Instant nbf = seconds(payload, "nbf");
        if ((iat != null && iat.minus(CLOCK_SKEW).isAfter(now)) || (nbf != null && nbf.minus(CLOCK_SKEW).isAfter(now))) {
            return HolderProofResult.failure(Code.NOT_YET_VALID, "The proof says it was made in the future (iat or nbf).");
        }
        return null;
    }

    private HolderProofResult claims(JsonObject payload, Challenge challenge, boolean checkNonce, boolean checkAudience) {
        String nonce = string(payload, "nonce");
        if (checkNonce && (nonce == null || !nonce.equals(challenge.nonce()))) {
            return HolderProofResult.failure(Code.WRONG_CHALLENGE, "The proof does not answer this challenge (its nonce differs).");
        }
        if (checkAudience && !names(payload.get("aud"), challenge.audience())) {
            return HolderProofResult.failure(Code.WRONG_AUDIENCE, "The proof is meant for another site: its aud must be "
                    + challenge.audience() + ".");
        }
        Instant now = clock.instant();
        Instant exp = seconds(payload, "exp");
        Instant iat = seconds(payload, "iat");
        if (exp == null || iat == null) {
            return HolderProofResult.failure(Code.MALFORMED, "The JWT needs numeric iat and exp claims.");
        }
        if (!exp.plus(CLOCK_SKEW).isAfter(now)) {
            return HolderProofResult.failure(Code.EXPIRED, "The proof expired at " + exp + " (its exp claim).");
        }
        Instant nbf = seconds(payload, "nbf");
        if (iat.minus(CLOCK_SKEW).isAfter(now) || (nbf != null && nbf.minus(CLOCK_SKEW).isAfter(now))) {
            return HolderProofResult.failure(Code.NOT_YET_VALID, "The proof says it was made in the future (iat or nbf).");
        }
        return null;
    }

    private static JWSVerifier verifierFor(JWSAlgorithm alg, JWK key) throws JOSEException {
        if (JWSAlgorithm.EdDSA.equals(alg) && key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return new Ed25519Verifier(okp.toPublicJWK());
        }
        if (JWSAlgorithm.ES256.equals(alg) && key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return new ECDSAVerifier(ec.toPublicJWK());
        }
        throw new JOSEException("its key type " + key.getKeyType() + " does not fit " + alg);
    }

    // ---- Verifiable Presentation with a Data Integrity proof --------------------------------------------------------

    /**
     * Checks a Verifiable Presentation's own proof (one {@code eddsa-rdfc-2022} proof by its holder), as a VC-API
     * verifier does: its {@code challenge} and {@code domain} are compared only when expected ones are given
     * ({@code null}: not checked). The presentation's size is the caller's to bound.
     */
    public HolderProofResult verifyPresentation(JsonObject vp, String expectedChallenge, String expectedDomain) {
        return presentation(vp, expectedChallenge, expectedDomain);
    }

    private HolderProofResult presentation(JsonObject vp, String nonce, String audience) {
        if (!types(vp).contains("VerifiablePresentation")) {
            return HolderProofResult.failure(Code.MALFORMED, "The JSON is not a VerifiablePresentation.");
        }
        if (!(vp.get("proof") instanceof JsonObject proof)) {
            return HolderProofResult.failure(Code.MALFORMED, "The presentation needs exactly one proof object.");
        }
        String did = holderId(vp);
        String signer = string(proof, "verificationMethod");
        if (did == null && !vp.containsKey("holder") && signer != null && Did.isKeyId(signer) && signer.startsWith("did:")) {
            // VCDM 2.0 makes holder optional: a presentation that names none is held by whoever signed it.
            did = Did.controllerOf(signer);
        }
        if (did == null || !Did.isDid(did)) {
            return HolderProofResult.failure(Code.MALFORMED, "The presentation's holder must be your DID (did:key:… or did:web:…).");
        }
        if (!EddsaRdfc2022.PROOF_TYPE.equals(string(proof, "type")) || !EddsaRdfc2022.CRYPTOSUITE.equals(string(proof, "cryptosuite"))) {
            return HolderProofResult.failure(Code.UNSUPPORTED_ALGORITHM, "The proof must be a DataIntegrityProof with cryptosuite "
                    + EddsaRdfc2022.CRYPTOSUITE + ".");
        }
        String purpose = string(proof, "proofPurpose");
        String kid = string(proof, "verificationMethod");
        if (purpose == null || !PURPOSES.contains(purpose) || kid == null) {
            return HolderProofResult.failure(Code.MALFORMED, "The proof needs a verificationMethod and the proofPurpose authentication.");
        }
        if (nonce != null && !nonce.equals(string(proof, "challenge"))) {
            return HolderProofResult.failure(Code.WRONG_CHALLENGE, "The proof does not answer this challenge (its challenge differs).");
        }
        if (audience != null && !names(proof.get("domain"), audience)) {
            return HolderProofResult.failure(Code.WRONG_AUDIENCE, "The proof is meant for another site: its domain must be "
                    + audience + ".");
        }
        if (kid.startsWith("#")) {
            kid = did + kid;
        }
        if (!Did.isKeyId(kid) || !kid.startsWith("did:")) {
            return HolderProofResult.failure(Code.MALFORMED, "The proof's verificationMethod must be a DID URL (did:…#key).");
        }
        if (!Did.controllerOf(kid).equals(did)) {
            return HolderProofResult.failure(Code.KEY_NOT_AUTHORIZED, "The key " + kid + " belongs to another DID than the holder " + did + ".");
        }
        if (proof.containsKey("expires")) {
            try {
                Instant expires = Instant.parse(Objects.requireNonNullElse(string(proof, "expires"), ""));
                if (!expires.plus(CLOCK_SKEW).isAfter(clock.instant())) {
                    return HolderProofResult.failure(Code.EXPIRED, "The proof expired at " + expires + ".");
                }
            } catch (DateTimeParseException e) {
                return HolderProofResult.failure(Code.MALFORMED, "The proof's expires is not a date and time.");
            }
        }
        Resolved resolved = key(did, kid);
        if (resolved.failure() != null) {
            return resolved.failure();
        }
        byte[] publicKey;
        try {
            publicKey = resolved.method().ed25519PublicKey();
        } catch (DidResolutionException e) {
            return HolderProofResult.failure(Code.UNSUPPORTED_ALGORITHM, "The key " + kid + " is not an Ed25519 key, which "
                    + EddsaRdfc2022.CRYPTOSUITE + " needs.");
        }
        String signedBy = string(proof, "verificationMethod");
        ProofResult result = dataIntegrity.verify(vp, PublicKeyResolver.fixed(signedBy, publicKey), purpose);
        if (result.isValid()) {
            return HolderProofResult.ok(did, kid, "vp-data-integrity");
        }
        Code code = switch (result.code()) {
            case INVALID_SIGNATURE -> Code.INVALID_SIGNATURE;
            case UNSUPPORTED_CRYPTOSUITE -> Code.UNSUPPORTED_ALGORITHM;
            default -> Code.MALFORMED;
        };
        return HolderProofResult.failure(code, result.message());
    }

    // ---- The DID document -------------------------------------------------------------------------------------------

    private record Resolved(VerificationMethod method, HolderProofResult failure) {}

    /** The key {@code kid} of {@code did}, if the DID document lists it for authentication or assertions. */
    private Resolved key(String did, String kid) {
        DidDocument document;
        try {
            document = resolver.resolve(did);
        } catch (DidResolutionException e) {
            return new Resolved(null, HolderProofResult.failure(Code.DID_NOT_RESOLVED, "The DID document of " + did
                    + " could not be read (" + e.code() + "): " + e.getMessage()));
        } catch (RuntimeException e) {
            return new Resolved(null, HolderProofResult.failure(Code.DID_NOT_RESOLVED, "The DID document of " + did
                    + " could not be read: " + e.getMessage()));
        }
        if (!document.id().equals(did)) {
            return new Resolved(null, HolderProofResult.failure(Code.DID_NOT_RESOLVED, "The DID document is about "
                    + document.id() + ", not " + did + "."));
        }
        VerificationMethod method = document.verificationMethod(kid).orElse(null);
        if (method == null) {
            return new Resolved(null, HolderProofResult.failure(Code.KEY_NOT_IN_DOCUMENT, "The key " + kid
                    + " is not in the DID document of " + did + "."));
        }
        if (!document.isAuthentication(method.id()) && !document.isAssertionMethod(method.id())) {
            return new Resolved(null, HolderProofResult.failure(Code.KEY_NOT_AUTHORIZED, "The DID document of " + did
                    + " lists the key " + kid + " neither under authentication nor under assertionMethod."));
        }
        if (!method.controller().equals(did)) {
            return new Resolved(null, HolderProofResult.failure(Code.KEY_NOT_AUTHORIZED, "The key " + kid
                    + " is controlled by " + method.controller() + ", not by " + did + "."));
        }
        Instant now = clock.instant();
        if ((method.revoked() != null && !now.isBefore(method.revoked())) || (method.expires() != null && !now.isBefore(method.expires()))) {
            return new Resolved(null, HolderProofResult.failure(Code.KEY_REVOKED, "The key " + kid + " is revoked or expired."));
        }
        return new Resolved(method, null);
    }

    // ---- Reading JSON -----------------------------------------------------------------------------------------------

    private static JsonObject decodeJson(String base64url) {
        try {
            return parseObject(new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static JsonObject parseObject(String text) {
        if (tooDeep(text)) {
            return null;
        }
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return null;
        }
    }

    /** Whether brackets nest deeper than {@link #MAX_DEPTH} (outside strings): refused before a parser recurses. */
    private static boolean tooDeep(String text) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    return true;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return false;
    }

    private static String string(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static String holderId(JsonObject vp) {
        JsonValue holder = vp.get("holder");
        if (holder instanceof JsonString s) {
            return s.getString();
        }
        return holder instanceof JsonObject o ? string(o, "id") : null;
    }

    private static List<String> types(JsonObject o) {
        JsonValue type = o.get("type");
        if (type instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (type instanceof JsonArray a) {
            return a.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
        }
        return List.of();
    }

    /** Whether an {@code aud} or {@code domain} value (a string or an array of strings) names the audience. */
    private static boolean names(JsonValue value, String audience) {
        if (value instanceof JsonString s) {
            return s.getString().equals(audience);
        }
        return value instanceof JsonArray a && a.stream().anyMatch(v -> v instanceof JsonString s && s.getString().equals(audience));
    }

    private static Instant seconds(JsonObject payload, String claim) {
        if (payload.get(claim) instanceof JsonNumber n) {
            try {
                return Instant.ofEpochSecond(n.longValueExact());
            } catch (ArithmeticException | java.time.DateTimeException e) {
                return null;
            }
        }
        return null;
    }
}
