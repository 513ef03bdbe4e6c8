package io.guildmark.app.issuing;

import java.time.Duration;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SecretTokens;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonObjectBuilder;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * What a verifier fetches about an issuer, with no account and no API key: the DID document that holds its keys,
 * a JWKS, and the OB 3.0 {@code Profile}. Cacheable, so a CDN can serve them.
 */
@RestController
class IssuerDocuments {

    /** Looked up once: {@code Json.create…} runs a ServiceLoader scan of the class path on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final MediaType LD_JSON = MediaType.parseMediaType("application/ld+json");
    static final MediaType DID_JSON = MediaType.parseMediaType("application/did+json");

    private final Organizations organizations;
    private final IssuerKeys keys;
    private final GuildmarkSettings settings;
    private final IssuerDidDocuments didDocuments;

    IssuerDocuments(Organizations organizations, IssuerKeys keys, GuildmarkSettings settings, IssuerDidDocuments didDocuments) {
        this.didDocuments = didDocuments;
        this.organizations = organizations;
        this.keys = keys;
        this.settings = settings;
    }

    @GetMapping(path = "/issuers/{slug}/did.json")
    ResponseEntity<String> didDocument(@PathVariable String slug, WebRequest request) {
        IssuerDidDocuments.Served document = didDocuments.find(slug).orElseThrow(() -> Problem.notFound("The issuer"));
        if (request.checkNotModified(document.etag())) return null;
        return cacheable(ResponseEntity.ok(), MediaType.APPLICATION_JSON, document.etag()).body(document.body());
    }

    @GetMapping(path = "/issuers/{slug}/jwks.json")
    ResponseEntity<String> jwks(@PathVariable String slug, WebRequest request) {
        return cacheable(keys.jwks(organization(slug)), MediaType.APPLICATION_JSON, request);
    }

    @GetMapping(path = "/issuers/{slug}", produces = {"application/ld+json", "application/json"})
    ResponseEntity<String> profile(@PathVariable String slug, WebRequest request) {
        return cacheable(profileJson(organization(slug), true), LD_JSON, request);
    }

    /** The issuer's OB 3.0 Profile, as embedded in every credential it issues (without {@code @context}) or served alone. */
    JsonObject profileJson(Organization org, boolean withContext) {
        JsonObjectBuilder profile = JSON.createObjectBuilder();
        if (withContext) {
            profile.add("@context", JSON.createArrayBuilder().add(Credentials.VC_CONTEXT).add(Credentials.OB_CONTEXT));
        }
        profile.add("id", keys.did(org.slug()))
                .add("type", JSON.createArrayBuilder().add("Profile"))
                .add("name", org.name())
                .add("url", org.website() != null ? org.website() : settings.url("/issuers/" + org.slug()));
        if (org.email() != null) profile.add("email", org.email());
        if (org.description() != null) profile.add("description", org.description());
        if (org.hasLogo()) {
            profile.add("image", JSON.createObjectBuilder().add("id", settings.url("/issuers/" + org.slug() + "/logo"))
                    .add("type", "Image"));
        }
        return profile.build();
    }

    private Organization organization(String slug) {
        return organizations.findBySlug(slug).orElseThrow(() -> Problem.notFound("The issuer"));
    }

    static ResponseEntity<String> cacheable(JsonObject json, MediaType type, WebRequest request) {
        String body = json.toString();
        String etag = "\"" + SecretTokens.hash(body).substring(0, 32) + "\"";
        if (request.checkNotModified(etag)) return null;
        return cacheable(ResponseEntity.ok(), type, etag).body(body);
    }

    private static ResponseEntity.BodyBuilder cacheable(ResponseEntity.BodyBuilder response, MediaType type, String etag) {
        return response.contentType(type).eTag(etag)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .header("Access-Control-Allow-Origin", "*");
    }
}
