package io.guildmark.app.issuing;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** Domain control (DIF Well Known DID Configuration) for an organization's managers and API keys with that right. */
@ApiController
@Tag(name = "Issuer domains", description = "Prove control of a web domain with a DIF Well Known DID Configuration")
class DomainApi {

    record CheckDomain(@Nullable String domain) {}

    private final IssuerDomains domains;

    DomainApi(IssuerDomains domains) {
        this.domains = domains;
    }

    @GetMapping("/api/v1/organizations/{slug}/domain")
    @Operation(summary = "The organization's domain: which, whether verified, when checked, why a re-check failed")
    IssuerDomains.DomainState state(@PathVariable String slug) {
        return domains.state(CurrentActor.get(), slug).orElseThrow(() -> Problem.notFound("A checked domain"));
    }

    @GetMapping("/api/v1/organizations/{slug}/domain/did-configuration.json")
    @Operation(summary = "A did-configuration.json with a Domain Linkage Credential for the domain, to publish at "
            + "https://{domain}/.well-known/did-configuration.json")
    ResponseEntity<byte[]> configuration(@PathVariable String slug, @RequestParam(required = false) @Nullable String domain) {
        return DomainPages.attachment(domains.configurationFile(CurrentActor.get(), slug, domain));
    }

    @PostMapping("/api/v1/organizations/{slug}/domain/check")
    @Operation(summary = "Fetch and verify https://{domain}/.well-known/did-configuration.json; 422 domain-not-verified says why it failed")
    IssuerDomains.DomainState check(@PathVariable String slug, @RequestBody(required = false) @Nullable CheckDomain body) {
        return domains.check(CurrentActor.get(), slug, body == null ? null : body.domain());
    }
}
