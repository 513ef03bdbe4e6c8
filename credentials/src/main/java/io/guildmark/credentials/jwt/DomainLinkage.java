package io.guildmark.credentials.jwt;

import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * DIF "Well Known DID Configuration" (identity.foundation/.well-known/resources/did-configuration): a DID proves it is
 * linked to a web origin by a Domain Linkage Credential, signed with the DID's key and published by the origin at
 * {@code /.well-known/did-configuration.json}. This class makes such credentials in the JWT form (§ "JSON Web Token
 * Proof Format": the VCDM 1.1 credential in a {@code vc} claim, with {@code iss}, {@code sub}, {@code nbf} and
 * {@code exp}) and the configuration file holding them, and verifies a configuration file for one DID and origin.
 * Verification never throws for bad input: the result says what is wrong.
 */
public final class DomainLinkage {

    /** The context of the configuration resource and of the credential. */
    public static final String CONTEXT = "https://identity.foundation/.well-known/did-configuration/v1";
    public static final String CREDENTIALS_V1 = "https://www.w3.org/2018/credentials/v1";
    public static final String TYPE = "DomainLinkageCredential";
    /** Where the origin publishes the configuration. */
    public static final String WELL_KNOWN_PATH = "/.well-known/did-configuration.json";
    /** Configuration files larger than this are not read. */
    public static final int MAX_CONFIGURATION_BYTES = 256 * 1024;

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);

    /** Why a configuration does not link the DID to the origin. */
    public enum Code {
        /** Not a JSON object, or too large. */
        MALFORMED,
        /** The {@code @context} is not the DID configuration context. */
        WRONG_CONTEXT,
        /** No {@code linked_dids} array, or an empty one. */
        NO_LINKED_DIDS,
        /** No credential in the file is about this DID. */
        DID_NOT_LINKED,
        /** A credential for the DID names another origin. */
        ORIGIN_MISMATCH,
        /** A credential for the DID is not a well-formed Domain Linkage Credential. */
        INVALID_CREDENTIAL,
        /** The signing key could not be found in the DID's document, or is not the DID's. */
        KEY_NOT_RESOLVED,
        /** The signature does not match the DID's key. */
        INVALID_SIGNATURE,
        /** The credential's validity has ended, or not begun. */
        EXPIRED
    }

    /** The outcome: linked, or the most telling reason why not. */
    public record Result(boolean linked, Code code, String message) {
        static Result linked(String origin) {
            return new Result(true, null, "The configuration links the DID to " + origin + ".");
        }

        static Result failed(Code code, String message) {
            return new Result(false, code, message);
        }
    }

    private DomainLinkage() {}

    /**
     * The origin ({@code https://host[:port]}) of a domain given as {@code example.org}, {@code https://example.org/}
     * or {@code example.org:8443}; plain {@code http} only when asked for (tests on localhost).
     *
     * @throws IllegalArgumentException if it is not a host name with an optional port
     */
    public static String origin(String domain, boolean plainHttp) {
        String value = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("https://")) value = value.substring(8);
        else if (value.startsWith("http://")) value = value.substring(7);
        if (value.endsWith("/")) value = value.substring(0, value.length() - 1);
        if (value.isEmpty() || value.length() > 253 || !value.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?")
                || value.contains("..")) {
            throw new IllegalArgumentException("a domain is a host name like example.org, with an optional port");
        }
        try {
            URI uri = new URI((plainHttp ? "http" : "https") + "://" + value);
            if (uri.getHost() == null || (uri.getPort() > 65535)) throw new IllegalArgumentException("not a host name");
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("a domain is a host name like example.org, with an optional port", e);
        }
    }

    /**
     * A Domain Linkage Credential in the JWT form: the DID links itself to the origin from {@code issued} until
     * {@code expires}, signed with the DID's key (whose kid is a DID URL of the same DID).
     */
    public static String jwt(String did, String origin, JwtSigningKey key, Instant issued, Instant expires) {
        if (key.kid() == null || !key.kid().startsWith(did + "#")) {
            throw new IllegalArgumentException("the signing key's kid must be a DID URL of " + did);
        }
        Instant nbf = Instant.ofEpochSecond(issued.getEpochSecond());
        Instant exp = Instant.ofEpochSecond(expires.getEpochSecond());
        JsonObject vc = JSON.createObjectBuilder()
                .add("@context", JSON.createArrayBuilder().add(CREDENTIALS_V1).add(CONTEXT))
                .add("issuer", did)
                .add("issuanceDate", nbf.toString())
                .add("expirationDate", exp.toString())
                .add("type", JSON.createArrayBuilder().add("VerifiableCredential").add(TYPE))
                .add("credentialSubject", JSON.createObjectBuilder().add("id", did).add("origin", origin))
                .build();
        JsonObject payload = JSON.createObjectBuilder()
                .add("exp", exp.getEpochSecond()).add("iss", did).add("nbf", nbf.getEpochSecond()).add("sub", did).add("vc", vc)
                .build();
        var header = new JWSHeader.Builder(key.jwsAlgorithm()).type(JOSEObjectType.JWT).keyID(key.kid()).build();
        try {
            var jws = new JWSObject(header, new Payload(payload.toString()));
            jws.sign(key.signer());
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        }
    }

    /** The configuration resource to publish at {@value #WELL_KNOWN_PATH}. */
    public static JsonObject configuration(List<String> linkedDidJwts) {
        var linked = JSON.createArrayBuilder();
        linkedDidJwts.forEach(linked::add);
        return JSON.createObjectBuilder().add("@context", CONTEXT).add("linked_dids", linked).build();
    }

    /**
     * Verifies that the configuration file links {@code did} to {@code origin} at {@code now}: some JWT in
     * {@code linked_dids} is a Domain Linkage Credential whose issuer and subject are the DID, whose origin is this
     * origin, which is valid now, and which is signed by a key of the DID's document. Entries about other DIDs are
     * ignored, as the specification allows several DIDs per origin; JSON-LD entries are not read.
     */
    public static Result verify(byte[] configuration, String did, String origin, JwtKeyResolver keys, Instant now) {
        if (configuration == null || configuration.length > MAX_CONFIGURATION_BYTES) {
            return Result.failed(Code.MALFORMED, "The file is missing or larger than " + MAX_CONFIGURATION_BYTES / 1024 + " KB.");
        }
        JsonObject config;
        try (var reader = JSON.createReader(new StringReader(new String(configuration, StandardCharsets.UTF_8)))) {
            config = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return Result.failed(Code.MALFORMED, "The file is not a JSON object.");
        }
        if (!hasContext(config.get("@context"))) {
            return Result.failed(Code.WRONG_CONTEXT, "The file's @context is not " + CONTEXT + ".");
        }
        if (!(config.get("linked_dids") instanceof JsonArray linked) || linked.isEmpty()) {
            return Result.failed(Code.NO_LINKED_DIDS, "The file has no linked_dids.");
        }
        Result best = Result.failed(Code.DID_NOT_LINKED, "No credential in the file is about " + did + ".");
        for (JsonValue entry : linked) {
            if (!(entry instanceof JsonString jwt)) continue;
            Result result = verifyJwt(jwt.getString(), did, origin, keys, now);
            if (result == null) continue; // about another DID
            if (result.linked()) return result;
            best = result;
        }
        return best;
    }

    /** One JWT: null when it is about another DID, else whether it links this one. */
    private static Result verifyJwt(String jwt, String did, String origin, JwtKeyResolver keys, Instant now) {
        String[] parts = jwt.strip().split("\\.", -1);
        if (parts.length != 3) return null;
        JsonObject header = VcJwt.decodeJson(parts[0]);
        JsonObject payload = VcJwt.decodeJson(parts[1]);
        if (header == null || payload == null) return null;
        String iss = string(payload, "iss");
        if (!did.equals(iss)) return null;
        String alg = string(header, "alg");
        String kid = string(header, "kid");
        if (alg == null || !ACCEPTED.contains(JWSAlgorithm.parse(alg)) || header.containsKey("crit")) {
            return Result.failed(Code.INVALID_CREDENTIAL, "The credential's algorithm " + alg + " is not accepted.");
        }
        if (kid == null || !kid.startsWith(did + "#")) {
            return Result.failed(Code.INVALID_CREDENTIAL, "The credential's kid must be a key of " + did + ".");
        }
        if (!(payload.get("vc") instanceof JsonObject vc)) {
            return Result.failed(Code.INVALID_CREDENTIAL, "The JWT has no vc claim.");
        }
        String subject = vc.get("credentialSubject") instanceof JsonObject s ? string(s, "id") : null;
        String claimedOrigin = vc.get("credentialSubject") instanceof JsonObject s ? string(s, "origin") : null;
        String issuer = vc.get("issuer") instanceof JsonObject i ? string(i, "id") : string(vc, "issuer");
        if (!did.equals(string(payload, "sub")) || !did.equals(subject) || !did.equals(issuer)) {
            return Result.failed(Code.INVALID_CREDENTIAL, "The credential's issuer and subject must both be " + did + ".");
        }
        if (!contains(vc.get("type"), TYPE) || !contains(vc.get("@context"), CONTEXT)) {
            return Result.failed(Code.INVALID_CREDENTIAL, "The credential is not a " + TYPE + ".");
        }
        if (claimedOrigin == null || !sameOrigin(claimedOrigin, origin)) {
            return Result.failed(Code.ORIGIN_MISMATCH, "The credential links " + did + " to " + claimedOrigin + ", not to " + origin + ".");
        }
        Long nbf = number(payload, "nbf");
        Long exp = number(payload, "exp");
        if (exp == null || nbf == null) {
            return Result.failed(Code.INVALID_CREDENTIAL, "The credential needs nbf and exp.");
        }
        if (now.getEpochSecond() >= exp || now.getEpochSecond() < nbf) {
            return Result.failed(Code.EXPIRED, "The credential is valid from " + Instant.ofEpochSecond(nbf) + " until "
                    + Instant.ofEpochSecond(exp) + ", not now.");
        }
        JwtKeyResolver.ResolvedKey key;
        try {
            key = keys.byKid(kid);
        } catch (JwtKeyResolutionException e) {
            return Result.failed(Code.KEY_NOT_RESOLVED, "The key " + kid + " could not be used: " + e.getMessage());
        }
        if (!did.equals(key.controller())) {
            return Result.failed(Code.KEY_NOT_RESOLVED, "The key " + kid + " belongs to " + key.controller() + ".");
        }
        try {
            JWSObject jws = JWSObject.parse(jwt.strip());
            if (!jws.verify(VcJwt.verifierFor(jws.getHeader().getAlgorithm(), key.publicKey()))) {
                return Result.failed(Code.INVALID_SIGNATURE, "The signature does not match the key " + kid + ".");
            }
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Result.failed(Code.INVALID_SIGNATURE, "The signature could not be checked: " + e.getMessage());
        }
        return Result.linked(origin);
    }

    private static boolean sameOrigin(String a, String b) {
        try {
            URI x = new URI(a.strip());
            URI y = new URI(b.strip());
            return x.getScheme() != null && x.getHost() != null && x.getScheme().equalsIgnoreCase(y.getScheme())
                    && x.getHost().equalsIgnoreCase(y.getHost()) && port(x) == port(y)
                    && (x.getRawPath() == null || x.getRawPath().isEmpty() || x.getRawPath().equals("/"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) return uri.getPort();
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean hasContext(JsonValue context) {
        return context instanceof JsonString s ? CONTEXT.equals(s.getString()) : contains(context, CONTEXT);
    }

    private static boolean contains(JsonValue value, String wanted) {
        if (value instanceof JsonString s) return wanted.equals(s.getString());
        if (value instanceof JsonArray array) {
            return array.stream().anyMatch(v -> v instanceof JsonString s && wanted.equals(s.getString()));
        }
        return false;
    }

    private static String string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static Long number(JsonObject object, String name) {
        return object.get(name) instanceof JsonNumber n && n.isIntegral() ? n.longValue() : null;
    }
}
