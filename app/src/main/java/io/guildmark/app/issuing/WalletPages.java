package io.guildmark.app.issuing;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.Problem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A learner's side: claiming a badge from the e-mailed link, and the list of badges they hold. */
@Controller
class WalletPages {

    private final Awards awards;

    WalletPages(Awards awards) {
        this.awards = awards;
    }

    @GetMapping("/claim/{token}")
    String claimPage(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        return "issuing/claim";
    }

    @PostMapping("/claim/{token}")
    String claim(@PathVariable String token, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElse(null);
        if (person == null) {
            redirect.addFlashAttribute("notice", "Sign in to add the badge to your account.");
            return "redirect:/signin";
        }
        try {
            Award award = awards.claim(person, token);
            redirect.addFlashAttribute("notice", "The badge is in your account. Share it, download it, or add it to LinkedIn.");
            return "redirect:/credentials/" + award.id();
        } catch (Problem problem) {
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/wallet";
        }
    }

    @GetMapping("/wallet")
    String wallet(Model model) {
        model.addAttribute("awards", awards.held(CurrentActor.person().orElseThrow()));
        return "issuing/wallet";
    }
}
