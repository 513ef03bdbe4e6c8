package io.guildmark.credentials;

import io.guildmark.credentials.ob3.AchievementCredential;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import io.guildmark.credentials.proof.ProofOptions;
import io.guildmark.credentials.proof.ProofResult;
import io.guildmark.credentials.proof.PublicKeyResolver;
import io.guildmark.credentials.proof.BadgeFixture;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsTest {

    @Test
    void signedCredentialReadsBackAndItsProofVerifies() {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        String vm = BadgeFixture.VERIFICATION_METHOD;
        AchievementCredential credential = Credentials.read(BadgeFixture.realisticBadge());

        JsonObject signed = Credentials.sign(credential, ProofOptions.assertion(vm, Instant.now()), key);

        assertThat(Credentials.verifyProof(signed, PublicKeyResolver.fixed(vm, key.publicKey())))
                .isEqualTo(ProofResult.ok());
        assertThat(Credentials.read(signed).withoutProof()).isEqualTo(credential);
    }

    @Test
    void tamperedCredentialFailsProofCheck() {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        String vm = BadgeFixture.VERIFICATION_METHOD;
        JsonObject signed = Credentials.signer(key, vm).sign(BadgeFixture.realisticBadge());
        JsonObject tampered = Json.createObjectBuilder(signed).add("name", "Forged").build();

        assertThat(Credentials.verifyProof(tampered, PublicKeyResolver.fixed(vm, key.publicKey())).code())
                .isEqualTo(ProofResult.Code.INVALID_SIGNATURE);
    }
}
