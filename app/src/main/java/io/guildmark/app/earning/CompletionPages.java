package io.guildmark.app.earning;

import java.io.IOException;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.Problem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Staff upload a learning system's CSV export of course completions, see what it did, and the recent completions. */
@Controller
class CompletionPages {

    private static final int RECENT = 50;

    private final Completions completions;
    private final Organizations organizations;

    CompletionPages(Completions completions, Organizations organizations) {
        this.completions = completions;
        this.organizations = organizations;
    }

    @GetMapping("/organizations/{slug}/completions")
    String page(@PathVariable String slug, Model model) {
        Organization org = organizations.require(me(), slug, Permission.ISSUE);
        model.addAttribute("org", org);
        model.addAttribute("tab", "completions");
        model.addAttribute("recent", completions.list(me(), slug, RECENT, 0).items());
        model.addAttribute("maxRows", String.format(java.util.Locale.ROOT, "%,d", Completions.MAX_CSV_ROWS));
        return "earning/completions";
    }

    @PostMapping(path = "/organizations/{slug}/completions/upload", consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
    String upload(@PathVariable String slug, @RequestParam(name = "file", required = false) MultipartFile file, Model model)
            throws IOException {
        organizations.require(me(), slug, Permission.ISSUE);
        try {
            if (file == null || file.isEmpty()) throw Problem.invalid("no-file", "Choose a CSV file to upload.");
            if (file.getSize() > Completions.MAX_CSV_BYTES) {
                throw Problem.tooLarge("The file is larger than 5 MB; split it into smaller files. Nothing was stored.");
            }
            // Checked whole here; applied in the background, with progress, cancel and results on the job's page.
            var job = completions.uploadAsJob(me(), slug, file.getOriginalFilename(), file.getBytes());
            return "redirect:/organizations/" + slug + "/award-jobs/" + job.id();
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            model.addAttribute("uploadMessage", problem.getMessage());
            model.addAttribute("uploadErrors", problem.fieldErrors().stream().map(Problem.FieldError::message).toList());
            return page(slug, model);
        }
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
