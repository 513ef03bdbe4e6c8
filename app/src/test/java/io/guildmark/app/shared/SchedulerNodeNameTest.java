package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchedulerNodeNameTest {

    @Test
    void twoNodesStartedOnOneHostGetDifferentSchedulerNames() {
        String one = SchedulerNodeName.generated();
        String other = SchedulerNodeName.generated();
        assertThat(one).isNotEqualTo(other).contains("-" + ProcessHandle.current().pid() + "-");
    }

    @Test
    void aConfiguredNodeNameIsUsedAsItIs() {
        var customizer = new SchedulerNodeName().schedulerNodeNameCustomizer(" node-a ");
        assertThat(customizer.schedulerName()).hasValueSatisfying(n -> assertThat(n.getName()).isEqualTo("node-a"));
    }
}
