package io.guildmark.app.talent;

import java.util.List;
import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The learner's side: being findable per association, what employers did with it, and their messages. */
@Controller
class TalentPages {

    static final int PAGE_SIZE = 20;
    private static final String MINE = "/account/talent";

    private final TalentProfiles profiles;
    private final TalentLog log;
    private final TalentMessages messages;

    TalentPages(TalentProfiles profiles, TalentLog log, TalentMessages messages) {
        this.profiles = profiles;
        this.log = log;
        this.messages = messages;
    }

    @GetMapping(MINE)
    String mine(@RequestParam(required = false) @Nullable String page, Model model) {
        Actor.Person person = me();
        model.addAttribute("choices", profiles.choices(person));
        int number = pageNumber(page);
        var entries = log.of(person, (number - 1) * PAGE_SIZE, PAGE_SIZE);
        if (entries.items().isEmpty() && number > 1) entries = log.of(person, 0, PAGE_SIZE);
        model.addAttribute("page", entries);
        model.addAttribute("maxHeadline", TalentProfiles.MAX_HEADLINE);
        model.addAttribute("maxLocation", TalentProfiles.MAX_LOCATION);
        return "talent/mine";
    }

    @PostMapping(MINE + "/{association}")
    String save(@PathVariable String association, @RequestParam(defaultValue = "false") boolean findable,
            @RequestParam(required = false) @Nullable String headline, @RequestParam(required = false) @Nullable String location,
            @RequestParam(name = "awardId", required = false) @Nullable List<String> awardIds, RedirectAttributes redirect) {
        try {
            var choice = profiles.save(me(), association, new TalentProfiles.Form(findable, headline, location, uuids(awardIds)));
            redirect.addFlashAttribute("notice", choice.findable()
                    ? "Employer partners of " + choice.association().name() + " can now find you, with the " + choice.shown().size()
                            + (choice.shown().size() == 1 ? " badge" : " badges") + " you chose."
                    : "You are not findable by employer partners of " + choice.association().name() + ".");
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            String fields = String.join(" ", FieldErrors.of(problem).values());
            redirect.addFlashAttribute("error", fields.isBlank() ? problem.getMessage() : fields);
        }
        return "redirect:" + MINE;
    }

    @PostMapping(MINE + "/withdraw")
    String withdraw(RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            profiles.withdrawEverywhere(me());
            return "You are no longer findable by any employer; no search shows you and nobody can write to you.";
        });
        return "redirect:" + MINE;
    }

    @GetMapping(MINE + "/messages")
    String threads(@RequestParam(required = false) @Nullable String page, Model model) {
        int number = pageNumber(page);
        var threads = messages.personThreads(me(), (number - 1) * PAGE_SIZE, PAGE_SIZE);
        if (threads.items().isEmpty() && number > 1) threads = messages.personThreads(me(), 0, PAGE_SIZE);
        model.addAttribute("page", threads);
        return "talent/messages";
    }

    @GetMapping(MINE + "/messages/{id}")
    String thread(@PathVariable String id, Model model) {
        model.addAttribute("conversation", messages.personConversation(me(), uuid(id)));
        model.addAttribute("maxBody", TalentMessages.MAX_BODY);
        return "talent/conversation";
    }

    @PostMapping(MINE + "/messages/{id}/reply")
    String reply(@PathVariable String id, @RequestParam(required = false) @Nullable String body, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            messages.reply(me(), uuid(id), body);
            return "Your reply is sent.";
        });
        return "redirect:" + MINE + "/messages/" + id;
    }

    @PostMapping(MINE + "/messages/{id}/share-email")
    String share(@PathVariable String id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> "Your e-mail address is shown to "
                + messages.shareEmail(me(), uuid(id)).thread().employerName() + " in this conversation.");
        return "redirect:" + MINE + "/messages/" + id;
    }

    @PostMapping(MINE + "/messages/{id}/decline")
    String decline(@PathVariable String id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> messages.decline(me(), uuid(id)).thread().employerName() + " can no longer write to you.");
        return "redirect:" + MINE + "/messages/" + id;
    }

    static int pageNumber(@Nullable String page) {
        try {
            return page == null || page.isBlank() ? 1 : Math.max(1, Math.min(100_000, Integer.parseInt(page.strip())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("The page");
        }
    }

    private static List<UUID> uuids(@Nullable List<String> values) {
        if (values == null) return List.of();
        if (values.size() > TalentProfiles.MAX_BADGES) throw Problem.invalidField("awardIds", "Show at most " + TalentProfiles.MAX_BADGES + " badges.");
        return values.stream().map(v -> {
            try {
                return UUID.fromString(v);
            } catch (IllegalArgumentException e) {
                throw Problem.invalidField("awardIds", "One of the badges picked is not one of yours.");
            }
        }).toList();
    }

    private static Actor.Person me() {
        return CurrentActor.person().orElseThrow(() -> new Problem(Problem.Kind.UNAUTHORIZED, "sign-in", "Sign in first.", List.of()));
    }
}
