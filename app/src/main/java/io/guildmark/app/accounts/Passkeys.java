package io.guildmark.app.accounts;

import io.guildmark.app.shared.ClientAddress;
import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.PageSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationProvider;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;

import tools.jackson.databind.json.JsonMapper;

/**
 * Passkeys through Spring Security's WebAuthn support: registration at {@code /webauthn/register/**} (from the
 * account's security page), sign-in at {@code /login/webauthn}. Passkeys and their users live in the database.
 *
 * <p>A passkey signs a person in completely, as both factors: it is bound to this site's origin (phishing-resistant)
 * and the authenticator must verify the user (PIN or biometric), so user verification is required, not preferred.
 * The signed-in principal is the same {@link SignedInUser} as after a password, so the rest of the platform sees no
 * difference.
 */
@Configuration(proxyBeanMethods = false)
class Passkeys {

    static final AuthenticatorSelectionCriteria AUTHENTICATOR_SELECTION = AuthenticatorSelectionCriteria.builder()
            .userVerification(UserVerificationRequirement.REQUIRED).residentKey(ResidentKeyRequirement.REQUIRED).build();

    @Bean
    RelyingParty relyingParty(GuildmarkSettings settings) {
        return RelyingParty.of(settings);
    }

    @Bean
    PublicKeyCredentialUserEntityRepository passkeyUsers(JdbcOperations jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    @Bean
    UserCredentialRepository passkeyCredentials(JdbcOperations jdbc) {
        return new JdbcUserCredentialRepository(jdbc);
    }

    @Bean
    WebAuthnRelyingPartyOperations relyingPartyOperations(PublicKeyCredentialUserEntityRepository users,
            UserCredentialRepository credentials, RelyingParty party) {
        Webauthn4JRelyingPartyOperations operations = new Webauthn4JRelyingPartyOperations(users, credentials,
                org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity.builder().id(party.id()).name(party.name()).build(),
                party.origins());
        operations.setCustomizeCreationOptions(options -> options.authenticatorSelection(AUTHENTICATOR_SELECTION));
        operations.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
        return operations;
    }

    /** Adds the WebAuthn endpoints and the second sign-in step to the pages' filter chain. */
    @Bean
    PageSecurity passkeysAndSecondStep(WebAuthnRelyingPartyOperations operations, UserDetailsService users,
            RelyingParty party, SignInThrottle throttle) {
        return http -> http
                .authorizeHttpRequests(auth -> auth.requestMatchers(SecondFactorSignIn.PATH).permitAll())
                .addFilterAfter(new PasskeyRequests(), org.springframework.security.web.csrf.CsrfFilter.class)
                .webAuthn(webAuthn -> webAuthn.rpId(party.id()).rpName(party.name()).allowedOrigins(party.origins())
                        .disableDefaultRegistrationPage(true)
                        .creationOptionsRepository(new PasskeyCreationOptions())
                        .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
                            @Override
                            public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationManager(new ProviderManager(new SignInWithPasskey(operations, users)));
                                filter.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
                                filter.setAuthenticationSuccessHandler(signedInWithPasskey(throttle));
                                return filter;
                            }
                        }));
    }

    /** Spring Security's passkey check, then the account's own: it must be confirmed and not locked. */
    static final class SignInWithPasskey implements AuthenticationProvider {

        private final WebAuthnAuthenticationProvider webAuthn;
        private final UserDetailsService users;

        SignInWithPasskey(WebAuthnRelyingPartyOperations operations, UserDetailsService users) {
            this.webAuthn = new WebAuthnAuthenticationProvider(operations, users);
            this.users = users;
        }

        @Override
        public Authentication authenticate(Authentication authentication) throws AuthenticationException {
            Authentication passkey = webAuthn.authenticate(authentication);
            var user = users.loadUserByUsername(passkey.getName());
            new AccountStatusUserDetailsChecker().check(user);
            return UsernamePasswordAuthenticationToken.authenticated(user, null, passkey.getAuthorities());
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
        }
    }

    /** Answers the script with where to go next, as Spring Security's does, and ends any half-finished sign-in. */
    private static AuthenticationSuccessHandler signedInWithPasskey(SignInThrottle throttle) {
        HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
        JsonMapper json = JsonMapper.builder().build();
        return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
            SecondFactorSignIn.forgetPending(request);
            throttle.succeeded(authentication.getName(), ClientAddress.of(request));
            SavedRequest saved = requestCache.getRequest(request, response);
            requestCache.removeRequest(request, response);
            String target = saved != null ? saved.getRedirectUrl() : request.getContextPath() + "/dashboard";
            response.setContentType("application/json");
            try {
                response.getWriter().write(json.writeValueAsString(Map.of("authenticated", true, "redirectUrl", target)));
            } catch (RuntimeException e) {
                throw new IOException(e);
            }
        };
    }
}
