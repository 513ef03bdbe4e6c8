package io.guildmark.app.organizations;

import java.net.URI;
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
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

@ApiController
@RequestMapping("/api/v1/organizations")
@Tag(name = "Organizations", description = "Organizations, their members and API keys")
class OrganizationApi {

    record CreateOrganization(String slug, String name, @Nullable String url, @Nullable String email, @Nullable String description,
            @Nullable String kind) {}

    record UpdateOrganization(@Nullable String name, @Nullable String url, @Nullable String email, @Nullable String description,
            @Nullable String revocationMethod) {}

    record OrganizationResponse(UUID id, String slug, String name, @Nullable String description, @Nullable String url,
            @Nullable String email, @Nullable String image, String issuerUrl, String did, String revocationMethod, Instant createdAt, String kind) {}

    record CreateApiKey(String name) {}

    record ApiKeyCreated(UUID id, String name, String prefix, String key, Instant createdAt) {}

    record Invite(String email, String role) {}

    record MemberResponse(UUID userId, String name, String email, List<String> roles) {}

    record SetRoles(List<String> roles) {}

    private final Organizations organizations;
    private final ApiKeys apiKeys;
    private final Members members;
    private final GuildmarkSettings settings;

    OrganizationApi(Organizations organizations, ApiKeys apiKeys, Members members, GuildmarkSettings settings) {
        this.organizations = organizations;
        this.apiKeys = apiKeys;
        this.members = members;
        this.settings = settings;
    }

    @PostMapping
    @Operation(summary = "Create an organization (platform administrator)")
    ResponseEntity<OrganizationResponse> create(@RequestBody CreateOrganization body) {
        Organization org = organizations.create(CurrentActor.get(), body.slug(),
                new Organizations.Profile(body.name(), body.description(), body.url(), body.email()), Organization.Kind.parse(body.kind()));
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + org.slug())).body(response(org));
    }

    @GetMapping("/{slug}")
    OrganizationResponse get(@PathVariable String slug) {
        return response(organizations.require(CurrentActor.get(), slug, Permission.VIEW));
    }

    @PatchMapping("/{slug}")
    @Operation(summary = "Change the profile (fields left out keep their value) or the revocation method")
    OrganizationResponse update(@PathVariable String slug, @RequestBody UpdateOrganization body) {
        Organization current = organizations.require(CurrentActor.get(), slug, Permission.MANAGE_ORGANIZATION);
        if (body.revocationMethod() != null && !Organizations.REVOCATION_METHODS.contains(body.revocationMethod())) {
            throw io.guildmark.app.shared.Problem.invalidField("revocationMethod", "Choose BitstringStatusList or 1EdTechRevocationList.");
        }
        boolean profileChanged = body.name() != null || body.url() != null || body.email() != null || body.description() != null;
        Organization org = current;
        if (profileChanged) {
            org = organizations.updateProfile(CurrentActor.get(), slug, new Organizations.Profile(
                    body.name() != null ? body.name() : current.name(),
                    body.description() != null ? body.description() : current.description(),
                    body.url() != null ? body.url() : current.website(),
                    body.email() != null ? body.email() : current.email()));
        }
        if (body.revocationMethod() != null) org = organizations.setRevocationMethod(CurrentActor.get(), slug, body.revocationMethod());
        return response(org);
    }

    @PutMapping(path = "/{slug}/logo", consumes = {"image/png", "image/jpeg", "image/svg+xml", "application/octet-stream"})
    @Operation(summary = "Replace the logo (PNG, JPEG or SVG, at most 2 MB)")
    OrganizationResponse logo(@PathVariable String slug, @RequestBody byte[] content) {
        return response(organizations.setLogo(CurrentActor.get(), slug, content));
    }

    @PostMapping("/{slug}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an API key; the key is shown only in this response")
    ApiKeyCreated createKey(@PathVariable String slug, @RequestBody CreateApiKey body) {
        ApiKeys.NewApiKey created = apiKeys.create(CurrentActor.get(), slug, body.name());
        return new ApiKeyCreated(created.key().id(), created.key().name(), created.key().prefix(), created.secret(),
                created.key().createdAt());
    }

    record LinkedIn(@org.jspecify.annotations.Nullable String organizationId) {}

    @PutMapping("/{slug}/linkedin")
    @Operation(summary = "Set (digits) or clear (null or empty) the organization's LinkedIn company page id, which \"Add to "
            + "LinkedIn profile\" links then carry as organizationId; needs MANAGE_ORGANIZATION")
    LinkedIn setLinkedIn(@PathVariable String slug, @RequestBody LinkedIn body) {
        organizations.setLinkedInOrganizationId(CurrentActor.get(), slug, body == null ? null : body.organizationId());
        Organization org = organizations.require(CurrentActor.get(), slug, Permission.MANAGE_ORGANIZATION);
        return new LinkedIn(organizations.linkedInOrganizationId(org.id()).orElse(null));
    }

    @GetMapping("/{slug}/api-keys")
    List<ApiKeys.ApiKey> keys(@PathVariable String slug) {
        return apiKeys.list(CurrentActor.get(), slug);
    }

    @DeleteMapping("/{slug}/api-keys/{keyId}")
    ResponseEntity<Void> revokeKey(@PathVariable String slug, @PathVariable UUID keyId) {
        apiKeys.revoke(CurrentActor.get(), slug, keyId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{slug}/members")
    List<MemberResponse> members(@PathVariable String slug) {
        return members.list(CurrentActor.get(), slug).stream()
                .map(m -> new MemberResponse(m.userId(), m.name(), m.email(), m.roles().stream().map(Role::id).toList()))
                .toList();
    }

    @PutMapping("/{slug}/members/{userId}/roles")
    ResponseEntity<Void> setRoles(@PathVariable String slug, @PathVariable UUID userId, @RequestBody SetRoles body) {
        // EnumSet.copyOf refuses an empty list; an empty set is the service's to refuse, as a field error.
        java.util.Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        if (body.roles() != null) body.roles().forEach(r -> roles.add(Role.parse(r)));
        members.setRoles(CurrentActor.get(), slug, userId, roles);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{slug}/members/{userId}")
    ResponseEntity<Void> removeMember(@PathVariable String slug, @PathVariable UUID userId) {
        members.remove(CurrentActor.get(), slug, userId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{slug}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    Members.Invitation invite(@PathVariable String slug, @RequestBody Invite body) {
        return members.invite(CurrentActor.get(), slug, body.email(), Role.parse(body.role() == null ? "" : body.role()));
    }

    private OrganizationResponse response(Organization org) {
        String issuerUrl = settings.url("/issuers/" + org.slug());
        return new OrganizationResponse(org.id(), org.slug(), org.name(), org.description(), org.website(), org.email(),
                org.hasLogo() ? issuerUrl + "/logo" : null, issuerUrl, Issuers.did(settings, org.slug()), org.revocationMethod(), org.createdAt(),
                org.kind().id());
    }
}
