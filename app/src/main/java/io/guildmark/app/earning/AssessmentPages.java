package io.guildmark.app.earning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.Problem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The learner's assessment: its rules and past attempts, an attempt's questions, and its result with feedback. */
@Controller
class AssessmentPages {

    /** Form fields carrying answers are named {@code answer.<questionId>}. */
    static final String ANSWER = "answer.";

    private final Assessments assessments;

    AssessmentPages(Assessments assessments) {
        this.assessments = assessments;
    }

    @GetMapping("/learning/{enrollmentId}/assessment")
    String overview(@PathVariable UUID enrollmentId, Model model) {
        model.addAttribute("o", assessments.overview(CurrentActor.person().orElseThrow(), enrollmentId));
        return "earning/assessment";
    }

    @PostMapping("/learning/{enrollmentId}/assessment/attempts")
    String start(@PathVariable UUID enrollmentId, RedirectAttributes redirect) {
        try {
            Assessments.Attempt attempt = assessments.start(CurrentActor.person().orElseThrow(), enrollmentId);
            return "redirect:/learning/" + enrollmentId + "/assessment/attempts/" + attempt.id();
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/learning/" + enrollmentId + "/assessment";
        }
    }

    @GetMapping("/learning/{enrollmentId}/assessment/attempts/{attemptId}")
    String attempt(@PathVariable UUID enrollmentId, @PathVariable UUID attemptId, Model model) {
        Assessments.Sitting sitting = assessments.sitting(CurrentActor.person().orElseThrow(), enrollmentId, attemptId);
        model.addAttribute("s", sitting);
        return sitting.attempt().open() ? "earning/assessment-attempt" : "earning/assessment-result";
    }

    @PostMapping("/learning/{enrollmentId}/assessment/attempts/{attemptId}")
    String submit(@PathVariable UUID enrollmentId, @PathVariable UUID attemptId, @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes redirect) {
        Map<String, List<String>> answers = new HashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith(ANSWER) && answers.size() < 500) answers.put(name.substring(ANSWER.length()), values);
        });
        try {
            Assessments.Attempt attempt = assessments.submit(CurrentActor.person().orElseThrow(), enrollmentId, attemptId, answers);
            if (attempt.late()) {
                redirect.addFlashAttribute("error", "Time was up at " + AssessmentFormat.when(attempt.deadlineAt())
                        + ": the answers were not scored, and the attempt counts as not passed.");
            } else {
                redirect.addFlashAttribute("notice", attempt.hasPassed() ? "You passed with " + attempt.scorePercent() + "%."
                        : "Not passed this time: " + attempt.scorePercent() + "%. Read the feedback below.");
            }
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
        }
        return "redirect:/learning/" + enrollmentId + "/assessment/attempts/" + attemptId;
    }
}
