package io.guildmark.app.issuing;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The share buttons' own redirect (counts the click, then sends the visitor to the network) and the oEmbed endpoint
 * (https://oembed.com) that badge pages advertise, answering a {@code rich} card for an embeddable badge.
 */
@Controller
class SharingEndpoints {

    /** Longest {@code url} parameter taken; a badge page's address is far shorter. */
    static final int MAX_URL = 2048;
    /** oEmbed's maxwidth/maxheight are taken between 1 and this. */
    static final int MAX_DIMENSION = 10_000;

    private static final Pattern BADGE_PATH = Pattern.compile("/credentials/([0-9a-fA-F-]{36})/?");

    private final Awards awards;
    private final Organizations organizations;
    private final BadgeSharing sharing;
    private final BadgeAudience audience;
    private final GuildmarkSettings settings;
    private final ProblemWriter problems;

    SharingEndpoints(Awards awards, Organizations organizations, BadgeSharing sharing, BadgeAudience audience, GuildmarkSettings settings,
            ProblemWriter problems) {
        this.awards = awards;
        this.organizations = organizations;
        this.sharing = sharing;
        this.audience = audience;
        this.settings = settings;
        this.problems = problems;
    }

    /** A share button: counted (not for the holder's own clicks or crawlers), then on to the network's own address. */
    @GetMapping("/credentials/{id}/share/{network}")
    ResponseEntity<Void> share(@PathVariable String id, @PathVariable String network, HttpServletRequest request) {
        ShareNetwork target = ShareNetwork.ofSlug(network);
        if (target == null) throw Problem.notFound("That way of sharing");
        Award award = awards.find(CredentialDocuments.uuid(id)).orElseThrow(() -> Problem.notFound("The credential"));
        Organization org = organizations.findById(award.organizationId()).orElseThrow();
        if (!BadgeAudience.bot(request.getHeader(HttpHeaders.USER_AGENT)) && !BadgeSharing.holderLooking(award)) {
            audience.shared(award.id(), target);
        }
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(target.target(sharing.badge(award, org))))
                .cacheControl(CacheControl.noStore()).build();
    }

    /** oEmbed: {@code url} must be one of our badge pages; only JSON is offered (XML answers 501, as the spec says). */
    @GetMapping("/oembed")
    @Nullable ResponseEntity<Map<String, Object>> oembed(@RequestParam(required = false) @Nullable String url,
            @RequestParam(required = false) @Nullable String format, @RequestParam(required = false) @Nullable String maxwidth,
            @RequestParam(required = false) @Nullable String maxheight, HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (format != null && !format.equals("json")) {
                problems.write(response, problems.detail(HttpStatus.NOT_IMPLEMENTED, "oembed-format",
                        "Only format=json is offered.", List.of(), request));
                return null;
            }
            if (url == null || url.isBlank()) throw Problem.invalidField("url", "Give the badge page's address as url.");
            if (url.length() > MAX_URL) throw Problem.invalidField("url", "The url is longer than " + MAX_URL + " characters.");
            int width = dimension("maxwidth", maxwidth, BadgeSharing.EMBED_WIDTH);
            int height = dimension("maxheight", maxheight, BadgeSharing.EMBED_HEIGHT);
            Optional<UUID> id = badgeId(url);
            if (id.isEmpty()) throw Problem.notFound("A badge page at that url");
            Award award = awards.find(id.get()).orElseThrow(() -> Problem.notFound("The badge"));
            if (!sharing.embeddable(award)) {
                // oEmbed answers 401 for a resource that is not public; the detail says why in words.
                problems.write(response, problems.detail(HttpStatus.UNAUTHORIZED, "not-embeddable",
                        "This badge cannot be embedded: it was revoked, or is not public.", List.of(), request));
                return null;
            }
            Organization org = organizations.findById(award.organizationId()).orElseThrow();
            String badgeUrl = sharing.url(award);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("version", "1.0");
            body.put("type", "rich");
            body.put("title", award.achievementName() + " — " + award.recipientName());
            body.put("author_name", award.recipientName());
            body.put("provider_name", org.name());
            body.put("provider_url", settings.url("/issuers/" + org.slug()));
            body.put("cache_age", 300);
            body.put("html", sharing.embed(award, org, width));
            body.put("width", width);
            body.put("height", height);
            // The Open Graph picture is 1200×630; offered only when it fits the consumer's maximum, as the spec asks.
            if (maxwidth == null && maxheight == null) {
                body.put("thumbnail_url", badgeUrl + "/og.png");
                body.put("thumbnail_width", 1200);
                body.put("thumbnail_height", 630);
            }
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic()).body(body);
        } catch (Problem problem) {
            problems.write(request, response, problem);
            return null;
        }
    }

    /** The award a badge-page address of this platform names: exactly our base URL, then /credentials/{id}. */
    Optional<UUID> badgeId(String url) {
        String base = settings.url("/");
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (!url.startsWith(base + "/")) return Optional.empty();
        Matcher m = BADGE_PATH.matcher(url.substring(base.length()));
        if (!m.matches()) return Optional.empty();
        try {
            return Optional.of(UUID.fromString(m.group(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int dimension(String name, @Nullable String value, int preferred) {
        if (value == null || value.isBlank()) return preferred;
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw Problem.invalidField(name, name + " must be a whole number of pixels.");
        }
        if (n < 1 || n > MAX_DIMENSION) throw Problem.invalidField(name, name + " must be between 1 and " + MAX_DIMENSION + ".");
        return Math.min(n, preferred);
    }
}
