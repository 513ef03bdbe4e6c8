package io.guildmark.app.issuing;

import java.io.FileNotFoundException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.OwnDocuments;
import io.guildmark.app.verification.IssuerStandings;
import io.guildmark.app.verification.OwnDocumentVersions;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * This platform's issuer documents as they are in the database now: DID documents (with retired keys marked revoked,
 * exactly as {@code /issuers/{slug}/did.json} serves them, kept in memory while their stamp matches:
 * {@link IssuerDidDocuments}), Bitstring status lists and 1EdTech revocation lists. Used by the badge
 * pages' {@link LocalVerification} and by the public verifier, so neither ever holds a stale copy of our own keys.
 */
@Component
class OwnIssuerDocuments implements OwnDocuments, OwnDocumentVersions {

    private static final java.util.Set<String> LOOPBACK = java.util.Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern DID_DOC = Pattern.compile("/issuers/([a-z0-9-]+)/did\\.json");
    private static final Pattern STATUS_LIST = Pattern.compile("/status/([0-9a-f-]{36})");
    private static final Pattern REVOCATION_LIST = Pattern.compile("/status/1edtech/([a-z0-9-]+)");

    private final URI base;
    private final Organizations organizations;
    private final IssuerDidDocuments didDocuments;
    private final StatusLists statusLists;

    OwnIssuerDocuments(GuildmarkSettings settings, Organizations organizations, IssuerDidDocuments didDocuments, StatusLists statusLists) {
        this.base = settings.baseUrl();
        this.organizations = organizations;
        this.didDocuments = didDocuments;
        this.statusLists = statusLists;
    }

    @Override
    public Optional<byte[]> find(URI uri) throws FileNotFoundException {
        return read(uri).map(Versioned::bytes);
    }

    /**
     * The document with its version: a DID document's is its {@link IssuerDidDocuments} stamp (keys, rotations,
     * retirements, verified domain), a status list's its ETag; a 1EdTech revocation list, computed afresh from the
     * awards, has none.
     */
    @Override
    public Optional<Versioned> read(URI uri) throws FileNotFoundException {
        String path = ownPath(uri);
        if (path == null) return Optional.empty();
        String url = uri.toString();
        Matcher m;
        if ((m = DID_DOC.matcher(path)).matches()) {
            var served = didDocuments.current(m.group(1)).orElseThrow(() -> new FileNotFoundException(url));
            return Optional.of(new Versioned(served.bytes().clone(), served.stamp()));
        }
        if ((m = REVOCATION_LIST.matcher(path)).matches()) {
            var org = organizations.findBySlug(m.group(1)).orElseThrow(() -> new FileNotFoundException(url));
            return Optional.of(new Versioned(bytes(statusLists.revocationList(org).toString()), null));
        }
        if ((m = STATUS_LIST.matcher(path)).matches()) {
            var signed = statusLists.signedListWithEtag(statusListId(m.group(1)).orElseThrow(() -> new FileNotFoundException(url)))
                    .orElseThrow(() -> new FileNotFoundException(url));
            return Optional.of(new Versioned(bytes(signed.credential()), signed.etag()));
        }
        return Optional.empty();
    }

    /**
     * The versions {@link #read} would give the DID document and status list now, and the issuer's standing as
     * {@link IssuerDomains#of} reads it, in one query ({@link IssuerDidDocuments#stampWith}; for the public verifier's
     * kept outcomes).
     */
    @Override
    public Optional<Versions> current(URI didDocument, @Nullable URI statusList) {
        String didPath = ownPath(didDocument);
        Matcher did = didPath == null ? null : DID_DOC.matcher(didPath);
        if (did == null || !did.matches()) return Optional.empty();
        UUID listId = null;
        if (statusList != null) {
            String listPath = ownPath(statusList);
            Matcher list = listPath == null ? null : STATUS_LIST.matcher(listPath);
            if (list == null || !list.matches()) return Optional.empty();
            listId = statusListId(list.group(1)).orElse(null);
            if (listId == null) return Optional.empty();
        }
        return didDocuments.stampWith(did.group(1), listId).map(v -> new Versions(v.stamp(), v.statusListEtag(),
                new IssuerStandings.Standing(v.approved(), v.verifiedDomain())));
    }

    private static Optional<UUID> statusListId(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The path below this platform's base address, or null when the address is not this platform's. */
    private @Nullable String ownPath(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawQuery() != null) return null;
        if (!uri.getHost().equalsIgnoreCase(base.getHost())) return null;
        // A did:web names no scheme; on a loopback host it is read over http (DidWeb): for a platform served over https
        // on loopback (the W3C test suites' run), that http address with its own port is still this platform's.
        boolean loopbackDidWeb = "http".equalsIgnoreCase(uri.getScheme()) && "https".equalsIgnoreCase(base.getScheme())
                && LOOPBACK.contains(base.getHost().toLowerCase(java.util.Locale.ROOT)) && base.getPort() != -1
                && uri.getPort() == base.getPort();
        if (!loopbackDidWeb && (!uri.getScheme().equalsIgnoreCase(base.getScheme()) || port(uri) != port(base))) return null;
        String basePath = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.startsWith(basePath + "/")) return null;
        return path.substring(basePath.length());
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) return uri.getPort();
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
