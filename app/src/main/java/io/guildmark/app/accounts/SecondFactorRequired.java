package io.guildmark.app.accounts;

import java.util.List;

import io.guildmark.app.shared.Problem;

/**
 * Refuses a staff action because the organization requires a second factor and the person has none yet. Pages answer
 * it by sending the person to set one up ({@link SecondFactorPages}); the API answers 403.
 */
public class SecondFactorRequired extends Problem {

    private final String organizationName;

    public SecondFactorRequired(String organizationName) {
        super(Kind.FORBIDDEN, "second-factor-required", organizationName
                + " requires a second factor (a passkey or an authenticator app) of its staff: turn one on first.", List.of());
        this.organizationName = organizationName;
    }

    public String organizationName() {
        return organizationName;
    }
}
