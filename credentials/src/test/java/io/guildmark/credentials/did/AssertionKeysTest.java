package io.guildmark.credentials.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AssertionKeysTest {

    private final AssertionKeys keys = new AssertionKeys(
            DidWebResolver.https(DidFixtures.serving(DidFixtures.acmeAfterRotations())),
            Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void currentKeyIsReturned() throws Exception {
        assertThat(keys.assertionMethod(DidFixtures.ACME + "#key-2026").ed25519PublicKey())
                .isEqualTo(DidFixtures.KEY_2026);
    }

    @Test
    void oldKeyStillListedAsAssertionMethodKeepsWorkingAfterRotation() throws Exception {
        var doc = DidDocument.builder(DidFixtures.ACME)
                .assertionKey(VerificationMethod.ed25519Multikey(DidFixtures.ACME + "#key-2025", DidFixtures.ACME,
                        DidFixtures.KEY_2025))
                .assertionKey(VerificationMethod.ed25519Multikey(DidFixtures.ACME + "#key-2026", DidFixtures.ACME,
                        DidFixtures.KEY_2026))
                .build();
        var rotated = new AssertionKeys(DidWebResolver.https(DidFixtures.serving(doc)));

        assertThat(rotated.assertionMethod(DidFixtures.ACME + "#key-2025").ed25519PublicKey())
                .isEqualTo(DidFixtures.KEY_2025);
    }

    @Test
    void retiredKeyFailsWithKeyRetired() {
        assertThatThrownBy(() -> keys.assertionMethod(DidFixtures.ACME + "#key-2024"))
                .isInstanceOfSatisfying(DidResolutionException.class,
                        e -> assertThat(e.code()).isEqualTo(DidResolutionException.Code.KEY_RETIRED));
    }

    @Test
    void revokedKeyFailsWithKeyRevokedAndItsDate() {
        assertThatThrownBy(() -> keys.assertionMethod(DidFixtures.ACME + "#key-2025"))
                .isInstanceOfSatisfying(DidResolutionException.class, e -> {
                    assertThat(e.code()).isEqualTo(DidResolutionException.Code.KEY_REVOKED);
                    assertThat(e.getMessage()).contains("2025-06-01");
                });
    }

    @Test
    void unknownKeyFailsWithKeyNotFound() {
        assertThatThrownBy(() -> keys.assertionMethod(DidFixtures.ACME + "#nope"))
                .isInstanceOfSatisfying(DidResolutionException.class,
                        e -> assertThat(e.code()).isEqualTo(DidResolutionException.Code.KEY_NOT_FOUND));
    }

    @Test
    void keyReferenceWithoutFragmentIsRefused() {
        assertThatThrownBy(() -> keys.assertionMethod("https://example.com/keys/1"))
                .isInstanceOfSatisfying(DidResolutionException.class,
                        e -> assertThat(e.code()).isEqualTo(DidResolutionException.Code.INVALID_DID));
    }
}
