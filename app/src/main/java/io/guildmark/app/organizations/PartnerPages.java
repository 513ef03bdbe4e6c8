package io.guildmark.app.organizations;

import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.ListParams;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Partners tab: an association invites employers; an employer answers invitations; either ends a partnership. */
@Controller
class PartnerPages {

    private static final int PAGE_SIZE = 25;

    private final Organizations organizations;
    private final Partnerships partnerships;

    PartnerPages(Organizations organizations, Partnerships partnerships) {
        this.organizations = organizations;
        this.partnerships = partnerships;
    }

    @GetMapping("/organizations/{slug}/partners")
    String partners(@PathVariable String slug, @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String page, Model model) {
        Organization org = organizations.require(me(), slug, Permission.VIEW);
        Partnerships.State filter = null;
        try {
            filter = ListParams.choice(Partnerships.State.class, state, "state");
        } catch (Problem problem) {
            model.addAttribute("listMessage", problem.getMessage());
        }
        int number = pageNumber(page);
        var list = partnerships.list(me(), slug, filter, (number - 1) * PAGE_SIZE, PAGE_SIZE);
        if (list.items().isEmpty() && number > 1) list = partnerships.list(me(), slug, filter, 0, PAGE_SIZE);
        model.addAttribute("org", org);
        model.addAttribute("tab", "partners");
        model.addAttribute("page", list);
        model.addAttribute("state", filter == null ? "" : filter.id());
        model.addAttribute("states", Partnerships.State.values());
        model.addAttribute("manage", organizations.allowed(me(), org.id(), Permission.MANAGE_PARTNERS));
        return "organizations/partners";
    }

    @PostMapping("/organizations/{slug}/partners")
    String invite(@PathVariable String slug, @RequestParam(defaultValue = "") String employer,
            @RequestParam(defaultValue = "") String message, RedirectAttributes redirect) {
        try {
            var partnership = partnerships.invite(me(), slug, employer, message);
            redirect.addFlashAttribute("notice", partnership.employerName() + " is invited. Its owners and admins were told by e-mail.");
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND) throw problem;
            String fields = String.join(" ", FieldErrors.of(problem).values());
            redirect.addFlashAttribute("error", fields.isBlank() ? problem.getMessage() : fields);
        }
        return "redirect:/organizations/" + slug + "/partners";
    }

    @PostMapping("/organizations/{slug}/partners/{id}/accept")
    String accept(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(slug, redirect, () -> "You are now a partner of "
                + partnerships.answer(me(), slug, id, true).associationName() + ".");
    }

    @PostMapping("/organizations/{slug}/partners/{id}/decline")
    String decline(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(slug, redirect, () -> "You declined the invitation of "
                + partnerships.answer(me(), slug, id, false).associationName() + ".");
    }

    @PostMapping("/organizations/{slug}/partners/{id}/end")
    String end(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(slug, redirect, () -> {
            var ended = partnerships.end(me(), slug, id);
            return "The partnership of " + ended.associationName() + " and " + ended.employerName() + " has ended.";
        });
    }

    private String act(String slug, RedirectAttributes redirect, java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
        }
        return "redirect:/organizations/" + slug + "/partners";
    }

    private static int pageNumber(@Nullable String page) {
        try {
            return page == null || page.isBlank() ? 1 : Math.max(1, Math.min(100_000, Integer.parseInt(page.strip())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
