package io.guildmark.app.earning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.Problem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The learner's assessment: its rules and past attempts, an attempt's questions, and the result. */
@Controller
class AssessmentPages {

    /** Answer fields are numbered by the question's position in the attempt: answer-0, answer-1, … */
    private static final Pattern ANSWER_FIELD = Pattern.compile("answer-(\\d{1,3})");

    private final Assessments assessments;

    AssessmentPages(Assessments assessments) {
        this.assessments = assessments;
    }

    @GetMapping("/learning/{enrollmentId}/assessment")
    String overview(@PathVariable UUID enrollmentId, Model model) {
        model.addAttribute("o", assessments.overview(me(), enrollmentId));
        return "earning/assessment";
    }

    @PostMapping("/learning/{enrollmentId}/assessment/attempts")
    String start(@PathVariable UUID enrollmentId, RedirectAttributes redirect) {
        try {
            Assessments.Attempt attempt = assessments.start(me(), enrollmentId);
            return "redirect:/learning/" + enrollmentId + "/assessment/attempts/" + attempt.id();
        } catch (Problem problem) {
            // Why it cannot start (cool-down, no attempts left, payment due) shows on the assessment page.
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/learning/" + enrollmentId + "/assessment";
        }
    }

    @GetMapping("/learning/{enrollmentId}/assessment/attempts/{attemptId}")
    String attempt(@PathVariable UUID enrollmentId, @PathVariable UUID attemptId, Model model) {
        return show(assessments.attempt(me(), enrollmentId, attemptId), model);
    }

    @PostMapping("/learning/{enrollmentId}/assessment/attempts/{attemptId}")
    String submit(@PathVariable UUID enrollmentId, @PathVariable UUID attemptId, @RequestParam MultiValueMap<String, String> form,
            Model model, RedirectAttributes redirect) {
        String page = "redirect:/learning/" + enrollmentId + "/assessment/attempts/" + attemptId;
        Map<Integer, List<String>> answers = answers(form);
        try {
            Assessments.Submitted submitted = assessments.submit(me(), enrollmentId, attemptId, answers);
            if (submitted.tooLate()) {
                redirect.addFlashAttribute("error", "Time was up: your answers arrived after the time limit, so they were not scored. "
                        + "This attempt counts as not passed.");
            } else {
                redirect.addFlashAttribute("notice", submitted.attempt().succeeded() ? "Submitted. You passed!" : "Submitted. See your result below.");
            }
            return page;
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            if (problem.kind() != Problem.Kind.INVALID) {
                redirect.addFlashAttribute("error", problem.getMessage());
                return page;
            }
            // Answers the learner can correct: show the questions again with what they gave, so nothing is lost.
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("fieldErrors", FieldErrors.of(problem));
            model.addAttribute("given", given(answers));
            return show(assessments.attempt(me(), enrollmentId, attemptId), model);
        }
    }

    private static String show(Assessments.AttemptPage page, Model model) {
        if (page instanceof Assessments.Sitting sitting) {
            model.addAttribute("s", sitting);
            if (!model.containsAttribute("given")) model.addAttribute("given", Map.of());
            if (!model.containsAttribute("fieldErrors")) model.addAttribute("fieldErrors", Map.of());
            return "earning/assessment-attempt";
        }
        model.addAttribute("r", page);
        return "earning/assessment-result";
    }

    private static Map<Integer, List<String>> answers(MultiValueMap<String, String> form) {
        Map<Integer, List<String>> answers = new TreeMap<>();
        form.forEach((name, values) -> {
            Matcher m = ANSWER_FIELD.matcher(name);
            if (m.matches()) answers.put(Integer.parseInt(m.group(1)), values == null ? List.of() : new ArrayList<>(values));
        });
        return answers;
    }

    /** What the learner gave, by field name, to fill the form in again. */
    private static Map<String, List<String>> given(Map<Integer, List<String>> answers) {
        Map<String, List<String>> given = new TreeMap<>();
        answers.forEach((position, values) -> given.put("answer-" + position, values));
        return given;
    }

    private static Actor.Person me() {
        return CurrentActor.person().orElseThrow(() -> Problem.notFound("The enrollment"));
    }
}
