package io.guildmark.credentials.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BitstringStatusListTest {

    @Test
    void newListHasTheMinimumSizeOf131072EntriesAllClear() {
        var list = new BitstringStatusList();

        assertThat(list.size()).isEqualTo(131_072);
        assertThat(list.get(0)).isFalse();
        assertThat(list.get(131_071)).isFalse();
    }

    @Test
    void indexZeroIsTheLeftMostBitOfTheFirstByte() throws Exception {
        var list = new BitstringStatusList().set(0, true).set(9, true);

        var bits = BoundedGzip.decompress(Base64.getUrlDecoder().decode(list.encode().substring(1)), 1 << 20);

        assertThat(bits[0]).isEqualTo((byte) 0x80);
        assertThat(bits[1]).isEqualTo((byte) 0x40);
    }

    @Test
    void encodedListRoundTrips() {
        var list = new BitstringStatusList().set(42, true).set(131_000, true);

        var encoded = list.encode();
        var decoded = BitstringStatusList.decode(encoded);

        assertThat(encoded).startsWith("u").doesNotContain("=");
        assertThat(decoded).isEqualTo(list);
        assertThat(decoded.get(42)).isTrue();
        assertThat(decoded.get(43)).isFalse();
        assertThat(decoded.set(42, false).get(42)).isFalse();
    }

    @Test
    void specificationExampleOfAnEmptyListDecodes() {
        var list = BitstringStatusList.decode("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA");

        assertThat(list.size()).isEqualTo(131_072);
        assertThat(list.isBelowMinimumSize()).isFalse();
        assertThat(list.get(94_567)).isFalse();
    }

    @Test
    void smallerListIsReadButReportedAsBelowMinimum() throws Exception {
        var encoded = "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(gzip(new byte[16]));

        var list = BitstringStatusList.decode(encoded);

        assertThat(list.size()).isEqualTo(128);
        assertThat(list.isBelowMinimumSize()).isTrue();
    }

    @Test
    void gzipBombIsRefusedInsteadOfExhaustingMemory() throws Exception {
        var bomb = "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(gzip(new byte[20 * 1024 * 1024]));

        assertThat(bomb.length()).isLessThan(100_000);
        assertThatThrownBy(() -> BitstringStatusList.decode(bomb))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> BitstringStatusList.decode("u!!!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BitstringStatusList.decode("uAAAA")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsSmallerThanTheMinimumCannotBeCreated() {
        assertThatThrownBy(() -> new BitstringStatusList(1024)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void indexOutsideTheListIsRefused() {
        assertThatThrownBy(() -> new BitstringStatusList().get(131_072)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    static byte[] gzip(byte[] data) throws Exception {
        var out = new ByteArrayOutputStream();
        try (var g = new GZIPOutputStream(out)) {
            g.write(data);
        }
        return out.toByteArray();
    }
}
