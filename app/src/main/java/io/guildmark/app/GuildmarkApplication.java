package io.guildmark.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** Guildmark: micro-credentials and Open Badges 3.0 for professional associations. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "shared")
public class GuildmarkApplication {
    public static void main(String[] args) {
        SpringApplication.run(GuildmarkApplication.class, args);
    }
}
