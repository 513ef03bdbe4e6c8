package io.guildmark.app.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What an endpoint can subscribe to; {@code webhook.test} is sent only by "send a test event". */
public enum EventType {
    AWARD_ISSUED("award.issued"),
    AWARD_CLAIMED("award.claimed"),
    AWARD_REVOKED("award.revoked"),
    ENROLLMENT_CREATED("enrollment.created"),
    SUBMISSION_DECIDED("submission.decided"),
    PATHWAY_COMPLETED("pathway.completed"),
    MEMBER_UPDATED("member.updated"),
    WEBHOOK_TEST("webhook.test");

    private final String id;

    EventType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static Optional<EventType> parse(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    /** The types an endpoint may subscribe to. */
    public static List<EventType> subscribable() {
        return Arrays.stream(values()).filter(t -> t != WEBHOOK_TEST).toList();
    }
}
