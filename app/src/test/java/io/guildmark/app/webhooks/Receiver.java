package io.guildmark.app.webhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on loopback (the JDK's HTTP server): it keeps every request and answers with the status the
 * behaviour gives for the n-th request (1-based); a status of 0 means "never answer" (it sleeps until closed).
 */
final class Receiver implements AutoCloseable {

    record Request(Instant at, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);

    Receiver(IntUnaryOperator behaviour) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Request(Instant.now(), Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8)));
            int status = behaviour.applyAsInt(count.incrementAndGet());
            if (status == 0) {
                try {
                    closed.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            byte[] answer = ("{\"received\":" + count.get() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    static Receiver answering(int status) {
        return new Receiver(n -> status);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until the requests received satisfy the condition; answers them. */
    List<Request> await(Predicate<List<Request>> condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            List<Request> now = requests();
            if (condition.test(now)) return now;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("The receiver did not get what was expected within " + within + "; it got " + requests().size()
                + " request(s): " + requests().stream().map(Request::body).toList());
    }

    /** Waits for the first request whose body contains the text. */
    Request awaitBodyContaining(String text, Duration within) {
        return await(list -> list.stream().anyMatch(r -> r.body().contains(text)), within).stream()
                .filter(r -> r.body().contains(text)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
