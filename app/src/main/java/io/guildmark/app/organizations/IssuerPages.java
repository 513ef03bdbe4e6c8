package io.guildmark.app.organizations;

import java.time.Duration;

import io.guildmark.app.shared.FileStore;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.PublicPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** An organization's public face: its profile page and logo. */
@Controller
class IssuerPages {

    private final Organizations organizations;
    private final FileStore files;
    private final PublicPages pages;
    private final Partnerships partnerships;
    /** How long a partner's renamed organization or new logo may take to show on this page. */
    static final Duration PARTNER_NAMES_AT_MOST = Duration.ofMinutes(1);

    IssuerPages(Organizations organizations, FileStore files, PublicPages pages, Partnerships partnerships) {
        this.partnerships = partnerships;
        this.pages = pages;
        this.organizations = organizations;
        this.files = files;
    }

    @GetMapping(path = "/issuers/{slug}", produces = MediaType.TEXT_HTML_VALUE)
    Object profile(@PathVariable String slug, Model model, HttpServletRequest request, HttpServletResponse response) {
        // One query is the page's version (the organization's row and a stamp of its partnerships); a partner's own
        // name or logo is what it does not see, so the version also changes each minute. A saved page costs just that.
        Partnerships.PageStamp stamp = partnerships.pageStamp(slug).orElseThrow(() -> Problem.notFound("The organization"));
        Object version = java.util.List.of(stamp, System.currentTimeMillis() / PARTNER_NAMES_AT_MOST.toMillis());
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        var saved = pages.saved(request, "organizations/issuer", version);
        if (saved != null) return saved;
        Organization org = stamp.org();
        model.addAttribute(io.guildmark.app.shared.PageModel.READ_ONLY_PAGE, true);
        model.addAttribute("org", org);
        return pages.page(request, response, model, "organizations/issuer", version, () -> {
            // Read after the stamp, so what is rendered is at least as new as the version it is saved under.
            model.addAttribute("partners", org.issues() ? partnerships.activePartnersOf(org.id()) : java.util.List.<Partnerships.Partnership>of());
            model.addAttribute("programs", org.employs() ? partnerships.activeProgramsOf(org.id()) : java.util.List.<Partnerships.Partnership>of());
        });
    }

    @GetMapping("/issuers/{slug}/logo")
    ResponseEntity<byte[]> logo(@PathVariable String slug) {
        Organization org = organizations.findBySlug(slug).filter(Organization::hasLogo)
                .orElseThrow(() -> Problem.notFound("The logo"));
        byte[] content = files.get(org.logoKey()).orElseThrow(() -> Problem.notFound("The logo"));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(org.logoContentType()))
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(10)).cachePublic())
                .header("X-Content-Type-Options", "nosniff")
                // An SVG opened on its own must not run anything, even if a check were ever missed.
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
                .body(content);
    }
}
