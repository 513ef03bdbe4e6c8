package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.guildmark.app.shared.DataDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding: the data directory's database file was world-readable and held live session ids. */
class DataDirectoryIsPrivateTest {

    @TempDir
    Path temp;

    @BeforeEach
    void posixFileSystem() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aNewDataDirectoryIsCreatedReadableByTheServiceUserOnly() throws IOException {
        Path dataDir = temp.resolve("fresh/data");
        DataDirectory.makePrivate(dataDir);
        assertThat(permissions(dataDir)).isEqualTo("rwx------");
    }

    @Test
    void anExistingDatabaseAndFilesAreTightenedAtStartAndListed() throws IOException {
        Path dataDir = Files.createDirectories(temp.resolve("data"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path database = Files.writeString(dataDir.resolve("guildmark.mv.db"), "sessions live here");
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));
        Path uploads = Files.createDirectories(dataDir.resolve("files/logos"));
        Files.setPosixFilePermissions(uploads, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path logo = Files.writeString(uploads.resolve("0b7f4c1e-9a7e-4a52-8c55-6c1e0f6a3d21"), "png");
        Files.setPosixFilePermissions(logo, PosixFilePermissions.fromString("rw-rw-r--"));

        var tightened = DataDirectory.makePrivate(dataDir);

        assertThat(tightened).contains(dataDir, database, uploads, logo);
        assertThat(permissions(dataDir)).isEqualTo("rwx------");
        assertThat(permissions(database)).isEqualTo("rw-------");
        assertThat(permissions(uploads)).isEqualTo("rwx------");
        assertThat(permissions(logo)).isEqualTo("rw-------");
    }

    @Test
    void aDirectoryThatIsAlreadyPrivateIsLeftAsItIs() throws IOException {
        Path dataDir = temp.resolve("private");
        DataDirectory.makePrivate(dataDir);
        Files.writeString(dataDir.resolve("master.key"), "key");
        Files.setPosixFilePermissions(dataDir.resolve("master.key"), PosixFilePermissions.fromString("r--------"));
        assertThat(DataDirectory.makePrivate(dataDir)).isEmpty();
        assertThat(permissions(dataDir.resolve("master.key"))).isEqualTo("r--------");
    }

    @Test
    void foldersForUploadsAreCreatedPrivate() throws IOException {
        Path dataDir = temp.resolve("uploads-root");
        DataDirectory.makePrivate(dataDir);
        Path folder = DataDirectory.createPrivateDirectories(dataDir.resolve("files/evidence"));
        assertThat(permissions(dataDir.resolve("files"))).isEqualTo("rwx------");
        assertThat(permissions(folder)).isEqualTo("rwx------");
    }
}
