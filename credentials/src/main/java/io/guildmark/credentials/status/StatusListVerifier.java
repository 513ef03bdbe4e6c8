package io.guildmark.credentials.status;

import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * Verifies the proof of a fetched status list credential (Bitstring Status List "Validate Algorithm": the
 * status list credential must itself be verified). The verifier package plugs in the eddsa-rdfc-2022 verifier.
 */
@FunctionalInterface
public interface StatusListVerifier {

    /**
     * @return empty if the list's proof verifies, otherwise a sentence saying why it doesn't
     */
    Optional<String> problem(JsonObject statusListCredential);

    /**
     * Accepts every list without checking its proof. Only for tests and for lists the caller has already verified;
     * anyone who can serve a forged list could otherwise un-revoke a credential.
     */
    static StatusListVerifier trustingUnverifiedLists() {
        return list -> Optional.empty();
    }
}
