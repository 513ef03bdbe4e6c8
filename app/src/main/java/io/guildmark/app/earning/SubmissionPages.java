package io.guildmark.app.earning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.HtmlUtils;

/** The learner's work product page (draft, files, submit, feedback, resubmit) and the download of a work product's files. */
@Controller
class SubmissionPages {

    private final Submissions submissions;

    SubmissionPages(Submissions submissions) {
        this.submissions = submissions;
    }

    @GetMapping("/learning/{enrollmentId}/submission")
    String page(@PathVariable UUID enrollmentId, Model model) {
        model.addAttribute("w", submissions.workspace(me(), enrollmentId));
        return "earning/submission";
    }

    /** "Save draft" and "Submit for review" send the same form, so what the learner wrote last is saved either way. */
    @PostMapping("/learning/{enrollmentId}/submission")
    String save(@PathVariable UUID enrollmentId, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        boolean submit = "submit".equals(form.getFirst("action"));
        FormActions.attempt(redirect, () -> {
            submissions.saveDraft(me(), enrollmentId, prefixed(form, "response."), form.containsKey("evidencePublic"));
            return submit ? "" : "Draft saved.";
        });
        if (submit && !redirect.getFlashAttributes().containsKey("error")) {
            FormActions.attempt(redirect, () -> {
                Submission s = submissions.submit(me(), enrollmentId);
                return s.state() == Submission.State.SUBMITTED
                        ? "Submitted. Reviewers are being found for it; you are told when it is reviewed."
                        : "Submitted for review. You are told by e-mail when the reviewers decide.";
            });
            if (redirect.getFlashAttributes().containsKey("error")) redirect.addFlashAttribute("notice", "Draft saved, but not submitted:");
        }
        return back(enrollmentId);
    }

    /** Autosave while the learner types (htmx); answers a short status line. */
    @PostMapping(value = "/learning/{enrollmentId}/submission/autosave", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String autosave(@PathVariable UUID enrollmentId, @RequestParam MultiValueMap<String, String> form) {
        try {
            submissions.saveDraft(me(), enrollmentId, prefixed(form, "response."), form.containsKey("evidencePublic"));
            return "Draft saved automatically.";
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            return "<span class=\"field-error\">" + HtmlUtils.htmlEscape(problem.getMessage()) + "</span>";
        }
    }

    @PostMapping("/learning/{enrollmentId}/submission/files")
    String upload(@PathVariable UUID enrollmentId, @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
            RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            if (file == null || file.isEmpty()) throw Problem.invalidField("file", "Choose a file to upload.");
            byte[] content;
            try {
                content = file.getBytes();
            } catch (IOException e) {
                throw Problem.invalidField("file", "The file could not be read; upload it again.");
            }
            return "Uploaded \"" + submissions.upload(me(), enrollmentId, file.getOriginalFilename(), content).name() + "\".";
        });
        return back(enrollmentId);
    }

    @PostMapping("/learning/{enrollmentId}/submission/files/{fileId}/remove")
    String removeFile(@PathVariable UUID enrollmentId, @PathVariable UUID fileId, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            submissions.removeFile(me(), enrollmentId, fileId);
            return "File removed.";
        });
        return back(enrollmentId);
    }

    @PostMapping("/learning/{enrollmentId}/submission/resubmit")
    String resubmit(@PathVariable UUID enrollmentId, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            submissions.resubmit(me(), enrollmentId);
            return "Resubmission started with your last responses and files. Improve it using the feedback, then submit it again.";
        });
        return back(enrollmentId);
    }

    @PostMapping("/learning/{enrollmentId}/submission/{submissionId}/visibility")
    String visibility(@PathVariable UUID enrollmentId, @PathVariable UUID submissionId,
            @RequestParam(defaultValue = "false") boolean evidencePublic, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> submissions.setEvidencePublic(me(), submissionId, evidencePublic).evidencePublic()
                ? "Your work product is now public evidence on your badge."
                : "Your work product is now private; the evidence link on your badge says so.");
        return back(enrollmentId);
    }

    /**
     * A file of a work product, always as an attachment with the type read from its bytes at upload and
     * {@code nosniff}, so no upload is ever shown by the browser as a page of this site.
     */
    @GetMapping("/submissions/{submissionId}/files/{fileId}")
    ResponseEntity<byte[]> download(@PathVariable UUID submissionId, @PathVariable UUID fileId) {
        Submissions.Download file = submissions.download(CurrentActor.find(), submissionId, fileId);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.parseMediaType(file.contentType()))
                .body(file.content());
    }

    /** The fields named {@code prefix + criterionKey}, by criterion key. */
    static Map<String, String> prefixed(MultiValueMap<String, String> form, String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, list) -> {
            if (name.startsWith(prefix) && !list.isEmpty()) values.put(name.substring(prefix.length()), list.get(0));
        });
        return values;
    }

    private static String back(UUID enrollmentId) {
        return "redirect:/learning/" + enrollmentId + "/submission";
    }

    private static Actor.Person me() {
        return CurrentActor.person().orElseThrow(() -> Problem.notFound("The page"));
    }
}
