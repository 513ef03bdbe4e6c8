package io.guildmark.app.openbadgesapi;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/** An organization's OAuth client-credentials clients, for administrators: register (the secret once), list, revoke. */
@ApiController
@Tag(name = "Organizations")
class OrganizationClientApi {

    record Register(@Nullable String name, @Nullable List<String> scopes) {}

    record Registered(UUID id, String name, String clientId, String clientSecret, List<String> scopes, String tokenUrl, Instant createdAt) {}

    private final OrganizationClients clients;
    private final GuildmarkSettings settings;

    OrganizationClientApi(OrganizationClients clients, GuildmarkSettings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    @PostMapping("/api/v1/organizations/{slug}/oauth-clients")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register an OAuth 2.0 client-credentials client for the organization's systems; body {name, scopes: "
            + "[\"vc-api:issue\", \"vc-api:status\"]} (default vc-api:issue). The secret is shown only in this response. "
            + "Get a token with POST /oauth2/token grant_type=client_credentials (client_secret_basic or client_secret_post). "
            + "Needs MANAGE_API_KEYS; at most 20 active clients")
    Registered register(@PathVariable String slug, @RequestBody(required = false) @Nullable Register body) {
        OrganizationClients.NewClient made = clients.register(CurrentActor.get(), slug, body == null ? null : body.name(),
                body == null ? null : body.scopes());
        var c = made.client();
        return new Registered(c.id(), c.name(), c.clientId(), made.secret(), c.scopes(), OAuthServer.issuer(settings) + "/oauth2/token",
                c.createdAt());
    }

    @GetMapping("/api/v1/organizations/{slug}/oauth-clients")
    @Operation(summary = "The organization's OAuth clients, newest first, 20 a page (page from 0); never their secrets")
    OrganizationClients.Page list(@PathVariable String slug, @RequestParam(defaultValue = "0") int page) {
        return clients.list(CurrentActor.get(), slug, page);
    }

    @DeleteMapping("/api/v1/organizations/{slug}/oauth-clients/{id}")
    @Operation(summary = "Revoke an OAuth client: its secret and every token it holds stop working at once")
    ResponseEntity<Void> revoke(@PathVariable String slug, @PathVariable UUID id) {
        clients.revoke(CurrentActor.get(), slug, id);
        return ResponseEntity.noContent().build();
    }
}
