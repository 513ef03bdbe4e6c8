package io.guildmark.app.accounts;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Keeps a passkey registration's options in the session between the two requests of the ceremony. Spring Security's
 * own repository stores the options object, which is not serializable; sessions here live in the database, so this
 * keeps a serializable copy of what the verification needs and rebuilds the options from it.
 */
final class PasskeyCreationOptions implements PublicKeyCredentialCreationOptionsRepository {

    private static final String ATTRIBUTE = PasskeyCreationOptions.class.getName();
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(PublicKeyCredentialParameters.EdDSA,
            PublicKeyCredentialParameters.ES256, PublicKeyCredentialParameters.ES384, PublicKeyCredentialParameters.ES512,
            PublicKeyCredentialParameters.RS256, PublicKeyCredentialParameters.RS384, PublicKeyCredentialParameters.RS512,
            PublicKeyCredentialParameters.RS1);

    record Saved(String rpId, String rpName, byte[] userId, String userName, String displayName, byte[] challenge,
            long timeoutMillis, long[] algorithms) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    @Override
    public void save(HttpServletRequest request, HttpServletResponse response, @Nullable PublicKeyCredentialCreationOptions options) {
        if (options == null) {
            HttpSession session = request.getSession(false);
            if (session != null) session.removeAttribute(ATTRIBUTE);
            return;
        }
        long[] algorithms = options.getPubKeyCredParams().stream().mapToLong(p -> p.getAlg().getValue()).toArray();
        request.getSession().setAttribute(ATTRIBUTE, new Saved(options.getRp().getId(), options.getRp().getName(),
                options.getUser().getId().getBytes(), options.getUser().getName(), options.getUser().getDisplayName(),
                options.getChallenge().getBytes(), options.getTimeout() == null ? 300_000 : options.getTimeout().toMillis(), algorithms));
    }

    @Override
    public @Nullable PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Saved saved)) return null;
        return PublicKeyCredentialCreationOptions.builder()
                .rp(PublicKeyCredentialRpEntity.builder().id(saved.rpId()).name(saved.rpName()).build())
                .user(ImmutablePublicKeyCredentialUserEntity.builder().id(new Bytes(saved.userId())).name(saved.userName())
                        .displayName(saved.displayName()).build())
                .challenge(new Bytes(saved.challenge()))
                .pubKeyCredParams(ALGORITHMS.stream().filter(p -> Arrays.stream(saved.algorithms()).anyMatch(a -> a == p.getAlg().getValue()))
                        .toArray(PublicKeyCredentialParameters[]::new))
                .authenticatorSelection(Passkeys.AUTHENTICATOR_SELECTION)
                .attestation(AttestationConveyancePreference.NONE)
                .timeout(Duration.ofMillis(saved.timeoutMillis()))
                .build();
    }
}
