package io.guildmark.app.payments;

import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The buyer's side: checkout of an enrollment or of seats, the page that hands over to Stripe, the return page that
 * waits for Stripe's confirmation, the account's orders with their receipts, assigning seats and accepting one.
 */
@Controller
class PaymentPages {

    static final int ORDERS_PAGE = 20;

    private final Checkouts checkouts;
    private final Orders orders;
    private final Receipts receipts;
    private final Seats seats;

    PaymentPages(Checkouts checkouts, Orders orders, Receipts receipts, Seats seats) {
        this.checkouts = checkouts;
        this.orders = orders;
        this.receipts = receipts;
        this.seats = seats;
    }

    @GetMapping("/payments/checkout/{enrollmentId}")
    String checkout(@PathVariable UUID enrollmentId, Model model, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        Optional<Checkouts.Preview> preview;
        try {
            preview = checkouts.enrollment(person, enrollmentId);
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/learning/" + enrollmentId;
        }
        if (preview.isEmpty()) {
            redirect.addFlashAttribute("notice", "You paid for this before; your payment still counts. You can start.");
            return "redirect:/learning/" + enrollmentId;
        }
        model.addAttribute("preview", preview.get());
        model.addAttribute("action", "/payments/checkout/" + enrollmentId);
        return "payments/checkout";
    }

    @PostMapping("/payments/checkout/{enrollmentId}")
    String pay(@PathVariable UUID enrollmentId, @RequestParam(required = false) @Nullable String discountCode, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        try {
            return started(checkouts.payEnrollment(person, enrollmentId, bounded(discountCode)), redirect);
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/payments/checkout/" + enrollmentId;
        }
    }

    @GetMapping("/payments/checkout/pathway/{pathwayId}")
    String pathwayCheckout(@PathVariable UUID pathwayId, Model model, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        Optional<Checkouts.Preview> preview;
        try {
            preview = checkouts.pathway(person, pathwayId);
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/pathways/" + pathwayId;
        }
        if (preview.isEmpty()) {
            redirect.addFlashAttribute("notice", "Your place on this pathway is paid for. Each micro-credential you earn counts toward it.");
            return "redirect:/pathways/" + pathwayId;
        }
        model.addAttribute("preview", preview.get());
        model.addAttribute("pathwayId", pathwayId);
        model.addAttribute("action", "/payments/checkout/pathway/" + pathwayId);
        return "payments/checkout";
    }

    @PostMapping("/payments/checkout/pathway/{pathwayId}")
    String payPathway(@PathVariable UUID pathwayId, @RequestParam(required = false) @Nullable String discountCode, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        try {
            return started(checkouts.payPathway(person, pathwayId, bounded(discountCode)), redirect);
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/payments/checkout/pathway/" + pathwayId;
        }
    }

    @GetMapping("/payments/seats/buy/{achievementId}")
    String seatsForm(@PathVariable UUID achievementId, @RequestParam(defaultValue = "5") String quantity, Model model) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        int n = quantity(quantity);
        model.addAttribute("preview", checkouts.seats(person, achievementId, n));
        model.addAttribute("quantity", n);
        model.addAttribute("action", "/payments/seats/buy/" + achievementId);
        return "payments/checkout";
    }

    @PostMapping("/payments/seats/buy/{achievementId}")
    String buySeats(@PathVariable UUID achievementId, @RequestParam(defaultValue = "") String quantity,
            @RequestParam(required = false) @Nullable String discountCode, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        try {
            return started(checkouts.paySeats(person, achievementId, quantity(quantity), bounded(discountCode)), redirect);
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/payments/seats/buy/" + achievementId;
        }
    }

    private String started(Order order, RedirectAttributes redirect) {
        if (order.state() == Order.State.PAID) {
            redirect.addFlashAttribute("notice", "Paid: order " + order.number() + ". Your receipt is on its way by e-mail.");
            if (order.kind() == Order.Kind.PATHWAY && order.pathwayId() != null) return "redirect:/pathways/" + order.pathwayId();
            return order.kind() == Order.Kind.ENROLLMENT && order.enrollmentId() != null ? "redirect:/learning/" + order.enrollmentId()
                    : "redirect:/account/orders/" + order.id();
        }
        return "redirect:/payments/orders/" + order.id() + "/pay";
    }

    /**
     * Hands the buyer over to Stripe. A page of our own rather than a redirect from the form: the pages' CSP allows
     * forms to submit only to this site, and browsers apply that to a form's redirects too.
     */
    @GetMapping("/payments/orders/{orderId}/pay")
    String handOver(@PathVariable UUID orderId, Model model) {
        Order order = orders.mine(CurrentActor.person().orElseThrow(), orderId);
        if (order.state() != Order.State.PENDING || order.checkoutUrl() == null) return "redirect:/payments/orders/" + orderId + "/return";
        model.addAttribute("order", order);
        return "payments/pay";
    }

    @GetMapping("/payments/orders/{orderId}/return")
    String returned(@PathVariable UUID orderId, Model model) {
        model.addAttribute("order", orders.mine(CurrentActor.person().orElseThrow(), orderId));
        return "payments/return";
    }

    /** The return page asks this every two seconds (htmx) until Stripe's webhook has confirmed the payment. */
    @GetMapping("/payments/orders/{orderId}/status")
    String status(@PathVariable UUID orderId, Model model) {
        model.addAttribute("order", orders.mine(CurrentActor.person().orElseThrow(), orderId));
        return "payments/return :: status";
    }

    @GetMapping("/payments/orders/{orderId}/cancelled")
    String cancelled(@PathVariable UUID orderId, RedirectAttributes redirect) {
        Order order = orders.mine(CurrentActor.person().orElseThrow(), orderId);
        redirect.addFlashAttribute("notice", "Payment cancelled: nothing was charged.");
        if (order.kind() == Order.Kind.PATHWAY && order.pathwayId() != null) return "redirect:/pathways/" + order.pathwayId();
        return order.kind() == Order.Kind.ENROLLMENT && order.enrollmentId() != null ? "redirect:/learning/" + order.enrollmentId()
                : "redirect:/account/orders";
    }

    @GetMapping("/account/orders")
    String mine(@RequestParam(defaultValue = "1") String page, Model model) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        int n = pageNumber(page);
        ListPage<Order> list = orders.mine(person, (n - 1) * ORDERS_PAGE, ORDERS_PAGE);
        model.addAttribute("page", list);
        return "payments/my-orders";
    }

    @GetMapping("/account/orders/{orderId}")
    String order(@PathVariable UUID orderId, Model model) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        Order order = orders.mine(person, orderId);
        model.addAttribute("order", order);
        model.addAttribute("lines", Receipts.lines(order));
        model.addAttribute("seats", order.kind() == Order.Kind.SEATS ? seats.of(person, orderId) : java.util.List.of());
        return "payments/order";
    }

    @PostMapping("/account/orders/{orderId}/seats")
    String assign(@PathVariable UUID orderId, @RequestParam(required = false) @Nullable String email, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            Seats.Seat seat = seats.assign(CurrentActor.person().orElseThrow(), orderId, bounded(email));
            return "Seat " + seat.position() + " assigned: " + seat.email() + " has the link by e-mail.";
        });
        return "redirect:/account/orders/" + orderId;
    }

    @GetMapping("/account/orders/{orderId}/receipt.pdf")
    ResponseEntity<byte[]> receipt(@PathVariable UUID orderId) {
        Order order = orders.mine(CurrentActor.person().orElseThrow(), orderId);
        if (!order.hasReceipt()) throw Problem.notFound("The receipt");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"receipt-" + order.number() + ".pdf\"")
                .body(receipts.pdf(order));
    }

    @GetMapping("/payments/seats/{token}")
    String seat(@PathVariable String token, Model model) {
        CurrentActor.person().orElseThrow();
        model.addAttribute("order", seats.offer(bounded(token) == null ? "" : token));
        model.addAttribute("token", token);
        return "payments/seat";
    }

    @PostMapping("/payments/seats/{token}")
    String accept(@PathVariable String token, RedirectAttributes redirect) {
        try {
            Enrollment e = seats.accept(CurrentActor.person().orElseThrow(), token);
            redirect.addFlashAttribute("notice", "Seat accepted: you are enrolled, and it is paid for.");
            return "redirect:/learning/" + e.id();
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/payments/seats/" + token;
        }
    }

    private static @Nullable String bounded(@Nullable String value) {
        if (value != null && value.length() > 300) throw Problem.invalid("too-long", "That is longer than anything this form takes.");
        return value;
    }

    private static int quantity(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= Quote.MAX_QUANTITY) return n;
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw Problem.invalidField("quantity", "Buy between 1 and " + Quote.MAX_QUANTITY + " seats.");
    }

    private static int pageNumber(String value) {
        try {
            return Math.max(1, Math.min(Integer.parseInt(value.strip()), 100_000));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
