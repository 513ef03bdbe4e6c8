package io.guildmark.app.accounts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FormActions;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The account's security page: passkeys, an authenticator app (TOTP) and recovery codes. */
@Controller
class SecondFactorPages {

    static final String PAGE = "/account/security";

    private final SecondFactors factors;

    SecondFactorPages(SecondFactors factors) {
        this.factors = factors;
    }

    @GetMapping(PAGE)
    String page(@RequestParam(required = false) String required, @RequestParam(required = false) String passkey, Model model) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        SecondFactors.Status status = factors.status(person.userId());
        model.addAttribute("status", status);
        model.addAttribute("email", person.email());
        if (required != null && !status.any()) model.addAttribute("requiredNow", required);
        if ("added".equals(passkey) && !model.containsAttribute("notice")) {
            model.addAttribute("notice", "The passkey is added.");
            // The first factor comes with recovery codes, shown once, as after turning on an authenticator app.
            factors.firstRecoveryCodes(person.userId()).ifPresent(codes -> model.addAttribute("recoveryCodes", codes));
            status = factors.status(person.userId());
            model.addAttribute("status", status);
        }
        Optional<byte[]> enrolling = factors.pendingTotpSecret(person.userId());
        enrolling.ifPresent(secret -> {
            String uri = Totp.uri("Guildmark", person.email(), secret);
            model.addAttribute("totpSecret", Totp.base32(secret).replaceAll("(.{4})(?!$)", "$1 "));
            model.addAttribute("totpQr", qrCode(uri));
            model.addAttribute("totpUri", uri);
        });
        return "accounts/security";
    }

    @PostMapping(PAGE + "/totp/start")
    String startTotp(RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            factors.startTotp(person.userId());
            return "Scan the QR code with your authenticator app, then type the code it shows.";
        });
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/totp/confirm")
    String confirmTotp(@RequestParam(defaultValue = "") String code, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            List<String> codes = factors.confirmTotp(person.userId(), code);
            if (!codes.isEmpty()) redirect.addFlashAttribute("recoveryCodes", codes);
            return "Your authenticator app is on: signing in now asks for its code after your password.";
        });
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/totp/off")
    String turnOffTotp(RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            factors.turnOffTotp(person.userId());
            return "Your authenticator app is off.";
        });
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/recovery-codes")
    String regenerate(RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            redirect.addFlashAttribute("recoveryCodes", factors.regenerateRecoveryCodes(person.userId()));
            return "New recovery codes: the old ones no longer work. Keep these somewhere safe; they are shown only now.";
        });
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/passkeys/remove")
    String removePasskey(@RequestParam(defaultValue = "") String id, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            factors.removePasskey(person.userId(), id);
            return "The passkey is removed.";
        });
        return "redirect:" + PAGE;
    }

    private static String qrCode(String text) {
        return io.guildmark.app.shared.QrCodes.svgDataUri(text);
    }

    /**
     * Staff of an organization that requires a second factor, without one, are sent to set one up. Runs just after the
     * API's handler, which answers API controllers with the problem's 403 (API keys never meet it: they are no person).
     */
    @ControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    static class SendToSetUp {

        @ExceptionHandler(SecondFactorRequired.class)
        String setUp(SecondFactorRequired required) {
            return "redirect:" + PAGE + "?required=" + URLEncoder.encode(required.organizationName(), StandardCharsets.UTF_8);
        }
    }

}
