package io.guildmark.app.shared;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link FileStore} of the application, chosen by {@code guildmark.files.store}. */
@Configuration(proxyBeanMethods = false)
class FileStoreConfiguration {

    @Bean
    FileStore fileStore(GuildmarkSettings settings) {
        return switch (settings.files().store()) {
            case LOCAL -> new LocalFileStore(settings);
            case S3 -> S3FileStore.connect(settings.files().s3());
        };
    }
}
