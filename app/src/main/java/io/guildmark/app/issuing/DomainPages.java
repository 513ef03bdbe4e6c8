package io.guildmark.app.issuing;

import java.nio.charset.StandardCharsets;

import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FormActions;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The domain section of an organization's settings page: download the {@code did-configuration.json} to publish, then
 * ask for a check. The section itself is drawn by the settings page from {@code ${@issuerDomains.stateOf(org)}}.
 */
@Controller
class DomainPages {

    private final IssuerDomains domains;

    DomainPages(IssuerDomains domains) {
        this.domains = domains;
    }

    @GetMapping("/organizations/{slug}/domain/did-configuration.json")
    ResponseEntity<byte[]> download(@PathVariable String slug, @RequestParam(required = false) @Nullable String domain) {
        return attachment(domains.configurationFile(CurrentActor.get(), slug, domain));
    }

    @PostMapping("/organizations/{slug}/domain/check")
    String check(@PathVariable String slug, @RequestParam(required = false) @Nullable String domain, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            IssuerDomains.DomainState state = domains.check(CurrentActor.get(), slug, domain);
            return "Verified: your organization controls " + state.domain() + ". Verifiers now say so next to your badges.";
        });
        return "redirect:/organizations/" + slug + "/settings#domain";
    }

    static ResponseEntity<byte[]> attachment(String json) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("did-configuration.json").build().toString())
                .body(json.getBytes(StandardCharsets.UTF_8));
    }
}
