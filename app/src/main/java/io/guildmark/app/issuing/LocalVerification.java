package io.guildmark.app.issuing;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.guildmark.credentials.did.CompositeDidResolver;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.did.DidWebResolver;
import io.guildmark.credentials.did.DocumentFetcher;
import io.guildmark.credentials.verify.VerificationReport;
import io.guildmark.credentials.verify.Verifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks this platform's own credentials for their badge pages, exactly as an outside verifier would (proof, issuer
 * key, dates, status, schema), but reading the issuer's DID document and status lists from the database instead of
 * over HTTP.
 *
 * <p>A full check costs tens of milliseconds (two proofs canonicalized), and a shared badge's page is opened many
 * times. The outcome depends only on the signed credential (fixed for an award), its status list, the issuer's keys
 * and the time; so it is kept per award together with a stamp of the list's and the keys' current versions, read from
 * the database on every view. A revocation or a key retirement changes the stamp, and every node checks again at once.
 * Time is the rest: an outcome is reused only until the credential's next validity boundary, and at most
 * {@link #REUSE_AT_MOST}.
 */
@Component
class LocalVerification {

    static final Duration REUSE_AT_MOST = Duration.ofMinutes(10);
    private static final int OUTCOMES = 20_000;

    private record Outcome(String stamp, VerificationReport report, Instant reuseUntil) {}

    private final Verifier verifier;
    private final JdbcClient db;
    private final Clock clock;
    @SuppressWarnings("serial")
    private final Map<UUID, Outcome> outcomes = java.util.Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Outcome> eldest) {
            return size() > OUTCOMES;
        }
    });

    LocalVerification(OwnIssuerDocuments own, Clock clock, JdbcClient db) {
        this.db = db;
        this.clock = clock;
        DocumentFetcher local = uri -> own.find(uri).orElseThrow(() -> new FileNotFoundException(uri.toString()));
        this.verifier = Verifier.builder()
                .documentFetcher(local)
                .didResolver(CompositeDidResolver.builder().method("web", DidWebResolver.allowingHttpOnLoopback(local))
                        .method("key", new DidKeyResolver()).build())
                .clock(clock)
                .build();
    }

    /** The award's signed credential checked in full, or the outcome of the last full check if nothing it read has changed since. */
    VerificationReport verify(Award award, String signedCredential) {
        String stamp = stamp(award);
        Instant now = clock.instant();
        Outcome kept = outcomes.get(award.id());
        if (kept != null && kept.stamp().equals(stamp) && now.isBefore(kept.reuseUntil())) return kept.report();
        VerificationReport report = verifier.verify(bytes(signedCredential), "application/vc+ld+json");
        outcomes.put(award.id(), new Outcome(stamp, report, reuseUntil(award, now)));
        return report;
    }

    /** The version of what a check of the award reads besides its credential: its status list and its issuer's keys. */
    private String stamp(Award award) {
        return db.sql("""
                select s.etag, s.updated_at, count(k.id), max(coalesce(k.retired_at, k.rotated_at, k.created_at)), max(k.retired_at)
                from awards a left join status_lists s on s.id = a.status_list_id
                left join issuer_keys k on k.organization_id = a.organization_id
                where a.id = ? group by s.etag, s.updated_at""")
                .param(award.id())
                .query((rs, n) -> rs.getString(1) + "|" + instant(rs.getTimestamp(2)) + "|" + rs.getLong(3) + "|" + instant(rs.getTimestamp(4))
                        + "|" + instant(rs.getTimestamp(5)))
                .optional().orElse("gone");
    }

    private static Instant reuseUntil(Award award, Instant now) {
        Instant until = now.plus(REUSE_AT_MOST);
        if (award.validFrom().isAfter(now) && award.validFrom().isBefore(until)) until = award.validFrom();
        if (award.validUntil() != null && award.validUntil().isAfter(now) && award.validUntil().isBefore(until)) until = award.validUntil();
        return until;
    }

    private static Object instant(Timestamp t) {
        return t == null ? "" : t.toInstant();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
