package io.guildmark.credentials.bench;

import io.guildmark.credentials.proof.BadgeFixture;
import io.guildmark.credentials.proof.CredentialSigner;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import io.guildmark.credentials.proof.EddsaRdfc2022;
import io.guildmark.credentials.proof.ProofOptions;
import io.guildmark.credentials.proof.ProofResult;
import io.guildmark.credentials.proof.PublicKeyResolver;
import jakarta.json.JsonObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of {@code eddsa-rdfc-2022} on Open Badges credentials of one program (varied learners, evidence,
 * results, alignments): straightforward and fast signing, straightforward and cached verification. Operations per
 * second, per run (multiply nothing: with {@code -t 2} JMH reports the sum over both threads).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class SigningBenchmark {

    static final Instant CREATED = Instant.parse("2026-11-29T05:00:00Z");

    Ed25519KeyPair key;
    List<JsonObject> credentials;
    List<JsonObject> signed;
    EddsaRdfc2022 straightforward;
    EddsaRdfc2022 cached;
    CredentialSigner signer;
    PublicKeyResolver resolver;

    @Setup
    public void setUp() {
        key = Ed25519KeyPair.generate();
        straightforward = EddsaRdfc2022.create();
        cached = EddsaRdfc2022.cached();
        signer = new CredentialSigner(key, BadgeFixture.VERIFICATION_METHOD);
        resolver = PublicKeyResolver.fixed(BadgeFixture.VERIFICATION_METHOD, key.publicKey());
        credentials = new ArrayList<>();
        signed = new ArrayList<>();
        for (int n = 0; n < 256; n++) {
            JsonObject credential = BadgeFixture.badge(n,
                    new BadgeFixture.Parts(n % 4, n % 3 != 0, (n / 4) % 5, n % 5 != 0));
            credentials.add(credential);
            signed.add(signer.sign(credential, CREATED));
        }
    }

    /** Each thread walks the credentials from its own position. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup(Level.Trial)
        public void start() {
            next = (int) (Thread.currentThread().getId() * 37 % 256);
        }

        int advance() {
            next = (next + 1) & 255;
            return next;
        }
    }

    @Benchmark
    public JsonObject straightforwardSign(Cursor cursor) {
        return straightforward.sign(credentials.get(cursor.advance()),
                ProofOptions.assertion(BadgeFixture.VERIFICATION_METHOD, CREATED), key);
    }

    @Benchmark
    public JsonObject fastSign(Cursor cursor) {
        return signer.sign(credentials.get(cursor.advance()), CREATED);
    }

    @Benchmark
    public ProofResult verify(Cursor cursor) {
        return check(straightforward.verify(signed.get(cursor.advance()), resolver));
    }

    @Benchmark
    public ProofResult cachedVerify(Cursor cursor) {
        return check(cached.verify(signed.get(cursor.advance()), resolver));
    }

    private static ProofResult check(ProofResult result) {
        if (!result.isValid()) {
            throw new IllegalStateException(result.toString());
        }
        return result;
    }
}
