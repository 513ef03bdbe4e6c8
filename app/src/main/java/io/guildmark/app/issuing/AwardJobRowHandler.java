package io.guildmark.app.issuing;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Another module's kind of bulk job (the completions CSV), run by the award job engine ({@link AwardJobs}) with the
 * same progress, cancel and results. Handling a row must be safe to repeat: after a crash a row that was started is
 * handled again.
 */
public interface AwardJobRowHandler {

    /** The job kind this handler runs, as given to {@link AwardJobs#submitPrepared}. */
    String kind();

    Outcome handle(UUID organizationId, String payload);

    /** @param outcome {@code awarded} (with the award), {@code recorded} (stored, no badge now) or {@code failed} */
    record Outcome(String outcome, @Nullable UUID awardId, @Nullable String message) {}
}
