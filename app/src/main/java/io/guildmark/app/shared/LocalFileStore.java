package io.guildmark.app.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/** Files under {@code <data-dir>/files}, with generated names only, so no upload can choose where it lands. */
@Component
class LocalFileStore implements FileStore {

    private static final Pattern KEY = Pattern.compile("[a-z0-9-]{1,40}/[0-9a-f-]{36}");
    private final Path root;

    LocalFileStore(GuildmarkSettings settings) {
        this.root = settings.dataDir().resolve("files");
    }

    @Override
    public String put(String folder, byte[] content) {
        String key = folder + "/" + UUID.randomUUID();
        checkKey(key);
        Path target = root.resolve(key);
        try {
            DataDirectory.createPrivateDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "upload", ".tmp");
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store a file", e);
        }
        return key;
    }

    @Override
    public Optional<byte[]> get(String key) {
        if (!KEY.matcher(key).matches()) return Optional.empty();
        try {
            return Optional.of(Files.readAllBytes(root.resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read a stored file", e);
        }
    }

    @Override
    public void delete(String key) {
        if (!KEY.matcher(key).matches()) return;
        try {
            Files.deleteIfExists(root.resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete a stored file", e);
        }
    }

    private static void checkKey(String key) {
        if (!KEY.matcher(key).matches()) throw new IllegalArgumentException("Bad file key " + key);
    }
}
