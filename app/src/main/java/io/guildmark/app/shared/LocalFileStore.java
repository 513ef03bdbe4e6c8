package io.guildmark.app.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Files under {@code <data-dir>/files}, with generated names only ({@link FileKeys}), so no upload can choose where
 * it lands. The default store ({@code guildmark.files.store=local}), for a single node.
 */
class LocalFileStore implements FileStore {

    private final Path root;

    LocalFileStore(GuildmarkSettings settings) {
        this.root = settings.dataDir().resolve("files");
    }

    @Override
    public String put(String folder, byte[] content) {
        String key = FileKeys.newKey(folder);
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
        if (!FileKeys.isValid(key)) return Optional.empty();
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
        if (!FileKeys.isValid(key)) return;
        try {
            Files.deleteIfExists(root.resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete a stored file", e);
        }
    }
}
