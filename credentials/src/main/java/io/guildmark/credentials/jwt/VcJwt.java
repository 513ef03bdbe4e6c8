package io.guildmark.credentials.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import io.guildmark.credentials.InputLimits;
import io.guildmark.credentials.jwt.JwtVerificationResult.Code;
import io.guildmark.credentials.jwt.JwtVerificationResult.Failure;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Signs and verifies Open Badges credentials as VC-JWTs (OB 3.0 §8.2). Stateless and thread safe. */
public final class VcJwt {

    /** Looked up once: {@code Json.create…} runs a ServiceLoader scan of the class path on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Compact tokens longer than this are refused before decoding. */
    public static final int MAX_TOKEN_LENGTH = 2 * 1024 * 1024;

    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);

    private VcJwt() {
    }

    /** Signs with the system clock for {@code iat}. */
    public static String sign(JsonObject credential, JwtSigningKey key) {
        return sign(credential, key, Clock.systemUTC());
    }

    /**
     * Signs the credential as a compact JWS ("Create the JOSE Header", "JWT Payload Format"): the JOSE header has {@code alg}, {@code typ: JWT} and
     * {@code kid} or {@code jwk}; the payload is the credential plus the JWT claims.
     *
     * @throws IllegalArgumentException if the credential lacks {@code id}, {@code issuer} or {@code validFrom}
     */
    public static String sign(JsonObject credential, JwtSigningKey key, Clock clock) {
        var issuerId = issuerId(credential);
        var id = credential.get("id") instanceof JsonString s ? s.getString() : null;
        var validFrom = instant(credential, "validFrom");
        if (issuerId == null || id == null || validFrom == null) {
            throw new IllegalArgumentException("a VC-JWT needs the credential's id, issuer id and validFrom");
        }
        // "JWT Payload Format": the credential's own members, plus the claims.
        var payload = JSON.createObjectBuilder(credential)
                .add("iss", issuerId)
                .add("nbf", validFrom.getEpochSecond())
                .add("jti", id)
                .add("iat", clock.instant().getEpochSecond());
        var subjectId = subjectId(credential);
        if (subjectId != null) {
            payload.add("sub", subjectId);
        }
        var validUntil = instant(credential, "validUntil");
        if (validUntil != null) {
            payload.add("exp", validUntil.getEpochSecond());
        }
        // "Create the JOSE Header": alg, kid or jwk, typ; "Additional JOSE Headers are NOT allowed".
        var header = new JWSHeader.Builder(key.jwsAlgorithm()).type(JOSEObjectType.JWT);
        if (key.kid() != null) {
            header.keyID(key.kid());
        }
        if (key.embedJwk()) {
            header.jwk(key.publicJwk());
        }
        try {
            var jws = new JWSObject(header.build(), new Payload(payload.build().toString()));
            jws.sign(key.signer());
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        }
    }

    /** Verifies against the system clock. */
    public static JwtVerificationResult verify(String jwt, JwtKeyResolver resolver) {
        return verify(jwt, resolver, Clock.systemUTC());
    }

    /**
     * Verifies a VC-JWT ("Verify a Credential"): decodes the header, refuses algorithms other than RS256,
     * ES256 and EdDSA, finds the issuer's key, checks the signature, and checks that the claims agree with the
     * credential and that it is valid at {@code clock}'s instant. Never throws for bad input.
     */
    public static JwtVerificationResult verify(String jwt, JwtKeyResolver resolver, Clock clock) {
        if (jwt == null || jwt.length() > MAX_TOKEN_LENGTH) {
            return failed(null, null, Code.MALFORMED, "the token is missing or longer than " + MAX_TOKEN_LENGTH);
        }
        var parts = jwt.strip().split("\\.", -1);
        if (parts.length != 3) {
            return failed(null, null, Code.MALFORMED, "a compact JWS has three dot-separated parts");
        }
        // Read alg ourselves first: "none" and HMAC tokens must be refused before any library interprets them.
        JsonObject rawHeader = decodeJson(parts[0]);
        if (rawHeader == null) {
            return failed(null, null, Code.MALFORMED, "the JOSE header is not base64url JSON");
        }
        var alg = rawHeader.get("alg") instanceof JsonString s ? s.getString() : null;
        var kid = rawHeader.get("kid") instanceof JsonString s ? s.getString() : null;
        if (alg == null || !ACCEPTED.contains(JWSAlgorithm.parse(alg))) {
            return failed(alg, kid, Code.UNSUPPORTED_ALGORITHM, "algorithm '" + alg
                    + "' is not accepted; use RS256, ES256 or EdDSA");
        }
        if (rawHeader.containsKey("crit")) {
            return failed(alg, kid, Code.UNSUPPORTED_HEADER, "critical header extensions are not supported");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(jwt.strip());
        } catch (ParseException e) {
            return failed(alg, kid, Code.MALFORMED, "the token could not be parsed: " + e.getMessage());
        }
        var payload = decodeJson(parts[1]);
        if (payload == null) {
            return failed(alg, kid, Code.MALFORMED, "the payload is not a JSON object");
        }
        // "Verify a Credential", note to the last step: VCDM 1.1 tokens carry the credential in "vc".
        var credential = payload.get("vc") instanceof JsonObject vc ? vc : withoutClaims(payload);
        var issuerId = issuerId(credential);
        var iss = payload.get("iss") instanceof JsonString s ? s.getString() : null;
        var failures = new ArrayList<Failure>();

        var header = jws.getHeader();
        JWK key;
        try {
            key = findKey(header, iss, issuerId, resolver, failures);
        } catch (JwtKeyResolutionException e) {
            var code = switch (e.code()) {
                case NOT_RESOLVED -> Code.KEY_NOT_RESOLVED;
                case KEY_RETIRED -> Code.KEY_RETIRED;
                case KEY_REVOKED -> Code.KEY_REVOKED;
                case KEY_NOT_FOUND -> Code.KEY_NOT_FOUND;
                case UNSUPPORTED_KEY -> Code.KEY_NOT_TRUSTED;
            };
            failures.add(new Failure(code, e.getMessage()));
            key = null;
        }
        if (key == null) {
            return new JwtVerificationResult(credential, alg, kid, failures);
        }
        try {
            if (!jws.verify(verifierFor(header.getAlgorithm(), key))) {
                failures.add(new Failure(Code.INVALID_SIGNATURE, "the signature does not match the issuer's key"));
                return new JwtVerificationResult(credential, alg, kid, failures);
            }
        } catch (JOSEException | IllegalArgumentException e) {
            failures.add(new Failure(Code.KEY_NOT_TRUSTED, "the key can't verify " + alg + " signatures: "
                    + e.getMessage()));
            return new JwtVerificationResult(credential, alg, kid, failures);
        }
        checkClaims(payload, credential, clock.instant(), failures);
        return new JwtVerificationResult(credential, alg, kid, failures);
    }

    private static JWK findKey(JWSHeader header, String iss, String issuerId, JwtKeyResolver resolver,
                               List<Failure> failures) throws JwtKeyResolutionException {
        var kid = header.getKeyID();
        if (kid != null && kid.startsWith("#") && iss != null) {
            // A relative kid names a key of the issuer (DID Core §3.2.2 relative DID URLs).
            kid = iss + kid;
        }
        var jwk = header.getJWK();
        if (jwk != null && jwk.isPrivate()) {
            failures.add(new Failure(Code.UNSUPPORTED_HEADER, "the header's jwk contains a private key"));
            return null;
        }
        if (kid != null) {
            var resolved = resolver.byKid(kid);
            // The key must be the issuer's: its controller is the iss claim and the credential's issuer.
            if (!resolved.controller().equals(iss) || !resolved.controller().equals(issuerId)) {
                failures.add(new Failure(Code.KEY_NOT_TRUSTED, "key " + kid + " belongs to " + resolved.controller()
                        + ", not to the issuer " + issuerId));
                return null;
            }
            if (jwk != null && !sameKey(jwk, resolved.publicKey())) {
                failures.add(new Failure(Code.KEY_NOT_TRUSTED, "the header's jwk is not the key named by kid"));
                return null;
            }
            return resolved.publicKey();
        }
        if (jwk != null) {
            if (issuerId == null || !issuerId.equals(iss)) {
                failures.add(new Failure(Code.KEY_NOT_TRUSTED, "an embedded jwk can only be trusted for the issuer named by iss"));
                return null;
            }
            // A key in the header proves nothing by itself: it must be one the issuer publishes.
            for (var known : resolver.byIssuer(issuerId)) {
                if (sameKey(known, jwk)) {
                    return jwk;
                }
            }
            failures.add(new Failure(Code.KEY_NOT_TRUSTED, "the header's jwk is not a key published by the issuer "
                    + issuerId));
            return null;
        }
        failures.add(new Failure(Code.MISSING_KEY_REFERENCE, "the header has neither kid nor jwk"));
        return null;
    }

    private static boolean sameKey(JWK a, JWK b) {
        try {
            return a.computeThumbprint().equals(b.computeThumbprint());
        } catch (JOSEException e) {
            return false;
        }
    }

    static JWSVerifier verifierFor(JWSAlgorithm alg, JWK key) throws JOSEException {
        if (JWSAlgorithm.RS256.equals(alg) && key instanceof RSAKey rsa) {
            if (rsa.size() < 2048) {
                throw new JOSEException("RSA keys shorter than 2048 bits are refused");
            }
            return new RSASSAVerifier(rsa);
        }
        if (JWSAlgorithm.ES256.equals(alg) && key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return new ECDSAVerifier(ec);
        }
        if (JWSAlgorithm.EdDSA.equals(alg) && key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return new Ed25519Verifier(okp.toPublicJWK());
        }
        throw new JOSEException("key type " + key.getKeyType() + " does not fit " + alg);
    }

    // "Verify a Credential VC-JWT Signature".
    private static void checkClaims(JsonObject payload, JsonObject credential, Instant now, List<Failure> failures) {
        boolean vcdm11 = payload.get("vc") instanceof JsonObject;
        var iss = payload.get("iss") instanceof JsonString s ? s.getString() : null;
        var issuerId = issuerId(credential);
        if (iss == null) {
            failures.add(new Failure(Code.MISSING_CLAIM, "the iss claim is missing"));
        } else if (!iss.equals(issuerId)) {
            failures.add(new Failure(Code.CLAIM_MISMATCH, "iss " + iss + " is not the credential's issuer " + issuerId));
        }
        var subjectId = subjectId(credential);
        var sub = payload.get("sub") instanceof JsonString s ? s.getString() : null;
        if (subjectId != null && sub == null) {
            failures.add(new Failure(Code.MISSING_CLAIM, "the sub claim is missing"));
        } else if (subjectId != null && !subjectId.equals(sub)) {
            failures.add(new Failure(Code.CLAIM_MISMATCH, "sub " + sub + " is not the credential subject " + subjectId));
        }
        var jti = payload.get("jti") instanceof JsonString s ? s.getString() : null;
        var id = credential.get("id") instanceof JsonString s ? s.getString() : null;
        if (jti == null) {
            failures.add(new Failure(Code.MISSING_CLAIM, "the jti claim is missing"));
        } else if (!jti.equals(id)) {
            failures.add(new Failure(Code.CLAIM_MISMATCH, "jti " + jti + " is not the credential id " + id));
        }
        var validFrom = instant(credential, vcdm11 && !credential.containsKey("validFrom") ? "issuanceDate" : "validFrom");
        var nbf = payload.get("nbf") instanceof JsonNumber n ? Instant.ofEpochSecond(n.longValue()) : null;
        if (nbf == null) {
            failures.add(new Failure(Code.MISSING_CLAIM, "the nbf claim is missing"));
        } else if (validFrom == null || nbf.getEpochSecond() != validFrom.getEpochSecond()) {
            failures.add(new Failure(Code.CLAIM_MISMATCH, "nbf " + nbf + " is not the credential's validFrom " + validFrom));
        }
        var notBefore = validFrom != null ? validFrom : nbf;
        if (notBefore != null && now.isBefore(notBefore)) {
            failures.add(new Failure(Code.NOT_YET_VALID, "the credential is not valid until " + notBefore));
        }
        var validUntil = instant(credential, vcdm11 && !credential.containsKey("validUntil") ? "expirationDate" : "validUntil");
        var exp = payload.get("exp") instanceof JsonNumber n ? Instant.ofEpochSecond(n.longValue()) : null;
        if (validUntil != null && exp == null) {
            failures.add(new Failure(Code.MISSING_CLAIM, "the exp claim is missing although the credential has validUntil"));
        } else if (exp != null && (validUntil == null || exp.getEpochSecond() != validUntil.getEpochSecond())) {
            failures.add(new Failure(Code.CLAIM_MISMATCH, "exp " + exp + " is not the credential's validUntil " + validUntil));
        }
        var notAfter = exp != null ? exp : validUntil;
        if (notAfter != null && !now.isBefore(notAfter)) {
            failures.add(new Failure(Code.EXPIRED, "the credential expired on " + notAfter));
        }
    }

    private static JsonObject withoutClaims(JsonObject payload) {
        var b = JSON.createObjectBuilder(payload);
        for (var claim : List.of("iss", "sub", "nbf", "jti", "exp", "iat", "aud")) {
            b.remove(claim);
        }
        return b.build();
    }

    private static JwtVerificationResult failed(String alg, String kid, Code code, String message) {
        return new JwtVerificationResult(null, alg, kid, List.of(new Failure(code, message)));
    }

    static JsonObject decodeJson(String base64url) {
        try {
            var json = new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
            if (InputLimits.jsonTooDeep(json)) return null;
            try (var reader = JSON.createReader(new StringReader(json))) {
                return reader.readObject();
            }
        } catch (IllegalArgumentException | JsonException | IllegalStateException e) {
            return null;
        }
    }

    static String issuerId(JsonObject credential) {
        var issuer = credential.get("issuer");
        if (issuer instanceof JsonString s) {
            return s.getString();
        }
        if (issuer instanceof JsonObject o && o.get("id") instanceof JsonString s) {
            return s.getString();
        }
        return null;
    }

    static String subjectId(JsonObject credential) {
        var subject = credential.get("credentialSubject");
        if (subject instanceof JsonObject o && o.get("id") instanceof JsonString s) {
            return s.getString();
        }
        return null;
    }

    static Instant instant(JsonObject json, String name) {
        if (!(json.get(name) instanceof JsonString s)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.getString()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                // XML Schema dateTime without a time zone: read as UTC.
                return LocalDateTime.parse(s.getString()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
