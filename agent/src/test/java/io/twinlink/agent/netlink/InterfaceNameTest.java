package io.twinlink.agent.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InterfaceNameTest {

    @Test
    void acceptsOrdinaryNames() {
        assertThat(InterfaceName.problem("eth0")).isNull();
        assertThat(InterfaceName.problem("enp0s31f6")).isNull();
        assertThat(InterfaceName.problem("bond0.100")).isNull();
        assertThat(InterfaceName.problem("a23456789012345")).isNull();
    }

    @Test
    void rejectsWhatTheKernelOrTcWouldRefuse() {
        assertThat(InterfaceName.problem("")).isEqualTo("an interface name cannot be empty");
        assertThat(InterfaceName.problem("a234567890123456")).isEqualTo("interface name \"a234567890123456\" is longer than 15 characters");
        assertThat(InterfaceName.problem("eth 1")).isEqualTo("interface name \"eth 1\" contains whitespace");
        assertThat(InterfaceName.problem("a/b")).isEqualTo("interface name \"a/b\" contains '/'");
        assertThat(InterfaceName.problem("eth0:1")).isEqualTo("interface name \"eth0:1\" contains ':'");
        assertThat(InterfaceName.problem("..")).isEqualTo("\"..\" is not a valid interface name");
    }
}
