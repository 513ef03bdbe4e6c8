package io.guildmark.app.webhooks;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import io.guildmark.app.shared.MasterKey;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries. A recurring job (one node at a time) claims what is due — {@code for update skip locked},
 * then leases each claimed delivery by moving its next attempt past the time limit — and starts the requests
 * asynchronously; at most {@code max-concurrency} are in flight, and no thread waits on an endpoint. Each answer (or
 * time-out) is recorded as an attempt: any 2xx delivers; anything else waits for the next attempt of the retry
 * schedule, with ±20 % jitter, until the last one fails the delivery. Redirects are not followed.
 */
@Component
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final int SNIPPET_BYTES = 1024;

    private record Due(UUID id, UUID endpointId, String eventId, int attempts, String url, String sealedSecret, String payload) {}

    /** What came of one attempt: an HTTP status and the start of the answer, or an error. */
    private record Outcome(@Nullable Integer status, @Nullable String snippet, @Nullable String error) {
        boolean delivered() {
            return status != null && status >= 200 && status <= 299;
        }
    }

    private final JdbcClient db;
    private final EndpointAddresses addresses;
    private final MasterKey masterKey;
    private final SubscribedTypes subscribed;
    private final WebhookSettings settings;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final HttpClient http;
    private final Semaphore inFlight;
    private final ExecutorService worker;

    WebhookDispatcher(JdbcClient db, EndpointAddresses addresses, MasterKey masterKey, WebhookSettings settings, Clock clock,
            PlatformTransactionManager transactions, SubscribedTypes subscribed) {
        this.subscribed = subscribed;
        this.db = db;
        this.addresses = addresses;
        this.masterKey = masterKey;
        this.settings = settings;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactions);
        this.inFlight = new Semaphore(settings.maxConcurrency());
        // Address checks (DNS) and recording answers; never waiting on an endpoint.
        this.worker = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "webhooks");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout())
                .proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Starts every due delivery there is room for; answers how many were started. */
    int dispatchDue() {
        int room = inFlight.availablePermits();
        if (room <= 0) return 0;
        List<Due> due = Objects.requireNonNull(transactions.execute(tx -> claim(room)));
        int started = 0;
        for (Due delivery : due) {
            if (!inFlight.tryAcquire()) {
                db.sql("update webhook_deliveries set next_attempt_at = ? where id = ? and state = 'pending'")
                        .params(Timestamp.from(clock.instant()), delivery.id()).update();
                continue;
            }
            send(delivery);
            started++;
        }
        return started;
    }

    /** Deletes events (with their deliveries and attempts) older than the retention whose deliveries are all finished. */
    int prune() {
        Instant before = clock.instant().minus(settings.retention());
        return db.sql("""
                delete from webhook_events ev where ev.created_at < ?
                  and not exists (select 1 from webhook_deliveries d where d.event_id = ev.id and d.state = 'pending')""")
                .param(Timestamp.from(before)).update();
    }

    private List<Due> claim(int limit) {
        Instant now = clock.instant();
        List<UUID> ids = db.sql("""
                select d.id from webhook_deliveries d
                where d.state = 'pending' and d.next_attempt_at <= ?
                  and exists (select 1 from webhook_endpoints e where e.id = d.endpoint_id and e.enabled = true)
                order by d.next_attempt_at limit ? for update skip locked""")
                .params(Timestamp.from(now), limit).query(UUID.class).list();
        if (ids.isEmpty()) return List.of();
        // The lease: nobody picks these again until the attempt is over (or this node died during it).
        Instant lease = now.plus(settings.timeout().multipliedBy(2)).plusSeconds(60);
        db.sql("update webhook_deliveries set next_attempt_at = :lease where id in (:ids)")
                .param("lease", Timestamp.from(lease)).param("ids", ids).update();
        return db.sql("""
                select d.id, d.endpoint_id, d.event_id, d.attempts, e.url, e.secret_sealed, ev.payload
                from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id join webhook_events ev on ev.id = d.event_id
                where d.id in (:ids)""")
                .param("ids", ids)
                .query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getObject("endpoint_id", UUID.class), rs.getString("event_id"), rs.getInt("attempts"),
                        rs.getString("url"), rs.getString("secret_sealed"), rs.getString("payload")))
                .list();
    }

    private void send(Due delivery) {
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        Duration timeout = settings.timeout();
        CompletableFuture.supplyAsync(() -> addresses.refusal(URI.create(delivery.url())), worker) // again: DNS may have changed
                .thenCompose(refusal -> {
                    if (refusal != null) return CompletableFuture.completedFuture(new Outcome(null, null, refusal));
                    return http.sendAsync(request(URI.create(delivery.url()), delivery, timeout), info -> new SnippetBody())
                            .thenApply(response -> new Outcome(response.statusCode(),
                                    snippet(response.headers().firstValue("content-type").orElse(""), response.body()), null));
                })
                .orTimeout(timeout.toMillis() * 2 + 1000, java.util.concurrent.TimeUnit.MILLISECONDS)
                .exceptionally(failure -> new Outcome(null, null, describe(failure, timeout)))
                .thenAcceptAsync(outcome -> {
                    try {
                        record(delivery, outcome, started, Duration.ofNanos(System.nanoTime() - startedNanos));
                    } catch (RuntimeException e) {
                        log.warn("Could not record webhook attempt for delivery {}: {}", delivery.id(), e.getMessage());
                    } finally {
                        inFlight.release();
                    }
                }, worker)
                .exceptionally(failure -> {
                    inFlight.release(); // the worker refused the task (shutting down)
                    return null;
                });
    }

    private HttpRequest request(URI uri, Due delivery, Duration timeout) {
        String secret = new String(masterKey.decrypt(delivery.sealedSecret()), StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", "Guildmark-Webhooks/1")
                .header("webhook-id", delivery.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Signatures.sign(secret, delivery.eventId(), timestamp, delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                .build();
    }

    private void record(Due delivery, Outcome outcome, Instant at, Duration took) {
        int attempt = delivery.attempts() + 1;
        String state;
        Instant next = null;
        if (outcome.delivered()) {
            state = "delivered";
        } else if (attempt >= settings.maxAttempts()) {
            state = "failed";
        } else {
            state = "pending";
            next = clock.instant().plus(jittered(settings.retrySchedule().get(attempt - 1)));
        }
        Instant nextAttempt = next;
        transactions.executeWithoutResult(tx -> {
            db.sql("""
                    insert into webhook_attempts (id, delivery_id, attempted_at, http_status, duration_ms, response_snippet, error)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), delivery.id(), Timestamp.from(at.truncatedTo(ChronoUnit.MICROS)), outcome.status(),
                            (int) Math.min(Integer.MAX_VALUE, took.toMillis()), outcome.snippet(), outcome.error())
                    .update();
            db.sql("""
                    update webhook_deliveries set state = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?, last_status = ?
                    where id = ?""")
                    .params(state, attempt, nextAttempt == null ? null : Timestamp.from(nextAttempt), Timestamp.from(at),
                            outcome.status(), delivery.id())
                    .update();
            if (state.equals("failed")) disableIfFailingForDays(delivery.endpointId());
        });
    }

    /**
     * Disables an endpoint that has just failed a delivery for good and has delivered nothing for
     * {@code auto-disable-after} (nor existed that long without a success): its events stop piling up. Staff
     * see it disabled, with the failures in the log, and enable it again when the receiver is back.
     */
    private void disableIfFailingForDays(UUID endpointId) {
        if (settings.autoDisableAfter().isZero()) return;
        Timestamp since = Timestamp.from(clock.instant().minus(settings.autoDisableAfter()));
        int disabled = db.sql("""
                update webhook_endpoints e set enabled = false, updated_at = ?
                where e.id = ? and e.enabled = true and e.created_at < ?
                  and not exists (select 1 from webhook_deliveries d where d.endpoint_id = e.id and d.state = 'delivered'
                                  and d.last_attempt_at >= ?)""")
                .params(Timestamp.from(clock.instant()), endpointId, since, since).update();
        if (disabled == 1) {
            log.warn("Webhook endpoint {} disabled: it has delivered nothing for {}", endpointId, settings.autoDisableAfter());
            db.sql("select organization_id from webhook_endpoints where id = ?").param(endpointId).query(UUID.class).optional()
                    .ifPresent(subscribed::invalidate);
        }
    }

    /** The wait, 20 % either way, so that receivers that failed together are not retried together. */
    static Duration jittered(Duration wait) {
        double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (wait.toMillis() * factor)));
    }

    /** The start of a textual answer for the log; binary answers are only described. */
    static @Nullable String snippet(String contentType, byte[] body) {
        if (body.length == 0) return null;
        String type = contentType.toLowerCase(Locale.ROOT);
        if (!(type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("form-urlencoded"))) {
            return "(" + type + " answer, not shown)";
        }
        String text = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(body)).toString();
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0))) clean.appendCodePoint(c);
        });
        return clean.length() > SNIPPET_BYTES ? clean.substring(0, SNIPPET_BYTES) : clean.toString();
    }

    private static String describe(Throwable failure, Duration timeout) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "No answer within " + timeout.toMillis() / 1000.0 + " s.";
        }
        if (cause instanceof ConnectException) return "Could not connect.";
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }

    /** Keeps the first {@value #SNIPPET_BYTES} bytes of an answer and drops the connection after them. */
    private static final class SnippetBody implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.@Nullable Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) return;
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), SNIPPET_BYTES + 4 - out.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                out.write(chunk, 0, take);
            }
            if (out.size() >= SNIPPET_BYTES + 4) {
                if (subscription != null) subscription.cancel();
                body.complete(out.toByteArray());
            } else if (subscription != null) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(out.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }
    }
}
