package io.guildmark.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class GuildmarkApplication {
    public static void main(String[] args) {
        SpringApplication.run(GuildmarkApplication.class, args);
    }
}
