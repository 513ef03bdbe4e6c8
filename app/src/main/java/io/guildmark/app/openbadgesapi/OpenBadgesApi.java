package io.guildmark.app.openbadgesapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.pathways.ImportedCredentials;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.JsonLimits;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OB 3.0 API's operations for the person an access token stands for (its subject is their account id): their
 * credentials (paged, newest first), storing a credential from elsewhere into their account after it verifies and is
 * found addressed to them, and their profile. Errors are Imsx_StatusInfo, as the specification says.
 */
@RestController
class OpenBadgesApi {

    static final int MAX_LIMIT = 100;
    static final int MAX_UPSERT_BYTES = ImportedCredentials.MAX_BYTES;
    private static final List<String> CONTEXT = List.of("https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");

    private final Accounts accounts;
    private final Awards awards;
    private final ImportedCredentials imports;
    private final BackpackListing listing;
    private final GuildmarkSettings settings;
    private final JsonMapper json = JsonLimits.builder().build();
    private final JsonNode openApi;
    private final String privacyPolicyUrl;

    OpenBadgesApi(Accounts accounts, Awards awards, ImportedCredentials imports, BackpackListing listing, GuildmarkSettings settings,
            @org.springframework.beans.factory.annotation.Value("${guildmark.api.privacy-policy-url:}") String privacyPolicyUrl) {
        // The operator's privacy policy, which the service description must name; the platform has no text of its own.
        this.privacyPolicyUrl = privacyPolicyUrl.isBlank() ? settings.url("/privacy") : privacyPolicyUrl.strip();
        this.accounts = accounts;
        this.awards = awards;
        this.imports = imports;
        this.listing = listing;
        this.settings = settings;
        try (InputStream in = OpenBadgesApi.class.getResourceAsStream("/openbadgesapi/openapi.json")) {
            this.openApi = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping(OAuthServer.API + "/credentials")
    ResponseEntity<String> credentials(@AuthenticationPrincipal Jwt token, @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String offset, @RequestParam(required = false) @Nullable String since) {
        User user = user(token);
        if (user == null) return failure(404, "not_found", "The account this token was issued for no longer exists.");
        int size;
        int skip;
        Instant after;
        try {
            size = limit == null ? 50 : Integer.parseInt(limit);
            skip = offset == null ? 0 : Integer.parseInt(offset);
            after = since == null ? null : Instant.parse(since);
        } catch (NumberFormatException | DateTimeParseException e) {
            return failure(400, "invalid_query_parameter", "limit and offset must be whole numbers; since a date-time such as 2026-01-01T00:00:00Z.");
        }
        if (size < 1 || size > MAX_LIMIT || skip < 0) {
            return failure(400, "invalid_query_parameter", "limit must be 1 to " + MAX_LIMIT + ", and offset 0 or more.");
        }
        long total = listing.count(user.id(), after);
        // Past the end: an empty page, with the same headers, and no page read at all.
        List<BackpackListing.Entry> page = skip >= total ? List.of() : listing.page(user.id(), after, size, skip);
        // Only this page's credentials are read and parsed.
        Map<UUID, String> signed = awards.signedCredentials(page.stream()
                .filter(e -> e.kind() == BackpackListing.Kind.AWARD).map(BackpackListing.Entry::id).toList());
        var imported = imports.activeTexts(person(user), page.stream()
                .filter(e -> e.kind() == BackpackListing.Kind.IMPORT).map(BackpackListing.Entry::id).toList());
        ObjectNode body = json.createObjectNode();
        ArrayNode credentials = body.putArray("credential");
        ArrayNode jws = body.putArray("compactJwsString");
        for (BackpackListing.Entry e : page) {
            // A row gone between the two reads (an import withdrawn meanwhile) is left out of this page.
            String text = e.kind() == BackpackListing.Kind.AWARD ? signed.get(e.id())
                    : imported.containsKey(e.id()) ? imported.get(e.id()).getValue().strip() : null;
            if (text == null) continue;
            if (text.startsWith("{")) credentials.add(json.readTree(text));
            else jws.add(text);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header("X-Total-Count", String.valueOf(total))
                .header(HttpHeaders.LINK, links(total, size, skip, since))
                .body(json.writeValueAsString(body));
    }

    /** RFC 8288 links to the first, last, next and previous pages, keeping {@code since}. */
    private String links(long total, int limit, int offset, @Nullable String since) {
        String base = settings.url(OAuthServer.API + "/credentials") + "?limit=" + limit
                + (since == null ? "" : "&since=" + java.net.URLEncoder.encode(since, java.nio.charset.StandardCharsets.UTF_8)) + "&offset=";
        List<String> links = new ArrayList<>();
        long last = total == 0 ? 0 : ((total - 1) / limit) * limit;
        if ((long) offset + limit < total) links.add("<" + base + ((long) offset + limit) + ">; rel=\"next\"");
        links.add("<" + base + last + ">; rel=\"last\"");
        links.add("<" + base + 0 + ">; rel=\"first\"");
        // From past the end, the previous page is the last one.
        if (offset > 0) links.add("<" + base + Math.max(0, Math.min(offset - limit, last)) + ">; rel=\"prev\"");
        return String.join(", ", links);
    }

    /**
     * Stores a credential from elsewhere (JSON, or a VC-JWT as text) in the person's account: verified first, and only
     * when it is addressed to one of their verified addresses or a DID they proved. 201 when new, 200 when the
     * person already had it; nothing is stored when it is refused.
     */
    @PostMapping(OAuthServer.API + "/credentials")
    ResponseEntity<String> upsert(@AuthenticationPrincipal Jwt token, @RequestBody(required = false) byte @Nullable [] body) {
        User user = user(token);
        if (user == null) return failure(404, "not_found", "The account this token was issued for no longer exists.");
        if (body == null || body.length == 0) return failure(400, "invalid_data", "Send an OB 3.0 credential as JSON, or a VC-JWT as text.");
        if (body.length > MAX_UPSERT_BYTES) return failure(413, "invalid_data", "The credential is larger than 2 MB.");
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        if (!text.startsWith("{") && !text.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+")) {
            return failure(400, "invalid_data", "Send an OB 3.0 credential as JSON, or a VC-JWT as text; baked images are added on the website.");
        }
        // A badge issued here that the person holds already (a wallet sending back what it listed): it stays the one
        // award, answered as stored, never duplicated as an import.
        Award own = ownAward(user, text);
        if (own != null) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(awards.signedCredential(own.id()).orElseThrow());
        }
        ImportedCredentials.Upserted result;
        try {
            result = imports.upsert(person(user), text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (Problem p) {
            String codeMinor = p.kind() == Problem.Kind.PAYLOAD_TOO_LARGE || p.kind() == Problem.Kind.UNSUPPORTED_MEDIA
                    || p.kind() == Problem.Kind.INVALID || p.kind() == Problem.Kind.CONFLICT ? "invalid_data" : "unknown";
            return failure(400, codeMinor, p.getMessage());
        }
        return ResponseEntity.status(result.created() ? 201 : 200)
                .contentType(text.startsWith("{") ? MediaType.APPLICATION_JSON : MediaType.TEXT_PLAIN).body(text);
    }

    /** The award issued here whose credential id the posted credential carries, when the person holds it. */
    private @Nullable Award ownAward(User user, String text) {
        String id = credentialId(text);
        String prefix = settings.url("/credentials/");
        if (id == null || !id.startsWith(prefix)) return null;
        UUID awardId;
        try {
            awardId = UUID.fromString(id.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return awards.find(awardId).filter(a -> user.id().equals(a.recipientUserId())).orElse(null);
    }

    /** The credential's {@code id}: of the JSON, or of a VC-JWT's payload ({@code jti}, or the {@code vc} claim's id). */
    private @Nullable String credentialId(String text) {
        try {
            JsonNode credential;
            if (text.startsWith("{")) {
                credential = json.readTree(text);
            } else {
                credential = json.readTree(java.util.Base64.getUrlDecoder().decode(text.split("\\.")[1]));
                if (credential != null && credential.get("jti") != null && credential.get("jti").isString()) return credential.get("jti").asString();
                if (credential != null && credential.get("vc") != null && credential.get("vc").isObject()) credential = credential.get("vc");
            }
            JsonNode id = credential == null ? null : credential.get("id");
            return id != null && id.isString() ? id.asString() : null;
        } catch (RuntimeException e) {
            return null; // unreadable: the verification that follows says why
        }
    }

    @GetMapping(OAuthServer.API + "/profile")
    ResponseEntity<String> profile(@AuthenticationPrincipal Jwt token) {
        User user = user(token);
        if (user == null) return failure(404, "not_found", "The account this token was issued for no longer exists.");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(profileOf(user)));
    }

    /**
     * Changes what a person may change about themselves through an app: their name. The e-mail address is not changed
     * here (addresses are verified on the website); a profile naming another address is refused, nothing changed.
     */
    @PutMapping(OAuthServer.API + "/profile")
    ResponseEntity<String> putProfile(@AuthenticationPrincipal Jwt token, @RequestBody(required = false) @Nullable String body) {
        User user = user(token);
        if (user == null) return failure(404, "not_found", "The account this token was issued for no longer exists.");
        if (body == null || body.length() > 100_000) return failure(400, "invalid_data", "Send the profile as a JSON object.");
        JsonNode profile;
        try {
            profile = json.readTree(body);
        } catch (RuntimeException e) {
            return failure(400, "invalid_data", "The profile is not valid JSON.");
        }
        if (profile == null || !profile.isObject()) return failure(400, "invalid_data", "Send the profile as a JSON object.");
        JsonNode email = profile.get("email");
        if (email != null && !email.isNull() && !email.asString().strip().equalsIgnoreCase(user.email())) {
            return failure(400, "invalid_data", "The e-mail address cannot be changed through an app; add and verify addresses on the website.");
        }
        JsonNode name = profile.get("name");
        if (name == null || !name.isString()) return failure(400, "invalid_data", "The profile needs a name.");
        try {
            accounts.rename(user.id(), name.asString());
        } catch (Problem p) {
            return failure(400, "invalid_data", p.getMessage());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(profileOf(accounts.find(user.id()).orElseThrow())));
    }

    private ObjectNode profileOf(User user) {
        ObjectNode profile = json.createObjectNode();
        ArrayNode context = profile.putArray("@context");
        CONTEXT.forEach(context::add);
        profile.put("id", "urn:uuid:" + user.id());
        profile.putArray("type").add("Profile");
        profile.put("name", user.name());
        profile.put("email", user.email());
        return profile;
    }

    /** The service description (OpenAPI), with this platform's addresses filled in. */
    @GetMapping(value = OAuthServer.API + "/discovery", produces = MediaType.APPLICATION_JSON_VALUE)
    String discovery() {
        ObjectNode doc = (ObjectNode) openApi.deepCopy();
        ObjectNode info = (ObjectNode) doc.get("info");
        info.put("title", "Guildmark Open Badges 3.0 API");
        info.put("x-imssf-privacyPolicyUrl", privacyPolicyUrl);
        info.put("x-imssf-image", settings.url("/images/guildmark.svg"));
        doc.putArray("servers").addObject().put("url", settings.url(OAuthServer.API));
        ObjectNode flow = (ObjectNode) doc.get("components").get("securitySchemes").get("OAuth2ACG").get("flows").get("authorizationCode");
        flow.put("authorizationUrl", settings.url("/oauth2/authorize"));
        flow.put("tokenUrl", settings.url("/oauth2/token"));
        flow.put("refreshUrl", settings.url("/oauth2/token"));
        flow.put("x-imssf-registrationUrl", settings.url(OAuthServer.API + "/register"));
        return json.writeValueAsString(doc);
    }

    private @Nullable User user(Jwt token) {
        try {
            return accounts.find(UUID.fromString(token.getSubject())).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Tokens act for the person alone: never with platform administration, whatever the person's own role. */
    private static Actor.Person person(User user) {
        return new Actor.Person(user.id(), user.email(), false);
    }

    private static ResponseEntity<String> failure(int status, String codeMinor, String description) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(OAuthServer.StatusInfo.json(codeMinor, description));
    }

    static Map<String, String> scopeWords() {
        return Scopes.PLAIN_WORDS;
    }
}
