package io.guildmark.app.renewals;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.issuing.Award;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FormActions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Renewals": the learner's credentials that expire, each with the renewal its designer set; and the organization's
 * renewal paths (designers) and requests for staff review (issuers).
 */
@Controller
class RenewalPages {

    private final Renewals renewals;
    private final RenewalPaths paths;
    private final Organizations organizations;
    private final Clock clock;

    RenewalPages(Renewals renewals, RenewalPaths paths, Organizations organizations, Clock clock) {
        this.renewals = renewals;
        this.paths = paths;
        this.organizations = organizations;
        this.clock = clock;
    }

    @GetMapping("/renewals")
    String mine(Model model) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        model.addAttribute("renewables", renewals.mine(person, LocalDate.now(clock)));
        model.addAttribute("windowDays", Renewals.WINDOW_DAYS);
        return "renewals/mine";
    }

    @PostMapping("/renewals/{awardId}/credits")
    String renewByCredits(@PathVariable UUID awardId, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            Award renewed = renewals.renewByCredits(person, awardId, LocalDate.now(clock));
            return "Renewed: your new credential \"" + renewed.achievementName() + "\" is in your badges and on its way by e-mail.";
        });
        return "redirect:/renewals";
    }

    @PostMapping("/renewals/{awardId}/request")
    String request(@PathVariable UUID awardId, @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            renewals.request(person, awardId, note, LocalDate.now(clock));
            return "Asked for renewal. The association reviews it and answers by e-mail.";
        });
        return "redirect:/renewals";
    }

    @GetMapping("/organizations/{slug}/renewals")
    String staff(@PathVariable String slug, Model model) {
        Actor actor = CurrentActor.get();
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        boolean canIssue = organizations.allowed(actor, org.id(), Permission.ISSUE);
        model.addAttribute("org", org);
        model.addAttribute("tab", "credits");
        model.addAttribute("expiring", paths.expiringMicroCredentials(actor, slug));
        model.addAttribute("paths", List.of(RenewalPaths.Path.values()));
        model.addAttribute("canDesign", organizations.allowed(actor, org.id(), Permission.DESIGN));
        model.addAttribute("canIssue", canIssue);
        model.addAttribute("requests", canIssue ? renewals.queue(actor, slug) : List.of());
        return "renewals/staff";
    }

    @PostMapping("/organizations/{slug}/renewals/paths")
    String setPath(@PathVariable String slug, @RequestParam(defaultValue = "") String achievementId, @RequestParam(defaultValue = "") String path,
            @RequestParam(defaultValue = "") String creditType, @RequestParam(defaultValue = "") String creditsRequired, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> "Saved: " + paths.set(CurrentActor.get(), slug, parse(achievementId), path, creditType, creditsRequired)
                .describe() + ".");
        return "redirect:/organizations/" + slug + "/renewals";
    }

    @PostMapping("/organizations/{slug}/renewals/requests/{id}/approve")
    String approve(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> "Renewed: " + renewals.approve(CurrentActor.get(), slug, id).recipientName()
                + " has the new credential.");
        return "redirect:/organizations/" + slug + "/renewals";
    }

    @PostMapping("/organizations/{slug}/renewals/requests/{id}/reject")
    String reject(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            renewals.reject(CurrentActor.get(), slug, id, reason);
            return "Declined; the holder was e-mailed the reason.";
        });
        return "redirect:/organizations/" + slug + "/renewals";
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw io.guildmark.app.shared.Problem.notFound("The micro-credential");
        }
    }
}
