package io.guildmark.app.webhooks;

import java.util.List;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff (owners and admins) subscribe endpoints, manage them, and read the delivery log. */
@Controller
class WebhookPages {

    static final int PAGE = 20;

    private final Webhooks webhooks;

    WebhookPages(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping("/organizations/{slug}/webhooks")
    String list(@PathVariable String slug, Model model) {
        Organization org = webhooks.organization(me(), slug);
        model.addAttribute("org", org);
        model.addAttribute("tab", "webhooks");
        model.addAttribute("endpoints", webhooks.list(me(), slug));
        model.addAttribute("types", EventType.subscribable());
        return "webhooks/endpoints";
    }

    @PostMapping("/organizations/{slug}/webhooks")
    String create(@PathVariable String slug, @RequestParam(defaultValue = "") String url,
            @RequestParam(name = "eventTypes", required = false) @Nullable List<String> eventTypes,
            @RequestParam(defaultValue = "") String description, RedirectAttributes redirect) {
        try {
            Webhooks.Created created = webhooks.create(me(), slug, new Webhooks.Change(url, eventTypes == null ? List.of() : eventTypes,
                    description, true));
            // Only strings go into the flash: sessions live in the database.
            redirect.addFlashAttribute("newSecret", created.secret());
            redirect.addFlashAttribute("notice", "Endpoint added. Copy its signing secret now: it is shown only this once.");
            return "redirect:/organizations/" + slug + "/webhooks/" + created.endpoint().id();
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            redirect.addFlashAttribute("error", message(problem));
            redirect.addFlashAttribute("formUrl", url);
            redirect.addFlashAttribute("formDescription", description);
            return "redirect:/organizations/" + slug + "/webhooks";
        }
    }

    @GetMapping("/organizations/{slug}/webhooks/{id}")
    String endpoint(@PathVariable String slug, @PathVariable UUID id, @RequestParam(required = false) @Nullable String cursor, Model model) {
        Organization org = webhooks.organization(me(), slug);
        model.addAttribute("org", org);
        model.addAttribute("tab", "webhooks");
        model.addAttribute("endpoint", webhooks.get(me(), slug, id));
        model.addAttribute("types", EventType.subscribable());
        try {
            model.addAttribute("page", webhooks.deliveries(me(), slug, id, PAGE, cursor));
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            model.addAttribute("listMessage", problem.getMessage());
            model.addAttribute("page", webhooks.deliveries(me(), slug, id, PAGE, null));
        }
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        return "webhooks/endpoint";
    }

    @PostMapping("/organizations/{slug}/webhooks/{id}")
    String update(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String url,
            @RequestParam(name = "eventTypes", required = false) @Nullable List<String> eventTypes,
            @RequestParam(defaultValue = "") String description, RedirectAttributes redirect) {
        attempt(redirect, () -> {
            webhooks.update(me(), slug, id, new Webhooks.Change(url, eventTypes == null ? List.of() : eventTypes, description, null));
            return "Endpoint saved.";
        });
        return back(slug, id);
    }

    @PostMapping("/organizations/{slug}/webhooks/{id}/enable")
    String enable(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        attempt(redirect, () -> {
            webhooks.update(me(), slug, id, new Webhooks.Change(null, null, null, true));
            return "Endpoint enabled; deliveries waiting for it go out now.";
        });
        return back(slug, id);
    }

    @PostMapping("/organizations/{slug}/webhooks/{id}/disable")
    String disable(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        attempt(redirect, () -> {
            webhooks.update(me(), slug, id, new Webhooks.Change(null, null, null, false));
            return "Endpoint disabled: no new events are sent to it.";
        });
        return back(slug, id);
    }

    @PostMapping("/organizations/{slug}/webhooks/{id}/secret")
    String rotate(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("newSecret", webhooks.rotateSecret(me(), slug, id));
        redirect.addFlashAttribute("notice", "New signing secret made; the old one no longer signs. Copy it now: it is shown only this once.");
        return back(slug, id);
    }

    @PostMapping("/organizations/{slug}/webhooks/{id}/test")
    String test(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        attempt(redirect, () -> "Test event " + webhooks.test(me(), slug, id) + " queued; it appears in the log below within seconds.");
        return back(slug, id);
    }

    @PostMapping("/organizations/{slug}/webhooks/{id}/delete")
    String delete(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        webhooks.delete(me(), slug, id);
        redirect.addFlashAttribute("notice", "Endpoint deleted with its delivery log.");
        return "redirect:/organizations/" + slug + "/webhooks";
    }

    @PostMapping("/organizations/{slug}/webhooks/{id}/deliveries/{deliveryId}/resend")
    String resend(@PathVariable String slug, @PathVariable UUID id, @PathVariable UUID deliveryId, RedirectAttributes redirect) {
        attempt(redirect, () -> "Event " + webhooks.resend(me(), slug, id, deliveryId).eventId() + " will be sent again, with the same webhook-id.");
        return back(slug, id);
    }

    private static void attempt(RedirectAttributes redirect, java.util.function.Supplier<String> change) {
        try {
            redirect.addFlashAttribute("notice", change.get());
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            redirect.addFlashAttribute("error", message(problem));
        }
    }

    /** The problem's message with each field's reason, so a page shows what to fix. */
    private static String message(Problem problem) {
        if (problem.fieldErrors().isEmpty()) return problem.getMessage();
        return String.join(" ", problem.fieldErrors().stream().map(Problem.FieldError::message).toList()) + " Nothing was saved.";
    }

    private static String back(String slug, UUID id) {
        return "redirect:/organizations/" + slug + "/webhooks/" + id;
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
