package io.guildmark.app.accounts;

import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FormActions;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The account page's DID section: get a challenge, paste the wallet's signed answer, remove a DID. */
@Controller
class DidPages {

    private final AccountDids dids;

    DidPages(AccountDids dids) {
        this.dids = dids;
    }

    @PostMapping("/account/dids/challenge")
    String challenge(RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        dids.challenge(person.userId());
        redirect.addFlashAttribute("notice", "Here is your challenge: sign it with your wallet within "
                + AccountDids.CHALLENGE_MINUTES + " minutes, then paste the answer below.");
        return "redirect:/account#dids";
    }

    @PostMapping("/account/dids")
    String prove(@RequestParam(defaultValue = "") String proof, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            AccountDids.LinkedDid linked = dids.prove(person.userId(), proof);
            return "Proven: you control " + linked.did() + " (on " + linked.provenOn()
                    + "). Badges awarded to you from now on name it, and badges issued to it can be imported.";
        });
        return "redirect:/account#dids";
    }

    @PostMapping("/account/dids/{id}/remove")
    String remove(@PathVariable UUID id, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> "Removed " + dids.remove(person.userId(), id).did()
                + ". Badges already issued to it are still yours, but imported badges naming it no longer count.");
        return "redirect:/account#dids";
    }
}
