package io.guildmark.credentials.proof;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysAndMultibaseTest {

    @Test
    void base58KeepsLeadingZeroBytes() {
        byte[] bytes = {0, 0, 1, 2, (byte) 255};

        assertThat(Multibase.encodeBase58Btc(bytes)).startsWith("z11");
        assertThat(Multibase.decode(Multibase.encodeBase58Btc(bytes))).isEqualTo(bytes);
    }

    @Test
    void base58MatchesTheBitcoinAlphabet() {
        assertThat(Multibase.encodeBase58Btc("Hello World!".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo("z2NEpo7TZRRrLZSi2U");
    }

    @Test
    void base64UrlIsUnpadded() {
        assertThat(Multibase.encodeBase64Url(new byte[] {(byte) 0xfb, (byte) 0xff})).isEqualTo("u-_8");
        assertThat(Multibase.decode("u-_8")).containsExactly((byte) 0xfb, (byte) 0xff);
    }

    @Test
    void invalidMultibaseIsRejected() {
        assertThatThrownBy(() -> Multibase.decode("z0OIl")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multibase.decode("mAAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multibase.decode("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openBadgesGuideKeyIsAnEd25519Multikey() {
        byte[] key = Multikey.decodePublicKey("z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi");

        assertThat(HexFormat.of().formatHex(key)).startsWith("4bdeafde").endsWith("4cc5a5");
        assertThat(Multikey.encodePublicKey(key)).isEqualTo("z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi");
    }

    @Test
    void privateMultikeyIsNotAcceptedAsPublic() {
        String privateKey = Multikey.encodePrivateKey(new byte[32]);

        assertThatThrownBy(() -> Multikey.decodePublicKey(privateKey)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedKeySignsAndVerifies() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        byte[] message = "badge".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] signature = pair.sign(message);

        assertThat(Ed25519KeyPair.verify(pair.publicKey(), message, signature)).isTrue();
        message[0] ^= 1;
        assertThat(Ed25519KeyPair.verify(pair.publicKey(), message, signature)).isFalse();
    }

    @Test
    void mismatchedPublicKeyIsRejected() {
        Ed25519KeyPair a = Ed25519KeyPair.generate();
        Ed25519KeyPair b = Ed25519KeyPair.generate();

        assertThatThrownBy(() -> new Ed25519KeyPair(b.publicKey(), a.privateKey()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyPairNeverPrintsItsPrivateKey() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate();

        assertThat(pair.toString()).contains(pair.publicKeyMultibase())
                .doesNotContain(HexFormat.of().formatHex(pair.privateKey()))
                .doesNotContain(Multikey.encodePrivateKey(pair.privateKey()));
    }
}
