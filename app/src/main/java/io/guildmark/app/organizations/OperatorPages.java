package io.guildmark.app.organizations;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The operator's page, {@code /admin/organizations}: organizations waiting for approval (or in any other state), each
 * with approve, reject and suspend. Only operators (platform administrators and {@code guildmark.operators}) see it;
 * anyone else gets 403.
 */
@Controller
class OperatorPages {

    private static final int PAGE = 50;

    private final IssuerApprovals approvals;

    OperatorPages(IssuerApprovals approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/admin/organizations")
    String list(@RequestParam(defaultValue = "pending") String state, @RequestParam(required = false) @Nullable String cursor,
            Model model) {
        Actor actor = CurrentActor.get();
        if (!approvals.isOperator(actor)) throw Problem.forbidden("Only the platform operator may vet organizations.");
        String shown = state.isBlank() || state.equals("all") ? "" : state;
        model.addAttribute("page", approvals.list(actor, shown, PAGE, cursor));
        model.addAttribute("state", shown.isEmpty() ? "all" : shown);
        model.addAttribute("states", java.util.List.of("pending", "approved", "rejected", "suspended", "all"));
        return "organizations/operator";
    }

    @PostMapping("/admin/organizations/{slug}/approval")
    String decide(@PathVariable String slug, @RequestParam(required = false) @Nullable String decision,
            @RequestParam(required = false) @Nullable String note, @RequestParam(defaultValue = "pending") String returnTo,
            RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            IssuerApprovals.Approval a = approvals.decide(CurrentActor.get(), slug, decision, note);
            return a.name() + " is now " + a.state().id() + ".";
        });
        String back = returnTo.matches("[a-z]{1,12}") ? returnTo : "pending";
        return "redirect:/admin/organizations?state=" + UriUtils.encodeQueryParam(back, java.nio.charset.StandardCharsets.UTF_8);
    }
}
