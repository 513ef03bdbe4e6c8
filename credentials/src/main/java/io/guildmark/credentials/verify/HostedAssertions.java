package io.guildmark.credentials.verify;

import jakarta.json.spi.JsonProvider;
import io.guildmark.credentials.InputLimits;
import io.guildmark.credentials.did.DocumentFetcher;
import io.guildmark.credentials.did.DocumentGoneException;
import io.guildmark.credentials.status.StatusResult;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Open Badges 2.0 hosted verification (OB 2.0 "Verification": HostedBadge; "Profile" verification policy): the
 * assertion is fetched from its {@code id}, which must be the address it was fetched from; its BadgeClass and the
 * BadgeClass's issuer Profile are read; and the assertion's address must lie within the issuer's verification policy
 * ({@code startsWith} prefixes and {@code allowedOrigins} hosts; by default the host of the issuer's {@code id}).
 * Revocation is the hosted assertion's {@code revoked} flag, or an answer of 410 Gone. Signed (JWS) assertions are
 * reported as not supported. At most three documents are fetched per verification, each at most
 * {@value #MAX_DOCUMENT_BYTES} bytes.
 */
final class HostedAssertions {

    /** Looked up once: {@code Json.create…} searches the class path for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final String OB2_CONTEXT = "https://w3id.org/openbadges/v2";
    static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final DocumentFetcher fetcher;
    private final Clock clock;

    HostedAssertions(DocumentFetcher fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /** Whether this JSON is an OB 2.0 object: the v2 context, or an {@code Assertion} type without a VC type. */
    static boolean isOb2(JsonObject json) {
        var contexts = strings(json.get("@context"));
        var types = strings(json.get("type"));
        return contexts.contains(OB2_CONTEXT) || (types.contains("Assertion") && !types.contains("VerifiableCredential"));
    }

    /** Whether a compact JWS carries an OB 2.0 assertion (a signed badge) rather than a VC-JWT. */
    static boolean isOb2Jws(String text) {
        if (!COMPACT_JWS.matcher(text).matches()) {
            return false;
        }
        try {
            var payload = Base64.getUrlDecoder().decode(text.substring(text.indexOf('.') + 1, text.lastIndexOf('.')));
            if (InputLimits.jsonTooDeep(payload)) return false;
            try (var reader = JSON.createReader(new ByteArrayInputStream(payload))) {
                var claims = reader.readObject();
                return !claims.containsKey("vc") && isOb2(claims);
            }
        } catch (IllegalArgumentException | JsonException | IllegalStateException e) {
            return false;
        }
    }

    /**
     * Verifies what an OB 2.0 baked image carries: the hosted assertion's URL, the assertion JSON, or a signed
     * assertion (JWS).
     */
    void fromPayload(Verifier.Run run, String payload, String formatCode, String what) {
        var text = payload.strip();
        if (text.startsWith("{")) {
            if (InputLimits.jsonTooDeep(text)) {
                run.fail(Check.FORMAT, "TOO_DEEPLY_NESTED", "The Open Badges 2.0 assertion in " + what + " is nested more than "
                        + InputLimits.MAX_JSON_DEPTH + " levels deep.");
                return;
            }
            JsonObject assertion;
            try (var reader = JSON.createReader(new StringReader(text))) {
                assertion = reader.readObject();
            } catch (JsonException | IllegalStateException e) {
                run.fail(Check.FORMAT, "INVALID_JSON", "The Open Badges 2.0 assertion in " + what + " is not valid JSON.");
                return;
            }
            fromAssertion(run, assertion, formatCode, "an Open Badges 2.0 assertion baked into " + what);
        } else if (COMPACT_JWS.matcher(text).matches()) {
            signed(run, formatCode, "a signed Open Badges 2.0 assertion baked into " + what);
        } else if (webAddress(text) != null) {
            run.checks.add(Check.passed(Check.FORMAT, formatCode, "Read the address of an Open Badges 2.0 hosted "
                    + "assertion baked into " + what + "."));
            hosted(run, webAddress(text), formatCode);
        } else {
            run.fail(Check.FORMAT, "UNRECOGNIZED_FORMAT", "The Open Badges 2.0 badge baked into " + what
                    + " is neither an assertion address, assertion JSON nor a signed assertion.");
        }
    }

    /** Verifies an OB 2.0 assertion given as JSON: the issuer's hosted copy at its {@code id} is what counts. */
    void fromAssertion(Verifier.Run run, JsonObject assertion, String formatCode, String what) {
        run.credential = assertion;
        if (!strings(assertion.get("type")).contains("Assertion")) {
            run.fail(Check.FORMAT, "NOT_A_CREDENTIAL", "The Open Badges 2.0 JSON is not an Assertion (its type is "
                    + describe(assertion.get("type")) + ").");
            return;
        }
        run.checks.add(Check.passed(Check.FORMAT, formatCode, "Read " + what + "."));
        var type = verificationType(assertion);
        if ("signed".equals(type)) {
            signedNotSupported(run);
            return;
        }
        var id = Verifier.string(assertion, "id");
        var url = id == null ? null : webAddress(id);
        if (url == null) {
            schemaSkipped(run);
            run.fail(Check.PROOF, "INVALID_ASSERTION", "The assertion's id " + (id == null ? "is missing" : id
                    + " is not a web address") + ", so the issuer's hosted copy can't be fetched.");
            keySkipped(run);
            return;
        }
        hosted(run, url, formatCode);
    }

    /** A signed OB 2.0 assertion (JWS): read, but not verified. */
    void signed(Verifier.Run run, String formatCode, String what) {
        run.checks.add(Check.passed(Check.FORMAT, formatCode, "Read " + what + "."));
        signedNotSupported(run);
    }

    private void signedNotSupported(Verifier.Run run) {
        schemaSkipped(run);
        run.fail(Check.PROOF, "OB2_SIGNED_NOT_SUPPORTED", "This is a signed Open Badges 2.0 assertion (JWS); only "
                + "hosted Open Badges 2.0 assertions and Open Badges 3.0 credentials are verified here.");
        keySkipped(run);
    }

    private static void schemaSkipped(Verifier.Run run) {
        run.checks.add(Check.skipped(Check.SCHEMA, "NOT_APPLICABLE", "The Open Badges 3.0 schemas do not apply to an "
                + "Open Badges 2.0 assertion; its required properties are checked with the hosted assertion."));
    }

    private static void keySkipped(Verifier.Run run) {
        run.checks.add(Check.skipped(Check.ISSUER_KEY, "NOT_CHECKED", "Open Badges 2.0 hosted assertions are not "
                + "signed, so there is no key to check: the issuer vouches for the badge by hosting it."));
    }

    /** Hosted verification of the assertion at {@code url}. */
    private void hosted(Verifier.Run run, URI url, String formatCode) {
        schemaSkipped(run);
        run.details = new VerificationReport.Details(url.toString(), null, null, null, null, null, null, formatCode);
        JsonObject assertion;
        try {
            assertion = fetch(url, "assertion", "ASSERTION");
        } catch (Gone e) {
            revokedWithoutAssertion(run, url, e.getMessage(), null);
            return;
        } catch (Failed e) {
            run.fail(Check.PROOF, e.code, e.getMessage());
            keySkipped(run);
            return;
        }
        run.credential = assertion;
        if (Boolean.TRUE.equals(Verifier.bool(assertion, "revoked")) && !strings(assertion.get("type")).contains("Assertion")) {
            // Some issuers replace a revoked assertion with {"revoked": true, "revocationReason": ...}.
            revokedWithoutAssertion(run, url, "the issuer answers " + url + " with a revocation notice",
                    Verifier.string(assertion, "revocationReason"));
            return;
        }
        Issuer issuer = null;
        JsonObject badge = null;
        try {
            checkAssertion(assertion, url);
            badge = badgeClass(assertion);
            issuer = issuer(badge);
            run.checks.add(Check.passed(Check.PROOF, "HOSTED_VALID", "Verified by fetching the issuer-hosted assertion "
                    + "from " + url + ": Open Badges 2.0 hosted badges are not signed; the issuer vouches for them by "
                    + "serving them from an address it controls, and " + inScope(url, issuer.json, issuer.fetched) + "."));
        } catch (Failed e) {
            run.fail(Check.PROOF, e.code, e.getMessage());
        }
        keySkipped(run);
        run.details = details(assertion, badge, issuer == null ? null : issuer.json, formatCode);
        dates(run, assertion);
        status(run, assertion);
        recipient(run, assertion);
    }

    private void revokedWithoutAssertion(Verifier.Run run, URI url, String what, String reason) {
        run.checks.add(Check.skipped(Check.PROOF, "ASSERTION_REVOKED", sentence(what)
                + ": the assertion is no longer served, so there is nothing left to verify."));
        keySkipped(run);
        revoked(run, reason);
    }

    private static void revoked(Verifier.Run run, String reason) {
        var why = reason == null || reason.isBlank() ? null : reason.strip();
        var message = "The issuer has revoked this badge.";
        run.status = new StatusResult(StatusResult.State.REVOKED, "REVOKED", message, why, null, List.of());
        run.fail(Check.STATUS, "REVOKED", message + (why != null ? " Reason: " + why + "." : ""));
    }

    private static void checkAssertion(JsonObject assertion, URI url) throws Failed {
        if (!strings(assertion.get("@context")).contains(OB2_CONTEXT) || !strings(assertion.get("type")).contains("Assertion")) {
            throw new Failed("INVALID_ASSERTION", "The document at " + url + " is not an Open Badges 2.0 Assertion "
                    + "(it needs the context " + OB2_CONTEXT + " and the type Assertion).");
        }
        var type = verificationType(assertion);
        if ("signed".equals(type)) {
            throw new Failed("OB2_SIGNED_NOT_SUPPORTED", "The hosted assertion at " + url + " says it is verified by "
                    + "signature; signed Open Badges 2.0 assertions are not verified here.");
        }
        if (!"hosted".equals(type)) {
            throw new Failed("INVALID_ASSERTION", "The hosted assertion at " + url + " has " + (type == null
                    ? "no verification type" : "the verification type " + type) + "; hosted or HostedBadge is required.");
        }
        var id = Verifier.string(assertion, "id");
        if (id == null || !sameAddress(id, url)) {
            throw new Failed("ASSERTION_ID_MISMATCH", "The assertion fetched from " + url + " names "
                    + (id == null ? "no id" : "a different id, " + id) + "; a hosted assertion's id must be its address.");
        }
        if (!(assertion.get("recipient") instanceof JsonObject)) {
            throw new Failed("INVALID_ASSERTION", "The hosted assertion at " + url + " has no recipient.");
        }
    }

    private JsonObject badgeClass(JsonObject assertion) throws Failed {
        var value = assertion.get("badge");
        JsonObject badge;
        if (value instanceof JsonObject o) {
            badge = o;
        } else if (value instanceof JsonString s && webAddress(s.getString()) != null) {
            var url = webAddress(s.getString());
            badge = fetchQuietly(url, "badge class", "BADGE");
            if (!sameAddress(Objects.requireNonNullElse(Verifier.string(badge, "id"), ""), url)) {
                throw new Failed("INVALID_BADGE_CLASS", "The badge class fetched from " + url + " names a different id, "
                        + Verifier.string(badge, "id") + ".");
            }
        } else {
            throw new Failed("INVALID_BADGE_CLASS", "The assertion's badge is " + (value == null ? "missing"
                    : "not a web address or a BadgeClass") + ".");
        }
        if (!strings(badge.get("type")).contains("BadgeClass") || Verifier.string(badge, "name") == null) {
            throw new Failed("INVALID_BADGE_CLASS", "The assertion's badge is not an Open Badges 2.0 BadgeClass with a name.");
        }
        return badge;
    }

    private record Issuer(JsonObject json, boolean fetched) {
    }

    private Issuer issuer(JsonObject badge) throws Failed {
        var value = badge.get("issuer");
        Issuer issuer;
        if (value instanceof JsonObject o) {
            issuer = new Issuer(o, false);
        } else if (value instanceof JsonString s && webAddress(s.getString()) != null) {
            var url = webAddress(s.getString());
            var json = fetchQuietly(url, "issuer profile", "ISSUER");
            if (!sameAddress(Objects.requireNonNullElse(Verifier.string(json, "id"), ""), url)) {
                throw new Failed("INVALID_ISSUER", "The issuer profile fetched from " + url + " names a different id, "
                        + Verifier.string(json, "id") + ".");
            }
            issuer = new Issuer(json, true);
        } else {
            throw new Failed("INVALID_ISSUER", "The badge class's issuer is " + (value == null ? "missing"
                    : "not a web address or an issuer profile") + ".");
        }
        var types = strings(issuer.json.get("type"));
        if (!(types.contains("Issuer") || types.contains("Profile")) || Verifier.string(issuer.json, "id") == null) {
            throw new Failed("INVALID_ISSUER", "The badge class's issuer is not an Open Badges 2.0 Profile with an id.");
        }
        return issuer;
    }

    /**
     * Checks the assertion's address against the issuer's verification policy; returns the clause that says why it
     * passes. The policy is honoured only from a profile fetched from its own id: an embedded profile could name any
     * allowed origins, so then only the default applies (the host of the issuer's id).
     */
    private static String inScope(URI assertionUrl, JsonObject issuer, boolean fetched) throws Failed {
        var issuerId = Verifier.string(issuer, "id");
        var name = Objects.requireNonNullElse(Verifier.string(issuer, "name"), issuerId);
        var policy = fetched && issuer.get("verification") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        var host = authority(assertionUrl);
        var startsWith = strings(policy.get("startsWith"));
        if (!startsWith.isEmpty() && startsWith.stream().noneMatch(p -> assertionUrl.toString().startsWith(p))) {
            throw new Failed("ORIGIN_NOT_ALLOWED", "The assertion's address " + assertionUrl + " does not start with "
                    + "any of the prefixes the issuer " + name + " allows (" + String.join(", ", startsWith) + ").");
        }
        var allowed = new ArrayList<String>();
        strings(policy.get("allowedOrigins")).forEach(o -> allowed.add(allowedHost(o)));
        if (!allowed.isEmpty()) {
            if (!allowed.contains(host)) {
                throw new Failed("ORIGIN_NOT_ALLOWED", "The assertion is hosted at " + host + ", which is not among the "
                        + "origins the issuer " + name + " allows (" + String.join(", ", allowed) + ").");
            }
            return "the issuer " + name + " allows assertions hosted at " + host;
        }
        var issuerUrl = webAddress(issuerId);
        if (issuerUrl == null) {
            throw new Failed("ORIGIN_NOT_ALLOWED", "The issuer's id " + issuerId + " is not a web address and it names no "
                    + "allowed origins, so nothing ties the assertion's host " + host + " to the issuer.");
        }
        if (!origin(issuerUrl).equals(origin(assertionUrl))) {
            throw new Failed("ORIGIN_NOT_ALLOWED", "The assertion is hosted at " + origin(assertionUrl) + " but the issuer "
                    + name + " is at " + origin(issuerUrl) + ", and the issuer allows no other origin.");
        }
        return "it is hosted at " + origin(assertionUrl) + ", the origin of the issuer " + name;
    }

    private JsonObject fetchQuietly(URI url, String what, String prefix) throws Failed {
        try {
            return fetch(url, what, prefix);
        } catch (Gone e) {
            throw new Failed(prefix + "_UNAVAILABLE", sentence(e.getMessage()) + ".");
        }
    }

    /** Fetches a JSON object; failures carry codes {@code <prefix>_NOT_FOUND}, {@code _UNAVAILABLE}, {@code INVALID_}. */
    private JsonObject fetch(URI url, String what, String prefix) throws Failed, Gone {
        byte[] body;
        try {
            body = fetcher.fetch(url);
        } catch (DocumentGoneException e) {
            throw new Gone("the issuer answers " + url + " with 410 Gone");
        } catch (FileNotFoundException e) {
            throw new Failed(prefix + "_NOT_FOUND", "There is no " + what + " at " + url + ".");
        } catch (IOException | RuntimeException e) {
            throw new Failed(prefix + "_UNAVAILABLE", "The " + what + " at " + url + " could not be fetched"
                    + (e.getMessage() == null || e.getMessage().isBlank() ? "." : ": " + sentence(e.getMessage()) + "."));
        }
        if (body == null || body.length > MAX_DOCUMENT_BYTES) {
            throw new Failed(prefix + "_UNAVAILABLE", "The " + what + " at " + url + " is "
                    + (body == null ? "empty." : "larger than the limit of " + MAX_DOCUMENT_BYTES / 1024 + " KB."));
        }
        var invalid = prefix.equals("ASSERTION") ? "INVALID_ASSERTION" : prefix.equals("BADGE") ? "INVALID_BADGE_CLASS"
                : "INVALID_ISSUER";
        if (InputLimits.jsonTooDeep(body)) {
            throw new Failed(invalid, "The " + what + " at " + url + " is nested more than " + InputLimits.MAX_JSON_DEPTH + " levels deep.");
        }
        try (var reader = JSON.createReader(new ByteArrayInputStream(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new Failed(invalid, "The " + what + " at " + url + " is not a JSON object.");
        }
    }

    private void dates(Verifier.Run run, JsonObject assertion) {
        var now = clock.instant();
        var d = run.details;
        if (d.validFrom() == null) {
            run.checks.add(assertion.containsKey("issuedOn")
                    ? Check.failed(Check.VALID_FROM, "INVALID_DATE", "The assertion's issuedOn date can't be read.")
                    : Check.failed(Check.VALID_FROM, "MISSING_VALID_FROM", "The assertion has no issuedOn date."));
        } else if (now.isBefore(d.validFrom())) {
            run.fail(Check.VALID_FROM, "NOT_YET_VALID", "The assertion is not valid until " + d.validFrom() + ".");
        } else {
            run.checks.add(Check.passed(Check.VALID_FROM, "VALID", "Issued on " + d.validFrom() + "."));
        }
        if (d.validUntil() == null) {
            run.checks.add(assertion.containsKey("expires")
                    ? Check.failed(Check.VALID_UNTIL, "INVALID_DATE", "The assertion's expires date can't be read.")
                    : Check.passed(Check.VALID_UNTIL, "NO_EXPIRY", "The badge does not expire."));
        } else if (!now.isBefore(d.validUntil())) {
            run.fail(Check.VALID_UNTIL, "EXPIRED", "The badge expired on " + d.validUntil() + ".");
        } else {
            run.checks.add(Check.passed(Check.VALID_UNTIL, "VALID", "Valid until " + d.validUntil() + "."));
        }
    }

    private static void status(Verifier.Run run, JsonObject assertion) {
        if (Boolean.TRUE.equals(Verifier.bool(assertion, "revoked"))) {
            revoked(run, Verifier.string(assertion, "revocationReason"));
        } else {
            run.status = new StatusResult(StatusResult.State.ACTIVE, "ACTIVE", "The issuer's hosted assertion is not "
                    + "revoked.", null, null, List.of());
            run.checks.add(Check.passed(Check.STATUS, "ACTIVE", "The issuer's hosted assertion is current and not revoked."));
        }
    }

    /** OB 2.0 IdentityObject: {@code type} email, {@code identity} plain or {@code sha256$hex(email + salt)}. */
    private static void recipient(Verifier.Run run, JsonObject assertion) {
        var email = run.expectedEmail;
        if (email == null || email.isBlank()) {
            run.checks.add(Check.skipped(Check.RECIPIENT, "NOT_REQUESTED", "No recipient e-mail was given to compare."));
            return;
        }
        var given = email.strip();
        var recipient = assertion.get("recipient") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        var identity = Verifier.string(recipient, "identity");
        if (!"email".equals(Verifier.string(recipient, "type")) || identity == null) {
            run.fail(Check.RECIPIENT, "NO_EMAIL_IDENTIFIER", "The badge does not name its recipient by e-mail, so it "
                    + "can't be matched to " + given + ".");
            return;
        }
        boolean matches;
        if (Boolean.TRUE.equals(Verifier.bool(recipient, "hashed"))) {
            int dollar = identity.indexOf('$');
            var algorithm = dollar < 0 ? "" : identity.substring(0, dollar).toLowerCase(Locale.ROOT);
            if (!algorithm.equals("sha256")) {
                run.fail(Check.RECIPIENT, "UNSUPPORTED_HASH", "The recipient's address is hashed with "
                        + (algorithm.isEmpty() ? "an unnamed algorithm" : algorithm) + "; only sha256 hashes are compared.");
                return;
            }
            var salt = Objects.requireNonNullElse(Verifier.string(recipient, "salt"), "");
            var digest = identity.substring(dollar + 1).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            matches = false;
            for (var candidate : List.of(given, given.toLowerCase(Locale.ROOT))) {
                matches |= MessageDigest.isEqual(sha256Hex(candidate + salt).getBytes(StandardCharsets.US_ASCII), digest);
            }
        } else {
            matches = identity.strip().equalsIgnoreCase(given);
        }
        run.checks.add(matches
                ? Check.passed(Check.RECIPIENT, "MATCH", "The badge was issued to " + given + ".")
                : Check.failed(Check.RECIPIENT, "MISMATCH", "The badge was not issued to " + given + "."));
    }

    private static VerificationReport.Details details(JsonObject assertion, JsonObject badge, JsonObject issuer,
                                                      String format) {
        return new VerificationReport.Details(Verifier.string(assertion, "id"),
                issuer == null ? null : Verifier.string(issuer, "id"),
                issuer == null ? null : Verifier.string(issuer, "name"),
                badge == null ? null : Verifier.string(badge, "name"),
                null, Verifier.instant(assertion, "issuedOn"), Verifier.instant(assertion, "expires"), format);
    }

    /** {@code hosted} or {@code signed} (the HostedBadge and SignedBadge aliases), another value, or null. */
    private static String verificationType(JsonObject assertion) {
        var verification = assertion.get("verification") instanceof JsonObject o ? o
                : assertion.get("verify") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        var types = strings(verification.get("type"));
        if (types.contains("hosted") || types.contains("HostedBadge")) {
            return "hosted";
        }
        if (types.contains("signed") || types.contains("SignedBadge")) {
            return "signed";
        }
        return types.isEmpty() ? null : String.join(", ", types);
    }

    /** An absolute http(s) URL, or null. */
    private static URI webAddress(String text) {
        if (text == null || text.length() > 2048) {
            return null;
        }
        try {
            var uri = new URI(text.strip());
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean sameAddress(String id, URI url) {
        var other = webAddress(id);
        return other != null && other.normalize().equals(url.normalize());
    }

    private static String authority(URI uri) {
        var host = uri.getHost().toLowerCase(Locale.ROOT);
        return uri.getPort() == -1 ? host : host + ":" + uri.getPort();
    }

    /** An allowedOrigins entry is a host, optionally with a port; a scheme or path given by mistake is ignored. */
    private static String allowedHost(String entry) {
        var value = entry.strip().toLowerCase(Locale.ROOT);
        int scheme = value.indexOf("://");
        if (scheme >= 0) {
            value = value.substring(scheme + 3);
        }
        int slash = value.indexOf('/');
        return slash >= 0 ? value.substring(0, slash) : value;
    }

    private static String origin(URI uri) {
        var scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (port == (scheme.equals("https") ? 443 : 80) ? "" : ":" + port);
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static List<String> strings(JsonValue value) {
        if (value instanceof JsonString s) {
            return List.of(s.getString());
        }
        var list = new ArrayList<String>();
        if (value instanceof JsonArray a) {
            a.forEach(v -> {
                if (v instanceof JsonString s) {
                    list.add(s.getString());
                }
            });
        }
        return list;
    }

    private static String describe(JsonValue value) {
        var types = strings(value);
        return types.isEmpty() ? "missing" : String.join(", ", types);
    }

    private static String sentence(String message) {
        var s = message.strip();
        s = s.isEmpty() ? "No reason given" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A hosted check failed: the code and sentence of the failed {@code proof} check. */
    private static final class Failed extends Exception {
        final String code;

        Failed(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** The assertion's address answers 410 Gone: revoked. */
    private static final class Gone extends Exception {
        Gone(String message) {
            super(message, null, false, false);
        }
    }
}
