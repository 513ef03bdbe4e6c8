package io.guildmark.app.verification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.guildmark.app.shared.Problem;
import io.guildmark.credentials.holder.HolderProofResult;
import io.guildmark.credentials.verify.VerificationReport;
import jakarta.json.JsonObject;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Checks a batch of credentials on {@value #THREADS} threads shared by everyone, with the one {@link Verification}
 * the single check uses. The page starts a {@link Run} and polls its progress; the API waits for the rows. A run
 * lives in memory while it works and for {@link #KEPT_IN_MEMORY} after (so the page and its downloads work for an
 * anonymous visitor too); a signed-in person's finished run is also saved ({@link BatchStore}), for them or for the
 * employer they checked for; an anonymous one never.
 */
@Service
class BatchVerifications {

    static final int THREADS = 4;
    /** Batches being checked at once, across everyone: a further one waits its turn (429). */
    static final int MAX_RUNNING = 20;
    static final Duration KEPT_IN_MEMORY = Duration.ofHours(1);
    static final int MAX_FINISHED_IN_MEMORY = 200;

    private static final Logger log = LoggerFactory.getLogger(BatchVerifications.class);

    private final Verification verification;
    private final BatchStore store;
    private final Clock clock;
    private final ExecutorService pool;
    private final Map<UUID, Run> runs = new ConcurrentHashMap<>();

    BatchVerifications(Verification verification, BatchStore store, Clock clock) {
        this.verification = verification;
        this.store = store;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "batch-verification-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /**
     * Who a batch is kept for: the person who ran it ({@code userId}, null for an API key), and the employer they ran it
     * for ({@code employer}, null for a personal check); {@code checkedBy} names them in the employer's list.
     */
    record Owner(@Nullable UUID userId, CheckingEmployers.@Nullable Employer employer, String checkedBy) {

        static Owner person(UUID userId, String email) {
            return new Owner(userId, null, email);
        }

        boolean kept() {
            return userId != null || employer != null;
        }
    }

    /** A batch being checked or just checked: its rows fill in as the threads finish them. */
    final class Run {
        final UUID id = UUID.randomUUID();
        final @Nullable UUID userId;
        final @Nullable Owner owner;
        final String label;
        final Instant startedAt;
        /** The challenge presentations in this batch must answer, or null when the check asked none. */
        final BatchChallenges.@Nullable Issued challenge;
        private final BatchInput.Item[] items;
        private final BatchRow[] rows;
        private final AtomicInteger done = new AtomicInteger();
        private volatile @Nullable Instant finishedAt;

        private Run(@Nullable Owner owner, BatchInput input, BatchChallenges.@Nullable Issued challenge) {
            this.owner = owner;
            this.challenge = challenge;
            this.userId = owner == null ? null : owner.userId();
            this.label = input.label();
            this.startedAt = clock.instant();
            this.items = input.items().toArray(BatchInput.Item[]::new);
            this.rows = new BatchRow[items.length];
        }

        int total() {
            return rows.length;
        }

        int done() {
            return done.get();
        }

        boolean finished() {
            return finishedAt != null;
        }

        int percent() {
            return total() == 0 ? 100 : done() * 100 / total();
        }

        /** The rows once finished, in the order they came. */
        List<BatchRow> rows() {
            if (!finished()) throw new IllegalStateException("The batch is still running");
            return List.of(rows);
        }

        private void check(int i) {
            try {
                rows[i] = verifyOne(i + 1, items[i], challenge);
            } catch (RuntimeException e) {
                log.warn("A batch verification item failed unexpectedly", e);
                rows[i] = BatchRow.unreadable(i + 1, new BatchInput.Item(items[i].source(), items[i].candidate(), null, null, null,
                        "it could not be checked."));
            }
            items[i] = null; // the bytes are not needed any more
            if (done.incrementAndGet() == rows.length) finish();
        }

        private void finish() {
            if (owner != null && owner.kept()) {
                try {
                    store.save(id, owner, label, startedAt, List.of(rows));
                } catch (RuntimeException e) {
                    log.warn("A batch verification could not be saved", e);
                }
            }
            finishedAt = clock.instant();
        }
    }

    /**
     * Starts checking the batch in the background; a signed-in person's ({@code owner}) is saved when done. Its
     * presentations' holder proofs must answer {@code challenge} when one is given.
     */
    Run start(@Nullable Owner owner, BatchInput input, BatchChallenges.@Nullable Issued challenge) {
        if (input.isEmpty()) throw Problem.invalid("empty-batch", "Give at least one badge: files, a ZIP, addresses or a CSV.");
        forgetOld();
        if (runs.values().stream().filter(r -> !r.finished()).count() >= MAX_RUNNING) {
            throw new Problem(Problem.Kind.TOO_MANY_REQUESTS, "busy", "Many batches are being checked right now; try again in a minute.",
                    List.of());
        }
        Run run = new Run(owner, input, challenge);
        runs.put(run.id, run);
        for (int i = 0; i < run.total(); i++) {
            int index = i;
            pool.execute(() -> run.check(index));
        }
        return run;
    }

    /**
     * Checks the batch and answers when every row is done (the API); kept only when run for an employer ({@code owner}
     * names one), under {@code id}.
     */
    List<BatchRow> verifyNow(UUID id, Instant startedAt, @Nullable Owner owner, BatchInput input, BatchChallenges.@Nullable Issued challenge) {
        if (input.isEmpty()) throw Problem.invalid("empty-batch", "Give at least one badge: files, a ZIP, addresses or a CSV.");
        List<BatchInput.Item> items = input.items();
        List<CompletableFuture<BatchRow>> futures = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int position = i + 1;
            BatchInput.Item item = items.get(i);
            futures.add(CompletableFuture.supplyAsync(() -> verifyOne(position, item, challenge), pool));
        }
        List<BatchRow> rows = futures.stream().map(CompletableFuture::join).toList();
        if (owner != null && owner.employer() != null) store.save(id, owner, input.label(), startedAt, rows);
        return rows;
    }

    /** The run, if it is still in memory. */
    Optional<Run> run(UUID id) {
        return Optional.ofNullable(runs.get(id));
    }

    private BatchRow verifyOne(int position, BatchInput.Item item, BatchChallenges.@Nullable Issued challenge) {
        if (item.unreadable() != null) return BatchRow.unreadable(position, item);
        String expected = item.candidate() == null ? null : item.candidate().email();
        // Bytes go through check(): a badge checked before (the same candidate's in an earlier batch) is answered from
        // its kept outcome, with the issuer's standing, in one query.
        Verification.Checked checked = item.url() != null ? verification.checkUrl(item.url(), expected)
                : verification.check(item.bytes() == null ? new byte[0] : item.bytes(), item.contentType(), expected);
        VerificationReport report = checked.report();
        BatchInput.Presented presented = item.presented();
        BatchRow.Holder holder = presented == null ? BatchRow.Holder.NONE
                : BatchRow.Holder.of(presented, presented.presentation().proof(holderProofs(challenge)), challenge != null);
        return BatchRow.of(position, item, report, checked.standing(), holder);
    }

    /** A presentation's holder proof, answering the batch's challenge and domain when it has one (else none is compared). */
    private BatchInput.Presentation.ProofCheck holderProofs(BatchChallenges.@Nullable Issued challenge) {
        String nonce = challenge == null ? null : challenge.challenge();
        String domain = challenge == null ? null : challenge.domain();
        return new BatchInput.Presentation.ProofCheck() {
            @Override
            public HolderProofResult dataIntegrity(JsonObject presentation) {
                return verification.verifyPresentationProof(presentation, nonce, domain);
            }

            @Override
            public HolderProofResult jwt(String token) {
                return verification.verifyPresentationJwt(token, nonce, domain);
            }
        };
    }

    private void forgetOld() {
        Instant cutoff = clock.instant().minus(KEPT_IN_MEMORY);
        runs.values().removeIf(r -> r.finishedAt != null && r.finishedAt.isBefore(cutoff));
        List<Run> finished = runs.values().stream().filter(Run::finished).sorted(Comparator.comparing(r -> r.finishedAt)).toList();
        for (int i = 0; i < finished.size() - MAX_FINISHED_IN_MEMORY; i++) runs.remove(finished.get(i).id);
    }
}
