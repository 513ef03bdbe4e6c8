package io.guildmark.app.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the data directory (embedded database with its sessions, uploaded files, the demo master key) readable by
 * the service's own user only: directories 700, files 600. Created so on first start; anything looser found at
 * start is tightened, and the log says what. On a file system without POSIX permissions it changes nothing.
 */
@Component
public class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private final Path root;

    DataDirectory(GuildmarkSettings settings) {
        this.root = settings.dataDir();
        List<Path> tightened = makePrivate(root);
        if (!tightened.isEmpty()) {
            log.warn("Made the data directory private to this user: tightened {} entries under {} (for example {}).", tightened.size(),
                    root, tightened.subList(0, Math.min(3, tightened.size())));
        }
    }

    public Path root() {
        return root;
    }

    /**
     * Files opened while the application started (the embedded database is created beside the directories with the
     * process's umask, often 644) are made private as soon as it is ready, not only at the next start. Only the
     * directory's own files are looked at: uploads below it are written private, so a second walk of them is not needed.
     */
    @EventListener(ApplicationReadyEvent.class)
    void makeFilesCreatedAtStartPrivate() {
        List<Path> tightened = new ArrayList<>();
        try (var entries = Files.list(root)) {
            entries.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).filter(file -> tightenOrWarn(file, FILE)).forEach(tightened::add);
        } catch (IOException e) {
            log.warn("Could not check the permissions of the files in {}: {}", root, e.toString());
        }
        if (!tightened.isEmpty()) log.info("Made {} created during start private to this user.", tightened);
    }

    public static Path createPrivateDirectories(Path directory) {
        try {
            if (Files.isDirectory(directory)) return directory;
            Path parent = directory.toAbsolutePath().getParent();
            if (parent != null && !Files.exists(parent)) createPrivateDirectories(parent);
            try {
                Files.createDirectory(directory);
            } catch (java.nio.file.FileAlreadyExistsException concurrently) {
                return directory;
            }
            restrict(directory, DIRECTORY);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory " + directory, e);
        }
    }

    /**
     * Creates {@code root} if needed and takes group and others' permissions away from it and everything below;
     * answers the entries it changed. Symbolic links are neither followed nor changed.
     */
    public static List<Path> makePrivate(Path root) {
        createPrivateDirectories(root);
        List<Path> tightened = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (tightenOrWarn(dir, DIRECTORY)) tightened.add(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && tightenOrWarn(file, FILE)) tightened.add(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    log.warn("Could not check the permissions of {}: {}", file, e.toString());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the data directory " + root + " private", e);
        }
        return tightened;
    }

    // An entry this user does not own cannot be changed: say so, and go on with the rest.
    private static boolean tightenOrWarn(Path path, Set<PosixFilePermission> wanted) {
        try {
            return tighten(path, wanted);
        } catch (IOException e) {
            log.warn("Could not make {} private to this user: {}", path, e.toString());
            return false;
        }
    }

    private static boolean tighten(Path path, Set<PosixFilePermission> wanted) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) return false;
        Set<PosixFilePermission> current = view.readAttributes().permissions();
        if (current.stream().noneMatch(OTHERS::contains)) return false;
        // Keep the owner's own bits (a read-only file stays read-only), take away everyone else's.
        Set<PosixFilePermission> kept = EnumSet.noneOf(PosixFilePermission.class);
        kept.addAll(current);
        kept.removeAll(OTHERS);
        if (wanted == DIRECTORY) kept.addAll(DIRECTORY); // the service must still be able to enter its directories
        view.setPermissions(kept);
        return true;
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null) view.setPermissions(permissions);
    }
}
