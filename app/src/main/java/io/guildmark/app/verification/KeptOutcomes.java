package io.guildmark.app.verification;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.guildmark.app.shared.OwnDocuments;
import io.guildmark.credentials.verify.Check;
import io.guildmark.credentials.verify.VerificationReport;
import org.jspecify.annotations.Nullable;

/**
 * Verification outcomes of this platform's own credentials, kept so that a badge checked again and again (shared on a
 * profile, pasted into every applicant tracking system) costs one indexed query instead of a verification.
 *
 * <p>An outcome is keyed by the SHA-256 of the bytes submitted (with the content type hint and the expected
 * recipient): a copy changed in any byte is verified in full. It is kept only when the verification read nothing but
 * one of this platform's DID documents and at most one of its Bitstring status lists, each with its version
 * ({@link OwnDocuments#read}), and read them at the versions the database holds right after (so a change that
 * committed during the verification is never hidden under a newer version). Before an outcome is reused, the current
 * versions and the issuer's standing are read in one query ({@link OwnDocumentVersions}) and must all be equal: a
 * revocation changes the list's ETag, a key rotation or retirement the DID document's stamp, an approval or verified
 * domain the standing, so every node sees each at once from the database, with nothing to invalidate across nodes.
 * Time is the rest: an outcome is reused only from when it was checked until the credential's next validity boundary
 * ({@code validFrom}, {@code validUntil}), and for at most {@link #REUSE_AT_MOST}.
 */
final class KeptOutcomes {

    /** The longest an outcome is reused, whatever the versions say (as the badge pages' own verification). */
    static final Duration REUSE_AT_MOST = Duration.ofMinutes(10);
    /** The forms whose outcome depends on nothing but the bytes, the documents read and the validity dates. */
    private static final Set<String> KEPT_FORMATS = Set.of("JSON", "PNG_JSON", "SVG_JSON");
    /** Status outcomes that come from the list's content (a list that failed to load or verify is checked again). */
    private static final Set<String> KEPT_STATUS_CODES = Set.of("ACTIVE", "REVOKED", "SUSPENDED", "NO_STATUS");

    /** What a kept outcome is found by: the bytes' SHA-256 (hex), the content type hint and the expected recipient. */
    record Key(String sha256, String hint, String recipient) {}

    /** The own documents one verification read, and at which versions; {@code other} when it read anything else. */
    static final class Reads {
        private @Nullable URI didDocument;
        private @Nullable String didVersion;
        private @Nullable URI statusList;
        private @Nullable String listVersion;
        private boolean other;

        /** Something was read that has no version of ours: a document of another host, a failure, a hosted assertion. */
        void other() {
            other = true;
        }

        void read(boolean isDidDocument, URI uri, Optional<OwnDocuments.Versioned> document) {
            String version = document.map(OwnDocuments.Versioned::version).orElse(null);
            if (version == null) {
                other = true;
            } else if (isDidDocument) {
                if (didDocument == null) {
                    didDocument = uri;
                    didVersion = version;
                } else if (!didDocument.equals(uri) || !didVersion.equals(version)) {
                    other = true;
                }
            } else if (statusList == null) {
                statusList = uri;
                listVersion = version;
            } else if (!statusList.equals(uri) || !listVersion.equals(version)) {
                other = true;
            }
        }
    }

    private record Kept(Verification.Checked checked, URI didDocument, @Nullable URI statusList, OwnDocumentVersions.Versions versions,
            Instant checkedAt, Instant reuseUntil, int weight) {}

    private final OwnDocumentVersions versions;
    private final Clock clock;
    private final Cache<Key, Kept> kept;

    /** @param maxBytes about how much memory the kept outcomes may take (each weighed from the size of its input) */
    KeptOutcomes(OwnDocumentVersions versions, Clock clock, long maxBytes) {
        this.versions = versions;
        this.clock = clock;
        this.kept = Caffeine.newBuilder().maximumWeight(maxBytes).weigher((Key k, Kept v) -> v.weight())
                .expireAfterWrite(REUSE_AT_MOST).build();
    }

    static Key key(byte[] input, @Nullable String contentType, @Nullable String expectedRecipient) {
        try {
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
            return new Key(sha256, contentType == null ? "" : contentType.toLowerCase(Locale.ROOT), Objects.requireNonNullElse(expectedRecipient, ""));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kept outcome for these bytes, when it is still within its time and everything it read is at the same version. */
    Optional<Verification.Checked> find(Key key) {
        Kept hit = kept.getIfPresent(key);
        if (hit == null) return Optional.empty();
        Instant now = clock.instant();
        if (now.isBefore(hit.checkedAt()) || !now.isBefore(hit.reuseUntil())) return Optional.empty();
        Optional<OwnDocumentVersions.Versions> current = versions.current(hit.didDocument(), hit.statusList());
        if (current.isEmpty() || !current.get().equals(hit.versions())) {
            kept.invalidate(key);
            return Optional.empty();
        }
        return Optional.of(hit.checked());
    }

    /**
     * Keeps a fresh outcome when it can be reused (see the class comment), and returns it with the issuer's standing
     * read in the same query; empty when it is not kept (the caller reads the standing as for any credential).
     */
    Optional<Verification.Checked> keep(Key key, VerificationReport report, Reads reads, Instant checkedAt, int inputBytes) {
        if (reads.other || reads.didDocument == null || !KEPT_FORMATS.contains(report.details().format())) return Optional.empty();
        boolean statusFromList = report.checks().stream().filter(c -> c.check().equals(Check.STATUS)).allMatch(c -> KEPT_STATUS_CODES.contains(c.code()));
        if (!statusFromList) return Optional.empty();
        Optional<OwnDocumentVersions.Versions> current = versions.current(reads.didDocument, reads.statusList);
        if (current.isEmpty() || !current.get().didDocument().equals(reads.didVersion)
                || !Objects.equals(current.get().statusList(), reads.listVersion)) {
            return Optional.empty();
        }
        var checked = new Verification.Checked(report, IssuerStandings.forReport(current.get().standing(), report));
        // The kept report holds the parsed credential: weigh it at several times its text.
        int weight = (int) Math.min(Integer.MAX_VALUE, 8L * inputBytes + 4096);
        kept.put(key, new Kept(checked, reads.didDocument, reads.statusList, current.get(), checkedAt, reuseUntil(report, checkedAt), weight));
        return Optional.of(checked);
    }

    private static Instant reuseUntil(VerificationReport report, Instant now) {
        Instant until = now.plus(REUSE_AT_MOST);
        Instant from = report.details().validFrom();
        Instant to = report.details().validUntil();
        if (from != null && from.isAfter(now) && from.isBefore(until)) until = from;
        if (to != null && to.isAfter(now) && to.isBefore(until)) until = to;
        return until;
    }

    boolean contains(Key key) {
        return kept.getIfPresent(key) != null;
    }

    /** How many outcomes are kept (for tests). */
    long size() {
        kept.cleanUp();
        return kept.estimatedSize();
    }
}
