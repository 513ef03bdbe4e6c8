package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Finding: the demo default served its outbox, with reset links, to anyone who could reach the port. */
class DemoModeListensOnLoopbackTest {

    private static String listenAddress(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        // The post-processors this application registers in META-INF/spring.factories, run as Spring Boot runs them
        // (Spring Boot's own need a bootstrap context this test does not have: they are skipped).
        List<EnvironmentPostProcessor> ours = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(EnvironmentPostProcessor.class, (type, name, failure) -> {})
                .stream().filter(p -> p.getClass().getName().startsWith("io.guildmark.")).toList();
        assertThat(ours).isNotEmpty();
        ours.forEach(p -> p.postProcessEnvironment(environment, new SpringApplication()));
        return environment.getProperty("server.address");
    }

    @Test
    void demoModeListensOnLoopbackByDefault() {
        assertThat(listenAddress(Map.of())).isEqualTo("127.0.0.1");
        assertThat(listenAddress(Map.of("guildmark.mode", "DEMO"))).isEqualTo("127.0.0.1");
    }

    @Test
    void demoModeListensElsewhereOnlyWhenToldTo() {
        assertThat(listenAddress(Map.of("guildmark.listen", "0.0.0.0"))).isEqualTo("0.0.0.0");
        assertThat(listenAddress(Map.of("server.address", "192.0.2.10"))).isEqualTo("192.0.2.10");
    }

    @Test
    void productionListensWhereSpringBootDoesUnlessTold() {
        assertThat(listenAddress(Map.of("guildmark.mode", "production"))).isNull();
        assertThat(listenAddress(Map.of("guildmark.mode", "production", "guildmark.listen", "10.0.0.5"))).isEqualTo("10.0.0.5");
    }
}
