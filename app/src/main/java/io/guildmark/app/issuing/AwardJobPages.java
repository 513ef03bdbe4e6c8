package io.guildmark.app.issuing;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.Problem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff pages: upload a bulk award file, watch its job, cancel it, download its results; past jobs. */
@Controller
class AwardJobPages {

    private static final int PAGE = 20;

    private final AwardJobs jobs;
    private final Organizations organizations;
    private final IssuerKeys keys;

    AwardJobPages(AwardJobs jobs, Organizations organizations, IssuerKeys keys) {
        this.jobs = jobs;
        this.organizations = organizations;
        this.keys = keys;
    }

    @GetMapping("/organizations/{slug}/award-jobs")
    String list(@PathVariable String slug, @RequestParam(defaultValue = "1") int page, Model model) {
        Organization org = organizations.require(me(), slug, Permission.ISSUE);
        model.addAttribute("org", org);
        model.addAttribute("tab", "awards");
        int pageNumber = Math.max(1, Math.min(page, 100_000));
        model.addAttribute("jobs", jobs.pageAt(me(), slug, (pageNumber - 1) * PAGE, PAGE));
        model.addAttribute("issueBlocked", keys.whyMayNotIssue(org));
        model.addAttribute("maxRows", String.format(java.util.Locale.ROOT, "%,d", jobs.maxRows()));
        model.addAttribute("maxMegabytes", jobs.maxBytes() / (1024 * 1024));
        return "issuing/award-jobs";
    }

    @PostMapping(path = "/organizations/{slug}/award-jobs", consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
    String upload(@PathVariable String slug, @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(defaultValue = "false") boolean allowDuplicates, Model model) throws IOException {
        organizations.require(me(), slug, Permission.ISSUE);
        try {
            if (file == null || file.isEmpty()) throw Problem.invalid("no-file", "Choose a CSV file to upload.");
            if (file.getSize() > jobs.maxBytes()) {
                throw Problem.tooLarge("The file is larger than " + (jobs.maxBytes() / (1024 * 1024)) + " MB; split it into smaller files. Nothing was started.");
            }
            AwardJobs.Job job = jobs.submitCsv(me(), slug, file.getOriginalFilename(), file.getBytes(), allowDuplicates);
            return "redirect:/organizations/" + slug + "/award-jobs/" + job.id();
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            model.addAttribute("uploadMessage", problem.getMessage());
            model.addAttribute("uploadErrors", problem.fieldErrors().stream().map(Problem.FieldError::message).toList());
            return list(slug, 0, model);
        }
    }

    @GetMapping("/organizations/{slug}/award-jobs/{id}")
    String job(@PathVariable String slug, @PathVariable UUID id, Model model) {
        Organization org = organizations.require(me(), slug, Permission.ISSUE);
        model.addAttribute("org", org);
        model.addAttribute("tab", "awards");
        model.addAttribute("job", jobs.get(me(), slug, id));
        return "issuing/award-job";
    }

    /** The progress panel alone, polled by the job page while the job runs. */
    @GetMapping("/organizations/{slug}/award-jobs/{id}/progress")
    String progress(@PathVariable String slug, @PathVariable UUID id, Model model) {
        Organization org = organizations.require(me(), slug, Permission.ISSUE);
        model.addAttribute("org", org);
        model.addAttribute("job", jobs.get(me(), slug, id));
        return "issuing/award-job :: progress";
    }

    @PostMapping("/organizations/{slug}/award-jobs/{id}/cancel")
    String cancel(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            AwardJobs.Job job = jobs.cancel(me(), slug, id);
            return "Cancelled: " + job.cancelled() + " rows not yet started will not be awarded; rows already done stay done.";
        });
        return "redirect:/organizations/" + slug + "/award-jobs/" + id;
    }

    @GetMapping("/organizations/{slug}/award-jobs/{id}/results.csv")
    void results(@PathVariable String slug, @PathVariable UUID id, HttpServletResponse response) throws IOException {
        jobs.get(me(), slug, id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"award-job-" + id + "-results.csv\"");
        jobs.writeResults(me(), slug, id, new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
