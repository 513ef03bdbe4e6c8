package io.guildmark.app.earning;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as learners read them in messages: "29 Nov 2026 14:05 UTC". */
final class AssessmentFormat {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private AssessmentFormat() {}

    static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
