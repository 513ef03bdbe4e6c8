package io.guildmark.app.shared;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The keys of stored files: {@code folder/uuid}, generated here only, so that no upload chooses where it lands, and a
 * key from a request that does not have this shape is never looked up.
 */
final class FileKeys {

    private static final Pattern KEY = Pattern.compile("[a-z0-9-]{1,40}/[0-9a-f-]{36}");

    private FileKeys() {}

    static String newKey(String folder) {
        String key = folder + "/" + UUID.randomUUID();
        if (!isValid(key)) throw new IllegalArgumentException("Bad file key " + key);
        return key;
    }

    static boolean isValid(String key) {
        return KEY.matcher(key).matches();
    }
}
