package io.guildmark.credentials.verify;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shape rules of the W3C Verifiable Credentials Data Model (2.0, and 1.1 for {@code issuanceDate} and
 * {@code expirationDate}) that can be checked without JSON-LD processing: base context first, {@code type},
 * {@code issuer}, {@code credentialSubject}, identifiers that are URLs, dates, and the {@code type} every
 * {@code credentialStatus}, {@code credentialSchema}, {@code evidence}, {@code refreshService} and {@code termsOfUse}
 * entry must carry. Whether every type and term is defined by the contexts is JSON-LD's part, checked when a proof
 * is made or verified. Each method answers the problems found, in words; empty means none.
 */
public final class VcDataModel {

    public static final String V2 = "https://www.w3.org/ns/credentials/v2";
    public static final String V1 = "https://www.w3.org/2018/credentials/v1";
    /**
     * The W3C's examples context: one {@code @vocab} that defines every term, for examples and test suites. Bundled
     * so that the VC-API reads the test suites' credentials; an Open Badge may not use it (its terms stay checked).
     */
    public static final String EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2";
    /** The types of Open Badges 3.0 and CLR 2.0 credentials, held to their own contexts and schemas. */
    public static final Set<String> OPEN_BADGE_TYPES = Set.of("AchievementCredential", "OpenBadgeCredential",
            "EndorsementCredential", "ClrCredential");

    /** xsd:dateTime with a time zone offset or Z, as VCDM 2.0 requires for validFrom and validUntil. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "-?\\d{4,}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Set<String> LANGUAGE_VALUE_KEYS = Set.of("@value", "@language", "@direction");

    private VcDataModel() {
    }

    /** The data model problems of a credential (unsigned or signed). */
    public static List<String> credentialProblems(JsonObject credential) {
        var problems = new ArrayList<String>();
        context(credential, problems);
        if (contexts(credential).contains(EXAMPLES_V2) && types(credential.get("type")).stream().anyMatch(OPEN_BADGE_TYPES::contains)) {
            problems.add("An Open Badge may not use the examples context " + EXAMPLES_V2 + ": it would define every term.");
        }
        identifier(credential, "id", "The credential's id", problems);
        types(credential, "VerifiableCredential", "credential", problems);
        issuer(credential.get("issuer"), problems);
        subjects(credential, problems);
        boolean v1 = contexts(credential).contains(V1);
        var from = date(credential, v1 && !credential.containsKey("validFrom") ? "issuanceDate" : "validFrom", problems);
        var until = date(credential, v1 && !credential.containsKey("validUntil") ? "expirationDate" : "validUntil", problems);
        if (from != null && until != null && until.isBefore(from)) {
            problems.add("The credential's validUntil is before its validFrom.");
        }
        for (var member : List.of("credentialStatus", "credentialSchema", "evidence", "refreshService", "termsOfUse")) {
            typed(credential, member, member.equals("credentialSchema"), problems);
        }
        languageValues(credential, problems);
        if (credential.get("issuer") instanceof JsonObject issuer) {
            languageValues(issuer, problems);
        }
        relatedResources(credential.get("relatedResource"), problems);
        proofs(credential, problems);
        return problems;
    }

    /**
     * {@code relatedResource}: one or more objects, each with an {@code id} URL of its own (no two alike) and a
     * {@code digestSRI} or {@code digestMultibase} string, at most {@value RelatedResources#MAX_RESOURCES}. Whether a
     * digest matches the resource is {@link RelatedResources}'s to check, by retrieving it.
     */
    private static void relatedResources(JsonValue value, List<String> problems) {
        if (value == null) {
            return;
        }
        var list = value instanceof JsonArray a ? a : List.of(value);
        if (list.size() > RelatedResources.MAX_RESOURCES) {
            problems.add("A credential may name at most " + RelatedResources.MAX_RESOURCES + " related resources.");
            return;
        }
        var ids = new java.util.HashSet<String>();
        for (var entry : list) {
            if (!(entry instanceof JsonObject resource)) {
                problems.add("Each relatedResource must be an object with an id and a digest.");
                return;
            }
            if (!(resource.get("id") instanceof JsonString id) || !isUrl(id.getString())) {
                problems.add("Each relatedResource must have an id that is one URL.");
            } else if (!ids.add(id.getString())) {
                problems.add("Each relatedResource must name another resource: " + id.getString() + " is listed twice.");
            }
            if (!(resource.get("digestSRI") instanceof JsonString) && !(resource.get("digestMultibase") instanceof JsonString)) {
                problems.add("Each relatedResource must have a digestSRI or a digestMultibase.");
            }
        }
    }

    /** The data model problems of a presentation, not of the credentials in it. */
    public static List<String> presentationProblems(JsonObject presentation) {
        var problems = new ArrayList<String>();
        context(presentation, problems);
        identifier(presentation, "id", "The presentation's id", problems);
        types(presentation, "VerifiablePresentation", "presentation", problems);
        var holder = presentation.get("holder");
        if (holder != null) {
            var id = holder instanceof JsonObject o ? o.get("id") : holder;
            if (!(id instanceof JsonString s) || !isUrl(s.getString())) {
                problems.add("The presentation's holder must be a URL or an object whose id is a URL.");
            }
        }
        var credentials = presentation.get("verifiableCredential");
        if (credentials != null) {
            var list = credentials instanceof JsonArray a ? a : List.of(credentials);
            for (var c : list) {
                if (!(c instanceof JsonObject)) {
                    problems.add("Each verifiableCredential of the presentation must be a credential object (an enveloped "
                            + "credential is an object too).");
                    break;
                }
            }
        }
        proofs(presentation, problems);
        return problems;
    }

    /** The {@code @context} values that are strings, in order. */
    public static List<String> contexts(JsonObject document) {
        var ctx = document.get("@context");
        var list = new ArrayList<String>();
        if (ctx instanceof JsonString s) {
            list.add(s.getString());
        } else if (ctx instanceof JsonArray a) {
            a.forEach(v -> {
                if (v instanceof JsonString s) {
                    list.add(s.getString());
                }
            });
        }
        return list;
    }

    /** The {@code type} values that are strings. */
    public static List<String> types(JsonValue type) {
        var list = new ArrayList<String>();
        if (type instanceof JsonString s) {
            list.add(s.getString());
        } else if (type instanceof JsonArray a) {
            a.forEach(v -> {
                if (v instanceof JsonString s) {
                    list.add(s.getString());
                }
            });
        }
        return list;
    }

    /** An absolute URL (any scheme, such as https:, did: or urn:) without spaces. */
    public static boolean isUrl(String value) {
        if (value == null || value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            var uri = new URI(value);
            return uri.isAbsolute() && uri.getScheme().matches("[A-Za-z][A-Za-z0-9+.-]*");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void context(JsonObject document, List<String> problems) {
        var ctx = document.get("@context");
        if (!(ctx instanceof JsonArray) && !(ctx instanceof JsonString)) {
            problems.add("@context must be a list starting with " + V2 + " (or " + V1 + ").");
            return;
        }
        var items = ctx instanceof JsonArray a ? a : List.of(ctx);
        var first = items.isEmpty() ? null : items.get(0);
        if (!(first instanceof JsonString s) || !(s.getString().equals(V2) || s.getString().equals(V1))) {
            problems.add("The first @context must be " + V2 + " (or " + V1 + ").");
        }
        for (var item : items) {
            if (item instanceof JsonString s) {
                if (!isUrl(s.getString())) {
                    problems.add("@context \"" + shorten(s.getString()) + "\" is not a URL.");
                }
            } else if (!(item instanceof JsonObject)) {
                problems.add("Each @context must be a URL or an object.");
            }
        }
    }

    private static void identifier(JsonObject document, String member, String what, List<String> problems) {
        if (!document.containsKey(member)) {
            return;
        }
        if (!(document.get(member) instanceof JsonString s) || !isUrl(s.getString())) {
            problems.add(what + " must be one URL.");
        }
    }

    private static void types(JsonObject document, String required, String what, List<String> problems) {
        var type = document.get("type");
        if (type == null) {
            problems.add("The " + what + " must have a type.");
            return;
        }
        var items = type instanceof JsonArray a ? a : List.of(type);
        if (items.stream().anyMatch(v -> !(v instanceof JsonString))) {
            problems.add("Each type of the " + what + " must be a string.");
        }
        if (!types(type).contains(required)) {
            problems.add("The " + what + "'s type must include " + required + ".");
        }
    }

    private static void issuer(JsonValue issuer, List<String> problems) {
        var id = issuer instanceof JsonObject o ? o.get("id") : issuer;
        if (issuer == null) {
            problems.add("The credential must have an issuer.");
        } else if (!(id instanceof JsonString s) || !isUrl(s.getString())) {
            problems.add("The issuer must be a URL or an object whose id is a URL.");
        }
    }

    private static void subjects(JsonObject credential, List<String> problems) {
        var subject = credential.get("credentialSubject");
        if (subject == null) {
            problems.add("The credential must have a credentialSubject.");
            return;
        }
        var items = subject instanceof JsonArray a ? a : List.of(subject);
        if (items.isEmpty()) {
            problems.add("The credentialSubject must not be empty.");
        }
        for (var item : items) {
            if (!(item instanceof JsonObject o) || o.isEmpty()) {
                problems.add("Each credentialSubject must be an object with at least one claim.");
                return;
            }
            if (o.containsKey("id") && !(o.get("id") instanceof JsonString s && isUrl(s.getString()))) {
                problems.add("A credentialSubject's id must be one URL.");
                return;
            }
        }
    }

    private static OffsetDateTime date(JsonObject credential, String member, List<String> problems) {
        if (!credential.containsKey(member)) {
            return null;
        }
        if (credential.get(member) instanceof JsonString s && DATE_TIME.matcher(s.getString()).matches()) {
            try {
                return OffsetDateTime.parse(s.getString());
            } catch (DateTimeParseException e) {
                // falls through to the problem
            }
        }
        problems.add("The credential's " + member + " must be a date and time with a time zone, like 2026-01-01T00:00:00Z.");
        return null;
    }

    /** Each entry of {@code member} needs a type (a string or strings); ids, where present or required, are URLs. */
    private static void typed(JsonObject document, String member, boolean idRequired, List<String> problems) {
        var value = document.get(member);
        if (value == null) {
            return;
        }
        var items = value instanceof JsonArray a ? a : List.of(value);
        for (var item : items) {
            if (!(item instanceof JsonObject o)) {
                problems.add("Each " + member + " must be an object.");
                return;
            }
            var type = o.get("type");
            var typeList = type instanceof JsonArray a ? a : type == null ? List.<JsonValue>of() : List.of(type);
            if (typeList.isEmpty() || typeList.stream().anyMatch(t -> !(t instanceof JsonString))) {
                problems.add("Each " + member + " must have a type.");
                return;
            }
            if ((idRequired || o.containsKey("id")) && !(o.get("id") instanceof JsonString s && isUrl(s.getString()))) {
                problems.add("The id of each " + member + " must be one URL.");
                return;
            }
        }
    }

    /** {@code name} and {@code description}: a string, a language value object, or a list of those. */
    private static void languageValues(JsonObject document, List<String> problems) {
        for (var member : List.of("name", "description")) {
            var value = document.get(member);
            if (value == null) {
                continue;
            }
            var items = value instanceof JsonArray a ? a : List.of(value);
            for (var item : items) {
                boolean ok = item instanceof JsonString
                        || item instanceof JsonObject o && o.get("@value") instanceof JsonString
                        && LANGUAGE_VALUE_KEYS.containsAll(o.keySet());
                if (!ok) {
                    problems.add("A " + member + " must be a string or a language value object (@value, @language, @direction).");
                    return;
                }
            }
        }
    }

    private static void proofs(JsonObject document, List<String> problems) {
        var value = document.get("proof");
        if (value == null) {
            return;
        }
        var items = value instanceof JsonArray a ? a : List.of(value);
        for (var item : items) {
            if (!(item instanceof JsonObject o) || !(o.get("type") instanceof JsonString)) {
                problems.add("Each proof must be an object with a type.");
                return;
            }
        }
    }

    private static String shorten(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
