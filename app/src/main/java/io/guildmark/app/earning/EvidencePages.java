package io.guildmark.app.earning;

import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.shared.CurrentActor;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The evidence a badge links to: the work product with its rubric outcome. Public when the learner chose so and it met
 * the standard; otherwise only the learner, its reviewers and the organization's staff see it, and everyone else a page
 * saying it is private, with none of its content.
 */
@Controller
class EvidencePages {

    private final Submissions submissions;

    EvidencePages(Submissions submissions) {
        this.submissions = submissions;
    }

    @GetMapping("/evidence/{submissionId}")
    String evidence(@PathVariable UUID submissionId, Model model, HttpServletResponse response) {
        Optional<Submissions.Evidence> evidence = submissions.evidence(CurrentActor.find(), submissionId);
        if (evidence.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return "earning/evidence-private";
        }
        model.addAttribute("e", evidence.get());
        return "earning/evidence";
    }
}
