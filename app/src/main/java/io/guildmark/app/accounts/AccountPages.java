package io.guildmark.app.accounts;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.ClientAddress;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.Problem;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-up, sign-in, e-mail confirmation, password reset and the account page. */
@Controller
class AccountPages {

    private final Accounts accounts;
    private final AccountDids dids;
    private final SignInThrottle throttle;

    AccountPages(Accounts accounts, AccountDids dids, SignInThrottle throttle) {
        this.accounts = accounts;
        this.dids = dids;
        this.throttle = throttle;
    }

    @GetMapping("/signin")
    String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String email, Model model,
            HttpServletRequest request) {
        if (error != null) {
            String message = switch (error) {
                case "wait" -> SignInWait.message(throttle.waitBeforeNextAttempt(email, ClientAddress.of(request)).orElse(Duration.ZERO));
                case "unverified" -> "Confirm your e-mail address first: follow the link we sent you. No e-mail? Send it again below.";
                default -> "That e-mail and password do not match an account.";
            };
            model.addAttribute("error", message);
            model.addAttribute("unverified", "unverified".equals(error));
        }
        model.addAttribute("email", email == null ? "" : email);
        return "accounts/signin";
    }

    @GetMapping("/signup")
    String signUpForm(Model model) {
        model.addAttribute("form", new SignUpForm("", "", ""));
        return "accounts/signup";
    }

    record SignUpForm(String name, String email, String password) {}

    @PostMapping("/signup")
    String signUp(SignUpForm form, Model model) {
        try {
            model.addAttribute("email", accounts.signUp(form.name(), form.email(), form.password()).value());
            return "accounts/check-email";
        } catch (Problem problem) {
            model.addAttribute("form", new SignUpForm(form.name(), form.email(), ""));
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("fieldErrors", FieldErrors.of(problem));
            return "accounts/signup";
        }
    }

    @PostMapping("/signup/resend")
    String resend(@RequestParam String email, Model model) {
        accounts.resendVerification(email);
        model.addAttribute("email", email);
        return "accounts/check-email";
    }

    @GetMapping("/email/verify/{token}")
    String verify(@PathVariable String token, RedirectAttributes redirect) {
        try {
            User user = accounts.verifyEmail(token);
            redirect.addFlashAttribute("notice", "Thank you, your e-mail address is confirmed. Sign in to continue.");
            return "redirect:/signin?email=" + java.net.URLEncoder.encode(user.email(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (Problem problem) {
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/signin";
        }
    }

    @GetMapping("/password/forgot")
    String forgotForm() {
        return "accounts/forgot";
    }

    @PostMapping("/password/forgot")
    String forgot(@RequestParam(defaultValue = "") String email, Model model) {
        accounts.requestPasswordReset(email);
        model.addAttribute("notice", "If an account uses " + email + ", we have sent it a link to choose a new password.");
        return "accounts/forgot";
    }

    @GetMapping("/password/reset/{token}")
    String resetForm(@PathVariable String token, Model model) {
        if (!accounts.resetTokenUsable(token)) {
            model.addAttribute("error", "This reset link is not valid any more. Ask for a new one.");
            return "accounts/forgot";
        }
        model.addAttribute("token", token);
        return "accounts/reset";
    }

    @PostMapping("/password/reset/{token}")
    String reset(@PathVariable String token, @RequestParam(defaultValue = "") String password, Model model,
            RedirectAttributes redirect, HttpServletRequest request) {
        try {
            accounts.resetPassword(token, password);
            // Whoever was signed in in this browser (the reset ended the account's own sessions already) signs in afresh.
            HttpSession session = request.getSession(false);
            if (session != null) session.invalidate();
            SecurityContextHolder.clearContext();
            redirect.addFlashAttribute("notice", "Your password is changed. Sign in with the new one.");
            return "redirect:/signin";
        } catch (Problem problem) {
            model.addAttribute("token", token);
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("fieldErrors", FieldErrors.of(problem));
            return "accounts/reset";
        }
    }

    @GetMapping("/account")
    String account(Model model) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        model.addAttribute("user", accounts.find(person.userId()).orElseThrow());
        model.addAttribute("dids", dids.mine(person.userId()));
        model.addAttribute("challenge", dids.currentChallenge(person.userId()).orElse(null));
        model.addAttribute("audience", dids.audience());
        return "accounts/account";
    }

    @PostMapping("/account/name")
    String rename(@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            accounts.rename(person.userId(), name);
            return "Your name is saved.";
        });
        return "redirect:/account";
    }

    @PostMapping("/account/employer")
    String employer(@RequestParam(defaultValue = "") String employer, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            accounts.setEmployer(person.userId(), employer);
            return employer.isBlank() ? "Your employer is cleared." : "Your employer is saved.";
        });
        return "redirect:/account";
    }

    @PostMapping("/account/password")
    String changePassword(@RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword,
            RedirectAttributes redirect, HttpSession session) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            accounts.changePassword(person.userId(), currentPassword, newPassword, session.getId());
            return "Your password is changed. You are signed out everywhere else.";
        });
        return "redirect:/account";
    }
}
