package io.guildmark.app.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counters kept in memory and added to the database every few seconds in one transaction, so that counting something
 * on a hot public path (a badge view, a share, a verification) costs no write. At most {@code maxPending} counters wait;
 * beyond it a new one triggers a flush at once. A flush that fails keeps its counts for the next one.
 *
 * @param <K> what one counter counts (a subject, a day, a channel)
 */
public final class BufferedCounts<K> {

    private final Logger log;
    private final String what;
    private final int maxPending;
    private final TransactionTemplate transactions;
    private final BiConsumer<K, Long> write;
    private final ScheduledExecutorService flusher;
    private volatile ConcurrentHashMap<K, LongAdder> pending = new ConcurrentHashMap<>();

    /**
     * @param what for the flushing thread's name and the log ("badge views and shares")
     * @param write adds {@code hits} to the counter's row; called inside the flush's transaction, never with 0
     */
    public BufferedCounts(Class<?> owner, String what, int maxPending, int flushSeconds, TransactionTemplate transactions,
            BiConsumer<K, Long> write) {
        this.log = LoggerFactory.getLogger(owner);
        this.what = what;
        this.maxPending = maxPending;
        this.transactions = transactions;
        this.write = write;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, owner.getSimpleName() + "-flush");
            t.setDaemon(true);
            return t;
        });
        int every = Math.max(1, flushSeconds);
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.SECONDS);
    }

    public void add(K key) {
        ConcurrentHashMap<K, LongAdder> counters = pending;
        if (counters.size() >= maxPending && !counters.containsKey(key)) flusher.execute(this::flushQuietly);
        counters.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** Adds what this node counted since the last flush to the database; answers how many counters were written. */
    public synchronized int flush() {
        ConcurrentHashMap<K, LongAdder> counted = pending;
        if (counted.isEmpty()) return 0;
        pending = new ConcurrentHashMap<>();
        Map<K, Long> deltas = new HashMap<>();
        counted.forEach((key, adder) -> deltas.put(key, adder.sum()));
        try {
            transactions.executeWithoutResult(status -> deltas.forEach((key, hits) -> {
                if (hits != 0) write.accept(key, hits);
            }));
        } catch (RuntimeException e) {
            // Kept for the next flush, within the bound (a writer skips rows whose subject is gone, so this cannot loop).
            deltas.forEach((key, n) -> {
                if (pending.size() < maxPending) pending.computeIfAbsent(key, k -> new LongAdder()).add(n);
            });
            throw e;
        }
        return deltas.size();
    }

    /** Flushes what is left and stops the timer (at shutdown). */
    public void stop() {
        flusher.shutdown();
        flushQuietly();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Could not record {}; will try again", what, e);
        }
    }
}
