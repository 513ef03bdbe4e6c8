package io.guildmark.app.accounts;

import java.util.UUID;

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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The account's e-mail addresses: add one, prove it with the e-mailed link, make it primary, remove it. */
@Controller
class EmailAddressPages {

    private final EmailAddresses emails;

    EmailAddressPages(EmailAddresses emails) {
        this.emails = emails;
    }

    @GetMapping("/account/emails")
    String list(Model model) {
        model.addAttribute("addresses", emails.of(me().userId()));
        return "accounts/emails";
    }

    @PostMapping("/account/emails")
    String add(@RequestParam(defaultValue = "") String email, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            EmailAddresses.Address added = emails.add(me().userId(), email);
            // The same words whether or not the address is someone else's: see EmailAddresses#add.
            return "We sent a confirmation link to " + added.email() + ". Follow it while signed in to this account to verify the address.";
        });
        return "redirect:/account/emails";
    }

    @PostMapping("/account/emails/{id}/resend")
    String resend(@PathVariable UUID id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            emails.resend(me().userId(), id);
            return "We sent the confirmation link again.";
        });
        return "redirect:/account/emails";
    }

    @PostMapping("/account/emails/{id}/primary")
    String primary(@PathVariable UUID id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> "Your primary address is now " + emails.makePrimary(me().userId(), id).email()
                + ". Sign in with it from now on.");
        return "redirect:/account/emails";
    }

    @PostMapping("/account/emails/{id}/remove")
    String remove(@PathVariable UUID id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            emails.remove(me().userId(), id);
            return "The address is removed from your account.";
        });
        return "redirect:/account/emails";
    }

    /** Opening the link only shows a button: a mail scanner fetching it changes nothing. */
    @GetMapping("/account/emails/verify/{token}")
    String confirmPage(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        return "accounts/email-verify";
    }

    @PostMapping("/account/emails/verify/{token}")
    String verify(@PathVariable String token, RedirectAttributes redirect) {
        try {
            EmailAddresses.Address address = emails.verify(me().userId(), token);
            redirect.addFlashAttribute("notice", address.email() + " is verified. Badges sent to it can now be claimed with this account.");
        } catch (Problem problem) {
            redirect.addFlashAttribute("error", problem.getMessage());
        }
        return "redirect:/account/emails";
    }

    private static Actor.Person me() {
        return CurrentActor.person().orElseThrow();
    }
}
