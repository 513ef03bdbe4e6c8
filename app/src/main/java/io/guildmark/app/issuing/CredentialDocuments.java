package io.guildmark.app.issuing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SecretTokens;
import io.guildmark.credentials.baking.BakedCredential;
import io.guildmark.credentials.baking.BakingException;
import io.guildmark.credentials.baking.PngBaker;
import io.guildmark.credentials.baking.SvgBaker;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * A credential's machine-readable forms at its stable address: the signed JSON-LD and the VC-JWT by content
 * negotiation, baked PNG and SVG images (OB 3.0 and, for older backpacks, OB 2.0), the OB 2.0 hosted assertion and
 * badge class, and the status lists.
 */
@RestController
class CredentialDocuments {

    static final MediaType VC_LD_JSON = MediaType.parseMediaType("application/vc+ld+json");
    static final MediaType VC_JWT = MediaType.parseMediaType("application/vc+jwt");
    private static final String OB2_CONTEXT = "https://w3id.org/openbadges/v2";

    private final Awards awards;
    private final Organizations organizations;
    private final StatusLists statusLists;
    private final GuildmarkSettings settings;
    private final BadgeDesigns designs;
    private final CertificateDesigns certificates;
    private final PngBaker png = new PngBaker();
    private final SvgBaker svg = new SvgBaker();

    private final BadgeVisibility visibility;

    CredentialDocuments(Awards awards, Organizations organizations, StatusLists statusLists, GuildmarkSettings settings,
            BadgeDesigns designs, CertificateDesigns certificates, BadgeVisibility visibility) {
        this.visibility = visibility;
        this.designs = designs;
        this.certificates = certificates;
        this.awards = awards;
        this.organizations = organizations;
        this.statusLists = statusLists;
        this.settings = settings;
    }

    /**
     * The signed credential in the media type the client prefers: the JSON-LD ({@code application/vc+ld+json},
     * {@code application/ld+json}, {@code application/json}) or the VC-JWT ({@code application/vc+jwt}); empty when
     * the client prefers a page.
     */
    java.util.Optional<ResponseEntity<String>> negotiate(UUID id, String accept, WebRequest request) {
        MediaType preferred = preferred(accept);
        if (preferred == null) return java.util.Optional.empty();
        if (preferred.equals(VC_JWT)) {
            return java.util.Optional.of(immutable(awards.jwt(id).orElseThrow(CredentialDocuments::notFound), VC_JWT, request));
        }
        return java.util.Optional.of(immutable(awards.signedCredential(id).orElseThrow(CredentialDocuments::notFound), preferred, request));
    }

    /** The machine-readable type the Accept header ranks first, or null when it ranks HTML (or anything) first. */
    static @org.jspecify.annotations.Nullable MediaType preferred(String accept) {
        List<MediaType> offered = List.of(VC_LD_JSON, MediaType.parseMediaType("application/ld+json"), MediaType.APPLICATION_JSON, VC_JWT);
        List<MediaType> wanted;
        try {
            wanted = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (RuntimeException e) {
            return null;
        }
        wanted.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType w : wanted) {
            if (w.isWildcardType() || MediaType.TEXT_HTML.isCompatibleWith(w)) return null;
            for (MediaType o : offered) {
                if (w.getType().equals(o.getType()) && w.getSubtype().equals(o.getSubtype())) return o;
            }
        }
        return null;
    }

    @GetMapping("/credentials/{id}/credential.json")
    ResponseEntity<String> downloadJson(@PathVariable String id) {
        return ResponseEntity.ok().contentType(VC_LD_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"credential-" + uuid(id) + ".json\"")
                .body(awards.signedCredential(uuid(id)).orElseThrow(CredentialDocuments::notFound));
    }

    @GetMapping("/credentials/{id}/credential.jwt")
    ResponseEntity<String> downloadJwt(@PathVariable String id) {
        return ResponseEntity.ok().contentType(VC_JWT)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"credential-" + uuid(id) + ".jwt\"")
                .body(awards.jwt(uuid(id)).orElseThrow(CredentialDocuments::notFound));
    }

    @GetMapping("/credentials/{id}.png")
    ResponseEntity<byte[]> png(@PathVariable String id) throws BakingException {
        Baked baked = baked(id);
        return image(png.bake(baked.png(),
                baked.credential(), BakedCredential.Format.OB3_JSON), MediaType.IMAGE_PNG, id + ".png");
    }

    @GetMapping("/credentials/{id}.svg")
    ResponseEntity<byte[]> svg(@PathVariable String id) throws BakingException {
        Baked baked = baked(id);
        return image(svg.bake(baked.svg(),
                baked.credential(), BakedCredential.Format.OB3_JSON), MediaType.parseMediaType("image/svg+xml"), id + ".svg");
    }

    /** A printable certificate with a QR code to the live badge page. */
    @GetMapping("/credentials/{id}.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String id) {
        Award award = shown(awards.find(uuid(id)).orElseThrow(CredentialDocuments::notFound));
        Organization org = organizations.findById(award.organizationId()).orElseThrow();
        JsonObject achievement = StatusLists.parse(awards.signedCredential(award.id()).orElseThrow())
                .getJsonObject("credentialSubject").getJsonObject("achievement");
        byte[] pdf = CertificatePdf.render(new CertificatePdf.Content(org.name(), award.recipientName(), award.achievementName(),
                achievement.getString("achievementType", null), award.validFrom(), award.validUntil(), awards.credentialUrl(award.id()),
                designs.png(award, org, award.achievementName()), award.revoked()), certificates.resolved(org));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"certificate-" + award.id() + ".pdf\"")
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(pdf);
    }

    /** The picture shared links show (Open Graph, 1200×630): the badge design, its name and its issuer. */
    @GetMapping("/credentials/{id}/og.png")
    ResponseEntity<byte[]> openGraph(@PathVariable String id) {
        Baked baked = baked(id);
        shown(baked.award());
        return image(BadgeImages.openGraph(baked.png(), baked.name(), baked.issuerName(), BadgeImages.hueFor(baked.award().achievementId().toString())),
                MediaType.IMAGE_PNG, id + "-og.png");
    }

    @GetMapping("/credentials/{id}/ob2.png")
    ResponseEntity<byte[]> ob2Png(@PathVariable String id) throws BakingException {
        Baked baked = baked(id);
        return image(png.bake(baked.png(),
                ob2AssertionUrl(id), BakedCredential.Format.OB2), MediaType.IMAGE_PNG, id + "-ob2.png");
    }

    @GetMapping("/credentials/{id}/ob2.svg")
    ResponseEntity<byte[]> ob2Svg(@PathVariable String id) throws BakingException {
        Baked baked = baked(id);
        return image(svg.bake(baked.svg(),
                ob2AssertionUrl(id), BakedCredential.Format.OB2), MediaType.parseMediaType("image/svg+xml"), id + "-ob2.svg");
    }

    /** The OB 2.0 hosted assertion: verifiers of 2.0 check it by fetching this address. */
    @GetMapping(path = "/credentials/{id}/ob2", produces = {"application/ld+json", "application/json"})
    ResponseEntity<String> ob2Assertion(@PathVariable String id) {
        Award award = awards.find(uuid(id)).orElseThrow(CredentialDocuments::notFound);
        JsonObject credential = StatusLists.parse(awards.signedCredential(award.id()).orElseThrow());
        JsonObject email = credential.getJsonObject("credentialSubject").getJsonArray("identifier").stream()
                .map(JsonValue::asJsonObject).filter(i -> "emailAddress".equals(i.getString("identityType", ""))).findFirst().orElseThrow();
        JsonObjectBuilder assertion = Json.createObjectBuilder()
                .add("@context", OB2_CONTEXT)
                .add("type", "Assertion")
                .add("id", ob2AssertionUrl(id))
                .add("recipient", Json.createObjectBuilder().add("type", "email").add("hashed", true)
                        .add("salt", email.getString("salt")).add("identity", email.getString("identityHash")))
                .add("badge", ob2AssertionUrl(id) + "/badge")
                .add("issuedOn", Credentials.seconds(award.validFrom()))
                .add("verification", Json.createObjectBuilder().add("type", "hosted"))
                .add("image", awards.credentialUrl(award.id()) + "/ob2.png");
        if (award.validUntil() != null) assertion.add("expires", Credentials.seconds(award.validUntil()));
        if (credential.containsKey("evidence")) {
            JsonArrayBuilder evidence = Json.createArrayBuilder();
            for (JsonValue v : credential.getJsonArray("evidence")) {
                JsonObject e = v.asJsonObject();
                JsonObjectBuilder item = Json.createObjectBuilder().add("type", "Evidence");
                if (e.containsKey("id")) item.add("id", e.getString("id"));
                if (e.containsKey("narrative")) item.add("narrative", e.getString("narrative"));
                if (e.containsKey("name")) item.add("name", e.getString("name"));
                evidence.add(item);
            }
            assertion.add("evidence", evidence);
        }
        if (award.revoked()) {
            assertion.add("revoked", true).add("revocationReason", award.revocationReason() == null ? "" : award.revocationReason());
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/ld+json"))
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic()).body(assertion.build().toString());
    }

    /** The OB 2.0 badge class: the achievement as it was when this credential was earned. */
    @GetMapping(path = "/credentials/{id}/ob2/badge", produces = {"application/ld+json", "application/json"})
    ResponseEntity<String> ob2BadgeClass(@PathVariable String id) {
        Award award = awards.find(uuid(id)).orElseThrow(CredentialDocuments::notFound);
        Organization org = organizations.findById(award.organizationId()).orElseThrow();
        JsonObject achievement = StatusLists.parse(awards.signedCredential(award.id()).orElseThrow())
                .getJsonObject("credentialSubject").getJsonObject("achievement");
        JsonObjectBuilder badge = Json.createObjectBuilder()
                .add("@context", OB2_CONTEXT)
                .add("type", "BadgeClass")
                .add("id", ob2AssertionUrl(id) + "/badge")
                .add("name", achievement.getString("name"))
                .add("description", achievement.getString("description", achievement.getString("name")))
                .add("image", awards.credentialUrl(award.id()) + ".png")
                .add("criteria", Json.createObjectBuilder()
                        .add("id", achievement.getString("id"))
                        .add("narrative", achievement.getJsonObject("criteria").getString("narrative", "")))
                .add("issuer", settings.url("/issuers/" + org.slug() + "/ob2"));
        if (achievement.containsKey("alignment")) {
            JsonArrayBuilder alignments = Json.createArrayBuilder();
            for (JsonValue v : achievement.getJsonArray("alignment")) {
                JsonObject a = v.asJsonObject();
                JsonObjectBuilder item = Json.createObjectBuilder().add("targetName", a.getString("targetName")).add("targetUrl", a.getString("targetUrl"));
                for (String key : List.of("targetDescription", "targetFramework", "targetCode")) {
                    if (a.containsKey(key)) item.add(key, a.getString(key));
                }
                alignments.add(item);
            }
            badge.add("alignment", alignments);
        }
        if (achievement.containsKey("tag")) badge.add("tags", achievement.getJsonArray("tag"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/ld+json"))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic()).body(badge.build().toString());
    }

    /** The OB 2.0 issuer profile. */
    @GetMapping(path = "/issuers/{slug}/ob2", produces = {"application/ld+json", "application/json"})
    ResponseEntity<String> ob2Issuer(@PathVariable String slug) {
        Organization org = organizations.findBySlug(slug).orElseThrow(() -> Problem.notFound("The issuer"));
        JsonObjectBuilder issuer = Json.createObjectBuilder().add("@context", OB2_CONTEXT).add("type", "Issuer")
                .add("id", settings.url("/issuers/" + slug + "/ob2")).add("name", org.name())
                .add("url", org.website() != null ? org.website() : settings.url("/issuers/" + slug));
        if (org.email() != null) issuer.add("email", org.email());
        if (org.description() != null) issuer.add("description", org.description());
        if (org.hasLogo()) issuer.add("image", settings.url("/issuers/" + slug + "/logo"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/ld+json")).body(issuer.build().toString());
    }

    /** A signed Bitstring Status List credential; short caching, so a revocation is seen within a minute. */
    @GetMapping(path = "/status/{listId:[0-9a-f-]{36}}")
    ResponseEntity<String> statusList(@PathVariable String listId, WebRequest request) {
        String list = statusLists.signedList(uuid(listId)).orElseThrow(() -> Problem.notFound("The status list"));
        String etag = "\"" + SecretTokens.hash(list).substring(0, 32) + "\"";
        if (request.checkNotModified(etag)) return null;
        return ResponseEntity.ok().contentType(VC_LD_JSON).eTag(etag)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .header("Access-Control-Allow-Origin", "*").body(list);
    }

    /** An organization's OB 3.0 1EdTech revocation list. */
    @GetMapping(path = "/status/1edtech/{slug}")
    ResponseEntity<String> revocationList(@PathVariable String slug, WebRequest request) {
        Organization org = organizations.findBySlug(slug).orElseThrow(() -> Problem.notFound("The revocation list"));
        String list = statusLists.revocationList(org).toString();
        String etag = "\"" + SecretTokens.hash(list).substring(0, 32) + "\"";
        if (request.checkNotModified(etag)) return null;
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).eTag(etag)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .header("Access-Control-Allow-Origin", "*").body(list);
    }

    /** A credential with what its images are drawn from: the awarded version's uploaded design, else the generated seal. */
    private record Baked(String credential, String name, String issuerName, Award award, Organization org, BadgeDesigns designs) {
        byte[] png() {
            return designs.png(award, org, name);
        }

        byte[] svg() {
            return designs.svg(award, org, name);
        }
    }

    /**
     * The award, if the pictures people look at (certificate, shared image) may be shown to the current visitor: a
     * private badge's are as absent as its page, except to its holder and the issuer's staff. The signed documents
     * themselves stay at their unguessable addresses, for the holder's own wallets and verifiers.
     */
    private Award shown(Award award) {
        if (!visibility.maySee(io.guildmark.app.shared.CurrentActor.find().orElse(null), award)) throw notFound();
        return award;
    }

    private Baked baked(String id) {
        Award award = awards.find(uuid(id)).orElseThrow(CredentialDocuments::notFound);
        String credential = awards.signedCredential(award.id()).orElseThrow();
        Organization org = organizations.findById(award.organizationId()).orElseThrow();
        String name = StatusLists.parse(credential).getString("name", "Badge");
        return new Baked(credential, name, org.name(), award, org, designs);
    }

    private String ob2AssertionUrl(String id) {
        return awards.credentialUrl(uuid(id)) + "/ob2";
    }

    private static ResponseEntity<String> immutable(String body, MediaType type, WebRequest request) {
        String etag = "\"" + SecretTokens.hash(body).substring(0, 32) + "\"";
        if (request.checkNotModified(etag)) return null;
        return ResponseEntity.ok().contentType(type).eTag(etag)
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .header("Access-Control-Allow-Origin", "*").body(body);
    }

    private static ResponseEntity<byte[]> image(byte[] bytes, MediaType type, String filename) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + filename + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .body(bytes);
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static Problem notFound() {
        return Problem.notFound("The credential");
    }

}
