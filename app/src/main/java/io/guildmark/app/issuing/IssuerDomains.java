package io.guildmark.app.issuing;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.organizations.IssuerApprovals;
import io.guildmark.app.organizations.Issuers;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.verification.IssuerStandings;
import io.guildmark.app.verification.SafeDocumentFetcher;
import io.guildmark.credentials.did.DidResolutionException;
import io.guildmark.credentials.jwt.DidJwtKeyResolver;
import io.guildmark.credentials.jwt.DomainLinkage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Domain control by DIF "Well Known DID Configuration": the platform makes an organization a Domain Linkage Credential
 * (signed with its DID's RSA key) to publish at {@code https://<domain>/.well-known/did-configuration.json}; staff ask
 * for a check, the file is fetched through the verifier's {@link SafeDocumentFetcher} (public addresses only) and
 * verified, and the domain is recorded as verified. A daily re-check drops it when the file no longer proves it.
 * Also answers the verifier's question about an issuer's standing: approved by the operator, and which domain it
 * controls.
 */
@Service("issuerDomains")
public class IssuerDomains implements IssuerStandings {

    private static final Logger log = LoggerFactory.getLogger(IssuerDomains.class);
    /** How long a downloaded Domain Linkage Credential is valid; staff replace the file before then. */
    static final Duration LINKAGE_VALIDITY = Duration.ofDays(365);

    /** What staff see: the domain last proven (or claimed), when it was checked, and why a re-check failed. */
    public record DomainState(String domain, boolean verified, @Nullable Instant checkedAt, @Nullable Instant verifiedAt,
            @Nullable String failure) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final IssuerApprovals approvals;
    private final IssuerKeys keys;
    private final SafeDocumentFetcher fetcher;
    private final GuildmarkSettings settings;
    private final DomainSettings domainSettings;
    private final Clock clock;

    private final io.guildmark.app.shared.AuditTrail audit;

    IssuerDomains(JdbcClient db, Organizations organizations, IssuerApprovals approvals, IssuerKeys keys, SafeDocumentFetcher fetcher,
            GuildmarkSettings settings, DomainSettings domainSettings, Clock clock, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.db = db;
        this.organizations = organizations;
        this.approvals = approvals;
        this.keys = keys;
        this.fetcher = fetcher;
        this.settings = settings;
        this.domainSettings = domainSettings;
        this.clock = clock;
    }

    /** The organization's domain state, for its managers. */
    public Optional<DomainState> state(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        return stored(org.id());
    }

    /** The same for the settings page template ({@code ${@issuerDomains.stateOf(org)}}), for whoever may manage it. */
    public @Nullable DomainState stateOf(Organization org) {
        return CurrentActor.find().filter(a -> organizations.allowed(a, org.id(), Permission.MANAGE_ORGANIZATION))
                .flatMap(a -> stored(org.id())).orElse(null);
    }

    /** The {@code did-configuration.json} for the domain, with a Domain Linkage Credential signed by the organization. */
    public String configurationFile(Actor actor, String slug, @Nullable String domain) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        String origin = origin(domain);
        Instant now = clock.instant();
        String jwt = DomainLinkage.jwt(keys.did(org.slug()), origin, keys.domainLinkageKey(org), now, now.plus(LINKAGE_VALIDITY));
        return DomainLinkage.configuration(List.of(jwt)).toString();
    }

    /**
     * Fetches and verifies the domain's {@code did-configuration.json}; records the domain as verified when it links the
     * organization's DID to it. A failed check changes nothing and says why (422 {@code domain-not-verified}).
     */
    public DomainState check(Actor actor, String slug, @Nullable String domain) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        String origin = origin(domain);
        String host = URI.create(origin).getRawAuthority();
        DomainLinkage.Result result = verify(org, origin);
        if (!result.linked()) {
            throw new Problem(Problem.Kind.UNPROCESSABLE, "domain-not-verified", "The domain " + host + " was not verified: "
                    + result.message(), List.of(new Problem.FieldError("domain", result.message())));
        }
        Timestamp now = Timestamp.from(clock.instant());
        int updated = db.sql("update issuer_domains set domain = ?, verified = true, checked_at = ?, verified_at = ?, failure = null where organization_id = ?")
                .params(host, now, now, org.id()).update();
        if (updated == 0) {
            db.sql("insert into issuer_domains (organization_id, domain, verified, checked_at, verified_at) values (?, ?, true, ?, ?)")
                    .params(org.id(), host, now, now).update();
        }
        audit.record(actor, org.id(), "domain.verified", "organization", org.id(), java.util.Map.of("domain", host));
        return stored(org.id()).orElseThrow();
    }

    /** The daily re-check: every verified domain is fetched again; one that no longer proves control is dropped. */
    public void recheckAll() {
        List<UUID> ids = db.sql("select organization_id from issuer_domains where verified = true").query(UUID.class).list();
        for (UUID id : ids) {
            try {
                recheck(id);
            } catch (RuntimeException e) {
                log.warn("Re-checking the domain of organization {} failed", id, e);
            }
        }
    }

    void recheck(UUID organizationId) {
        Organization org = organizations.findById(organizationId).orElse(null);
        DomainState state = stored(organizationId).orElse(null);
        if (org == null || state == null) return;
        DomainLinkage.Result result = verify(org, origin(state.domain()));
        Timestamp now = Timestamp.from(clock.instant());
        if (result.linked()) {
            db.sql("update issuer_domains set checked_at = ?, failure = null where organization_id = ?").params(now, organizationId).update();
        } else {
            db.sql("update issuer_domains set verified = false, checked_at = ?, failure = ? where organization_id = ?")
                    .params(now, truncate(result.message()), organizationId).update();
        }
    }

    /** The verified domain of one of this platform's organizations, or null; the LinkedDomains service of its DID document. */
    @Nullable String verifiedDomain(UUID organizationId) {
        return stored(organizationId).filter(DomainState::verified).map(DomainState::domain).orElse(null);
    }

    /** The origin a verified domain is reached at, as the DID document's {@code LinkedDomains} service lists it. */
    String originOf(String domain) {
        return DomainLinkage.origin(domain, domainSettings.plainHttp(domain));
    }

    @Override
    public Standing of(String issuerId) {
        String prefix = Issuers.did(settings, "");
        if (!issuerId.startsWith(prefix) || issuerId.length() == prefix.length()) return Standing.UNCHECKED;
        // Asked for every verification of this platform's badges: the organization and its verified domain in one query.
        record Found(UUID organizationId, @Nullable String domain) {}
        Optional<Found> found = db.sql("""
                select o.id, max(case when d.verified then d.domain end) from organizations o
                left join issuer_domains d on d.organization_id = o.id where o.slug = ? group by o.id""")
                .param(issuerId.substring(prefix.length()))
                .query((rs, n) -> new Found(rs.getObject(1, UUID.class), rs.getString(2))).optional();
        if (found.isEmpty()) return Standing.UNCHECKED;
        return new Standing(approvals.isApproved(found.get().organizationId()), found.get().domain());
    }

    private DomainLinkage.Result verify(Organization org, String origin) {
        String did = keys.did(org.slug());
        byte[] file;
        try {
            file = fetcher.fetch(URI.create(origin + DomainLinkage.WELL_KNOWN_PATH));
        } catch (FileNotFoundException e) {
            return new DomainLinkage.Result(false, DomainLinkage.Code.MALFORMED,
                    "There is no file at " + origin + DomainLinkage.WELL_KNOWN_PATH + ".");
        } catch (IOException | RuntimeException e) {
            return new DomainLinkage.Result(false, DomainLinkage.Code.MALFORMED,
                    "The file at " + origin + DomainLinkage.WELL_KNOWN_PATH + " could not be fetched: " + e.getMessage());
        }
        // Our own DID document, read from the database: what the organization's keys are now.
        var resolver = new DidJwtKeyResolver(id -> {
            if (!id.equals(did)) throw new DidResolutionException(DidResolutionException.Code.NOT_FOUND, id + " is not " + did);
            return keys.didDocument(org);
        }, clock);
        return DomainLinkage.verify(file, did, origin, resolver, clock.instant());
    }

    private String origin(@Nullable String domain) {
        if (domain == null || domain.isBlank()) throw Problem.invalidField("domain", "Enter the domain, like example.org.");
        try {
            return DomainLinkage.origin(domain, domainSettings.plainHttp(domain));
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("domain", "Enter a domain name like example.org (no path, no e-mail address).");
        }
    }

    private Optional<DomainState> stored(UUID organizationId) {
        return db.sql("select * from issuer_domains where organization_id = ?").param(organizationId).query(IssuerDomains::state).optional();
    }

    private static DomainState state(ResultSet rs, int row) throws SQLException {
        return new DomainState(rs.getString("domain"), rs.getBoolean("verified"), ts(rs.getTimestamp("checked_at")),
                ts(rs.getTimestamp("verified_at")), rs.getString("failure"));
    }

    private static @Nullable Instant ts(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s) {
        return s.length() > 1000 ? s.substring(0, 999) + "…" : s;
    }
}
