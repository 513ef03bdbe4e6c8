package io.guildmark.app.earning;

import java.util.Map;
import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.ListPages;
import io.guildmark.app.shared.Problem;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff pages of peer review: the organization's work products by state, and one with its history and the staff's moves. */
@Controller
class OversightPages {

    /** The staff's decision form as sent, so a refused one is shown again as it was. */
    record DecisionForm(@Nullable String decision, Map<String, String> levels, @Nullable String reason) {
        static DecisionForm empty() {
            return new DecisionForm(null, Map.of(), null);
        }
    }

    private final Oversight oversight;

    OversightPages(Oversight oversight) {
        this.oversight = oversight;
    }

    static final int PAGE = 50;

    /** The work products list's query string. */
    record SubmissionQuery(@Nullable String q, @Nullable String credential, @Nullable String state, @Nullable String from,
            @Nullable String to, @Nullable String sort, @Nullable Integer page) {

        Oversight.Filter filter() {
            return Oversight.Filter.parse(q, credential, state, from, to, sort);
        }

        int currentPage() {
            return page == null || page < 1 ? 1 : Math.min(page, 100_000);
        }
    }

    @GetMapping("/organizations/{slug}/submissions")
    String list(@PathVariable String slug, SubmissionQuery query, Model model) {
        model.addAttribute("org", oversight.organization(me(), slug));
        model.addAttribute("tab", "submissions");
        model.addAttribute("query", query);
        model.addAttribute("credentials", oversight.credentials(me(), slug).entrySet().stream()
                .map(e -> new LearningPages.CredentialChoice(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparing(LearningPages.CredentialChoice::name, String.CASE_INSENSITIVE_ORDER)).toList());
        io.guildmark.app.shared.ListPage<Oversight.Line> page = ListPages.filteredOrAll(model, () -> oversight.pageAt(me(), slug, query.filter(), (query.currentPage() - 1) * PAGE, PAGE),
                () -> oversight.pageAt(me(), slug, Oversight.Filter.none(), 0, PAGE));
        model.addAttribute("page", page);
        model.addAttribute("lines", page.items());
        model.addAttribute("state", query.state() == null ? "" : query.state());
        model.addAttribute("states", java.util.Arrays.stream(Submission.State.values()).filter(s -> s != Submission.State.DRAFT).toList());
        return "earning/oversight-list";
    }

    /** Every work product that matches the list's filters, as CSV, streamed. */
    @GetMapping("/organizations/{slug}/submissions.csv")
    org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> csv(
            @PathVariable String slug, SubmissionQuery query) {
        Actor actor = me();
        Oversight.Filter filter = query.filter();
        var org = oversight.check(actor, slug, filter);
        return io.guildmark.app.shared.CsvDownload.of(org.slug() + "-work-products.csv", java.util.List.of("submitted_at", "learner_name",
                "learner_email", "micro_credential", "micro_credential_id", "round", "state", "decided_at", "decision", "submission_id"),
                rows -> oversight.each(actor, slug, filter, r -> rows.row(r.submission().submittedAt(), r.learnerName(), r.learnerEmail(),
                        r.achievementName(), r.submission().achievementId(), r.submission().round(), r.submission().state().id(),
                        r.submission().decidedAt(), r.submission().decision(), r.submission().id())));
    }

    @GetMapping("/organizations/{slug}/submissions/{submissionId}")
    String detail(@PathVariable String slug, @PathVariable UUID submissionId, Model model) {
        Oversight.Detail detail = oversight.detail(me(), slug, submissionId);
        model.addAttribute("org", detail.organization());
        model.addAttribute("tab", "submissions");
        model.addAttribute("d", detail);
        if (!model.containsAttribute("form")) model.addAttribute("form", DecisionForm.empty());
        return "earning/oversight-detail";
    }

    @PostMapping("/organizations/{slug}/submissions/{submissionId}/reviewers")
    String addReviewer(@PathVariable String slug, @PathVariable UUID submissionId, @RequestParam(required = false) @Nullable String reviewerId,
            RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            oversight.addReviewer(me(), slug, submissionId, id(reviewerId));
            return "Reviewer assigned and told by e-mail.";
        });
        return "redirect:/organizations/" + slug + "/submissions/" + submissionId;
    }

    @PostMapping("/organizations/{slug}/submissions/{submissionId}/reviews/{reviewId}/reassign")
    String reassign(@PathVariable String slug, @PathVariable UUID submissionId, @PathVariable UUID reviewId,
            @RequestParam(required = false) @Nullable String reviewerId, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            oversight.reassign(me(), slug, reviewId, id(reviewerId));
            return "Review reassigned; both reviewers were told.";
        });
        return "redirect:/organizations/" + slug + "/submissions/" + submissionId;
    }

    @PostMapping("/organizations/{slug}/submissions/{submissionId}/decision")
    String decide(@PathVariable String slug, @PathVariable UUID submissionId, @RequestParam MultiValueMap<String, String> fields, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        DecisionForm form = new DecisionForm(fields.getFirst("decision"), SubmissionPages.prefixed(fields, "level."), fields.getFirst("reason"));
        try {
            Submission s = oversight.override(me(), slug, submissionId, form.decision(), form.levels(), form.reason());
            redirect.addFlashAttribute("notice", "Decided: " + s.state().label().toLowerCase(java.util.Locale.ROOT) + ". The learner was told, with your reason on record.");
            return "redirect:/organizations/" + slug + "/submissions/" + submissionId;
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            response.setStatus(problem.kind() == Problem.Kind.CONFLICT ? 409 : 400);
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("fieldErrors", FieldErrors.of(problem));
            model.addAttribute("form", form);
            return detail(slug, submissionId, model);
        }
    }

    private static @Nullable UUID id(@Nullable String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("reviewerId", "Choose a reviewer from the list.");
        }
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
