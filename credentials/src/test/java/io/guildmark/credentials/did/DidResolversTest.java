package io.guildmark.credentials.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DidResolversTest {

    @Test
    void didWebResolvesThroughTheFetcher() throws Exception {
        var resolver = DidWebResolver.https(DidFixtures.serving(DidFixtures.acmeAfterRotations()));

        var doc = resolver.resolve(DidFixtures.ACME + "#key-2026");

        assertThat(doc).isEqualTo(DidFixtures.acmeAfterRotations());
    }

    @Test
    void documentWhoseIdIsAnotherDidIsRefused() {
        var other = DidDocument.builder("did:web:evil.example").build();
        var fetcher = DocumentFetcher.ofMap(Map.of(URI.create("https://example.com/issuers/acme/did.json"),
                other.toJson().toString().getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> DidWebResolver.https(fetcher).resolve(DidFixtures.ACME))
                .isInstanceOfSatisfying(DidResolutionException.class,
                        e -> assertThat(e.code()).isEqualTo(DidResolutionException.Code.ID_MISMATCH));
    }

    @Test
    void missingDocumentIsNotFound() {
        assertThatThrownBy(() -> DidWebResolver.https(DocumentFetcher.ofMap(Map.of())).resolve(DidFixtures.ACME))
                .isInstanceOfSatisfying(DidResolutionException.class,
                        e -> assertThat(e.code()).isEqualTo(DidResolutionException.Code.NOT_FOUND));
    }

    @Test
    void garbageDocumentIsInvalid() {
        var fetcher = DocumentFetcher.ofMap(Map.of(URI.create("https://example.com/issuers/acme/did.json"),
                "<html>".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> DidWebResolver.https(fetcher).resolve(DidFixtures.ACME))
                .isInstanceOfSatisfying(DidResolutionException.class,
                        e -> assertThat(e.code()).isEqualTo(DidResolutionException.Code.INVALID_DOCUMENT));
    }

    @Test
    void didKeyResolvesToOneMultikeyAssertionMethod() throws Exception {
        var did = "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";

        var doc = new DidKeyResolver().resolve(did);

        var vm = did + "#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
        assertThat(doc.verificationMethods()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(vm);
            assertThat(m.type()).isEqualTo("Multikey");
        });
        assertThat(doc.isAssertionMethod(vm)).isTrue();
        assertThat(DidKeyResolver.verificationMethodFor(doc.verificationMethods().get(0).ed25519PublicKey()))
                .isEqualTo(vm);
    }

    @Test
    void didKeyOfAnotherKeyTypeIsUnsupported() {
        assertThatThrownBy(() -> new DidKeyResolver().resolve("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"))
                .isInstanceOfSatisfying(DidResolutionException.class,
                        e -> assertThat(e.code()).isEqualTo(DidResolutionException.Code.UNSUPPORTED_KEY_TYPE));
    }

    @Test
    void compositeDispatchesByMethodAndRefusesOthers() throws Exception {
        var resolver = CompositeDidResolver.webAndKey(DidFixtures.serving(DidFixtures.acmeAfterRotations()));

        assertThat(resolver.resolve(DidFixtures.ACME).id()).isEqualTo(DidFixtures.ACME);
        assertThat(resolver.resolve(DidKeyResolver.didFor(DidFixtures.KEY_2024)).verificationMethods()).hasSize(1);
        assertThatThrownBy(() -> resolver.resolve("did:ion:abc"))
                .isInstanceOfSatisfying(DidResolutionException.class,
                        e -> assertThat(e.code()).isEqualTo(DidResolutionException.Code.METHOD_NOT_SUPPORTED));
        assertThatThrownBy(() -> resolver.resolve("not a did"))
                .isInstanceOfSatisfying(DidResolutionException.class,
                        e -> assertThat(e.code()).isEqualTo(DidResolutionException.Code.INVALID_DID));
    }

    @Test
    void cacheServesRepeatedLookupsUntilTheTtlPasses() throws Exception {
        var calls = new AtomicInteger();
        DidResolver counting = did -> {
            calls.incrementAndGet();
            return DidFixtures.acmeAfterRotations();
        };
        var clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        var cache = new CachingDidResolver(counting, Duration.ofMinutes(5), 10, clock);

        cache.resolve(DidFixtures.ACME);
        cache.resolve(DidFixtures.ACME + "#key-2026");
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        cache.resolve(DidFixtures.ACME);

        assertThat(calls).hasValue(2);
    }

    @Test
    void cacheKeepsAtMostMaxSizeEntries() throws Exception {
        var cache = new CachingDidResolver(new DidKeyResolver(), Duration.ofHours(1), 2);

        for (int i = 1; i <= 5; i++) {
            cache.resolve(DidKeyResolver.didFor(DidFixtures.bytes(i)));
        }

        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void cacheIsSafeUnderConcurrentUse() throws Exception {
        var cache = new CachingDidResolver(new DidKeyResolver(), Duration.ofHours(1), 8);
        var threads = new Thread[4];
        var failures = new AtomicInteger();
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    try {
                        cache.resolve(DidKeyResolver.didFor(DidFixtures.bytes(i % 16)));
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (var t : threads) {
            t.join();
        }

        assertThat(failures).hasValue(0);
        assertThat(cache.size()).isLessThanOrEqualTo(8);
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
