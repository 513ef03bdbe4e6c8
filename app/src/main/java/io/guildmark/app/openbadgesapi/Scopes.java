package io.guildmark.app.openbadgesapi;

import java.util.LinkedHashMap;
import java.util.Map;

/** The four scopes of the OB 3.0 API, with what each lets an app do, in the words the consent page uses. */
final class Scopes {

    static final String PREFIX = "https://purl.imsglobal.org/spec/ob/v3p0/scope/";
    static final String CREDENTIAL_READONLY = PREFIX + "credential.readonly";
    static final String CREDENTIAL_UPSERT = PREFIX + "credential.upsert";
    static final String PROFILE_READONLY = PREFIX + "profile.readonly";
    static final String PROFILE_UPDATE = PREFIX + "profile.update";

    /** Every scope, in the order the consent page lists them, with the plain words a person reads. */
    static final Map<String, String> PLAIN_WORDS;

    static {
        Map<String, String> words = new LinkedHashMap<>();
        words.put(CREDENTIAL_READONLY, "See the badges in your account: those you accepted here and those you added from elsewhere");
        words.put(CREDENTIAL_UPSERT, "Add badges from other issuers to your account (each is checked first and must be addressed to you)");
        words.put(PROFILE_READONLY, "See your name and primary e-mail address");
        words.put(PROFILE_UPDATE, "Change your display name");
        PLAIN_WORDS = Map.copyOf(words);
    }

    private Scopes() {}

    static String plainWords(String scope) {
        String words = PLAIN_WORDS.get(scope);
        return words == null ? scope : words;
    }

    static java.util.List<String> all() {
        return java.util.List.of(CREDENTIAL_READONLY, CREDENTIAL_UPSERT, PROFILE_READONLY, PROFILE_UPDATE);
    }
}
