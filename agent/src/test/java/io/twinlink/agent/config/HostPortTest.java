package io.twinlink.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1:9477, 127.0.0.1, 9477",
        "0.0.0.0:1, 0.0.0.0, 1",
        "'[::1]:9477', ::1, 9477",
        "'[fe80::1%2]:80', fe80::1%2, 80",
        "localhost:65535, localhost, 65535",
        "peer-2.example.net:9888, peer-2.example.net, 9888"
    })
    void parsesHostAndPort(String text, String host, int port) {
        HostPort hp = HostPort.parse(text);
        assertThat(hp).isEqualTo(new HostPort(host, port));
        assertThat(HostPort.parse(hp.toString())).isEqualTo(hp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9477", ":9477", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:http",
        "256.0.0.1:80", "1.2.3:80", "::1:80", "[::g]:80", "under_score:80", "-bad:80"})
    void refusesMalformedEndpoints(String text) {
        assertThatThrownBy(() -> HostPort.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.2", "fe80::1", "[2001:db8::2]"})
    void parsesAddressLiterals(String text) {
        assertThat(HostPort.parseAddress(text)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.net", "1.2.3", "300.1.1.1", "fe80::x"})
    void refusesNamesWhereALiteralIsNeeded(String text) {
        assertThatThrownBy(() -> HostPort.parseAddress(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
