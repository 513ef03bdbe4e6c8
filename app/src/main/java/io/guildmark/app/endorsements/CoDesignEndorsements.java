package io.guildmark.app.endorsements;

import io.guildmark.app.codesign.CoDesignSignedOff;
import io.guildmark.app.shared.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A partner that signed off the version an association publishes is named in the OB 3.0 way: an endorsement signed
 * with the partner's own key ("Co-designed and signed off version N"), which credentials issued afterwards carry.
 * After the publish commits, so the micro-credential is published when the endorsement is made.
 */
@Component
class CoDesignEndorsements {

    private static final Logger log = LoggerFactory.getLogger(CoDesignEndorsements.class);

    private final Endorsements endorsements;

    CoDesignEndorsements(Endorsements endorsements) {
        this.endorsements = endorsements;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void signedOffVersionPublished(CoDesignSignedOff signedOff) {
        try {
            endorsements.endorseAsCoDesigner(signedOff.employerId(), signedOff.achievementId(), String.valueOf(signedOff.version()));
        } catch (Problem refused) {
            // An employer the operator has not approved cannot sign; the page still names it as a co-designer.
            log.info("No co-design endorsement by {} for {}: {}", signedOff.employerId(), signedOff.achievementId(), refused.getMessage());
        }
    }
}
