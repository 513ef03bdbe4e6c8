package io.guildmark.app.earning;

import java.util.UUID;

import io.guildmark.app.issuing.AwardJobRowHandler;
import org.springframework.stereotype.Component;

/** The completions CSV on the award job engine: each row is one completion report, applied as the API applies one. */
@Component
class CompletionJobRows implements AwardJobRowHandler {

    private final Completions completions;

    CompletionJobRows(Completions completions) {
        this.completions = completions;
    }

    @Override
    public String kind() {
        return Completions.JOB_KIND;
    }

    @Override
    public Outcome handle(UUID organizationId, String payload) {
        return completions.applyRow(organizationId, payload);
    }
}
