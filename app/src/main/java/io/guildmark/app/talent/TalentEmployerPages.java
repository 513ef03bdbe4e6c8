package io.guildmark.app.talent;

import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The employer's Talent tab: search partner associations' findable learners, write to them, read the conversations. */
@Controller
class TalentEmployerPages {

    private final Organizations organizations;
    private final TalentSearch search;
    private final TalentMessages messages;

    TalentEmployerPages(Organizations organizations, TalentSearch search, TalentMessages messages) {
        this.organizations = organizations;
        this.search = search;
        this.messages = messages;
    }

    @GetMapping("/organizations/{slug}/talent")
    String search(@PathVariable String slug, @RequestParam(required = false) @Nullable String association,
            @RequestParam(required = false) @Nullable String competency, @RequestParam(required = false) @Nullable String microCredential,
            @RequestParam(required = false) @Nullable String pathway, @RequestParam(required = false) @Nullable String creditType,
            @RequestParam(required = false) @Nullable String minCredits, @RequestParam(required = false) @Nullable String location,
            @RequestParam(required = false) @Nullable String page, Model model) {
        Organization org = organizations.require(me(), slug, Permission.FIND_TALENT);
        var query = new TalentSearch.Query(association, competency, microCredential, pathway, creditType, minCredits, location);
        int number = TalentPages.pageNumber(page);
        ListPage<TalentSearch.Candidate> results;
        try {
            results = search.search(me(), slug, query, (number - 1) * TalentPages.PAGE_SIZE, TalentPages.PAGE_SIZE);
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND) throw problem;
            String fields = String.join(" ", FieldErrors.of(problem).values());
            model.addAttribute("listMessage", fields.isBlank() ? problem.getMessage() : fields);
            results = new ListPage<>(java.util.List.of(), 0, TalentPages.PAGE_SIZE, 0, null);
        }
        model.addAttribute("org", org);
        model.addAttribute("tab", "talent");
        model.addAttribute("query", query);
        model.addAttribute("programs", search.programs(me(), slug));
        model.addAttribute("page", results);
        model.addAttribute("maxBody", TalentMessages.MAX_BODY);
        return "talent/search";
    }

    @PostMapping("/organizations/{slug}/talent/{candidate}/messages")
    String write(@PathVariable String slug, @PathVariable String candidate, @RequestParam(required = false) @Nullable String body,
            RedirectAttributes redirect) {
        try {
            var conversation = messages.write(me(), slug, TalentPages.uuid(candidate), body);
            redirect.addFlashAttribute("notice", "Your message is sent. " + conversation.thread().personName()
                    + " is told by e-mail and answers here.");
            return "redirect:/organizations/" + slug + "/talent/messages/" + conversation.thread().id();
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            String fields = String.join(" ", FieldErrors.of(problem).values());
            redirect.addFlashAttribute("error", fields.isBlank() ? problem.getMessage() : fields);
            return "redirect:/organizations/" + slug + "/talent";
        }
    }

    @GetMapping("/organizations/{slug}/talent/messages")
    String threads(@PathVariable String slug, @RequestParam(required = false) @Nullable String page, Model model) {
        Organization org = organizations.require(me(), slug, Permission.FIND_TALENT);
        int number = TalentPages.pageNumber(page);
        var threads = messages.employerThreads(me(), slug, (number - 1) * TalentPages.PAGE_SIZE, TalentPages.PAGE_SIZE);
        if (threads.items().isEmpty() && number > 1) threads = messages.employerThreads(me(), slug, 0, TalentPages.PAGE_SIZE);
        model.addAttribute("org", org);
        model.addAttribute("tab", "talent");
        model.addAttribute("page", threads);
        return "talent/employer-messages";
    }

    @GetMapping("/organizations/{slug}/talent/messages/{id}")
    String thread(@PathVariable String slug, @PathVariable String id, Model model) {
        Organization org = organizations.require(me(), slug, Permission.FIND_TALENT);
        model.addAttribute("org", org);
        model.addAttribute("tab", "talent");
        model.addAttribute("conversation", messages.employerConversation(me(), slug, TalentPages.uuid(id)));
        model.addAttribute("maxBody", TalentMessages.MAX_BODY);
        return "talent/employer-conversation";
    }

    @PostMapping("/organizations/{slug}/talent/messages/{id}")
    String writeAgain(@PathVariable String slug, @PathVariable String id, @RequestParam(required = false) @Nullable String body,
            RedirectAttributes redirect) {
        UUID threadId = TalentPages.uuid(id);
        try {
            messages.writeAgain(me(), slug, threadId, body);
            redirect.addFlashAttribute("notice", "Your message is sent.");
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            String fields = String.join(" ", FieldErrors.of(problem).values());
            redirect.addFlashAttribute("error", fields.isBlank() ? problem.getMessage() : fields);
        }
        return "redirect:/organizations/" + slug + "/talent/messages/" + id;
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
