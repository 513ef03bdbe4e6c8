package io.guildmark.app.issuing;

import java.util.List;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A learner's side: the claim page behind the e-mailed link (accept or decline, for the owner of the address only),
 * and the list of badges they hold.
 */
@Controller
class WalletPages {

    private final Awards awards;
    private final Claims claims;
    private final BadgeVisibility visibility;

    private final BadgeAudience audience;
    private final io.guildmark.app.accounts.AccountDids dids;

    WalletPages(Awards awards, Claims claims, BadgeVisibility visibility, BadgeAudience audience, io.guildmark.app.accounts.AccountDids dids) {
        this.dids = dids;
        this.audience = audience;
        this.awards = awards;
        this.visibility = visibility;
        this.claims = claims;
    }

    @GetMapping("/claim/{token}")
    String claimPage(@PathVariable String token, Model model, HttpServletResponse response) {
        Actor.Person person = CurrentActor.person().orElse(null);
        var page = claims.page(person, token);
        if (page.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("invalid", true);
            return "issuing/claim";
        }
        model.addAttribute("token", token);
        model.addAttribute("claim", page.get());
        model.addAttribute("situation", page.get().situation().name());
        if (page.get().situation() == Claims.Situation.WRONG_ACCOUNT) {
            model.addAttribute("wrongAccount", Claims.wrongAccount(page.get().award().recipientEmail()));
        } else if (page.get().situation() != Claims.Situation.MAY_DECIDE && page.get().situation() != Claims.Situation.SIGNED_OUT) {
            model.addAttribute("closed", Claims.refusal(page.get().award(), page.get().situation()).getMessage());
        }
        return "issuing/claim";
    }

    /** Accepting (also the old form's address, which posted here). */
    @PostMapping({"/claim/{token}", "/claim/{token}/accept"})
    String accept(@PathVariable String token, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElse(null);
        if (person == null) {
            redirect.addFlashAttribute("notice", "Sign in to add the badge to your account.");
            return "redirect:/signin";
        }
        try {
            Award award = claims.accept(person, token);
            redirect.addFlashAttribute("notice", "The badge is in your account. Share it, download it, or add it to LinkedIn.");
            return "redirect:/credentials/" + award.id();
        } catch (Problem problem) {
            return refused(problem, token, redirect);
        }
    }

    @PostMapping("/claim/{token}/decline")
    String decline(@PathVariable String token, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElse(null);
        if (person == null) {
            redirect.addFlashAttribute("notice", "Sign in to decline the badge.");
            return "redirect:/signin";
        }
        try {
            claims.decline(person, token);
            redirect.addFlashAttribute("notice", "You declined the badge; it is not in your account and counts for nobody.");
            return "redirect:/wallet";
        } catch (Problem problem) {
            return refused(problem, token, redirect);
        }
    }

    /** Nothing changed: back to the claim page (or the wallet for a link that is not ours), saying why. */
    private static String refused(Problem problem, String token, RedirectAttributes redirect) {
        redirect.addFlashAttribute("error", problem.getMessage());
        if (problem.kind() == Problem.Kind.NOT_FOUND) return "redirect:/wallet";
        return "redirect:/claim/" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The holder chooses who may see an accepted badge's page: public, unlisted (link only) or private. */
    @PostMapping("/wallet/{awardId}/visibility")
    String setVisibility(@PathVariable String awardId, @org.springframework.web.bind.annotation.RequestParam(defaultValue = "") String visibility,
            RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        var chosen = Visibility.parse(visibility);
        if (chosen.isEmpty()) {
            redirect.addFlashAttribute("error", "Choose public, unlisted or private.");
            return "redirect:/wallet";
        }
        java.util.UUID id;
        try {
            id = java.util.UUID.fromString(awardId);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("The badge");
        }
        try {
            Award award = this.visibility.set(person, id, chosen.get());
            redirect.addFlashAttribute("notice", award.achievementName() + " is now " + chosen.get().word() + ".");
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
        }
        return "redirect:/wallet";
    }

    @GetMapping("/wallet")
    String wallet(Model model) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        List<Award> held = awards.held(person);
        model.addAttribute("awards", held);
        // "Sign with your wallet" needs a DID the person proved with their wallet.
        model.addAttribute("hasProvenDid", !dids.provenDids(person.userId()).isEmpty());
        // The holder's own badges: how often their pages were viewed and shared.
        model.addAttribute("audience", audience.totals(held.stream().map(Award::id).toList()));
        return "issuing/wallet";
    }
}
