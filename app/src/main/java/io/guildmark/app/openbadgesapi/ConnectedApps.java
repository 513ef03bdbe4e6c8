package io.guildmark.app.openbadgesapi;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.Problem;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The person's side of the OAuth flow: the consent page the authorization server sends them to (the app's name and
 * address, and each scope in plain words), and the connected apps page where they see what they allowed, since when,
 * and revoke it (the app's authorizations and tokens go at once: the API checks every token against them).
 */
@Controller
class ConnectedApps {

    /** An app the person allowed. */
    record App(String registeredClientId, String name, @Nullable String uri, List<String> scopes, @Nullable Instant since) {}

    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;
    private final JdbcClient db;

    ConnectedApps(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents, JdbcClient db) {
        this.clients = clients;
        this.consents = consents;
        this.db = db;
    }

    @GetMapping("/oauth2/consent")
    String consent(@RequestParam(name = "client_id", defaultValue = "") String clientId, @RequestParam(defaultValue = "") String scope,
            @RequestParam(defaultValue = "") String state, Model model, HttpServletResponse response) {
        String person = CurrentActor.person().orElseThrow().userId().toString();
        RegisteredClient client = clientId.length() > 100 ? null : clients.findByClientId(clientId);
        if (client == null || state.isEmpty() || state.length() > 500) throw Problem.notFound("The app asking for access");
        OAuth2AuthorizationConsent earlier = consents.findById(client.getId(), person);
        Set<String> granted = earlier == null ? Set.of() : earlier.getScopes();
        List<String[]> asked = new ArrayList<>();
        List<String[]> already = new ArrayList<>();
        for (String s : new LinkedHashSet<>(Arrays.asList(scope.split(" ")))) {
            if (!client.getScopes().contains(s)) continue; // the authorization server has refused anything else already
            (granted.contains(s) ? already : asked).add(new String[] {s, Scopes.plainWords(s)});
        }
        model.addAttribute("clientId", client.getClientId());
        model.addAttribute("clientName", client.getClientName());
        model.addAttribute("clientUri", db.sql("select client_uri from oauth2_client_details where registered_client_id = ?")
                .param(client.getId()).query(String.class).optional().orElse(null));
        model.addAttribute("redirectHosts", client.getRedirectUris().stream().map(ConnectedApps::origin).distinct().toList());
        model.addAttribute("state", state);
        model.addAttribute("asked", asked);
        model.addAttribute("already", already);
        // The answer goes to the authorization server, which redirects to the app: the page's form-action must allow
        // the app's registered addresses, or the browser stops the redirect.
        StringBuilder formAction = new StringBuilder("'self'");
        client.getRedirectUris().stream().map(ConnectedApps::origin).distinct().forEach(o -> formAction.append(' ').append(o));
        response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action " + formAction);
        return "openbadgesapi/consent";
    }

    private static String origin(String uri) {
        URI u = URI.create(uri);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    @GetMapping("/account/apps")
    String apps(Model model) {
        model.addAttribute("apps", mine(CurrentActor.person().orElseThrow().userId().toString()));
        return "openbadgesapi/apps";
    }

    List<App> mine(String person) {
        return db.sql("""
                select c.id, c.client_name, d.client_uri, k.authorities, k.granted_at from oauth2_authorization_consent k
                  join oauth2_registered_client c on c.id = k.registered_client_id
                  left join oauth2_client_details d on d.registered_client_id = c.id
                where k.principal_name = ? order by k.granted_at desc""")
                .param(person)
                .query((rs, n) -> new App(rs.getString(1), rs.getString(2), rs.getString(3),
                        Arrays.stream(rs.getString(4).split(",")).map(a -> a.replaceFirst("^SCOPE_", "")).map(Scopes::plainWords).toList(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list();
    }

    @PostMapping("/account/apps/{id}/revoke")
    @Transactional
    String revoke(@PathVariable String id, RedirectAttributes redirect) {
        String person = CurrentActor.person().orElseThrow().userId().toString();
        String name = db.sql("select client_name from oauth2_registered_client where id = ?").param(id).query(String.class).optional().orElse("The app");
        int consentsRemoved = db.sql("delete from oauth2_authorization_consent where registered_client_id = ? and principal_name = ?")
                .params(id, person).update();
        int authorizationsRemoved = db.sql("delete from oauth2_authorization where registered_client_id = ? and principal_name = ?")
                .params(id, person).update();
        if (consentsRemoved + authorizationsRemoved == 0) throw Problem.notFound("The connected app");
        redirect.addFlashAttribute("notice", name + " can no longer reach your account; its tokens stopped working.");
        return "redirect:/account/apps";
    }
}
