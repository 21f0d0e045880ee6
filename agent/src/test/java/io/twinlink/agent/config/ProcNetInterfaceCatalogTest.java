package io.twinlink.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcNetInterfaceCatalogTest {

    @Test
    void findsLoopbackInThisNamespace() {
        ProcNetInterfaceCatalog catalog = new ProcNetInterfaceCatalog();
        assertThat(catalog.exists("lo")).isTrue();
        assertThat(catalog.exists("tl-nosuch0")).isFalse();
    }

    @Test
    void parsesNamesUpToTheFirstColon() {
        List<String> lines = List.of(
                "Inter-|   Receive                                                |  Transmit",
                " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets",
                "    lo:  123456     100    0    0    0     0          0         0   123456     100",
                "veth-a.10:       0       0    0    0    0     0          0         0        0       0",
                "  eth0:1 2 3");
        assertThat(ProcNetInterfaceCatalog.parse(lines)).containsExactlyInAnyOrder("lo", "veth-a.10", "eth0");
    }
}
