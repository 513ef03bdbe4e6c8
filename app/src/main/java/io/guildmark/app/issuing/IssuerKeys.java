package io.guildmark.app.issuing;

import jakarta.json.spi.JsonProvider;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.guildmark.app.organizations.IssuerApprovals;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.MasterKey;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.credentials.did.DidDocument;
import io.guildmark.credentials.did.VerificationMethod;
import io.guildmark.credentials.jwt.JwtSigningKey;
import io.guildmark.credentials.proof.CredentialSigner;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import io.guildmark.credentials.proof.Multikey;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each organization's signing keys: an Ed25519 key for Data Integrity proofs and an RSA key for VC-JWTs, made when
 * the organization is made. Rotation adds new keys and keeps the old ones in the DID document, so earlier badges still
 * verify; retiring a compromised key withdraws it, so every badge it signed fails verification with that reason.
 */
@Service
public class IssuerKeys {

    /** Looked up once: {@code Json.create…} searches the class path for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    // One generator for the class: seeding a new SecureRandom on every award is wasted work on the hot path.
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    enum Algorithm { ED25519, RS256 }

    /** A key as staff see it. */
    public record IssuerKey(UUID id, String algorithm, String verificationMethod, Instant createdAt, @Nullable Instant rotatedAt,
            @Nullable Instant retiredAt, @Nullable String retiredReason) {
        public String state() {
            return retiredAt != null ? "retired" : rotatedAt != null ? "rotated" : "active";
        }
    }

    private record StoredKey(UUID id, Algorithm algorithm, String keyId, String publicKey, String privateKey, Instant createdAt,
            @Nullable Instant rotatedAt, @Nullable Instant retiredAt, @Nullable String retiredReason) {}

    private final JdbcClient db;
    private final MasterKey masterKey;
    private final Organizations organizations;
    private final GuildmarkSettings settings;
    private final Clock clock;
    /** Published when an organization's signing keys change, so what was signed with the old key can be re-signed. */
    record KeysChanged(UUID organizationId) {}

    private final Map<String, CredentialSigner> signers = new ConcurrentHashMap<>();
    private final Map<String, JwtSigningKey> jwtKeys = new ConcurrentHashMap<>();

    /** An organization's keys as read while its keys stamp was {@code stamp}. */
    private record StampedKeys(long stamp, List<StoredKey> keys) {}

    /**
     * The keys of organizations that award, by organization: bounded, and each entry is used only while the
     * organization's row shows the stamp it was read under (never by time), so it is right on every node.
     */
    private final Cache<UUID, StampedKeys> keptKeys = Caffeine.newBuilder().maximumSize(10_000).build();

    private final org.springframework.context.ApplicationEventPublisher events;
    private final IssuerApprovals approvals;

    private final io.guildmark.app.shared.AuditTrail audit;

    IssuerKeys(JdbcClient db, MasterKey masterKey, Organizations organizations, GuildmarkSettings settings, Clock clock,
            org.springframework.context.ApplicationEventPublisher events, IssuerApprovals approvals, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.events = events;
        this.approvals = approvals;
        this.db = db;
        this.masterKey = masterKey;
        this.organizations = organizations;
        this.settings = settings;
        this.clock = clock;
    }

    /** New organizations get their keys in the same transaction that creates them. */
    @EventListener
    void on(Organizations.OrganizationCreated created) {
        generate(created.organizationId());
    }

    public String did(String slug) {
        return io.guildmark.app.organizations.Issuers.did(settings, slug);
    }

    /**
     * The signer for new credentials (awards, CLR transcripts): the organization's active Ed25519 key. This is where
     * issuer vetting holds: an organization the operator has not approved gets a 403 {@code issuer-not-approved}.
     */
    CredentialSigner signer(Organization org) {
        requireMayIssue(org);
        return unvettedSigner(org);
    }

    /**
     * The same key for status lists only: revocation must keep working whatever the organization's standing, and a
     * status list says nothing about anyone.
     */
    CredentialSigner statusListSigner(Organization org) {
        return unvettedSigner(org);
    }

    /** Refuses (403 {@code issuer-not-approved}) unless the operator has approved the organization as an issuer. */
    void requireMayIssue(Organization org) {
        approvals.requireApproved(org);
    }

    /** Why the organization may not issue now (for pages that disable their issue buttons), or null when it may. */
    @Nullable String whyMayNotIssue(Organization org) {
        try {
            requireMayIssue(org);
            return null;
        } catch (Problem refused) {
            return refused.getMessage();
        }
    }

    /** What a new award is made with: the signer of its proof, and the id of the RSA key that will sign its VC-JWT. */
    record AwardKeys(CredentialSigner signer, String jwtKeyId) {}

    /** {@link #signer} and {@link #jwtKeyId} from one read of the organization's keys (an award needs both). */
    AwardKeys awardKeys(Organization org) {
        requireMayIssue(org);
        return awardKeysOfApproved(org);
    }

    /**
     * {@link #awardKeys} of an organization read moments ago in the same request: its approval as read is checked, and
     * its keys are the ones this node keeps under the organization's keys stamp as read (see {@link Organization.Stamps}),
     * so a run of awards reads them once. A rotation or retirement sets a new stamp, so the next award on every node
     * reads the new keys.
     */
    AwardKeys awardKeysAsRead(Organization org) {
        approvals.requireApprovedAsRead(org);
        long stamp = org.stampsAsRead().issuerKeys();
        StampedKeys kept = keptKeys.getIfPresent(org.id());
        List<StoredKey> keys;
        if (kept != null && kept.stamp() == stamp) {
            keys = kept.keys();
        } else {
            keys = all(org.id());
            // Read after the stamp, so at least as new as the stamp says: never older contents under a newer stamp.
            keptKeys.put(org.id(), new StampedKeys(stamp, keys));
        }
        return awardKeys(org, keys);
    }

    private AwardKeys awardKeysOfApproved(Organization org) {
        return awardKeys(org, all(org.id()));
    }

    private AwardKeys awardKeys(Organization org, List<StoredKey> keys) {
        return new AwardKeys(signer(org, active(keys, org.id(), Algorithm.ED25519)), active(keys, org.id(), Algorithm.RS256).keyId());
    }

    private CredentialSigner unvettedSigner(Organization org) {
        return signer(org, active(org.id(), Algorithm.ED25519));
    }

    private CredentialSigner signer(Organization org, StoredKey key) {
        String vm = did(org.slug()) + "#" + key.keyId();
        return signers.computeIfAbsent(vm, id -> new CredentialSigner(
                Ed25519KeyPair.fromPrivateKey(masterKey.decrypt(key.privateKey())), id));
    }

    /**
     * The organization's {@code did:key} form of its active Ed25519 key, which the W3C VC-API issuer may use when the
     * organization chose it: test suites and wallets that resolve no {@code did:web} need one. It changes when the key
     * is rotated (a did:key is the key).
     */
    String didKey(Organization org) {
        return "did:key:" + active(org.id(), Algorithm.ED25519).publicKey();
    }

    /**
     * Signs a credential the organization composed itself (the W3C VC-API issuer) with its active Ed25519 key, as
     * {@code did:web} or {@code did:key}: one proof object, {@code eddsa-rdfc-2022} with full JSON-LD processing (no
     * shape templates, which are kept for awards), or {@code eddsa-jcs-2022} when {@code jcs}. A JCS proof signs the
     * JSON as written, but the credential must still expand in JSON-LD safe mode, so that the same rules hold whichever
     * suite signs. Issuer vetting holds. JSON-LD errors are thrown as they come.
     */
    JsonObject signComposed(Organization org, JsonObject credential, boolean asDidKey, boolean jcs) {
        requireMayIssue(org);
        StoredKey key = active(org.id(), Algorithm.ED25519);
        String vm = asDidKey ? "did:key:" + key.publicKey() + "#" + key.publicKey() : did(org.slug()) + "#" + key.keyId();
        var options = io.guildmark.credentials.proof.ProofOptions.assertion(vm, clock.instant());
        var rdfc = io.guildmark.credentials.proof.EddsaRdfc2022.create();
        Ed25519KeyPair pair = Ed25519KeyPair.fromPrivateKey(masterKey.decrypt(key.privateKey()));
        JsonObject signed;
        if (jcs) {
            rdfc.canonicalDocument(credential);
            signed = io.guildmark.credentials.proof.EddsaJcs2022.sign(credential, options, pair);
        } else {
            signed = rdfc.sign(credential, options, pair);
        }
        if (signed.get("proof") instanceof jakarta.json.JsonArray proofs && proofs.size() == 1) {
            return Json.createObjectBuilder(signed).add("proof", proofs.get(0)).build();
        }
        return signed;
    }

    /** The key for new VC-JWTs: the organization's active RSA key, named by its DID URL. */
    JwtSigningKey jwtKey(Organization org) {
        requireMayIssue(org);
        return jwtKey(org, active(org.id(), Algorithm.RS256));
    }

    /**
     * The active RSA key for a Domain Linkage Credential: it proves control of a web domain and says nothing about
     * anyone, so an organization may make one while it waits for the operator's approval.
     */
    JwtSigningKey domainLinkageKey(Organization org) {
        return jwtKey(org, active(org.id(), Algorithm.RS256));
    }

    /** The id of the RSA key that signs VC-JWTs now; an award keeps it, so its JWT is signed with it later. */
    String jwtKeyId(Organization org) {
        return active(org.id(), Algorithm.RS256).keyId();
    }

    /** A given RSA key of the organization (active, rotated or retired), by its id. */
    JwtSigningKey jwtKey(Organization org, String keyId) {
        StoredKey key = all(org.id()).stream().filter(k -> k.algorithm() == Algorithm.RS256 && k.keyId().equals(keyId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No RSA key " + keyId + " in organization " + org.id()));
        return jwtKey(org, key);
    }

    private JwtSigningKey jwtKey(Organization org, StoredKey key) {
        String kid = did(org.slug()) + "#" + key.keyId();
        return jwtKeys.computeIfAbsent(kid, id -> {
            try {
                return JwtSigningKey.rsa(RSAKey.parse(new String(masterKey.decrypt(key.privateKey()), java.nio.charset.StandardCharsets.UTF_8)), id);
            } catch (ParseException e) {
                throw new IllegalStateException("Stored RSA key is unreadable", e);
            }
        });
    }

    /** The DID document: active and rotated keys verify and assert; retired ones are listed as revoked only. */
    public DidDocument didDocument(Organization org) {
        String did = did(org.slug());
        DidDocument.Builder builder = DidDocument.builder(did).alsoKnownAs(settings.url("/issuers/" + org.slug()));
        for (StoredKey key : all(org.id())) {
            VerificationMethod method = key.algorithm() == Algorithm.ED25519
                    ? VerificationMethod.ed25519Multikey(did + "#" + key.keyId(), did, Multikey.decodePublicKey(key.publicKey()))
                    : VerificationMethod.jsonWebKey(did + "#" + key.keyId(), did, publicJwk(key));
            if (key.retiredAt() != null) {
                builder.verificationMethod(method.revokedAt(key.retiredAt()));
            } else {
                builder.assertionKey(method);
            }
        }
        return builder.build();
    }

    /** The JWKS of keys that may still verify (active and rotated), for JWT verifiers that look there. */
    public JsonObject jwks(Organization org) {
        var keys = JSON.createArrayBuilder();
        String did = did(org.slug());
        for (StoredKey key : all(org.id())) {
            if (key.retiredAt() != null) continue;
            if (key.algorithm() == Algorithm.RS256) {
                keys.add(JSON.createObjectBuilder(publicJwk(key)).add("kid", did + "#" + key.keyId()).add("use", "sig").add("alg", "RS256"));
            } else {
                byte[] pub = Multikey.decodePublicKey(key.publicKey());
                keys.add(JSON.createObjectBuilder().add("kty", "OKP").add("crv", "Ed25519")
                        .add("x", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(pub))
                        .add("kid", did + "#" + key.keyId()).add("use", "sig").add("alg", "EdDSA"));
            }
        }
        return JSON.createObjectBuilder().add("keys", keys).build();
    }

    public List<IssuerKey> list(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        String did = did(org.slug());
        return all(org.id()).stream().map(k -> new IssuerKey(k.id(), k.algorithm() == Algorithm.ED25519 ? "Ed25519" : "RS256",
                did + "#" + k.keyId(), k.createdAt(), k.rotatedAt(), k.retiredAt(), k.retiredReason())).toList();
    }

    /** New keys sign from now on; the old ones stay published so that what they signed still verifies. */
    @Transactional
    public void rotate(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        db.sql("update issuer_keys set rotated_at = ? where organization_id = ? and rotated_at is null and retired_at is null")
                .params(Timestamp.from(clock.instant()), org.id()).update();
        generate(org.id());
        forget();
        audit.record(actor, org.id(), "signing-keys.rotated", "organization", org.id(), java.util.Map.of());
        events.publishEvent(new KeysChanged(org.id()));
    }

    /**
     * Withdraws a compromised key: it leaves the DID document's assertion methods, so every credential it signed fails
     * verification with the reason. If it was active, new keys replace it.
     */
    @Transactional
    public void retire(Actor actor, String slug, UUID keyId, String reason) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        String why = reason == null || reason.isBlank() ? "Key compromised" : reason.strip();
        if (why.length() > 500) throw Problem.invalidField("reason", "Keep the reason under 500 characters.");
        StoredKey key = all(org.id()).stream().filter(k -> k.id().equals(keyId)).findFirst()
                .orElseThrow(() -> Problem.notFound("The key"));
        if (key.retiredAt() != null) throw Problem.conflict("already-retired", "This key is already retired.");
        boolean wasActive = key.rotatedAt() == null;
        db.sql("update issuer_keys set retired_at = ?, retired_reason = ? where id = ?")
                .params(Timestamp.from(clock.instant()), why, keyId).update();
        if (wasActive) {
            db.sql("update issuer_keys set rotated_at = ? where organization_id = ? and rotated_at is null and retired_at is null")
                    .params(Timestamp.from(clock.instant()), org.id()).update();
            generate(org.id());
        }
        forget();
        audit.record(actor, org.id(), "signing-key.retired", "signing-key", keyId, java.util.Map.of("reason", why, "wasActive", wasActive));
        events.publishEvent(new KeysChanged(org.id()));
    }

    private void forget() {
        signers.clear();
        jwtKeys.clear();
    }

    private void generate(UUID organizationId) {
        Instant now = clock.instant();
        Ed25519KeyPair ed = Ed25519KeyPair.generate();
        String edId = "key-" + shortId();
        insert(organizationId, Algorithm.ED25519, edId, ed.publicKeyMultibase(), masterKey.encrypt(ed.privateKey()), now);
        try {
            String rsaId = "key-" + shortId();
            RSAKey rsa = new RSAKeyGenerator(2048).generate();
            insert(organizationId, Algorithm.RS256, rsaId, rsa.toPublicJWK().toJSONString(),
                    masterKey.encrypt(rsa.toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), now);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate an RSA key", e);
        }
    }

    private void insert(UUID organizationId, Algorithm algorithm, String keyId, String publicKey, String privateKey, Instant now) {
        db.sql("insert into issuer_keys (id, organization_id, algorithm, key_id, public_key, private_key, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), organizationId, algorithm.name(), keyId, publicKey, privateKey, Timestamp.from(now))
                .update();
    }

    private StoredKey active(UUID organizationId, Algorithm algorithm) {
        return active(all(organizationId), organizationId, algorithm);
    }

    private static StoredKey active(List<StoredKey> keys, UUID organizationId, Algorithm algorithm) {
        return keys.stream()
                .filter(k -> k.algorithm() == algorithm && k.rotatedAt() == null && k.retiredAt() == null)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Organization " + organizationId + " has no active " + algorithm + " key"));
    }

    private List<StoredKey> all(UUID organizationId) {
        return db.sql("select * from issuer_keys where organization_id = ? order by created_at, algorithm").param(organizationId)
                .query((rs, n) -> new StoredKey(rs.getObject("id", UUID.class), Algorithm.valueOf(rs.getString("algorithm")),
                        rs.getString("key_id"), rs.getString("public_key"), rs.getString("private_key"),
                        rs.getTimestamp("created_at").toInstant(), ts(rs.getTimestamp("rotated_at")), ts(rs.getTimestamp("retired_at")),
                        rs.getString("retired_reason")))
                .list().stream().toList(); // unmodifiable: lists of keys are kept (keptKeys)
    }

    private static JsonObject publicJwk(StoredKey key) {
        try (var reader = JSON.createReader(new java.io.StringReader(key.publicKey()))) {
            return reader.readObject();
        }
    }

    private static String shortId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static @Nullable Instant ts(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
