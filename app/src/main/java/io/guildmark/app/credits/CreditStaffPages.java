package io.guildmark.app.credits;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.catalog.CatalogQuery;
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
 * The organization's "Credits" tab: renewal rules and credit categories (designers, Permission.DESIGN) and the queue
 * of external credits to approve or reject (issuers, Permission.ISSUE). Every member may look; outsiders get 404.
 */
@Controller
class CreditStaffPages {

    private static final int FIRST = 20;

    private final Organizations organizations;
    private final RenewalRules rules;
    private final CreditCategories categories;
    private final ExternalCredits external;
    private final Achievements achievements;
    private final ClrTranscripts transcripts;
    private final ExternalCreditList externalList;
    private final TranscriptList transcriptList;

    CreditStaffPages(Organizations organizations, RenewalRules rules, CreditCategories categories, ExternalCredits external,
            Achievements achievements, ClrTranscripts transcripts, ExternalCreditList externalList, TranscriptList transcriptList) {
        this.transcripts = transcripts;
        this.externalList = externalList;
        this.transcriptList = transcriptList;
        this.organizations = organizations;
        this.rules = rules;
        this.categories = categories;
        this.external = external;
        this.achievements = achievements;
    }

    /** A published micro-credential with the credits it carries and the category they count toward. */
    record CreditBearing(UUID id, String name, String credits, String category) {}

    @GetMapping("/organizations/{slug}/credits")
    String page(@PathVariable String slug, Model model) {
        Actor actor = CurrentActor.get();
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        boolean canDesign = organizations.allowed(actor, org.id(), Permission.DESIGN);
        boolean canIssue = organizations.allowed(actor, org.id(), Permission.ISSUE);
        Map<UUID, String> marked = categories.forOrganization(org.id());
        List<CreditBearing> published = achievements.catalog(new CatalogQuery(null, null, null, null, null, org.slug())).stream()
                .map(e -> e.version())
                .map(v -> new CreditBearing(v.achievementId(), v.definition().name(),
                        v.definition().creditValue() == null ? "—" : v.definition().creditValue().stripTrailingZeros().toPlainString()
                                + " " + v.definition().creditType(),
                        marked.getOrDefault(v.achievementId(), "")))
                .toList();
        model.addAttribute("org", org);
        model.addAttribute("tab", "credits");
        model.addAttribute("rules", rules.forOrganization(org.id()));
        model.addAttribute("microCredentials", published);
        model.addAttribute("canDesign", canDesign);
        model.addAttribute("canIssue", canIssue);
        // The first rows of each list; the whole lists (search, filters, CSV) are on their own pages.
        if (canIssue) {
            var queue = externalList.pageAt(actor, slug, ExternalCreditList.Filter.pending(), 0, FIRST);
            var signed = transcriptList.pageAt(actor, slug, TranscriptList.Filter.none(), 0, FIRST);
            model.addAttribute("queue", queue.items());
            model.addAttribute("queueTotal", queue.total());
            model.addAttribute("transcripts", signed.items());
            model.addAttribute("transcriptsTotal", signed.total());
        } else {
            model.addAttribute("queue", List.of());
            model.addAttribute("queueTotal", 0L);
            model.addAttribute("transcripts", List.of());
            model.addAttribute("transcriptsTotal", 0L);
        }
        model.addAttribute("decided", canIssue ? external.decided(actor, slug, 20) : List.of());
        return "credits/staff";
    }

    @PostMapping("/organizations/{slug}/credits/rules")
    String createRule(@PathVariable String slug, RuleParams p, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> "Added the renewal rule \"" + rules.create(CurrentActor.get(), slug, p.form()).name() + "\".");
        return back(slug);
    }

    @PostMapping("/organizations/{slug}/credits/rules/{id}")
    String updateRule(@PathVariable String slug, @PathVariable UUID id, RuleParams p, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> "Saved the renewal rule \"" + rules.update(CurrentActor.get(), slug, id, p.form()).name() + "\".");
        return back(slug);
    }

    @PostMapping("/organizations/{slug}/credits/rules/{id}/delete")
    String deleteRule(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            rules.delete(CurrentActor.get(), slug, id);
            return "Deleted the renewal rule.";
        });
        return back(slug);
    }

    @PostMapping("/organizations/{slug}/credits/categories")
    String setCategory(@PathVariable String slug, @RequestParam(defaultValue = "") String achievementId,
            @RequestParam(defaultValue = "") String category, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> categories.set(CurrentActor.get(), slug, CreditPages.parse(achievementId, "The micro-credential"), category)
                .map(c -> "Its credits now count toward " + c + ".").orElse("Its credits count toward no category."));
        return back(slug);
    }

    @PostMapping("/organizations/{slug}/credits/external/{id}/approve")
    String approve(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            ExternalCredits.Report r = external.approve(CurrentActor.get(), slug, id);
            return "Approved " + CreditReminders.plain(r.amount()) + " " + r.creditType() + " for " + r.email() + "; they were e-mailed.";
        });
        return back(slug, back);
    }

    @PostMapping("/organizations/{slug}/credits/external/{id}/reject")
    String reject(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            ExternalCredits.Report r = external.reject(CurrentActor.get(), slug, id, reason);
            return "Rejected the credits of " + r.email() + "; they were e-mailed the reason.";
        });
        return back(slug, back);
    }

    @PostMapping("/organizations/{slug}/credits/transcripts/{id}/revoke")
    String revokeTranscript(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            ClrTranscripts.Issued t = transcripts.revoke(CurrentActor.get(), slug, id, reason);
            return "Revoked the transcript of " + t.holderName() + " (" + t.holderEmail() + "); every copy of it now fails verification.";
        });
        return back(slug, back);
    }

    /** The rule form's fields, bound by name. */
    record RuleParams(String name, String creditType, String requiredTotal, String cycleYears, String categories, String anchor,
            String achievementId) {
        RenewalRules.RuleForm form() {
            return new RenewalRules.RuleForm(name, creditType, requiredTotal, cycleYears, categories, anchor, achievementId);
        }
    }

    private static String back(String slug) {
        return "redirect:/organizations/" + slug + "/credits";
    }

    /** Back to the list the form was on: only the two known lists, never an address from the request. */
    private static String back(String slug, String list) {
        return switch (list) {
            case "external" -> "redirect:/organizations/" + slug + "/credits/external";
            case "transcripts" -> "redirect:/organizations/" + slug + "/credits/transcripts";
            default -> back(slug);
        };
    }
}
