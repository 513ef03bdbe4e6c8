package io.guildmark.app.accounts;

import java.time.Duration;

/** How a sign-in delay reads to a person. */
final class SignInWait {

    private SignInWait() {}

    static String message(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return "Too many failed attempts from here. Try again in " + minutes + (minutes == 1 ? " minute" : " minutes")
                + ", or reset your password.";
    }
}
