package io.guildmark.app.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboxAccessTest {

    @Test
    void inDemoModeThisMachineSeesTheOutbox() {
        assertThat(new OutboxAccess(true, true, false).allowed()).isTrue();
    }

    @Test
    void inDemoModeAPlatformOperatorElsewhereSeesTheOutbox() {
        assertThat(new OutboxAccess(true, false, true).allowed()).isTrue();
    }

    @Test
    void inDemoModeAnyoneElseElsewhereDoesNot() {
        assertThat(new OutboxAccess(true, false, false).allowed()).isFalse();
    }

    @Test
    void inProductionModeNobodySeesIt() {
        assertThat(new OutboxAccess(false, true, true).allowed()).isFalse();
        assertThat(new OutboxAccess(false, true, false).allowed()).isFalse();
        assertThat(new OutboxAccess(false, false, true).allowed()).isFalse();
    }
}
