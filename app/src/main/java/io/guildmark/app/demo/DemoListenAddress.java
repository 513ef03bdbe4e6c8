package io.guildmark.app.demo;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Where the server listens, unless {@code server.address} says so itself: {@code guildmark.listen}
 * ({@code GUILDMARK_LISTEN}) when set, else loopback only in demo mode, whose outbox and demo sign-ins are not for
 * the network. Production listens on every interface, as Spring Boot does. Registered in META-INF/spring.factories:
 * the address must be settled before the web server starts.
 */
class DemoListenAddress implements EnvironmentPostProcessor {

    static final String LOOPBACK = "127.0.0.1";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("server.address")) return;
        String listen = environment.getProperty("guildmark.listen", "").strip();
        boolean demo = environment.getProperty("guildmark.mode", "demo").strip().toLowerCase(Locale.ROOT).equals("demo");
        String address = !listen.isEmpty() ? listen : demo ? LOOPBACK : null;
        if (address != null) {
            environment.getPropertySources().addLast(new MapPropertySource("guildmarkListen", Map.of("server.address", address)));
        }
    }
}
