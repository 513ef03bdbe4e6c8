package io.guildmark.app.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.StripeStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Refunds through the API ({@code POST …/orders/{id}/refunds}): the same service, rules and Stripe path as the staff
 * page's refund, audited, with a problem for every refusal, safe to retry, and {@code GET …/orders/{id}} listing them.
 */
class RefundsApiIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired ApplicationContext context;
    @Autowired Enrollments enrollments;
    @Autowired Checkouts checkouts;
    @Autowired Orders orders;
    @Autowired StripeConnections connections;

    final StripeStandIn stripe = StripeStandIn.get();
    EarningWorld world;

    @BeforeEach
    void world() {
        world = new EarningWorld(context, admin(), baseUrl());
    }

    /** A connected association selling a micro-credential at 49.00 USD, and a learner who paid for it through Stripe. */
    record Sale(EarningWorld.Program program, Order order, Enrollment enrollment, String paymentIntent, Api key) {

        String refunds() {
            return "/api/v1/organizations/" + program.slug() + "/orders/" + order.id() + "/refunds";
        }

        String orderPath() {
            return "/api/v1/organizations/" + program.slug() + "/orders/" + order.id();
        }
    }

    Sale sale(String stem) {
        var program = world.program(stem, EarningWorld.onlyDemonstration());
        db.sql("update achievement_versions set definition = replace(definition, '\"currency\"', '\"nonMemberPrice\":4900,\"currency\"') where achievement_id = ?")
                .param(program.achievementId()).update();
        var account = stripe.newAccount(baseUrl(), program.slug());
        connections.save(program.owner().actor(), program.slug(), account.secretKey(), account.publishableKey(), account.webhookSecret());
        var learner = world.person("Rhea Refund", null);
        Enrollment e = world.enroll(learner, program);
        Order order = checkouts.payEnrollment(learner.actor(), e.id(), null);
        stripe.sendEvent(account, "checkout.session.completed", stripe.complete(order.checkoutSessionId()));
        Order paid = orders.require(order.id());
        assertThat(paid.state()).isEqualTo(Order.State.PAID);
        return new Sale(program, paid, e, paid.paymentIntentId(), api().withToken(program.apiKey()));
    }

    @Test
    void aPartialThenAFullRefundGoThroughStripeAreAuditedAndListedWithTheOrderAndTheLastWithdrawsTheEnrollment() {
        Sale sale = sale("apirefund");
        Api.Response part = sale.key().post(sale.refunds(), Map.of("amount", "10.50", "currency", "usd", "reason", "Missed the first session"));
        assertThat(part.status()).as(part.body()).isEqualTo(201);
        assertThat(part.header("Location")).endsWith(sale.orderPath());
        JsonNode refund = part.json().get("refund");
        assertThat(refund.get("amountMinor").asLong()).isEqualTo(1050);
        assertThat(refund.get("currency").asText()).isEqualToIgnoringCase("usd");
        assertThat(refund.get("reason").asText()).isEqualTo("Missed the first session");
        assertThat(refund.get("stripeRefundId").asText()).startsWith("re_");
        assertThat(part.json().get("order").get("state").asText()).isEqualTo("paid");
        assertThat(part.json().get("order").get("partiallyRefunded").asBoolean()).isTrue();
        assertThat(stripe.refundAmountsOf(sale.paymentIntent())).containsExactly(1050L);
        assertThat(enrollments.find(sale.enrollment().id()).orElseThrow().active()).isTrue();

        JsonNode shown = sale.key().get(sale.orderPath()).json();
        assertThat(shown.get("id").asText()).isEqualTo(sale.order().id().toString());
        assertThat(shown.get("refundedMinor").asLong()).isEqualTo(1050);
        assertThat(shown.get("refunds")).hasSize(1);
        assertThat(shown.get("refunds").get(0).get("reason").asText()).isEqualTo("Missed the first session");
        String staffPage = new io.guildmark.app.support.SignedInClient(baseUrl(), sale.program().owner().email(), EarningWorld.PASSWORD)
                .get("/organizations/" + sale.program().slug() + "/orders").body();
        assertThat(staffPage).as("the staff orders page lists the order's refunds with their reasons")
                .contains("Refunded " + sale.order().quote().formatted(1050)).contains("Missed the first session");

        Api.Response rest = sale.key().post(sale.refunds(), Map.of());
        assertThat(rest.status()).as(rest.body()).isEqualTo(201);
        assertThat(rest.json().get("refund").get("amountMinor").asLong()).isEqualTo(3850);
        assertThat(rest.json().get("order").get("state").asText()).isEqualTo("refunded");
        assertThat(rest.json().get("order").get("refunds")).hasSize(2);
        assertThat(stripe.refundAmountsOf(sale.paymentIntent())).containsExactly(1050L, 3850L);
        assertThat(enrollments.find(sale.enrollment().id()).orElseThrow().state()).isEqualTo(Enrollment.State.WITHDRAWN);

        Api.Response again = sale.key().post(sale.refunds(), Map.of("amount", "1.00"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("not-paid");

        assertThat(db.sql("select action from audit_entries where object_id = ? and action like 'payments.order-%refunded' order by seq")
                .param(sale.order().id().toString()).query(String.class).list())
                .containsExactly("payments.order-partly-refunded", "payments.order-refunded");
        assertThat(db.sql("select changes from audit_entries where object_id = ? and action = 'payments.order-partly-refunded'")
                .param(sale.order().id().toString()).query(String.class).single()).contains("Missed the first session");
    }

    @Test
    void badAmountsAnotherCurrencyAndALongReasonAreProblemsOnTheirFieldAndRefundNothing() {
        Sale sale = sale("apibadrefund");
        Map<String, Map<String, String>> bad = Map.of(
                "more than remains", Map.of("amount", "49.01"),
                "negative", Map.of("amount", "-1"),
                "fractional cent", Map.of("amount", "10.005"),
                "zero", Map.of("amount", "0"),
                "not a number", Map.of("amount", "lots"),
                "far too long", Map.of("amount", "1".repeat(60)));
        bad.forEach((why, body) -> {
            Api.Response r = sale.key().post(sale.refunds(), body);
            assertThat(r.status()).as(why + ": " + r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("errors").findValuesAsString("field")).as(why).containsExactly("amount");
        });
        Api.Response euro = sale.key().post(sale.refunds(), Map.of("amount", "10.00", "currency", "EUR"));
        assertThat(euro.status()).isEqualTo(400);
        assertThat(euro.json().get("errors").findValuesAsString("field")).containsExactly("currency");
        assertThat(euro.body()).contains("USD");
        Api.Response essay = sale.key().post(sale.refunds(), Map.of("amount", "10.00", "reason", "x".repeat(501)));
        assertThat(essay.status()).isEqualTo(400);
        assertThat(essay.json().get("errors").findValuesAsString("field")).containsExactly("reason");

        assertThat(stripe.refundsOf(sale.paymentIntent())).isZero();
        assertThat(db.sql("select count(*) from refunds where order_id = ?").param(sale.order().id()).query(Long.class).single()).isZero();
        assertThat(orders.require(sale.order().id()).refundedMinor()).isZero();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyRefundsOnceAndTheKeyWithAnotherBodyIs422() throws Exception {
        Sale sale = sale("apiretryrefund");
        String body = "{\"amount\":\"5.00\",\"reason\":\"Goodwill\"}";
        HttpResponse<String> first = post(sale, "refund-5-goodwill", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> retry = post(sale, "refund-5-goodwill", body);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(post(sale, "refund-5-goodwill", "{\"amount\":\"6.00\"}").statusCode()).isEqualTo(422);

        assertThat(stripe.refundAmountsOf(sale.paymentIntent())).containsExactly(500L);
        assertThat(orders.require(sale.order().id()).refundedMinor()).isEqualTo(500);
    }

    @Test
    void anotherOrganizationGets404AndARoleWithoutThePermissionIsRefused() {
        Sale sale = sale("apiownrefund");
        Sale other = sale("apiotherrefund");
        // Another organization's key, on this organization's order: the organization is not found.
        assertThat(other.key().post(sale.refunds(), Map.of()).status()).isEqualTo(404);
        assertThat(other.key().get(sale.orderPath()).status()).isEqualTo(404);
        // This organization's order under the other organization's own address: the order is not found.
        String crossed = "/api/v1/organizations/" + other.program().slug() + "/orders/" + sale.order().id();
        Api.Response foreign = other.key().post(crossed + "/refunds", Map.of());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");
        assertThat(other.key().get(crossed).status()).isEqualTo(404);
        assertThat(api().post(sale.refunds(), Map.of()).status()).as("no credential").isEqualTo(401);

        // Issuers see orders but only owners and admins refund: the same service the endpoint calls says 403.
        var issuer = world.member(sale.program(), Role.ISSUER, "Ida Issuer", null);
        assertThat(orders.inOrganization(issuer.actor(), sale.program().slug(), sale.order().id()).id()).isEqualTo(sale.order().id());
        assertThatThrownBy(() -> orders.refund(issuer.actor(), sale.program().slug(), sale.order().id(), new Orders.RefundRequest("1.00", null, null)))
                .isInstanceOf(Problem.class).extracting(p -> ((Problem) p).kind()).isEqualTo(Problem.Kind.FORBIDDEN);

        assertThat(stripe.refundsOf(sale.paymentIntent())).isZero();
        assertThat(orders.require(sale.order().id()).state()).isEqualTo(Order.State.PAID);
    }

    private HttpResponse<String> post(Sale sale, String idempotencyKey, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + sale.refunds()))
                .header("Authorization", "Bearer " + sale.program().apiKey()).header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
