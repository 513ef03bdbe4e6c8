package io.guildmark.app.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.stripe.Stripe;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stripe's API as far as the platform uses it, in the test JVM on loopback: creating and reading Checkout Sessions and
 * creating refunds, answered in the shapes Stripe documents (form-encoded requests, JSON objects, error objects with a
 * type and message, idempotency keys). It also plays the Checkout page (a "Pay" button that completes the session,
 * sends the signed {@code checkout.session.completed} webhook and redirects to the success URL) and signs webhooks the
 * way Stripe does: {@code Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.payload" under the endpoint secret>}.
 *
 * <p>One per test JVM; the application's {@code guildmark.payments.stripe-api-base} points at it (see IntegrationTest).
 */
public final class StripeStandIn {

    /** An organization's Stripe account as the stand-in knows it: its keys and the webhook endpoint it sends events to. */
    public record Account(String secretKey, String publishableKey, String webhookSecret, String webhookUrl) {}

    /** A webhook delivery's answer from the application. */
    public record Delivery(int status, String body) {}

    private static StripeStandIn instance;

    private final HttpServer server;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> sessionKeys = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> refunds = new ConcurrentHashMap<>();
    private final java.util.List<String> refundOrder = new java.util.ArrayList<>();
    private final Map<String, String> idempotent = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StripeStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/", this::api);
        server.createContext("/pay/", this::checkoutPage);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    public static synchronized StripeStandIn get() {
        if (instance == null) {
            try {
                instance = new StripeStandIn();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new test-mode account whose events go to the organization's webhook address on the application. */
    public Account newAccount(String appBaseUrl, String orgSlug) {
        String id = UUID.randomUUID().toString().replace("-", "");
        Account account = new Account("sk_test_" + id, "pk_test_" + id, "whsec_" + id, appBaseUrl + "/payments/stripe/webhook/" + orgSlug);
        accounts.put(account.secretKey(), account);
        return account;
    }

    public JsonObject session(String id) {
        return sessions.get(id).deepCopy();
    }

    public int refundsOf(String paymentIntent) {
        return (int) refunds.values().stream().filter(r -> paymentIntent.equals(r.get("payment_intent").getAsString())).count();
    }

    /** The amounts refunded of a payment, in the order they were made. */
    public java.util.List<Long> refundAmountsOf(String paymentIntent) {
        synchronized (refundOrder) {
            return refundOrder.stream().map(refunds::get).filter(r -> paymentIntent.equals(r.get("payment_intent").getAsString()))
                    .map(r -> r.get("amount").getAsLong()).toList();
        }
    }

    // ---- the API

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String key = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
            if (!accounts.containsKey(key)) {
                error(exchange, 401, "invalid_request_error", null, "Invalid API Key provided: " + (key.length() > 8 ? key.substring(0, 8) + "***" : "***"));
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if ("POST".equals(method) && idempotencyKey != null && idempotent.containsKey(key + idempotencyKey)) {
                json(exchange, 200, idempotent.get(key + idempotencyKey));
                return;
            }
            Map<String, String> form = "POST".equals(method) ? form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)) : Map.of();
            String answer;
            if ("POST".equals(method) && path.equals("/v1/checkout/sessions")) {
                answer = createSession(key, form).toString();
            } else if ("GET".equals(method) && path.startsWith("/v1/checkout/sessions/")) {
                JsonObject session = sessions.get(path.substring("/v1/checkout/sessions/".length()));
                if (session == null || !key.equals(sessionKeys.get(session.get("id").getAsString()))) {
                    error(exchange, 404, "invalid_request_error", "resource_missing", "No such checkout.session");
                    return;
                }
                answer = session.toString();
            } else if ("POST".equals(method) && path.equals("/v1/refunds")) {
                JsonObject refund = createRefund(key, form);
                if (refund == null) {
                    error(exchange, 400, "invalid_request_error", "resource_missing", "No such payment_intent: '" + form.get("payment_intent") + "'");
                    return;
                }
                answer = refund.toString();
            } else {
                error(exchange, 404, "invalid_request_error", null, "Unrecognized request URL (" + method + ": " + path + ").");
                return;
            }
            if (idempotencyKey != null) idempotent.put(key + idempotencyKey, answer);
            json(exchange, 200, answer);
        }
    }

    private JsonObject createSession(String key, Map<String, String> form) {
        String id = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
        long amount = 0;
        for (int i = 0; form.containsKey("line_items[" + i + "][quantity]"); i++) {
            amount += Long.parseLong(form.get("line_items[" + i + "][price_data][unit_amount]")) * Long.parseLong(form.get("line_items[" + i + "][quantity]"));
        }
        JsonObject s = new JsonObject();
        s.addProperty("id", id);
        s.addProperty("object", "checkout.session");
        s.addProperty("amount_subtotal", amount);
        s.addProperty("amount_total", amount);
        s.addProperty("cancel_url", form.get("cancel_url"));
        s.addProperty("client_reference_id", form.get("client_reference_id"));
        s.addProperty("created", Instant.now().getEpochSecond());
        s.addProperty("currency", form.get("line_items[0][price_data][currency]"));
        s.addProperty("customer_email", form.get("customer_email"));
        s.addProperty("expires_at", Instant.now().plus(Duration.ofHours(24)).getEpochSecond());
        s.addProperty("livemode", false);
        JsonObject metadata = new JsonObject();
        form.forEach((k, v) -> {
            if (k.startsWith("metadata[")) metadata.addProperty(k.substring(9, k.length() - 1), v);
        });
        s.add("metadata", metadata);
        s.addProperty("mode", form.get("mode"));
        s.add("payment_intent", JsonNull.INSTANCE);
        s.addProperty("payment_status", "unpaid");
        s.addProperty("status", "open");
        s.addProperty("success_url", form.get("success_url"));
        s.addProperty("url", apiBase() + "/pay/" + id);
        sessions.put(id, s);
        sessionKeys.put(id, key);
        return s;
    }

    private JsonObject createRefund(String key, Map<String, String> form) {
        String intent = form.get("payment_intent");
        JsonObject session = sessions.values().stream()
                .filter(s -> s.get("payment_intent").isJsonPrimitive() && s.get("payment_intent").getAsString().equals(intent)
                        && key.equals(sessionKeys.get(s.get("id").getAsString())))
                .findFirst().orElse(null);
        if (session == null) return null;
        JsonObject r = new JsonObject();
        r.addProperty("id", "re_" + UUID.randomUUID().toString().replace("-", ""));
        r.addProperty("object", "refund");
        // A partial refund names its amount; without one Stripe refunds the whole charge.
        r.addProperty("amount", form.containsKey("amount") ? Long.parseLong(form.get("amount")) : session.get("amount_total").getAsLong());
        r.addProperty("charge", "ch_" + intent.substring(3));
        r.addProperty("created", Instant.now().getEpochSecond());
        r.addProperty("currency", session.get("currency").getAsString());
        r.addProperty("payment_intent", intent);
        r.addProperty("status", "succeeded");
        refunds.put(r.get("id").getAsString(), r);
        synchronized (refundOrder) {
            refundOrder.add(r.get("id").getAsString());
        }
        return r;
    }

    // ---- the Checkout page

    private void checkoutPage(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/pay/".length());
            JsonObject session = sessions.get(id);
            if (session == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if ("GET".equals(exchange.getRequestMethod())) {
                String html = "<!DOCTYPE html><html lang=\"en\"><head><title>Stripe Checkout (stand-in)</title></head><body>"
                        + "<h1>Pay " + session.get("amount_total").getAsLong() + " " + session.get("currency").getAsString() + "</h1>"
                        + "<main><form method=\"post\"><button type=\"submit\" id=\"stripe-pay\">Pay</button></form></main></body></html>";
                byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
                return;
            }
            exchange.getRequestBody().readAllBytes();
            JsonObject paid = complete(id);
            sendEvent(accounts.get(sessionKeys.get(id)), "checkout.session.completed", paid);
            exchange.getResponseHeaders().set("Location", paid.get("success_url").getAsString().replace("{CHECKOUT_SESSION_ID}", id));
            exchange.sendResponseHeaders(303, -1);
        }
    }

    /** The buyer paid: the session is complete with a payment intent. Answers the session as the event carries it. */
    public JsonObject complete(String sessionId) {
        JsonObject s = sessions.get(sessionId);
        synchronized (s) {
            if (!"complete".equals(s.get("status").getAsString())) {
                s.addProperty("payment_intent", "pi_" + UUID.randomUUID().toString().replace("-", ""));
                s.addProperty("payment_status", "paid");
                s.addProperty("status", "complete");
            }
            return s.deepCopy();
        }
    }

    // ---- webhooks

    /** An event as Stripe sends it, with a new id. */
    public static String event(String id, String type, JsonObject object) {
        JsonObject e = new JsonObject();
        e.addProperty("id", id);
        e.addProperty("object", "event");
        e.addProperty("api_version", Stripe.API_VERSION);
        e.addProperty("created", Instant.now().getEpochSecond());
        JsonObject data = new JsonObject();
        data.add("object", object);
        e.add("data", data);
        e.addProperty("livemode", false);
        e.addProperty("pending_webhooks", 1);
        JsonObject request = new JsonObject();
        request.add("id", JsonNull.INSTANCE);
        request.add("idempotency_key", JsonNull.INSTANCE);
        e.add("request", request);
        e.addProperty("type", type);
        return e.toString();
    }

    public static String newEventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Sends a new event of the type, signed now. */
    public Delivery sendEvent(Account account, String type, JsonObject object) {
        String payload = event(newEventId(), type, object);
        return deliver(account.webhookUrl(), payload, signature(account.webhookSecret(), Instant.now().getEpochSecond(), payload));
    }

    /** {@code t=…,v1=…} as Stripe computes it. */
    public static String signature(String secret, long timestamp, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Delivery deliver(String url, String payload, String signatureHeader) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json; charset=utf-8").header("Stripe-Signature", signatureHeader)
                    .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
            return new Delivery(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- plumbing

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) return form;
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String code, String message) throws IOException {
        JsonObject error = new JsonObject();
        error.addProperty("type", type);
        if (code != null) error.addProperty("code", code);
        error.addProperty("message", message);
        JsonObject body = new JsonObject();
        body.add("error", error);
        json(exchange, status, body.toString());
    }
}
