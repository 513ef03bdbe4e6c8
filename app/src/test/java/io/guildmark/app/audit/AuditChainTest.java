package io.guildmark.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.shared.Problem;
import org.junit.jupiter.api.Test;

/** The hash, the changes' JSON and the cursor, without a database. */
class AuditChainTest {

    private static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-000000000042");

    private static AuditEntry entry(String actorLabel, String changes) {
        return new AuditEntry(7, ORG.toString(), ORG, Instant.parse("2026-12-04T18:00:00.123Z"), "person", "u-1", actorLabel,
                "award.revoked", "award", "a-1", changes, null, null);
    }

    @Test
    void theHashDependsOnEveryFieldThePositionAndThePreviousHash() {
        String hash = AuditChain.hash(AuditChain.GENESIS, entry("ada@example.org", "{}"), 1);
        assertThat(hash).hasSize(64).isEqualTo(AuditChain.hash(AuditChain.GENESIS, entry("ada@example.org", "{}"), 1));
        assertThat(AuditChain.hash(AuditChain.GENESIS, entry("eve@example.org", "{}"), 1)).isNotEqualTo(hash);
        assertThat(AuditChain.hash(AuditChain.GENESIS, entry("ada@example.org", "{\"x\":1}"), 1)).isNotEqualTo(hash);
        assertThat(AuditChain.hash(AuditChain.GENESIS, entry("ada@example.org", "{}"), 2)).isNotEqualTo(hash);
        assertThat(AuditChain.hash("1".repeat(64), entry("ada@example.org", "{}"), 1)).isNotEqualTo(hash);
    }

    @Test
    void fieldsCannotBeShiftedFromOneToTheNext() {
        AuditEntry a = new AuditEntry(1, "c", null, Instant.EPOCH, "person", "ab", "c", "x", "y", null, "{}", null, null);
        AuditEntry b = new AuditEntry(1, "c", null, Instant.EPOCH, "person", "a", "bc", "x", "y", null, "{}", null, null);
        assertThat(AuditChain.hash(AuditChain.GENESIS, a, 1)).isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, b, 1));
    }

    @Test
    void changesAreSmallJsonInAStableOrder() {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("before", List.of("designer"));
        ordered.put("after", List.of("designer", "issuer"));
        assertThat(AuditLog.json(ordered)).isEqualTo("{\"before\":[\"designer\"],\"after\":[\"designer\",\"issuer\"]}");
        assertThat(AuditLog.json(Map.of("b", 1, "a", true))).isEqualTo("{\"a\":true,\"b\":1}");
        assertThat(AuditLog.json(Map.of("text", "line\n\"quoted\"\u0001"))).isEqualTo("{\"text\":\"line\\n\\\"quoted\\\"\\u0001\"}");
        assertThat(AuditLog.json(Map.of("long", "x".repeat(5000)))).hasSizeLessThan(1100);
    }

    @Test
    void aCursorRoundTripsAndAnEditedOneIsRefused() {
        String cursor = AuditLog.encodeCursor(12345);
        assertThat(AuditLog.decodeCursor(cursor)).isEqualTo(12345);
        String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("a1:12344:00000000".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String bad : List.of(cursor + "x", cursor.substring(1), forged, "", "%%%", "a".repeat(100))) {
            assertThatThrownBy(() -> AuditLog.decodeCursor(bad)).as(bad).isInstanceOf(Problem.class)
                    .satisfies(p -> assertThat(((Problem) p).code()).isEqualTo("cursor-invalid"));
        }
    }
}
