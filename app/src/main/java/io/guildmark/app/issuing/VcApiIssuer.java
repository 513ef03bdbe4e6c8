package io.guildmark.app.issuing;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.Problem;
import io.guildmark.credentials.proof.ProofException;
import io.guildmark.credentials.status.StatusPurpose;
import io.guildmark.credentials.schema.Ob3Schemas;
import io.guildmark.credentials.schema.SchemaError;
import io.guildmark.app.verification.SafeDocumentFetcher;
import io.guildmark.credentials.verify.RelatedResources;
import io.guildmark.credentials.verify.VcDataModel;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The W3C VC-API issuer: signs a credential an organization composed itself, with its own key. Strict, because the
 * platform signs what the caller wrote:
 * <ul>
 *   <li>the caller needs the {@code ISSUE} permission in the organization, and the organization the operator's approval;</li>
 *   <li>{@code issuer} must be the organization's {@code did:web} (or its {@code did:key}, when it chose that option), as a
 *   string or an object with only {@code id}, {@code type} and a {@code name} equal to the organization's name (as its
 *   did:key, which is no public identity on the platform, also any {@code name} and {@code description});</li>
 *   <li>the caller may set every other member of the credential, except {@code proof} (the platform signs) and a
 *   {@code credentialStatus} of the platform's own kinds, {@code BitstringStatusListEntry} or
 *   {@code 1EdTechRevocationList} (the platform allocates an entry in its own list when {@code options.credentialStatus}
 *   asks for one; a status of another scheme is the caller's own and is signed as written);</li>
 *   <li>the credential must follow the VC data model ({@link VcDataModel}), use only contexts the platform knows, define
 *   every term (JSON-LD safe mode), and an Open Badge ({@code AchievementCredential}/{@code OpenBadgeCredential}) must
 *   match the OB 3.0 JSON Schema;</li>
 *   <li>every {@code relatedResource} must match its digest ({@link RelatedResources}; retrieved through the verifier's
 *   SSRF-guarded fetcher);</li>
 *   <li>{@code validFrom} (VCDM 2.0) or {@code issuanceDate} (1.1) is set to now when absent.</li>
 * </ul>
 */
@Service
class VcApiIssuer {

    private static final String DATA_INTEGRITY = "https://w3id.org/security/data-integrity/v2";
    private static final Set<String> ISSUER_MEMBERS = Set.of("id", "type", "name");
    private static final Set<String> DID_KEY_ISSUER_MEMBERS = Set.of("id", "type", "name", "description");
    private static final Set<String> OPEN_BADGE_TYPES = Set.of("AchievementCredential", "OpenBadgeCredential");
    /** The status schemes the platform runs: only it adds their entries, in its own lists. */
    private static final List<String> PLATFORM_STATUS_TYPES = List.of("BitstringStatusListEntry", "1EdTechRevocationList");

    /** The organization's VC-API settings. */
    record Settings(boolean didKeyIssuer, String didWeb, @Nullable String didKey) {}

    private final Organizations organizations;
    private final IssuerKeys keys;
    private final StatusLists statusLists;
    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final java.time.Clock clock;
    private final RelatedResources relatedResources;

    VcApiIssuer(Organizations organizations, IssuerKeys keys, StatusLists statusLists, JdbcClient db,
            TransactionTemplate transactions, java.time.Clock clock, SafeDocumentFetcher fetcher) {
        this.relatedResources = new RelatedResources(fetcher::relatedResource);
        this.organizations = organizations;
        this.keys = keys;
        this.statusLists = statusLists;
        this.db = db;
        this.transactions = transactions;
        this.clock = clock;
    }

    Settings settings(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        return settings(org);
    }

    Settings updateSettings(Actor actor, String slug, boolean didKeyIssuer) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        Instant now = clock.instant();
        int updated = db.sql("update vc_api_settings set did_key_issuer = ?, updated_at = ? where organization_id = ?")
                .params(didKeyIssuer, Timestamp.from(now), org.id()).update();
        if (updated == 0) {
            db.sql("insert into vc_api_settings (organization_id, did_key_issuer, updated_at) values (?, ?, ?)")
                    .params(org.id(), didKeyIssuer, Timestamp.from(now)).update();
        }
        return settings(org);
    }

    private Settings settings(Organization org) {
        boolean didKey = db.sql("select did_key_issuer from vc_api_settings where organization_id = ?").param(org.id())
                .query(Boolean.class).optional().orElse(false);
        return new Settings(didKey, keys.did(org.slug()), didKey ? keys.didKey(org) : null);
    }

    /**
     * Signs the credential ({@code eddsa-rdfc-2022}, or {@code eddsa-jcs-2022} when {@code jcs}); with
     * {@code statusPurpose} ({@code revocation} or {@code suspension}) it gets a {@code BitstringStatusListEntry} first. Bad input is a
     * 400 problem and writes nothing.
     */
    JsonObject issue(Actor actor, String slug, JsonObject credential, @Nullable String statusPurpose, boolean jcs) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        keys.requireMayIssue(org);
        Settings settings = settings(org);
        String issuerId = issuerId(credential.get("issuer"));
        boolean asDidKey;
        if (issuerId != null && issuerId.equals(settings.didWeb())) {
            asDidKey = false;
        } else if (issuerId != null && settings.didKey() != null && issuerId.equals(settings.didKey())) {
            asDidKey = true;
        } else {
            throw Problem.invalidField("credential.issuer", "The issuer must be this organization: " + settings.didWeb()
                    + (settings.didKey() != null ? " or " + settings.didKey() : "") + ".");
        }
        if (credential.get("issuer") instanceof JsonObject issuer) {
            // As its did:web, the organization is the one the platform knows: the name it recorded, nothing else. Its
            // did:key (an option for test suites) is no public identity here, so it may describe itself.
            if (!(asDidKey ? DID_KEY_ISSUER_MEMBERS : ISSUER_MEMBERS).containsAll(issuer.keySet())) {
                throw Problem.invalidField("credential.issuer", "An issuer object may only have " + (asDidKey
                        ? "id, type, name and description." : "id, type and name."));
            }
            if (!asDidKey && issuer.containsKey("name") && !(issuer.get("name") instanceof JsonString n && n.getString().equals(org.name()))) {
                throw Problem.invalidField("credential.issuer.name", "The issuer's name must be the organization's name, "
                        + org.name() + ".");
            }
        }
        if (credential.containsKey("proof")) {
            throw Problem.invalidField("credential.proof", "Send the credential without a proof: the platform signs it.");
        }
        if (credential.containsKey("credentialStatus") && (statusPurpose != null
                || statusTypes(credential.get("credentialStatus")).stream().anyMatch(PLATFORM_STATUS_TYPES::contains))) {
            // A status scheme of the caller's own is signed as written; the platform's own are only the platform's to add.
            throw Problem.invalidField("credential.credentialStatus", "The platform adds its status entries: ask for one with "
                    + "options.credentialStatus instead of writing a " + String.join(" or ", PLATFORM_STATUS_TYPES) + ".");
        }
        List<String> shape = VcDataModel.credentialProblems(credential);
        if (!shape.isEmpty()) {
            throw new Problem(Problem.Kind.INVALID, "data-model-violation", shape.get(0), shape.stream().limit(20)
                    .map(m -> new Problem.FieldError("credential", m)).toList());
        }
        relatedResourcesMatch(credential);
        boolean v1 = VcDataModel.contexts(credential).contains(VcDataModel.V1);
        var builder = Json.createObjectBuilder(credential);
        if (v1 && !VcDataModel.contexts(credential).contains(DATA_INTEGRITY)) {
            // VCDM 1.1's context does not define the Data Integrity proof's terms: its context joins the credential's.
            var contexts = Json.createArrayBuilder(credential.get("@context") instanceof jakarta.json.JsonArray a ? a
                    : jakarta.json.JsonValue.EMPTY_JSON_ARRAY);
            if (credential.get("@context") instanceof JsonString single) contexts.add(single);
            builder.add("@context", contexts.add(DATA_INTEGRITY));
        }
        if (!credential.containsKey("validFrom") && !credential.containsKey("issuanceDate")) {
            builder.add(v1 ? "issuanceDate" : "validFrom", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        JsonObject unsigned = builder.build();
        if (VcDataModel.types(unsigned.get("type")).stream().anyMatch(OPEN_BADGE_TYPES::contains)) {
            List<SchemaError> errors = Ob3Schemas.validateAchievementCredential(unsigned);
            if (!errors.isEmpty()) {
                throw new Problem(Problem.Kind.INVALID, "schema-invalid", "The Open Badge does not match the OB 3.0 schema: "
                        + errors.get(0) + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
                        errors.stream().limit(20).map(e -> new Problem.FieldError("credential", e.toString())).toList());
            }
        }
        if (statusPurpose == null) return sign(org, unsigned, asDidKey, jcs);
        StatusPurpose purpose = StatusPurpose.fromValue(statusPurpose).orElseThrow(() -> Problem.invalidField(
                "options.credentialStatus.statusPurpose", "statusPurpose must be revocation or suspension."));
        if (asDidKey) {
            // The status list is signed as the organization's did:web; a verifier refuses a list of another issuer.
            throw Problem.invalidField("options.credentialStatus", "A status entry is offered for credentials issued as "
                    + settings.didWeb() + " only.");
        }
        // Signed once without the entry first: a credential that can't be signed never takes a status list entry.
        sign(org, unsigned, asDidKey, jcs);
        // Its status is changed later by its id: one is given when the caller gave none.
        String credentialId = unsigned.get("id") instanceof JsonString s ? s.getString() : "urn:uuid:" + UUID.randomUUID();
        JsonObject identified = Json.createObjectBuilder(unsigned).add("id", credentialId).build();
        return transactions.execute(tx -> {
            if (credentialId != null && db.sql("select count(*) from vc_api_credentials where organization_id = ? and credential_id = ?")
                    .params(org.id(), credentialId).query(Long.class).single() > 0) {
                throw Problem.conflict("credential-id-taken", "A credential with the id " + credentialId
                        + " was already issued with a status entry; give each credential its own id.");
            }
            StatusLists.Entry entry = statusLists.allocate(org, purpose);
            JsonObject signed = sign(org, Json.createObjectBuilder(identified).add("credentialStatus", entry.credentialStatus()).build(),
                    asDidKey, jcs);
            db.sql("""
                    insert into vc_api_credentials (id, organization_id, credential_id, status_list_id, status_index, issued_at)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), org.id(), credentialId,
                            entry.listId(), entry.index(), Timestamp.from(clock.instant())).update();
            return signed;
        });
    }

    /**
     * Sets ({@code set} true: revoked or suspended) or clears the status bit of a credential this organization issued
     * through the VC-API with a status entry of this purpose, found by its {@code id}; the list is re-signed in the same
     * transaction. Needs {@code ISSUE}. 404 when it has no entry of this purpose.
     */
    void updateStatus(Actor actor, String slug, String credentialId, StatusPurpose purpose, boolean set) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        transactions.executeWithoutResult(tx -> {
            var row = db.sql("""
                    select c.status_list_id, c.status_index from vc_api_credentials c join status_lists s on s.id = c.status_list_id
                    where c.organization_id = ? and c.credential_id = ? and s.purpose = ?""")
                    .params(org.id(), credentialId, purpose.value())
                    .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getInt(2)})
                    .optional().orElseThrow(() -> Problem.notFound("A credential with this id and a " + purpose.value() + " status entry"));
            statusLists.set(org, (UUID) row[0], (Integer) row[1], set);
        });
    }

    private JsonObject sign(Organization org, JsonObject credential, boolean asDidKey, boolean jcs) {
        try {
            return keys.signComposed(org, credential, asDidKey, jcs);
        } catch (ProofException e) {
            throw Problem.invalidField("credential", switch (e.code()) {
                case UNKNOWN_CONTEXT -> "The credential uses a context the platform does not know: " + e.getMessage();
                case UNDEFINED_TERM -> "The credential uses a term its contexts do not define (" + e.getMessage() + ").";
                default -> "The credential can't be signed: " + e.getMessage();
            });
        }
    }

    /**
     * The platform signs no digest it can't confirm: every {@code relatedResource} is retrieved (a bundled context is
     * read from the bundle) and must match its {@code digestSRI}/{@code digestMultibase}, else 400.
     */
    private void relatedResourcesMatch(JsonObject credential) {
        RelatedResources.Result result = relatedResources.check(credential);
        String code = switch (result.outcome()) {
            case NONE, MATCHED -> null;
            case MISMATCH -> "related-resource-mismatch";
            case UNAVAILABLE -> "related-resource-unavailable";
            case INVALID -> "data-model-violation";
        };
        if (code != null) {
            throw new Problem(Problem.Kind.INVALID, code, result.message(),
                    List.of(new Problem.FieldError("credential.relatedResource", result.message())));
        }
    }

    /** The {@code type}s of a {@code credentialStatus} (one entry or a list); anything else counts as no type. */
    private static List<String> statusTypes(JsonValue status) {
        List<JsonValue> entries = status instanceof jakarta.json.JsonArray a ? a : List.of(status);
        return entries.stream().filter(JsonObject.class::isInstance)
                .flatMap(e -> VcDataModel.types(((JsonObject) e).get("type")).stream()).toList();
    }

    private static @Nullable String issuerId(@Nullable JsonValue issuer) {
        JsonValue id = issuer instanceof JsonObject o ? o.get("id") : issuer;
        return id instanceof JsonString s ? s.getString() : null;
    }

    static Map<String, Object> body(Settings settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("didKeyIssuer", settings.didKeyIssuer());
        body.put("issuerIds", settings.didKey() == null ? List.of(settings.didWeb()) : List.of(settings.didWeb(), settings.didKey()));
        return body;
    }
}
