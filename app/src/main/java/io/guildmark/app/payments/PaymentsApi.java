package io.guildmark.app.payments;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.ApiPage;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Listings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** Orders and discount codes for an organization's systems (accounting, a CRM). */
@ApiController
@Tag(name = "Payments", description = "Orders, discount codes and Stripe's webhook")
class PaymentsApi {

    record OrderView(UUID id, String number, String kind, String method, String state, @Nullable String stateNote, String buyerEmail,
            String buyerName, @Nullable UUID achievementId, @Nullable UUID pathwayId, String itemName, @Nullable UUID enrollmentId, int quantity, long unitPriceMinor,
            long subtotalMinor, @Nullable String discountCode, long discountMinor, @Nullable String taxLabel, int taxRateBps,
            boolean taxInclusive, long taxMinor, long totalMinor, String currency, @Nullable String checkoutSessionId,
            @Nullable String paymentIntentId, @Nullable String refundId, Instant createdAt, @Nullable Instant paidAt,
            @Nullable Instant refundedAt, long refundedMinor, boolean partiallyRefunded) {}

    record RefundView(UUID id, long amountMinor, String currency, @Nullable String stripeRefundId, Instant refundedAt,
            @Nullable UUID refundedBy, @Nullable String reason) {}

    /** An order with its refunds, oldest first. */
    record OrderDetail(@JsonUnwrapped OrderView order, List<RefundView> refunds) {}

    /**
     * @param amount in the currency's major unit, such as "10.50"; left out: all that is left to refund
     * @param currency optional; when given it must be the order's
     */
    record RefundBody(@Nullable String amount, @Nullable String currency, @Nullable String reason) {}

    /** The refund just made and the order as it now stands. */
    record RefundResult(RefundView refund, OrderDetail order) {}

    record CodeBody(@Nullable String code, @Nullable String kind, @Nullable String value, @Nullable String currency,
            @Nullable Integer maxUses, @Nullable String expiresOn) {}

    record CodeView(UUID id, String code, @Nullable Integer percentOff, @Nullable Long amountOffMinor, @Nullable String currency,
            @Nullable Integer maxUses, int uses, @Nullable Instant expiresAt, Instant createdAt) {}

    private final Orders orders;
    private final DiscountCodes discountCodes;
    private final GuildmarkSettings settings;

    PaymentsApi(Orders orders, DiscountCodes discountCodes, GuildmarkSettings settings) {
        this.orders = orders;
        this.discountCodes = discountCodes;
        this.settings = settings;
    }

    @GetMapping("/api/v1/organizations/{slug}/orders")
    @Operation(summary = "The organization's orders, newest first, a page at a time",
            description = "state filters (pending, paid, refunded, expired, flagged). Pages with limit (1 to 200, default 50) and the "
                    + "cursor of the previous page; total counts every match. Amounts are in the currency's minor unit.")
    ResponseEntity<ApiPage<OrderView>> orders(@PathVariable String slug, @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable Integer limit, @RequestParam(required = false) @Nullable String cursor) {
        return ApiPage.of(orders.list(CurrentActor.get(), slug, PaymentStaffPages.state(state), Listings.limit(limit), cursor),
                PaymentsApi::view, settings);
    }

    @GetMapping("/api/v1/organizations/{slug}/orders/{id}")
    @Operation(summary = "One of the organization's orders, with its refunds",
            description = "For staff who may see learners. refunds lists every refund of the order, oldest first (staff refunds, "
                    + "refunds made in Stripe's dashboard, automatic refunds of payments that could start nothing).")
    OrderDetail order(@PathVariable String slug, @PathVariable UUID id) {
        return detail(orders.inOrganization(CurrentActor.get(), slug, id));
    }

    @PostMapping("/api/v1/organizations/{slug}/orders/{id}/refunds")
    @Operation(summary = "Refund a paid order, in full or in part",
            description = "For owners and admins (and API keys). amount in the major unit (\"10.50\"; left out: all that is left), "
                    + "currency optional (must be the order's), reason optional (at most 500 characters). Orders paid through Stripe are "
                    + "refunded through Stripe; offline orders are recorded as refunded. The refund that brings the order back to "
                    + "zero refunds it: its enrollment is withdrawn, its pathway place given up. Problems: amount-invalid fields "
                    + "(negative, zero, finer than the currency's smallest unit, more than is left), currency (another currency), "
                    + "409 not-paid, seats-taken, too-many-refunds (at most 50 per order). Send an Idempotency-Key to retry safely.")
    ResponseEntity<RefundResult> refund(@PathVariable String slug, @PathVariable UUID id, @RequestBody(required = false) @Nullable RefundBody body) {
        RefundBody b = body == null ? new RefundBody(null, null, null) : body;
        Orders.Refunded done = orders.refund(CurrentActor.get(), slug, id, new Orders.RefundRequest(b.amount(), b.currency(), b.reason()));
        return ResponseEntity.created(URI.create(settings.url("/api/v1/organizations/" + slug + "/orders/" + id)))
                .body(new RefundResult(view(done.refund()), detail(done.order())));
    }

    @GetMapping("/api/v1/organizations/{slug}/discount-codes")
    @Operation(summary = "The organization's discount codes, newest first, a page at a time")
    ResponseEntity<ApiPage<CodeView>> codes(@PathVariable String slug, @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return ApiPage.of(discountCodes.list(CurrentActor.get(), slug, Listings.limit(limit), cursor), PaymentsApi::view, settings);
    }

    @PostMapping("/api/v1/organizations/{slug}/discount-codes")
    @Operation(summary = "Create a discount code",
            description = "kind percent (value a whole percentage 1-100) or amount (value in the major unit, such as \"10.00\", with currency); "
                    + "maxUses optional (1 to 1,000,000); expiresOn optional (YYYY-MM-DD, valid through that day UTC).")
    ResponseEntity<CodeView> create(@PathVariable String slug, @RequestBody CodeBody body) {
        DiscountCodes.Code code = discountCodes.create(CurrentActor.get(), slug,
                new DiscountCodes.Draft(body.code(), body.kind(), body.value(), body.currency(), body.maxUses(), body.expiresOn()));
        return ResponseEntity.created(URI.create(settings.url("/api/v1/organizations/" + slug + "/discount-codes"))).body(view(code));
    }

    static OrderView view(Order o) {
        Quote q = o.quote();
        return new OrderView(o.id(), o.number(), o.kind().id(), o.method().id(), o.state().id(), o.stateNote(), o.buyerEmail(), o.buyerName(),
                o.achievementId(), o.pathwayId(), o.itemName(), o.enrollmentId(), q.quantity(), q.unitPriceMinor(), q.subtotalMinor(), o.discountCode(),
                q.discountMinor(), q.taxLabel(), q.taxRateBps(), q.taxInclusive(), q.taxMinor(), q.totalMinor(), q.currency(),
                o.checkoutSessionId(), o.paymentIntentId(), o.refundId(), o.createdAt(), o.paidAt(), o.refundedAt(), o.refundedMinor(),
                o.partiallyRefunded());
    }

    private OrderDetail detail(Order o) {
        return new OrderDetail(view(o), orders.refundsOf(o.id()).stream().map(PaymentsApi::view).toList());
    }

    static RefundView view(Orders.Refund r) {
        return new RefundView(r.id(), r.amountMinor(), r.currency(), r.stripeRefundId(), r.refundedAt(), r.refundedBy(), r.reason());
    }

    static CodeView view(DiscountCodes.Code c) {
        return new CodeView(c.id(), c.code(), c.percentOff(), c.amountOffMinor(), c.currency(), c.maxUses(), c.uses(), c.expiresAt(), c.createdAt());
    }
}
