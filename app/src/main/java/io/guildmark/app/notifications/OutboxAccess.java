package io.guildmark.app.notifications;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.GuildmarkSettings;

/**
 * Who may read the demo outbox, which holds password-reset and claim links: in demo mode, a browser on this machine
 * or a signed-in platform operator; in production mode, nobody.
 */
record OutboxAccess(boolean demo, boolean fromThisMachine, boolean platformOperator) {

    static OutboxAccess of(GuildmarkSettings settings, boolean fromThisMachine, java.util.Optional<Actor> actor) {
        boolean operator = actor.filter(Actor.Person.class::isInstance).map(Actor.Person.class::cast)
                .map(Actor.Person::platformAdmin).orElse(false);
        return new OutboxAccess(settings.demo(), fromThisMachine, operator);
    }

    boolean allowed() {
        return demo && (fromThisMachine || platformOperator);
    }
}
