package io.guildmark.app.issuing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.SecretTokens;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each issuer's DID document as {@code /issuers/{slug}/did.json} serves it and the verifiers read it, built once and
 * kept in memory with its ETag.
 *
 * <p>Building it (every key decoded, the JSON written, hashed for the ETag) cost more than the rest of the request. A
 * kept copy is used only while its <em>stamp</em> still matches the database: the organization, how many keys it has,
 * how many are rotated and how many retired (all three only ever grow), and its verified domain, read by one indexed
 * query, read at most every {@link #RECHECK} per issuer (so a busy document costs no query at all). A rotation or
 * retirement drops this node's copy when it commits, and changes the stamp, which other nodes read within
 * {@link #RECHECK}; there is nothing to invalidate across nodes.
 */
@Component
class IssuerDidDocuments {

    private static final JsonProvider JSON = JsonProvider.provider();
    static final int MAX_ISSUERS = 10_000;
    static final Duration KEEP_UNUSED = Duration.ofHours(1);

    /** The document as served: its JSON text, its bytes, its strong ETag (quoted), and the stamp it was built under. */
    record Served(String body, byte[] bytes, String etag, String stamp) {}

    /** A built document, the stamp it was built under, and when (System.nanoTime) that stamp was last read. */
    private record Kept(UUID organizationId, String stamp, Served served, long checkedAt) {}

    /**
     * How long a stamp, once read, is trusted without reading it again: a key rotated or retired on this node is seen at
     * once (the kept copy is dropped when the change commits), on another node within this time.
     */
    static final Duration RECHECK = Duration.ofMillis(250);

    private record Stamp(UUID organizationId, String value) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final IssuerKeys keys;
    private final ObjectProvider<IssuerDomains> domains;
    private final Cache<String, Kept> kept = Caffeine.newBuilder().maximumSize(MAX_ISSUERS).expireAfterAccess(KEEP_UNUSED).build();

    IssuerDidDocuments(JdbcClient db, Organizations organizations, IssuerKeys keys, ObjectProvider<IssuerDomains> domains) {
        this.db = db;
        this.organizations = organizations;
        this.keys = keys;
        this.domains = domains;
    }

    /** The issuer's DID document as it is now (or at most {@link #RECHECK} ago), or empty when no organization has this slug. */
    Optional<Served> find(String slug) {
        Kept hit = kept.getIfPresent(slug);
        if (hit != null && System.nanoTime() - hit.checkedAt() < RECHECK.toNanos()) return Optional.of(hit.served());
        return current(slug);
    }

    /**
     * The issuer's DID document checked against the database now, never trusting a recent check: for the verifiers,
     * whose outcome the badge pages keep under the key set's stamp (a document even 250 ms old could be kept there).
     */
    Optional<Served> current(String slug) {
        Kept hit = kept.getIfPresent(slug);
        long now = System.nanoTime();
        Optional<Stamp> stamp = stamp(slug);
        if (stamp.isEmpty()) return Optional.empty();
        if (hit != null && hit.stamp().equals(stamp.get().value())) {
            kept.put(slug, new Kept(hit.organizationId(), hit.stamp(), hit.served(), now));
            return Optional.of(hit.served());
        }
        // Built after the stamp was read, so the document is never older than the stamp it is kept under.
        var org = organizations.findById(stamp.get().organizationId());
        if (org.isEmpty()) return Optional.empty();
        JsonObject document = keys.didDocument(org.get()).toJson();
        // A domain the organization proved it controls (DIF Well Known DID Configuration) is listed as LinkedDomains.
        String domain = domains.getObject().verifiedDomain(org.get().id());
        if (domain != null) {
            document = JSON.createObjectBuilder(document).add("service", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                    .add("id", keys.did(org.get().slug()) + "#linked-domain").add("type", "LinkedDomains")
                    .add("serviceEndpoint", domains.getObject().originOf(domain)))).build();
        }
        String body = document.toString();
        Served served = new Served(body, body.getBytes(StandardCharsets.UTF_8), "\"" + SecretTokens.hash(body).substring(0, 32) + "\"",
                stamp.get().value());
        kept.put(slug, new Kept(org.get().id(), stamp.get().value(), served, now));
        return Optional.of(served);
    }

    private Optional<Stamp> stamp(String slug) {
        return stampWith(slug, null).map(v -> new Stamp(v.organizationId(), v.stamp()));
    }

    /**
     * The document's stamp read together with what a verifier's kept outcome also depends on: the organization's
     * approval and verified domain (its standing) and, when {@code statusListId} is given, that list's ETag. One query,
     * the only one that reads a DID document's stamp, so the document and the verifiers never disagree on it.
     *
     * @param stamp how many keys, rotated and retired keys, and the verified domain: it changes whenever the document does
     */
    record Versions(UUID organizationId, String stamp, boolean approved, @Nullable String verifiedDomain, @Nullable String statusListEtag) {}

    Optional<Versions> stampWith(String slug, @Nullable UUID statusListId) {
        return db.sql("""
                select o.id, count(k.id), count(k.rotated_at), count(k.retired_at), o.approval_state,
                       (select max(d.domain) from issuer_domains d where d.organization_id = o.id and d.verified) as domain,
                       (select s.etag from status_lists s where s.id = ?) as list_etag
                from organizations o
                left join issuer_keys k on k.organization_id = o.id
                where o.slug = ? group by o.id, o.approval_state""")
                .params(statusListId, slug)
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    String domain = rs.getString("domain");
                    return new Versions(id, id + "|" + rs.getLong(2) + "|" + rs.getLong(3) + "|" + rs.getLong(4) + "|" + domain,
                            "approved".equals(rs.getString(5)), domain, rs.getString("list_etag"));
                })
                .optional();
    }

    /** A rotation or retirement on this node: its documents are built again on their next request, with the new keys. */
    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    void on(IssuerKeys.KeysChanged changed) {
        kept.asMap().values().removeIf(k -> k.organizationId().equals(changed.organizationId()));
    }

    /** How many documents are kept (for tests). */
    long size() {
        kept.cleanUp();
        return kept.estimatedSize();
    }
}
