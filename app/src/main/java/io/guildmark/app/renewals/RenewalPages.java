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
import io.guildmark.app.shared.CsvDownload;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListPages;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Renewals": the learner's credentials that expire, each with the renewal its designer set; and the organization's
 * renewal paths (designers) and requests for staff review (issuers).
 */
@Controller
class RenewalPages {

    private static final int PAGE = 50;

    private final Renewals renewals;
    private final RenewalList list;
    private final RenewalPaths paths;
    private final Organizations organizations;
    private final Clock clock;

    RenewalPages(Renewals renewals, RenewalList list, RenewalPaths paths, Organizations organizations, Clock clock) {
        this.renewals = renewals;
        this.list = list;
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

    /**
     * The requests list's query string. Without a status the page opens on the pending requests, oldest first (the
     * work queue); {@code status=any} shows every request.
     */
    record RenewalQuery(@Nullable String q, @Nullable String credential, @Nullable String status, @Nullable String from,
            @Nullable String to, @Nullable String sort, @Nullable Integer page) {

        RenewalList.Filter filter() {
            boolean queue = status == null || status.isBlank();
            RenewalList.Filter f = RenewalList.Filter.parse(q, credential, queue || "any".equalsIgnoreCase(status.strip()) ? null : status,
                    from, to, sort == null || sort.isBlank() ? (queue ? "oldest" : null) : sort);
            return queue ? new RenewalList.Filter(f.search(), f.achievementId(), RenewalList.Status.PENDING, f.from(), f.to(), f.sort()) : f;
        }

        int currentPage() {
            return page == null || page < 1 ? 1 : Math.min(page, 100_000);
        }
    }

    @GetMapping("/organizations/{slug}/renewals")
    String staff(@PathVariable String slug, RenewalQuery query, Model model) {
        Actor actor = CurrentActor.get();
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        boolean canIssue = organizations.allowed(actor, org.id(), Permission.ISSUE);
        model.addAttribute("org", org);
        model.addAttribute("tab", "credits");
        model.addAttribute("expiring", paths.expiringMicroCredentials(actor, slug));
        model.addAttribute("paths", List.of(RenewalPaths.Path.values()));
        model.addAttribute("canDesign", organizations.allowed(actor, org.id(), Permission.DESIGN));
        model.addAttribute("canIssue", canIssue);
        model.addAttribute("query", query);
        if (canIssue) {
            ListPage<RenewalList.Line> page = ListPages.filteredOrAll(model, () -> list.pageAt(actor, slug, query.filter(), (query.currentPage() - 1) * PAGE, PAGE),
                    () -> list.pageAt(actor, slug, RenewalList.Filter.none(), 0, PAGE));
            model.addAttribute("page", page);
            model.addAttribute("requests", page.items());
            model.addAttribute("credentials", list.credentials(actor, slug));
        } else {
            model.addAttribute("requests", List.of());
        }
        return "renewals/staff";
    }

    /** Every renewal request that matches the list's filters, as CSV, streamed. */
    @GetMapping("/organizations/{slug}/renewals.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String slug, RenewalQuery query) {
        Actor actor = CurrentActor.get();
        RenewalList.Filter filter = query.filter();
        Organization org = list.check(actor, slug, filter);
        return CsvDownload.of(org.slug() + "-renewal-requests.csv", List.of("requested_at", "holder_name", "email", "micro_credential",
                "micro_credential_id", "award_id", "valid_until", "status", "note", "decided_at", "reason", "request_id"),
                rows -> list.each(actor, slug, filter, l -> rows.row(l.request().requestedAt(), l.award().recipientName(), l.request().email(),
                        l.award().achievementName(), l.award().achievementId(), l.award().id(), l.award().validUntil(),
                        l.status().name().toLowerCase(java.util.Locale.ROOT), l.request().note(), l.request().decidedAt(), l.request().reason(),
                        l.request().id())));
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
            throw Problem.notFound("The micro-credential");
        }
    }
}
