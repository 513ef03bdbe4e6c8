package io.guildmark.app.accounts;

import io.guildmark.app.shared.ClientAddress;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.ActorPrincipal;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of signing in. After a right password, an account with a second factor is not signed in: the
 * session only remembers who is half-way ({@link Pending}, for ten minutes), and nothing but this page and the passkey
 * sign-in accept it. A TOTP code or a recovery code here, or a passkey, completes the sign-in. Wrong codes count as
 * failed sign-ins for the address (the sign-in throttle), so the second step cannot be guessed faster than a password.
 */
@Controller
class SecondFactorSignIn {

    static final String PATH = "/signin/second-factor";
    private static final String PENDING = SecondFactorSignIn.class.getName() + ".PENDING";
    private static final Duration PENDING_FOR = Duration.ofMinutes(10);

    /** Who has given the right password and has yet to give the second factor. */
    record Pending(UUID userId, String email, Instant since) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private final SecondFactors factors;
    private final SignInThrottle throttle;
    private final UserDetailsService users;
    private final Clock clock;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SavedRequestAwareAuthenticationSuccessHandler completed = new SavedRequestAwareAuthenticationSuccessHandler();

    SecondFactorSignIn(SecondFactors factors, SignInThrottle throttle, UserDetailsService users, Clock clock) {
        this.factors = factors;
        this.throttle = throttle;
        this.users = users;
        this.clock = clock;
        completed.setDefaultTargetUrl("/dashboard");
    }

    /**
     * Called by the password sign-in on success: if the account has a second factor, undoes the sign-in, remembers the
     * person as pending and sends them to the second step. Answers whether it did.
     */
    boolean holdForSecondFactor(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        if (!(authentication.getPrincipal() instanceof ActorPrincipal principal) || !(principal.actor() instanceof Actor.Person person)) {
            return false;
        }
        if (!factors.isOn(person.userId())) return false;
        SecurityContext empty = SecurityContextHolder.createEmptyContext();
        SecurityContextHolder.setContext(empty);
        contexts.saveContext(empty, request, response);
        request.getSession().setAttribute(PENDING, new Pending(person.userId(), person.email(), clock.instant()));
        response.sendRedirect(request.getContextPath() + PATH);
        return true;
    }

    static void forgetPending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) session.removeAttribute(PENDING);
    }

    @GetMapping(PATH)
    String form(HttpServletRequest request, Model model) {
        Pending pending = pending(request);
        if (pending == null) return "redirect:/signin";
        return page(pending, model, null);
    }

    @PostMapping(PATH)
    String verify(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String recoveryCode,
            HttpServletRequest request, HttpServletResponse response, Model model) throws IOException, ServletException {
        Pending pending = pending(request);
        if (pending == null) return "redirect:/signin";
        if (throttle.waitBeforeNextAttempt(pending.email(), ClientAddress.of(request)).isPresent()) {
            forgetPending(request);
            return "redirect:/signin?error=wait&email=" + java.net.URLEncoder.encode(pending.email(), java.nio.charset.StandardCharsets.UTF_8);
        }
        boolean byRecoveryCode = code.isBlank() && !recoveryCode.isBlank();
        SecondFactors.Check check = byRecoveryCode ? factors.useRecoveryCode(pending.userId(), recoveryCode)
                : factors.checkTotp(pending.userId(), code);
        if (check != SecondFactors.Check.ACCEPTED) {
            throttle.failed(pending.email(), ClientAddress.of(request));
            String message = switch (check) {
                case ALREADY_USED -> byRecoveryCode ? "That recovery code was already used: each one works once."
                        : "That code was already used. Wait for the next one in your app.";
                default -> byRecoveryCode ? "That is not one of your recovery codes."
                        : "That code is not right. Type the six digits your authenticator app shows now.";
            };
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return page(pending, model, message);
        }
        UserDetails user;
        try {
            user = users.loadUserByUsername(pending.email());
            new AccountStatusUserDetailsChecker().check(user);
        } catch (AuthenticationException e) {
            forgetPending(request);
            return "redirect:/signin?error=bad";
        }
        throttle.succeeded(pending.email(), ClientAddress.of(request));
        forgetPending(request);
        Authentication signedIn = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        request.changeSessionId(); // a new session id for the signed-in session, as after a password
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(signedIn);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        completed.onAuthenticationSuccess(request, response, signedIn);
        return null;
    }

    private String page(Pending pending, Model model, @Nullable String error) {
        SecondFactors.Status status = factors.status(pending.userId());
        model.addAttribute("totp", status.totp());
        model.addAttribute("passkeys", !status.passkeys().isEmpty());
        model.addAttribute("recoveryCodes", status.recoveryCodesLeft() > 0);
        if (error != null) model.addAttribute("error", error);
        return "accounts/second-factor";
    }

    private @Nullable Pending pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING) instanceof Pending pending)) return null;
        if (pending.since().plus(PENDING_FOR).isBefore(clock.instant())) {
            session.removeAttribute(PENDING);
            return null;
        }
        return pending;
    }
}
