package io.guildmark.app.codesign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.ListPage;
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
 * The co-design pages under {@code /organizations/{slug}/co-design}: the drafts an association shared or a partner was
 * shared, and one draft's review page, the same for both sides (designers also share and answer proposals).
 */
@Controller
class CoDesignPages {

    private static final int PAGE_SIZE = 25;
    private static final int THREADS_PER_PAGE = 50;

    private final CoDesign coDesign;

    CoDesignPages(CoDesign coDesign) {
        this.coDesign = coDesign;
    }

    @GetMapping("/organizations/{slug}/co-design")
    String list(@PathVariable String slug, @RequestParam(required = false) @Nullable String page, Model model) {
        int number = pageNumber(page);
        ListPage<CoDesign.SharedDraft> drafts = coDesign.sharedDrafts(me(), slug, CoDesign.Paging.at((number - 1) * PAGE_SIZE, PAGE_SIZE));
        Organization org = coDesign.organization(me(), slug);
        model.addAttribute("org", org);
        model.addAttribute("tab", "co-design");
        model.addAttribute("page", drafts);
        return "codesign/list";
    }

    @GetMapping("/organizations/{slug}/co-design/{id}")
    String review(@PathVariable String slug, @PathVariable UUID id, @RequestParam(required = false) @Nullable String unresolved,
            @RequestParam(required = false) @Nullable String page, Model model) {
        CoDesign.Viewer viewer = coDesign.open(me(), slug, id);
        boolean onlyUnresolved = "true".equalsIgnoreCase(unresolved) || "on".equalsIgnoreCase(unresolved);
        int number = pageNumber(page);
        CoDesign.Review review = coDesign.review(viewer);
        ListPage<CoDesign.Comment> threads = coDesign.comments(viewer, onlyUnresolved, CoDesign.Paging.at((number - 1) * THREADS_PER_PAGE, THREADS_PER_PAGE));
        Map<String, List<CoDesign.Comment>> byAnchor = new LinkedHashMap<>();
        threads.items().forEach(c -> byAnchor.computeIfAbsent(c.anchor(), k -> new ArrayList<>()).add(c));
        model.addAttribute("org", viewer.org());
        model.addAttribute("tab", "co-design");
        model.addAttribute("viewer", viewer);
        model.addAttribute("draft", viewer.draft());
        model.addAttribute("review", review);
        model.addAttribute("threads", threads);
        model.addAttribute("byAnchor", byAnchor);
        model.addAttribute("unresolved", onlyUnresolved);
        model.addAttribute("people", coDesign.people(viewer));
        model.addAttribute("proposals", coDesign.proposals(viewer, CoDesign.Paging.at(0, 50)));
        model.addAttribute("signOffs", coDesign.signOffs(viewer, CoDesign.Paging.at(0, 50)));
        model.addAttribute("shares", coDesign.shares(viewer));
        model.addAttribute("partners", viewer.designer() ? coDesign.activePartners(viewer) : List.of());
        model.addAttribute("pageTitle", viewer.draft().definition().name());
        return "codesign/review";
    }

    @PostMapping("/organizations/{slug}/co-design/{id}/share")
    String share(@PathVariable String slug, @PathVariable UUID id, @RequestParam(required = false) @Nullable List<String> employers,
            @RequestParam(required = false) @Nullable String all, RedirectAttributes redirect) {
        return act(slug, id, redirect, () -> {
            int count = coDesign.share(me(), slug, id, employers == null ? List.of() : employers, all != null).size();
            return "Shared. " + count + " partner" + (count == 1 ? "" : "s") + " can review this draft; their co-designers were told by e-mail.";
        });
    }

    @PostMapping("/organizations/{slug}/co-design/{id}/unshare")
    String unshare(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String employer,
            RedirectAttributes redirect) {
        return act(slug, id, redirect, () -> {
            coDesign.unshare(me(), slug, id, employer);
            return "No longer shared with " + employer + ".";
        });
    }

    @PostMapping("/organizations/{slug}/co-design/{id}/comments")
    String comment(@PathVariable String slug, @PathVariable UUID id, @RequestParam(required = false) @Nullable String anchor,
            @RequestParam(required = false) @Nullable String body, @RequestParam(required = false) @Nullable String parentId,
            @RequestParam(required = false) @Nullable List<String> mentions, RedirectAttributes redirect) {
        return act(slug, id, redirect, () -> {
            List<UUID> ids = new ArrayList<>();
            for (String m : mentions == null ? List.<String>of() : mentions) {
                if (m.isBlank()) continue;
                if (ids.size() > CoDesign.MAX_MENTIONS) break;
                ids.add(uuid(m, "mentions"));
            }
            CoDesign.Comment c = coDesign.comment(me(), slug, id, anchor, body,
                    parentId == null || parentId.isBlank() ? null : uuid(parentId, "parentId"), ids);
            return c.parentId() == null ? "Comment added." : "Reply added.";
        });
    }

    @PostMapping("/organizations/{slug}/co-design/{id}/comments/{commentId}/resolve")
    String resolve(@PathVariable String slug, @PathVariable UUID id, @PathVariable UUID commentId, RedirectAttributes redirect) {
        return act(slug, id, redirect, () -> {
            coDesign.resolve(me(), slug, id, commentId, true);
            return "Resolved.";
        });
    }

    @PostMapping("/organizations/{slug}/co-design/{id}/comments/{commentId}/reopen")
    String reopen(@PathVariable String slug, @PathVariable UUID id, @PathVariable UUID commentId, RedirectAttributes redirect) {
        return act(slug, id, redirect, () -> {
            coDesign.resolve(me(), slug, id, commentId, false);
            return "Opened again.";
        });
    }

    @PostMapping("/organizations/{slug}/co-design/{id}/proposals")
    String propose(@PathVariable String slug, @PathVariable UUID id, @RequestParam(required = false) @Nullable String field,
            @RequestParam(required = false) @Nullable String text, @RequestParam(required = false) @Nullable String reason,
            RedirectAttributes redirect) {
        return act(slug, id, redirect, () -> {
            coDesign.propose(me(), slug, id, field, text, reason);
            return "Proposal sent to the designers.";
        });
    }

    @PostMapping("/organizations/{slug}/co-design/{id}/proposals/{proposalId}/accept")
    String accept(@PathVariable String slug, @PathVariable UUID id, @PathVariable UUID proposalId,
            @RequestParam(required = false) @Nullable String note, RedirectAttributes redirect) {
        return act(slug, id, redirect, () -> {
            CoDesign.Proposal p = coDesign.decide(me(), slug, id, proposalId, true, note);
            return "Accepted: the " + CoDesign.fieldLabel(p.field()) + " of the draft is changed.";
        });
    }

    @PostMapping("/organizations/{slug}/co-design/{id}/proposals/{proposalId}/decline")
    String decline(@PathVariable String slug, @PathVariable UUID id, @PathVariable UUID proposalId,
            @RequestParam(required = false) @Nullable String note, RedirectAttributes redirect) {
        return act(slug, id, redirect, () -> {
            coDesign.decide(me(), slug, id, proposalId, false, note);
            return "Declined.";
        });
    }

    @PostMapping("/organizations/{slug}/co-design/{id}/sign-off")
    String signOff(@PathVariable String slug, @PathVariable UUID id, @RequestParam(required = false) @Nullable String revision,
            RedirectAttributes redirect) {
        return act(slug, id, redirect, () -> {
            CoDesign.SignOff s = coDesign.signOff(me(), slug, id, revision);
            return "Signed off for " + s.employerName() + " (revision " + s.revision().substring(0, 12) + ").";
        });
    }

    /** Runs a change; a problem the person can fix comes back as a message on the page, outsiders get the error page. */
    private String act(String slug, UUID id, RedirectAttributes redirect, Supplier<String> change) {
        try {
            redirect.addFlashAttribute("notice", change.get());
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            String fields = String.join(" ", FieldErrors.of(problem).values());
            redirect.addFlashAttribute("error", fields.isBlank() ? problem.getMessage() : fields);
        }
        return "redirect:/organizations/" + slug + "/co-design/" + id;
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField(field, "Choose from the list.");
        }
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
