package io.guildmark.app.payments;

import java.util.Locale;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListPages;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff pages: the Stripe connection and tax (owners and admins), discount codes, the orders list with refunds, and
 * the refund button of the Learners list.
 */
@Controller
class PaymentStaffPages {

    static final int PAGE = 50;

    private final Organizations organizations;
    private final StripeConnections connections;
    private final TaxSettings taxes;
    private final DiscountCodes discountCodes;
    private final Orders orders;
    private final GuildmarkSettings settings;

    PaymentStaffPages(Organizations organizations, StripeConnections connections, TaxSettings taxes, DiscountCodes discountCodes,
            Orders orders, GuildmarkSettings settings) {
        this.organizations = organizations;
        this.connections = connections;
        this.taxes = taxes;
        this.discountCodes = discountCodes;
        this.orders = orders;
        this.settings = settings;
    }

    @GetMapping("/organizations/{slug}/payments")
    String settingsPage(@PathVariable String slug, Model model) {
        Actor actor = CurrentActor.get();
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        model.addAttribute("org", org);
        model.addAttribute("tab", "payments");
        model.addAttribute("connection", connections.view(actor, slug).orElse(null));
        model.addAttribute("webhookUrl", settings.url("/payments/stripe/webhook/" + org.slug()));
        Quote.Tax tax = taxes.view(actor, slug);
        model.addAttribute("tax", tax);
        model.addAttribute("taxPercent", java.math.BigDecimal.valueOf(tax.rateBps(), 2).stripTrailingZeros().toPlainString());
        return "payments/settings";
    }

    @PostMapping("/organizations/{slug}/payments/stripe")
    String connect(@PathVariable String slug, @RequestParam(required = false) @Nullable String secretKey,
            @RequestParam(required = false) @Nullable String publishableKey, @RequestParam(required = false) @Nullable String webhookSecret,
            RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            connections.save(CurrentActor.get(), slug, bounded(secretKey), bounded(publishableKey), bounded(webhookSecret));
            return "Stripe is connected: learners pay online, and enrollments start when Stripe confirms.";
        });
        return "redirect:/organizations/" + slug + "/payments";
    }

    @PostMapping("/organizations/{slug}/payments/stripe/disconnect")
    String disconnect(@PathVariable String slug, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            connections.disconnect(CurrentActor.get(), slug);
            return "Stripe is disconnected: priced enrollments wait for staff to mark them paid.";
        });
        return "redirect:/organizations/" + slug + "/payments";
    }

    @PostMapping("/organizations/{slug}/payments/tax")
    String tax(@PathVariable String slug, @RequestParam(required = false) @Nullable String rate,
            @RequestParam(defaultValue = "false") boolean inclusive, @RequestParam(required = false) @Nullable String label,
            RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            Quote.Tax tax = taxes.save(CurrentActor.get(), slug, bounded(rate), inclusive, bounded(label));
            return tax.rateBps() == 0 ? "No tax is charged." : "Tax saved: new orders " + (tax.inclusive() ? "include " : "add ") + tax.label() + ".";
        });
        return "redirect:/organizations/" + slug + "/payments";
    }

    @GetMapping("/organizations/{slug}/discount-codes")
    String codes(@PathVariable String slug, @RequestParam(defaultValue = "1") String page, Model model) {
        Actor actor = CurrentActor.get();
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        int n = pageNumber(page);
        model.addAttribute("org", org);
        model.addAttribute("tab", "payments");
        model.addAttribute("page", discountCodes.page(actor, slug, (n - 1) * PAGE, PAGE));
        return "payments/discount-codes";
    }

    @PostMapping("/organizations/{slug}/discount-codes")
    String createCode(@PathVariable String slug, @RequestParam(required = false) @Nullable String code,
            @RequestParam(required = false) @Nullable String kind, @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable String currency, @RequestParam(required = false) @Nullable String maxUses,
            @RequestParam(required = false) @Nullable String expiresOn, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            Integer uses;
            try {
                uses = maxUses == null || maxUses.isBlank() ? null : Integer.valueOf(maxUses.strip());
            } catch (NumberFormatException e) {
                throw Problem.invalidField("maxUses", "Give the number of uses as a whole number, or leave it empty for no limit.");
            }
            DiscountCodes.Code created = discountCodes.create(CurrentActor.get(), slug,
                    new DiscountCodes.Draft(bounded(code), bounded(kind), bounded(value), bounded(currency), uses, bounded(expiresOn)));
            return "Discount code " + created.code() + " created: " + created.describe() + ".";
        });
        return "redirect:/organizations/" + slug + "/discount-codes";
    }

    @GetMapping("/organizations/{slug}/orders")
    String ordersPage(@PathVariable String slug, @RequestParam(required = false) @Nullable String state,
            @RequestParam(defaultValue = "1") String page, Model model) {
        Actor actor = CurrentActor.get();
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        int n = pageNumber(page);
        model.addAttribute("org", org);
        model.addAttribute("tab", "payments");
        model.addAttribute("state", state == null ? "" : state);
        model.addAttribute("states", Order.State.values());
        model.addAttribute("canRefund", organizations.allowed(actor, org.id(), Permission.MANAGE_ORGANIZATION));
        ListPage<Order> list = ListPages.filteredOrAll(model, () -> orders.forOrganization(actor, slug, state(state), (n - 1) * PAGE, PAGE),
                () -> orders.forOrganization(actor, slug, null, 0, PAGE));
        model.addAttribute("page", list);
        model.addAttribute("refunds", orders.refundsOf(list.items().stream().map(Order::id).toList()));
        return "payments/orders";
    }

    @PostMapping("/organizations/{slug}/orders/{orderId}/refund")
    String refund(@PathVariable String slug, @PathVariable UUID orderId, @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            Order order = orders.refund(CurrentActor.get(), slug, orderId, new Orders.RefundRequest(amount, null, reason)).order();
            return order.partiallyRefunded()
                    ? "Refunded part of order " + order.number() + " to " + order.buyerName() + ": " + order.refunded() + " of " + order.total()
                            + " refunded so far; the order stays paid."
                    : "Refunded " + order.total() + " to " + order.buyerName() + " (order " + order.number() + ").";
        });
        return "redirect:/organizations/" + slug + "/orders";
    }

    @PostMapping("/organizations/{slug}/enrollments/{enrollmentId}/refund")
    String refundEnrollment(@PathVariable String slug, @PathVariable UUID enrollmentId, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            Order order = orders.refundEnrollment(CurrentActor.get(), slug, enrollmentId);
            return "Refunded " + order.total() + " to " + order.buyerName() + "; the enrollment is withdrawn.";
        });
        return "redirect:/organizations/" + slug + "/enrollments";
    }

    static Order.@Nullable State state(@Nullable String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Order.State.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("state", "Choose a state from the list.");
        }
    }

    private static @Nullable String bounded(@Nullable String value) {
        if (value != null && value.length() > 300) throw Problem.invalid("too-long", "That is longer than anything this form takes.");
        return value;
    }

    private static int pageNumber(String value) {
        try {
            return Math.max(1, Math.min(Integer.parseInt(value.strip()), 100_000));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
