package io.guildmark.app.membership;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Staff see the membership roster a page at a time, search it, import a CSV from their membership system and export it. */
@Controller
class RosterPages {

    static final int PAGE = 50;

    private final Roster roster;
    private final Organizations organizations;
    private final java.time.Clock clock;

    RosterPages(Roster roster, Organizations organizations, java.time.Clock clock) {
        this.roster = roster;
        this.organizations = organizations;
        this.clock = clock;
    }

    @GetMapping("/organizations/{slug}/roster")
    String page(@PathVariable String slug, @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "0") int from, Model model) {
        Organization org = organizations.require(me(), slug, Permission.MANAGE_ROSTER);
        model.addAttribute("org", org);
        model.addAttribute("tab", "members");
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("statuses", RosterMember.Status.values());
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("maxRows", String.format(java.util.Locale.ROOT, "%,d", Roster.MAX_CSV_ROWS));
        try {
            Roster.Page page = roster.list(me(), slug, q, status, PAGE, cursor);
            int first = Math.max(0, from);
            model.addAttribute("page", page);
            model.addAttribute("first", page.items().isEmpty() ? 0 : first + 1);
            model.addAttribute("last", first + page.items().size());
            model.addAttribute("nextFrom", first + page.items().size());
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            model.addAttribute("listMessage", problem.getMessage());
            model.addAttribute("page", roster.list(me(), slug, null, null, PAGE, null));
            model.addAttribute("first", 1);
            model.addAttribute("last", 0);
            model.addAttribute("nextFrom", 0);
        }
        return "membership/roster";
    }

    @PostMapping(path = "/organizations/{slug}/roster/upload", consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
    String upload(@PathVariable String slug, @RequestParam(name = "file", required = false) @Nullable MultipartFile file, Model model)
            throws IOException {
        organizations.require(me(), slug, Permission.MANAGE_ROSTER);
        try {
            if (file == null || file.isEmpty()) throw Problem.invalid("no-file", "Choose a CSV file to upload.");
            if (file.getSize() > Roster.MAX_CSV_BYTES) throw Problem.tooLarge("The file is larger than 10 MB; split it into smaller files. Nothing was stored.");
            Roster.BatchResult result = roster.importCsv(me(), slug, file.getBytes());
            model.addAttribute("imported", result);
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            model.addAttribute("uploadMessage", problem.getMessage());
            model.addAttribute("uploadErrors", problem.fieldErrors().stream().map(Problem.FieldError::message).limit(200).toList());
        }
        return page(slug, null, null, null, 0, model);
    }

    @GetMapping("/organizations/{slug}/roster.csv")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String slug, @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String status) {
        Actor actor = me();
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ROSTER);
        roster.list(actor, slug, q, status, 1, null); // refuses a bad filter before the download starts
        StreamingResponseBody body = out -> {
            OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            roster.exportCsv(actor, slug, q, status, writer);
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + org.slug() + "-roster.csv\"")
                .body(body);
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
