package io.guildmark.app.earning;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CsvDownload;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListPages;
import io.guildmark.app.shared.Problem;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Assessors' pages: learners waiting for a skills demonstration, and recording one observation. */
@Controller
class DemonstrationPages {

    private final Demonstrations demonstrations;
    private final Organizations organizations;

    DemonstrationPages(Demonstrations demonstrations, Organizations organizations) {
        this.demonstrations = demonstrations;
        this.organizations = organizations;
    }

    private static final int PAGE = 50;

    /** The queue's query string. */
    record DemonstrationQuery(@Nullable String q, @Nullable String credential, @Nullable String sort, @Nullable Integer page) {

        Demonstrations.Filter filter() {
            return Demonstrations.Filter.parse(q, credential, sort);
        }

        int currentPage() {
            return page == null || page < 1 ? 1 : Math.min(page, 100_000);
        }
    }

    @GetMapping("/organizations/{slug}/demonstrations")
    String list(@PathVariable String slug, DemonstrationQuery query, Model model) {
        model.addAttribute("org", organizations.require(me(), slug, Permission.REVIEW));
        model.addAttribute("tab", "demonstrations");
        model.addAttribute("query", query);
        int offset = (query.currentPage() - 1) * PAGE;
        Demonstrations.Queue[] shown = new Demonstrations.Queue[1]; // the page and its filter's choices, from one reading
        ListPage<Demonstrations.Candidate> page = ListPages.filteredOrAll(model,
                () -> (shown[0] = demonstrations.queue(me(), slug, query.filter(), offset, PAGE)).page(),
                () -> (shown[0] = demonstrations.queue(me(), slug, Demonstrations.Filter.none(), 0, PAGE)).page());
        model.addAttribute("credentials", shown[0].credentials());
        model.addAttribute("page", page);
        model.addAttribute("candidates", page.items());
        return "earning/demonstrations";
    }

    /** Every learner waiting who matches the queue's filters, as CSV, streamed (to plan a day of assessments). */
    @GetMapping("/organizations/{slug}/demonstrations.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String slug, DemonstrationQuery query) {
        Actor actor = me();
        Demonstrations.Filter filter = query.filter();
        Organization org = demonstrations.check(actor, slug, filter);
        return CsvDownload.of(org.slug() + "-demonstrations.csv", List.of("enrolled_at", "name", "email", "micro_credential", "times_observed",
                "enrollment_id"), rows -> demonstrations.each(actor, slug, filter, w -> rows.row(w.enrollment().enrolledAt(),
                        w.enrollment().name(), w.enrollment().email(), w.achievementName(), w.timesObserved(), w.enrollment().id())));
    }

    @GetMapping("/organizations/{slug}/demonstrations/{enrollmentId}")
    String form(@PathVariable String slug, @PathVariable UUID enrollmentId, Model model) {
        model.addAttribute("org", organizations.require(me(), slug, Permission.REVIEW));
        model.addAttribute("tab", "demonstrations");
        model.addAttribute("c", demonstrations.candidate(me(), slug, enrollmentId));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new Demonstrations.Form("in_person", "", LocalDate.now(ZoneOffset.UTC).toString(), Map.of(), "", null));
        }
        return "earning/demonstration";
    }

    /** A refused observation shows the form again as it was filled in. */
    @PostMapping("/organizations/{slug}/demonstrations/{enrollmentId}")
    String record(@PathVariable String slug, @PathVariable UUID enrollmentId, @RequestParam MultiValueMap<String, String> fields, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        Demonstrations.Form form = new Demonstrations.Form(fields.getFirst("mode"), fields.getFirst("videoUrl"), fields.getFirst("observedOn"),
                SubmissionPages.prefixed(fields, "level."), fields.getFirst("notes"), fields.getFirst("verdict"));
        Actor.Person assessor = CurrentActor.person().orElseThrow(() -> Problem.notFound("The page"));
        try {
            Demonstrations.Observation o = demonstrations.record(assessor, slug, enrollmentId, form);
            redirect.addFlashAttribute("notice", "Observation recorded (" + (o.meets() ? "meets the standard" : "not yet") + "); the learner was told.");
            return "redirect:/organizations/" + slug + "/demonstrations/" + enrollmentId;
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            response.setStatus(problem.kind() == Problem.Kind.CONFLICT ? 409 : 400);
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("fieldErrors", FieldErrors.of(problem));
            model.addAttribute("form", form);
            return form(slug, enrollmentId, model);
        }
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
