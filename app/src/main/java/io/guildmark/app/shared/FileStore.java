package io.guildmark.app.shared;

import java.util.Optional;

/** Where uploaded files (logos, badge images, evidence) live; the file system under the data directory by default. */
public interface FileStore {

    /** Stores the bytes under a new generated key and returns it. */
    String put(String folder, byte[] content);

    Optional<byte[]> get(String key);

    void delete(String key);
}
