package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;

import io.guildmark.app.shared.DataDirectory;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The files the running application made (the embedded database among them) are the service user's alone. */
class DataDirectoryStaysPrivateWhileRunningIntegrationTest extends IntegrationTest {

    @Autowired
    DataDirectory dataDirectory;

    @Test
    void everythingTheStartedApplicationCreatedInItsDataDirectoryIsReadableByItsUserOnly() throws IOException {
        Path root = dataDirectory.root();
        Assumptions.assumeTrue(Files.getFileStore(root).supportsFileAttributeView("posix"), "POSIX permissions");
        List<Path> open;
        try (Stream<Path> all = Files.walk(root)) {
            open = all.filter(path -> {
                try {
                    var permissions = Files.getPosixFilePermissions(path);
                    return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)
                            || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
                } catch (IOException gone) {
                    return false; // a temporary file the database removed meanwhile
                }
            }).toList();
        }
        assertThat(open).as("entries others may read under %s", root).isEmpty();
    }
}
