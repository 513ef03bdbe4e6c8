package io.guildmark.app.demo;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.guildmark.app.shared.GuildmarkSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says at start who can reach a demo-mode instance, so nobody exposes one unknowingly. */
@Component
class DemoModeNotice {

    private static final Logger log = LoggerFactory.getLogger(DemoModeNotice.class);

    private final GuildmarkSettings settings;
    private final Environment environment;

    DemoModeNotice(GuildmarkSettings settings, Environment environment) {
        this.settings = settings;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void tell() {
        if (!settings.demo()) return;
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String address = environment.getProperty("server.address", "");
        if (loopback(address)) {
            log.info("Demo mode: listening on http://localhost:{} only; set GUILDMARK_LISTEN=0.0.0.0 (or server.address) "
                    + "to listen on all interfaces.", port);
        } else {
            log.warn("Demo mode: listening on {}:{}, reachable from the network. Demo mode is for trying Guildmark out: "
                    + "its outbox page is shown only to this machine and to platform operators, but run production mode "
                    + "for anything others use.", address.isEmpty() ? "all interfaces" : address, port);
        }
    }

    private static boolean loopback(String address) {
        if (address.isEmpty()) return false;
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
