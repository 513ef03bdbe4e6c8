package io.guildmark.credentials.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.credentials.status.StatusResult.State;
import jakarta.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusCheckerTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);

    private final StatusFixture fixture = new StatusFixture()
            .bitstringList(StatusFixture.REVOCATIONS, StatusPurpose.REVOCATION, 7)
            .bitstringList(StatusFixture.SUSPENSIONS, StatusPurpose.SUSPENSION, 8)
            .publish(StatusFixture.ONE_EDTECH_LIST, RevocationList.builder(StatusFixture.ONE_EDTECH_LIST, StatusFixture.ISSUER)
                    .revoke("urn:uuid:revoked", "Awarded in error").build().toJson());

    private StatusChecker checker() {
        return new StatusChecker(fixture.fetcher(), StatusListVerifier.trustingUnverifiedLists(), NOW);
    }

    private static jakarta.json.JsonObject revocationEntry(int index) {
        return BitstringStatusListEntry.of(StatusFixture.REVOCATIONS, StatusPurpose.REVOCATION, index).toJson();
    }

    @Test
    void credentialWhoseBitIsClearIsActive() {
        var result = checker().check(StatusFixture.credential("urn:uuid:1", revocationEntry(6)));

        assertThat(result.state()).isEqualTo(State.ACTIVE);
        assertThat(result.listDate()).isEqualTo(StatusFixture.PUBLISHED);
    }

    @Test
    void credentialWhoseRevocationBitIsSetIsRevoked() {
        var result = checker().check(StatusFixture.credential("urn:uuid:1", revocationEntry(7)));

        assertThat(result.state()).isEqualTo(State.REVOKED);
        assertThat(result.code()).isEqualTo("REVOKED");
    }

    @Test
    void credentialWhoseSuspensionBitIsSetIsSuspended() {
        var result = checker().check(StatusFixture.credential("urn:uuid:1", revocationEntry(8),
                BitstringStatusListEntry.of(StatusFixture.SUSPENSIONS, StatusPurpose.SUSPENSION, 8).toJson()));

        assertThat(result.state()).isEqualTo(State.SUSPENDED);
    }

    @Test
    void revocationOutranksSuspensionWhenBothAreSet() {
        var result = checker().check(StatusFixture.credential("urn:uuid:1",
                BitstringStatusListEntry.of(StatusFixture.SUSPENSIONS, StatusPurpose.SUSPENSION, 8).toJson(),
                revocationEntry(7)));

        assertThat(result.state()).isEqualTo(State.REVOKED);
    }

    @Test
    void listThatFailsVerificationGivesUnknownNotActive() {
        var checker = new StatusChecker(fixture.fetcher(), list -> Optional.of("the proof does not verify"), NOW);

        var result = checker.check(StatusFixture.credential("urn:uuid:1", revocationEntry(6)));

        assertThat(result.state()).isEqualTo(State.UNKNOWN);
        assertThat(result.code()).isEqualTo("STATUS_VERIFICATION_ERROR");
    }

    @Test
    void listFromAnotherIssuerIsNotTrusted() {
        fixture.publish(StatusFixture.REVOCATIONS, BitstringStatusListCredential.unsigned(StatusFixture.REVOCATIONS,
                "did:web:evil.example", StatusPurpose.REVOCATION, new BitstringStatusList(), StatusFixture.PUBLISHED, null));

        var result = checker().check(StatusFixture.credential("urn:uuid:1", revocationEntry(7)));

        assertThat(result.code()).isEqualTo("STATUS_ISSUER_MISMATCH");
    }

    @Test
    void entryPurposeMustMatchTheListPurpose() {
        var entry = BitstringStatusListEntry.of(StatusFixture.SUSPENSIONS, StatusPurpose.REVOCATION, 8).toJson();

        assertThat(checker().check(StatusFixture.credential("urn:uuid:1", entry)).code())
                .isEqualTo("STATUS_PURPOSE_MISMATCH");
    }

    @Test
    void indexBeyondTheListIsARangeError() {
        assertThat(checker().check(StatusFixture.credential("urn:uuid:1", revocationEntry(200_000))).code())
                .isEqualTo("STATUS_RANGE_ERROR");
    }

    @Test
    void unreachableListIsARetrievalError() {
        var entry = BitstringStatusListEntry.of("https://example.com/status/missing", StatusPurpose.REVOCATION, 1).toJson();

        var result = checker().check(StatusFixture.credential("urn:uuid:1", entry));

        assertThat(result.state()).isEqualTo(State.UNKNOWN);
        assertThat(result.code()).isEqualTo("STATUS_RETRIEVAL_ERROR");
    }

    @Test
    void expiredListIsNotUsed() {
        fixture.publish(StatusFixture.REVOCATIONS, BitstringStatusListCredential.unsigned(StatusFixture.REVOCATIONS,
                StatusFixture.ISSUER, StatusPurpose.REVOCATION, new BitstringStatusList(), StatusFixture.PUBLISHED,
                Instant.parse("2026-02-15T00:00:00Z")));

        assertThat(checker().check(StatusFixture.credential("urn:uuid:1", revocationEntry(1))).code())
                .isEqualTo("STATUS_LIST_EXPIRED");
    }

    @Test
    void credentialOnTheOneEdTechRevocationListIsRevokedWithItsReason() {
        var result = checker().check(StatusFixture.credential("urn:uuid:revoked",
                RevocationList.statusEntry(StatusFixture.ONE_EDTECH_LIST)));

        assertThat(result.state()).isEqualTo(State.REVOKED);
        assertThat(result.reason()).isEqualTo("Awarded in error");
    }

    @Test
    void credentialMissingFromTheOneEdTechRevocationListIsActive() {
        var result = checker().check(StatusFixture.credential("urn:uuid:fine",
                RevocationList.statusEntry(StatusFixture.ONE_EDTECH_LIST)));

        assertThat(result.state()).isEqualTo(State.ACTIVE);
    }

    @Test
    void credentialWithoutStatusHasNone() {
        assertThat(checker().check(StatusFixture.credential("urn:uuid:1")).state()).isEqualTo(State.NONE);
    }

    @Test
    void unknownStatusMethodIsReportedNotIgnored() {
        var entry = Json.createObjectBuilder().add("id", "https://x").add("type", "StatusList2021Entry").build();

        assertThat(checker().check(StatusFixture.credential("urn:uuid:1", entry)).code())
                .isEqualTo("UNSUPPORTED_STATUS_TYPE");
    }

    @Test
    void statusListCredentialHasTheShapeTheSpecificationGives() {
        var json = BitstringStatusListCredential.unsigned(StatusFixture.REVOCATIONS, StatusFixture.ISSUER,
                StatusPurpose.REVOCATION, new BitstringStatusList(), StatusFixture.PUBLISHED, null);

        assertThat(json.getJsonArray("type").getString(1)).isEqualTo("BitstringStatusListCredential");
        assertThat(json.getJsonObject("credentialSubject").getString("type")).isEqualTo("BitstringStatusList");
        assertThat(json.getJsonObject("credentialSubject").getString("encodedList")).startsWith("uH4sI");
        assertThat(BitstringStatusListEntry.of(StatusFixture.REVOCATIONS, StatusPurpose.REVOCATION, 94567).toJson())
                .hasToString("{\"id\":\"https://example.com/status/1#94567\",\"type\":\"BitstringStatusListEntry\","
                        + "\"statusPurpose\":\"revocation\",\"statusListIndex\":\"94567\","
                        + "\"statusListCredential\":\"https://example.com/status/1\"}");
    }
}
