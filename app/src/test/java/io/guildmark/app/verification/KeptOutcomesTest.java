package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.guildmark.app.shared.OwnDocuments;
import io.guildmark.credentials.verify.Check;
import io.guildmark.credentials.verify.CheckStatus;
import io.guildmark.credentials.verify.VerificationReport;
import org.junit.jupiter.api.Test;

class KeptOutcomesTest {

    private static final URI DID = URI.create("https://badges.example/issuers/acme/did.json");
    private static final URI LIST = URI.create("https://badges.example/status/4f3c2a1e-0000-4000-8000-000000000001");
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    private final AtomicReference<OwnDocumentVersions.Versions> versions = new AtomicReference<>(
            new OwnDocumentVersions.Versions("keys-1", "etag-1", new IssuerStandings.Standing(true, null)));
    private final OwnDocumentVersions database = (did, list) -> Optional.of(versions.get());

    private static VerificationReport verified(Instant validFrom, Instant validUntil) {
        var details = new VerificationReport.Details("urn:uuid:1", "did:web:badges.example:issuers:acme", "Acme", "Chair a Meeting",
                "Ada", validFrom, validUntil, "JSON");
        return new VerificationReport(true, List.of(new Check(Check.PROOF, CheckStatus.PASSED, "VALID", "valid"),
                new Check(Check.STATUS, CheckStatus.PASSED, "ACTIVE", "active")), "Verified", details, null);
    }

    private static KeptOutcomes.Reads readOwnDocuments(String didVersion, String listVersion) {
        var reads = new KeptOutcomes.Reads();
        reads.read(true, DID, Optional.of(new OwnDocuments.Versioned(new byte[0], didVersion)));
        reads.read(false, LIST, Optional.of(new OwnDocuments.Versioned(new byte[0], listVersion)));
        return reads;
    }

    private static KeptOutcomes.Key key(String text) {
        return KeptOutcomes.key(text.getBytes(StandardCharsets.UTF_8), "application/vc+ld+json", null);
    }

    @Test
    void anOutcomeIsReusedOnlyWhileEveryVersionItReadIsUnchanged() {
        var outcomes = new KeptOutcomes(database, clock, 1024 * 1024);
        var key = key("{credential}");
        assertThat(outcomes.keep(key, verified(NOW.minusSeconds(60), null), readOwnDocuments("keys-1", "etag-1"), NOW, 100)).isPresent();
        assertThat(outcomes.find(key)).isPresent();

        versions.set(new OwnDocumentVersions.Versions("keys-1", "etag-2", new IssuerStandings.Standing(true, null)));
        assertThat(outcomes.find(key)).as("a revocation changes the list's version").isEmpty();
        assertThat(outcomes.contains(key)).isFalse();
    }

    @Test
    void anOutcomeReadFromADocumentThatChangedMeanwhileIsNotKept() {
        var outcomes = new KeptOutcomes(database, clock, 1024 * 1024);
        var key = key("{credential}");
        assertThat(outcomes.keep(key, verified(NOW.minusSeconds(60), null), readOwnDocuments("keys-1", "etag-0"), NOW, 100)).isEmpty();
        assertThat(outcomes.contains(key)).isFalse();
    }

    @Test
    void anOutcomeThatReadAnotherHostsDocumentIsNotKept() {
        var outcomes = new KeptOutcomes(database, clock, 1024 * 1024);
        var reads = readOwnDocuments("keys-1", "etag-1");
        reads.read(false, URI.create("https://elsewhere.example/status/1"), Optional.empty());
        assertThat(outcomes.keep(key("{credential}"), verified(NOW.minusSeconds(60), null), reads, NOW, 100)).isEmpty();
    }

    @Test
    void anOutcomeIsNotReusedAcrossTheCredentialsExpiryNorAfterTenMinutes() {
        var outcomes = new KeptOutcomes(database, clock, 1024 * 1024);
        var expiring = key("{expiring}");
        var lasting = key("{lasting}");
        outcomes.keep(expiring, verified(NOW.minusSeconds(60), NOW.plusSeconds(30)), readOwnDocuments("keys-1", "etag-1"), NOW, 100);
        outcomes.keep(lasting, verified(NOW.minusSeconds(60), null), readOwnDocuments("keys-1", "etag-1"), NOW, 100);

        now.set(NOW.plusSeconds(30));
        assertThat(outcomes.find(expiring)).isEmpty();
        assertThat(outcomes.find(lasting)).isPresent();
        now.set(NOW.plus(KeptOutcomes.REUSE_AT_MOST));
        assertThat(outcomes.find(lasting)).isEmpty();
    }

    @Test
    void keptOutcomesAreBoundedInMemory() {
        var outcomes = new KeptOutcomes(database, clock, 100_000);
        for (int i = 0; i < 200; i++) {
            outcomes.keep(key("{credential " + i + "}"), verified(NOW.minusSeconds(60), null), readOwnDocuments("keys-1", "etag-1"), NOW, 1000);
        }
        // Each weighs 8 × 1,000 + 4,096 bytes: about 8 fit in 100,000.
        assertThat(outcomes.size()).isLessThanOrEqualTo(9).isPositive();
    }

    @Test
    void aDifferentExpectedRecipientOrContentTypeIsADifferentKey() {
        byte[] bytes = "{credential}".getBytes(StandardCharsets.UTF_8);
        assertThat(KeptOutcomes.key(bytes, "application/json", null)).isNotEqualTo(KeptOutcomes.key(bytes, "application/json", "a@example.org"));
        assertThat(KeptOutcomes.key(bytes, "application/json", null)).isNotEqualTo(KeptOutcomes.key(bytes, "image/svg+xml", null));
        assertThat(Duration.ofMinutes(10)).isEqualTo(KeptOutcomes.REUSE_AT_MOST);
    }
}
