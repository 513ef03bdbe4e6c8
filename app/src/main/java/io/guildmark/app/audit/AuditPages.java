package io.guildmark.app.audit;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Owners and admins search the audit log a page at a time, export it as CSV, and check that its chain holds. */
@Controller
class AuditPages {

    static final int PAGE = 50;

    private final AuditLog log;

    AuditPages(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/organizations/{slug}/audit")
    String page(@PathVariable String slug, @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String actor, @RequestParam(required = false) @Nullable String objectId,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "0") int shown, Model model) {
        Organization org = log.require(me(), slug);
        AuditLog.Filter filter = new AuditLog.Filter(action, actor, objectId, from, to, q);
        model.addAttribute("org", org);
        model.addAttribute("tab", "audit");
        model.addAttribute("filter", filter);
        try {
            AuditLog.Page page = log.search(me(), slug, filter, PAGE, cursor);
            int first = Math.max(0, shown);
            model.addAttribute("page", page);
            model.addAttribute("first", page.items().isEmpty() ? 0 : first + 1);
            model.addAttribute("last", first + page.items().size());
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            model.addAttribute("listMessage", problem.getMessage());
            model.addAttribute("page", log.search(me(), slug, AuditLog.Filter.none(), PAGE, null));
            model.addAttribute("first", 1);
            model.addAttribute("last", 0);
        }
        return "audit/log";
    }

    @GetMapping("/organizations/{slug}/audit.csv")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String slug, @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String actor, @RequestParam(required = false) @Nullable String objectId,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String q) {
        return AuditApi.csv(log, me(), slug, new AuditLog.Filter(action, actor, objectId, from, to, q));
    }

    /** The chain check, as a fragment the page loads on request (it reads the whole chain). */
    @GetMapping("/organizations/{slug}/audit/verify")
    String verify(@PathVariable String slug, Model model) {
        model.addAttribute("org", log.require(me(), slug));
        model.addAttribute("verdict", log.verify(me(), slug));
        return "audit/log :: verdict";
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
