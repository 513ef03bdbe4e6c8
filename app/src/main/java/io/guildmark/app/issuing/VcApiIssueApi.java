package io.guildmark.app.issuing;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.verification.VcApiBody;
import io.guildmark.credentials.proof.EddsaJcs2022;
import io.guildmark.credentials.proof.EddsaRdfc2022;
import io.guildmark.credentials.status.StatusPurpose;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The W3C VC-API issuer of an organization, for its own systems: {@code POST .../vc-api/credentials/issue}
 * {@code {credential, options}} → 201 {@code {verifiableCredential}}. Authenticated by an API key of the organization,
 * or by an OAuth client-credentials token of one of its clients (scopes {@code vc-api:issue}, {@code vc-api:status};
 * see openbadgesapi's {@code OrganizationClients}), which stands for the same kind of {@code Actor}, so nothing here
 * tells them apart. The rules are {@link VcApiIssuer}'s.
 */
@ApiController
@Tag(name = "W3C VC-API", description = "Verify any W3C Verifiable Credential or Presentation (eddsa-rdfc-2022, VC-JWT)")
class VcApiIssueApi {

    record UpdateSettings(@Nullable Boolean didKeyIssuer) {}

    private final VcApiIssuer issuer;

    /** What {@code options.cryptosuite} may ask for; the first is the default. */
    private static final List<String> CRYPTOSUITES = List.of(EddsaRdfc2022.CRYPTOSUITE, EddsaJcs2022.CRYPTOSUITE);

    VcApiIssueApi(VcApiIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping(path = "/api/v1/organizations/{slug}/vc-api/credentials/issue", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "W3C VC-API: sign a credential the organization composed (its own key). Body {credential, "
            + "options: {credentialStatus: {type: \"BitstringStatusListEntry\", statusPurpose: \"revocation\"}, "
            + "cryptosuite: \"eddsa-rdfc-2022\" (default) | \"eddsa-jcs-2022\"}}; the issuer "
            + "must be the organization's DID; 201 {verifiableCredential}; 400 for anything the rules refuse. At most 1 MB.")
    ResponseEntity<String> issue(@PathVariable String slug, HttpServletRequest request) throws IOException {
        JsonObject body = VcApiBody.read(request);
        JsonObject options = VcApiBody.options(body);
        if (!(body.get("credential") instanceof JsonObject credential)) {
            throw Problem.invalidField("credential", "Send the credential to sign as a JSON object, credential.");
        }
        String statusPurpose = null;
        JsonValue status = options.get("credentialStatus");
        if (status != null && status != JsonValue.NULL) {
            if (!(status instanceof JsonObject requested) || !"BitstringStatusListEntry".equals(VcApiBody.stringOption(requested, "type"))) {
                throw Problem.invalidField("options.credentialStatus", "options.credentialStatus must be {\"type\": "
                        + "\"BitstringStatusListEntry\"}, with an optional statusPurpose \"revocation\" or \"suspension\".");
            }
            statusPurpose = requested.containsKey("statusPurpose") ? VcApiBody.stringOption(requested, "statusPurpose") : "revocation";
        }
        String asked = VcApiBody.stringOption(options, "cryptosuite");
        String cryptosuite = asked != null ? asked : CRYPTOSUITES.get(0);
        if (!CRYPTOSUITES.contains(cryptosuite)) {
            throw Problem.invalidField("options.cryptosuite", "options.cryptosuite must be one of " + String.join(", ", CRYPTOSUITES)
                    + " (default " + CRYPTOSUITES.get(0) + ").");
        }
        JsonObject signed = issuer.issue(CurrentActor.get(), slug, credential, statusPurpose,
                cryptosuite.equals(EddsaJcs2022.CRYPTOSUITE));
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                .body("{\"verifiableCredential\":" + signed + "}");
    }

    @PostMapping("/api/v1/organizations/{slug}/vc-api/credentials/status")
    @Operation(summary = "W3C VC-API: change the status of a credential issued here with a status entry. Body {credentialId, "
            + "credentialStatus: {type: \"BitstringStatusListEntry\", statusPurpose: \"revocation\"|\"suspension\", status: true|false}} "
            + "(status true revokes or suspends, false clears; default true); 200; 404 when no such credential has a status "
            + "entry of that purpose")
    Map<String, Object> updateStatus(@PathVariable String slug, HttpServletRequest request) throws IOException {
        JsonObject body = VcApiBody.read(request);
        String credentialId = VcApiBody.stringOption(body, "credentialId");
        if (credentialId == null) throw Problem.invalidField("credentialId", "Give the id of the credential.");
        if (!(body.get("credentialStatus") instanceof JsonObject status)
                || !"BitstringStatusListEntry".equals(VcApiBody.stringOption(status, "type"))) {
            throw Problem.invalidField("credentialStatus", "credentialStatus must be {\"type\": \"BitstringStatusListEntry\", "
                    + "\"statusPurpose\": \"revocation\"} (or \"suspension\").");
        }
        String asked = status.containsKey("statusPurpose") ? VcApiBody.stringOption(status, "statusPurpose") : "revocation";
        StatusPurpose purpose = StatusPurpose.fromValue(asked).orElseThrow(() -> Problem.invalidField(
                "credentialStatus.statusPurpose", "statusPurpose must be revocation or suspension."));
        JsonValue value = status.get("status");
        if (value != null && value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw Problem.invalidField("credentialStatus.status", "status must be true (revoked or suspended) or false (active).");
        }
        boolean set = value != JsonValue.FALSE;
        issuer.updateStatus(CurrentActor.get(), slug, credentialId, purpose, set);
        return Map.of("credentialId", credentialId, "status", !set ? "active"
                : purpose == StatusPurpose.SUSPENSION ? "suspended" : "revoked");
    }

    @GetMapping("/api/v1/organizations/{slug}/vc-api/settings")
    @Operation(summary = "The organization's VC-API issuer identifiers: its did:web, and its did:key when it chose to issue as one")
    Map<String, Object> settings(@PathVariable String slug) {
        return VcApiIssuer.body(issuer.settings(CurrentActor.get(), slug));
    }

    @PutMapping("/api/v1/organizations/{slug}/vc-api/settings")
    @Operation(summary = "Choose whether the VC-API issuer may also sign as the organization's did:key (for test suites and "
            + "wallets that resolve no did:web); body {didKeyIssuer: true|false}; needs MANAGE_ORGANIZATION")
    Map<String, Object> updateSettings(@PathVariable String slug, @RequestBody UpdateSettings body) {
        if (body == null || body.didKeyIssuer() == null) throw Problem.invalidField("didKeyIssuer", "Give didKeyIssuer: true or false.");
        return VcApiIssuer.body(issuer.updateSettings(CurrentActor.get(), slug, body.didKeyIssuer()));
    }
}
