package io.guildmark.credentials.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the status check found.
 *
 * @param state    the answer
 * @param code     a stable code: {@code ACTIVE}, {@code REVOKED}, {@code SUSPENDED}, {@code NO_STATUS} or, for
 *                 {@link State#UNKNOWN}, the failure ({@code STATUS_RETRIEVAL_ERROR}, {@code STATUS_VERIFICATION_ERROR},
 *                 {@code STATUS_RANGE_ERROR}, {@code STATUS_PURPOSE_MISMATCH}, {@code STATUS_ISSUER_MISMATCH},
 *                 {@code STATUS_LIST_EXPIRED}, {@code MALFORMED_STATUS_ENTRY}, {@code UNSUPPORTED_STATUS_TYPE})
 * @param message  a sentence for people
 * @param reason   the issuer's revocation reason when the list gives one, else {@code null}
 * @param listDate when the list that gave the answer was published ({@code validFrom}), else {@code null}
 * @param warnings things worth showing that don't change the answer (e.g. a list smaller than 16 KB)
 */
public record StatusResult(State state, String code, String message, String reason, Instant listDate,
                           List<String> warnings) {

    /** The answer of a status check. */
    public enum State {
        /** Status information exists and the credential is neither revoked nor suspended. */
        ACTIVE,
        REVOKED,
        SUSPENDED,
        /** Status information exists but could not be obtained or trusted. */
        UNKNOWN,
        /** The credential has no {@code credentialStatus}. */
        NONE
    }

    public StatusResult {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        warnings = List.copyOf(warnings);
    }

    static StatusResult unknown(String code, String message) {
        return new StatusResult(State.UNKNOWN, code, message, null, null, List.of());
    }

    StatusResult withWarnings(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        var all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new StatusResult(state, code, message, reason, listDate, all);
    }

    /** Order of severity when a credential has several status entries: the worst answer wins. */
    int severity() {
        return switch (state) {
            case REVOKED -> 4;
            case SUSPENDED -> 3;
            case UNKNOWN -> 2;
            case ACTIVE -> 1;
            case NONE -> 0;
        };
    }
}
