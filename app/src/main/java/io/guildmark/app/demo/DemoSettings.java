package io.guildmark.app.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code guildmark.demo-data=false} starts demo mode without the demo association (the tests do). */
@ConfigurationProperties("guildmark")
record DemoSettings(Boolean demoData) {

    DemoSettings {
        if (demoData == null) demoData = Boolean.TRUE;
    }
}
