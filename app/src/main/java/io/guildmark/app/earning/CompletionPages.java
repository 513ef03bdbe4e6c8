package io.guildmark.app.earning;

import java.io.IOException;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.CsvDownload;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListPages;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
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

    private final CompletionList completionList;

    CompletionPages(Completions completions, Organizations organizations, CompletionList completionList) {
        this.completionList = completionList;
        this.completions = completions;
        this.organizations = organizations;
    }

    /** The completions list's query string. */
    record CompletionQuery(@Nullable String q, @Nullable String credential, @Nullable String source, @Nullable String from,
            @Nullable String to, @Nullable String sort, @Nullable Integer page) {

        static CompletionQuery none() {
            return new CompletionQuery(null, null, null, null, null, null, null);
        }

        CompletionList.Filter filter() {
            return CompletionList.Filter.parse(q, credential, source, from, to, sort);
        }

        int currentPage() {
            return page == null || page < 1 ? 1 : Math.min(page, 100_000);
        }
    }

    @GetMapping("/organizations/{slug}/completions")
    String page(@PathVariable String slug, CompletionQuery query, Model model) {
        Organization org = organizations.require(me(), slug, Permission.ISSUE);
        model.addAttribute("org", org);
        model.addAttribute("tab", "completions");
        model.addAttribute("query", query);
        model.addAttribute("credentials", completionList.credentials(me(), slug));
        ListPage<CompletionList.Line> page = ListPages.filteredOrAll(model, () -> completionList.pageAt(me(), slug, query.filter(), (query.currentPage() - 1) * RECENT, RECENT),
                () -> completionList.pageAt(me(), slug, CompletionList.Filter.none(), 0, RECENT));
        model.addAttribute("page", page);
        model.addAttribute("recent", page.items());
        model.addAttribute("maxRows", String.format(java.util.Locale.ROOT, "%,d", Completions.MAX_CSV_ROWS));
        return "earning/completions";
    }

    /** Every completion that matches the list's filters, as CSV, streamed. */
    @GetMapping("/organizations/{slug}/completions.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String slug, CompletionQuery query) {
        Actor actor = me();
        CompletionList.Filter filter = query.filter();
        Organization org = completionList.check(actor, slug, filter);
        return CsvDownload.of(org.slug() + "-completions.csv", List.of("reported_at", "email", "course_code", "completed_on", "source",
                "micro_credentials"), rows -> completionList.each(actor, slug, filter, l -> rows.row(l.completion().reportedAt(),
                        l.completion().email(), l.completion().courseCode(), l.completion().completedOn(), l.completion().source(),
                        l.credentialNames())));
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
            return page(slug, CompletionQuery.none(), model);
        }
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
