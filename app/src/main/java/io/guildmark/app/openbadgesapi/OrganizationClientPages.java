package io.guildmark.app.openbadgesapi;

import java.util.UUID;

import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrator's page for the organization's OAuth clients, next to its API keys. */
@Controller
class OrganizationClientPages {

    private final OrganizationClients clients;
    private final Organizations organizations;
    private final GuildmarkSettings settings;

    OrganizationClientPages(OrganizationClients clients, Organizations organizations, GuildmarkSettings settings) {
        this.clients = clients;
        this.organizations = organizations;
        this.settings = settings;
    }

    @GetMapping("/organizations/{slug}/oauth-clients")
    String list(@PathVariable String slug, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("org", organizations.require(CurrentActor.get(), slug, Permission.MANAGE_API_KEYS));
        model.addAttribute("tab", "api-keys");
        model.addAttribute("clients", clients.list(CurrentActor.get(), slug, page));
        model.addAttribute("scopes", OrganizationClients.SCOPES);
        model.addAttribute("tokenUrl", OAuthServer.issuer(settings) + "/oauth2/token");
        return "openbadgesapi/organization-clients";
    }

    @PostMapping("/organizations/{slug}/oauth-clients")
    String register(@PathVariable String slug, @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) java.util.List<String> scopes, RedirectAttributes redirect) {
        try {
            OrganizationClients.NewClient made = clients.register(CurrentActor.get(), slug, name, scopes);
            // Only strings in the flash: sessions live in the database and hold serializable values only.
            redirect.addFlashAttribute("newClientId", made.client().clientId());
            redirect.addFlashAttribute("newClientSecret", made.secret());
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
        }
        return "redirect:/organizations/" + slug + "/oauth-clients";
    }

    @PostMapping("/organizations/{slug}/oauth-clients/{id}/revoke")
    String revoke(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        clients.revoke(CurrentActor.get(), slug, id);
        redirect.addFlashAttribute("notice", "The client is revoked; its secret and tokens no longer work.");
        return "redirect:/organizations/" + slug + "/oauth-clients";
    }
}
