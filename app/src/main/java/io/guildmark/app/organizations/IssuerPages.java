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

    IssuerPages(Organizations organizations, FileStore files, PublicPages pages, Partnerships partnerships) {
        this.partnerships = partnerships;
        this.pages = pages;
        this.organizations = organizations;
        this.files = files;
    }

    @GetMapping(path = "/issuers/{slug}", produces = MediaType.TEXT_HTML_VALUE)
    Object profile(@PathVariable String slug, Model model, HttpServletRequest request, HttpServletResponse response) {
        Organization org = organizations.findBySlug(slug).orElseThrow(() -> Problem.notFound("The organization"));
        var partners = org.issues() ? partnerships.activePartnersOf(org.id()) : java.util.List.<Partnerships.Partnership>of();
        var programs = org.employs() ? partnerships.activeProgramsOf(org.id()) : java.util.List.<Partnerships.Partnership>of();
        model.addAttribute("org", org);
        model.addAttribute("partners", partners);
        model.addAttribute("programs", programs);
        model.addAttribute(io.guildmark.app.shared.PageModel.READ_ONLY_PAGE, true);
        // The organization's row and its partnerships are all the page shows: they are the page's version.
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        return pages.page(request, response, model, "organizations/issuer", java.util.List.of(org, partners, programs));
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
