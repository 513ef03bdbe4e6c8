package io.guildmark.app.earning;

import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.Problem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The reviewer's pages: their own queue and history, and one review with the rubric form. */
@Controller
class ReviewPages {

    private final Reviews reviews;

    ReviewPages(Reviews reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/reviews")
    String dashboard(Model model) {
        model.addAttribute("d", reviews.dashboard(me()));
        return "earning/reviews";
    }

    @GetMapping("/reviews/{reviewId}")
    String review(@PathVariable UUID reviewId, Model model) {
        Reviews.ReviewPage page = reviews.page(me(), reviewId);
        model.addAttribute("p", page);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new Reviews.ReviewForm(page.review().levels(), page.review().feedback(), page.review().comment(),
                    page.review().verdict()));
        }
        return "earning/review";
    }

    /** A refused review shows the form again with what the reviewer wrote, so no feedback is lost. */
    @PostMapping("/reviews/{reviewId}")
    String send(@PathVariable UUID reviewId, @RequestParam MultiValueMap<String, String> fields, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        Reviews.ReviewForm form = new Reviews.ReviewForm(SubmissionPages.prefixed(fields, "level."), SubmissionPages.prefixed(fields, "feedback."),
                fields.getFirst("comment"), fields.getFirst("verdict"));
        try {
            Review done = reviews.complete(me(), reviewId, form);
            redirect.addFlashAttribute("notice", "Thank you: your review is sent (" + (done.meets() ? "meets the standard" : "not yet") + ").");
            return "redirect:/reviews";
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            response.setStatus(problem.kind() == Problem.Kind.CONFLICT ? 409 : 400);
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("fieldErrors", FieldErrors.of(problem));
            model.addAttribute("form", form);
            return review(reviewId, model);
        }
    }

    private static Actor.Person me() {
        return CurrentActor.person().orElseThrow(() -> Problem.notFound("The page"));
    }
}
