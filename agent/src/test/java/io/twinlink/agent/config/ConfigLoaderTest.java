package io.twinlink.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinlink.wire.MacAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    /** The interfaces of an imaginary host: a fixed list, not a mock of what is tested. */
    private static final InterfaceCatalog HOST = InterfaceCatalog.of(List.of("eth1", "eth2", "eth3", "eth4", "br0"));

    @TempDir
    Path dir;

    private Path secret;

    @BeforeEach
    void writeSecret() throws IOException {
        secret = dir.resolve("peer.key");
        Files.writeString(secret, "s3cret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    }

    private AgentConfig parse(String yaml) throws InvalidConfigException {
        return new ConfigLoader(HOST).parse(yaml, "test.yaml", dir);
    }

    private List<String> problems(String yaml) {
        try {
            parse(yaml);
        } catch (InvalidConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("expected the config to be refused:\n" + yaml);
    }

    @Test
    void designDocumentExampleParsesToTheExpectedRecords() throws Exception {
        AgentConfig c = parse("""
                system: {priority: 32768, mac: 02:00:00:00:00:01}
                control: {socket: /run/twinlink/twinlink.sock, metrics: 127.0.0.1:9477}
                lacp:
                  - name: bond0
                    key: 10
                    mode: active
                    rate: fast
                    min-links: 1
                    max-links: 2
                    members: [eth1, eth2]
                    mlag-id: 10
                    aggregate-wait: 0.5
                    port-priority: 255
                stp:
                  bridge: br0
                  mode: rstp
                  priority: 32768
                  ports: {eth3: {cost: 20000, priority: 128, edge: false}, bond0: {edge: true}}
                mlag:
                  domain-id: 1
                  system-mac: 02:00:00:00:00:aa
                  local: 169.254.1.1:9888
                  peer: 169.254.1.2:9888
                  secret-file: peer.key
                  backup: 192.0.2.2
                  priority: 100
                dataplane: tc
                capture: twinlink.pcap
                log-level: debug
                """);

        Map<String, StpPortConfig> ports = new LinkedHashMap<>();
        ports.put("eth3", new StpPortConfig(OptionalInt.of(20000), 128, false, StpPointToPoint.AUTO, false, false));
        ports.put("bond0", new StpPortConfig(OptionalInt.empty(), 128, true, StpPointToPoint.AUTO, false, false));
        AgentConfig expected = new AgentConfig(
                new SystemConfig(32768, Optional.of(MacAddress.parse("02:00:00:00:00:01"))),
                new ControlConfig(Path.of("/run/twinlink/twinlink.sock"), Optional.of(new HostPort("127.0.0.1", 9477))),
                List.of(new BundleConfig("bond0", 10, LacpMode.ACTIVE, LacpRate.FAST, 1, OptionalInt.of(2),
                        List.of("eth1", "eth2"), OptionalInt.of(10), Duration.ofMillis(500), OptionalInt.of(255))),
                Optional.of(new StpConfig("br0", StpMode.RSTP, 32768, 2, 20, 15, 6, StpPathCost.LONG, ports)),
                Optional.of(new MlagConfig(1, MacAddress.parse("02:00:00:00:00:aa"), new HostPort("169.254.1.1", 9888),
                        new HostPort("169.254.1.2", 9888), secret, Optional.of(InetAddress.getByName("192.0.2.2")), 100,
                        MlagConfig.DEFAULT_DELAY_RESTORE, Optional.empty())),
                Dataplane.TC,
                Optional.of(dir.resolve("twinlink.pcap")),
                LogLevel.DEBUG);
        assertThat(c).isEqualTo(expected);
        assertThat(c.stp().orElseThrow().ports().keySet()).containsExactly("eth3", "bond0");
        assertThat(c.memberPortCount()).isEqualTo(2);
    }

    @Test
    void minimalConfigTakesTheDocumentedDefaults() throws Exception {
        AgentConfig c = parse("""
                lacp:
                  - {name: bond0, key: 10, members: [eth1]}
                """);
        assertThat(c.system()).isEqualTo(new SystemConfig(32768, Optional.empty()));
        assertThat(c.control()).isEqualTo(new ControlConfig(Path.of("/run/twinlink/twinlink.sock"), Optional.empty()));
        assertThat(c.lacp()).containsExactly(new BundleConfig("bond0", 10, LacpMode.ACTIVE, LacpRate.SLOW, 1,
                OptionalInt.empty(), List.of("eth1"), OptionalInt.empty(), Duration.ofSeconds(2), OptionalInt.empty()));
        assertThat(c.stp()).isEmpty();
        assertThat(c.mlag()).isEmpty();
        assertThat(c.dataplane()).isEqualTo(Dataplane.LINUX_BOND);
        assertThat(c.capture()).isEmpty();
        assertThat(c.logLevel()).isEqualTo(LogLevel.INFO);
    }

    @Test
    void everyProblemInTheDocumentIsListedWithItsPath() {
        assertThat(problems("""
                system: {priority: 70000, mac: 01:00:5e:00:00:01}
                lacp:
                  - name: bond0
                    key: 10
                    speed: 1000
                    members: [eth1, eth9]
                  - name: bond1
                    key: 0
                    mode: lazy
                    members: [eth1, eth3]
                dataplane: ovs
                """)).containsExactly(
                "system.priority: must be 0..65535, got 70000",
                "system.mac: must be a unicast MAC address, 01:00:5e:00:00:01 has the group bit set",
                "lacp[0].speed: unknown key",
                "lacp[0].members[1]: no such interface \"eth9\"",
                "lacp[1].key: must be 1..65535, got 0",
                "lacp[1].mode: must be active | passive, got \"lazy\"",
                "lacp[1].members[0]: \"eth1\" is already a member of lacp[0] (bond0)",
                "dataplane: must be linux-bond | tc | none, got \"ovs\"");
    }

    @Test
    void unknownKeysAreErrorsAtEveryLevelWithAHintForTypos() {
        assertThat(problems("""
                sytem: {priority: 1}
                control: {sockets: /run/x.sock}
                lacp:
                  - {name: bond0, key: 10, members: [eth1], min-link: 1}
                stp:
                  bridge: br0
                  hello: 2
                  ports: {eth3: {cost: 100, edg: true}}
                mlag:
                  domain-id: 1
                  system-mac: 02:00:00:00:00:aa
                  local: 10.0.0.1:9888
                  peer: 10.0.0.2:9888
                  secret-file: peer.key
                  tls: true
                """)).containsExactly(
                "sytem: unknown key (did you mean \"system\"?)",
                "control.sockets: unknown key (did you mean \"socket\"?)",
                "lacp[0].min-link: unknown key (did you mean \"min-links\"?)",
                "stp.hello: unknown key",
                "stp.ports.eth3.edg: unknown key (did you mean \"edge\"?)",
                "mlag.tls: unknown key");
    }

    @Test
    void wrongTypesAreNamed() {
        assertThat(problems("""
                lacp:
                  - name: 42
                    key: ten
                    rate: 1
                    members: eth1
                    min-links: 1.5
                    aggregate-wait: soon
                  - just-a-string
                """)).containsExactly(
                "lacp[0].name: must be text, got 42 (quote it)",
                "lacp[0].key: must be an integer 1..65535, got \"ten\"",
                "lacp[0].rate: must be fast | slow, got 1",
                "lacp[0].members: must be a list of interface names",
                "lacp[0].min-links: must be an integer 1..65535, got 1.5",
                "lacp[0].aggregate-wait: must be a number of seconds 0..60, got \"soon\"",
                "lacp[1]: must be a mapping of name, key, mode, rate, min-links, max-links, members, mlag-id, aggregate-wait, port-priority");
    }

    @Test
    void requiredBundleFields() {
        assertThat(problems("""
                lacp:
                  - {mode: passive}
                  - {name: bond1, key: 11, members: []}
                  - {name: bond2, key: 12, members: [eth3, ~]}
                """)).containsExactly(
                "lacp[0].name: required (the aggregate interface's name)",
                "lacp[0].key: required (1..65535)",
                "lacp[0].members: required (a list of interface names)",
                "lacp[1].members: must list at least one interface",
                "lacp[2].members[1]: must be an interface name, got nothing");
    }

    @Test
    void bundlesMustNotOverlap() {
        assertThat(problems("""
                mlag: {domain-id: 1, system-mac: 02:00:00:00:00:aa, local: 10.0.0.1:1, peer: 10.0.0.2:1, secret-file: peer.key}
                lacp:
                  - {name: bond0, key: 10, members: [eth1, eth2, eth1], mlag-id: 5}
                  - {name: bond0, key: 10, members: [eth2, bond2], mlag-id: 5}
                  - {name: bond2, key: 12, members: [eth3]}
                """)).containsExactly(
                "lacp[1].name: \"bond0\" is already the name of lacp[0] (bond0)",
                "lacp[1].key: 10 is already the key of lacp[0] (bond0)",
                "lacp[1].mlag-id: 5 is already used by lacp[0] (bond0)",
                "lacp[0].members[2]: \"eth1\" is listed twice",
                "lacp[1].members[0]: \"eth2\" is already a member of lacp[0] (bond0)",
                "lacp[1].members[1]: \"bond2\" is the aggregate of lacp[2] (bond2)");
    }

    @Test
    void linkCountsAndMlagIdAreChecked() {
        assertThat(problems("""
                lacp:
                  - {name: bond0, key: 10, members: [eth1, eth2], min-links: 3, max-links: 2, mlag-id: 7, port-priority: 70000}
                  - {name: bond1, key: 11, members: [eth3], min-links: 1, max-links: 0, aggregate-wait: 600}
                """)).containsExactly(
                "lacp[0].min-links: 3 is more than the 2 members",
                "lacp[0].max-links: must be at least min-links (3), got 2",
                "lacp[0].mlag-id: needs an mlag section",
                "lacp[0].port-priority: must be 0..65535, got 70000",
                "lacp[1].max-links: must be 1..65535, got 0",
                "lacp[1].aggregate-wait: must be 0..60 seconds, got 600");
    }

    @Test
    void interfaceNamesFollowLinuxRules() {
        assertThat(problems("""
                lacp:
                  - {name: a-name-that-is-too-long, key: 10, members: ["eth 1", "eth1:0", "eth1/2", ".."]}
                """)).containsExactly(
                "lacp[0].name: interface name \"a-name-that-is-too-long\" is longer than 15 bytes",
                "lacp[0].members[0]: interface name \"eth 1\" contains ' '",
                "lacp[0].members[1]: interface name \"eth1:0\" contains ':'",
                "lacp[0].members[2]: interface name \"eth1/2\" contains '/'",
                "lacp[0].members[3]: \"..\" is not an interface name");
    }

    @Test
    void systemMacMustBeAUnicastNonZeroAddress() {
        assertThat(problems("system: {mac: 00:00:00:00:00:00}\nlacp: [{name: b, key: 1, members: [eth1]}]"))
                .containsExactly("system.mac: must not be 00:00:00:00:00:00");
        assertThat(problems("system: {mac: 02:00:00:00:01}\nlacp: [{name: b, key: 1, members: [eth1]}]"))
                .containsExactly("system.mac: not a MAC address: \"02:00:00:00:01\"");
        assertThat(problems("system: {mac: ff:ff:ff:ff:ff:ff}\nlacp: [{name: b, key: 1, members: [eth1]}]"))
                .containsExactly("system.mac: must be a unicast MAC address, ff:ff:ff:ff:ff:ff has the group bit set");
    }

    @Test
    void controlSocketAndMetricsAddressesAreChecked() {
        String longPath = "/run/" + "x".repeat(110) + ".sock";
        assertThat(problems("control: {socket: run/twinlink.sock, metrics: 9477}\nlacp: [{name: b, key: 1, members: [eth1]}]"))
                .containsExactly(
                        "control.socket: must be an absolute path, got \"run/twinlink.sock\"",
                        "control.metrics: must be text, got 9477 (quote it)");
        assertThat(problems("control: {socket: " + longPath + ", metrics: \"127.0.0.1:99999\"}\nlacp: [{name: b, key: 1, members: [eth1]}]"))
                .containsExactly(
                        "control.socket: is 120 bytes, a control socket path has at most 80",
                        "control.metrics: port must be 1..65535, got 99999");
        assertThat(problems("control: {socket: /run/twinlink/, metrics: \"::1:9477\"}\nlacp: [{name: b, key: 1, members: [eth1]}]"))
                .containsExactly(
                        "control.socket: must name a file, not a directory: \"/run/twinlink/\"",
                        "control.metrics: an IPv6 address needs brackets: [::1]:9477");
    }

    @Test
    void mlagFieldsAreChecked() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.key"));
        assertThat(problems("""
                lacp: [{name: b, key: 1, members: [eth1]}]
                mlag:
                  domain-id: 0
                  system-mac: 03:00:00:00:00:aa
                  local: 10.0.0.1:9888
                  peer: 10.0.0.1:9888
                  secret-file: missing.key
                  backup: backup.example.net
                  priority: -1
                """)).containsExactly(
                "mlag.domain-id: must be 1..65535, got 0",
                "mlag.system-mac: must be a unicast MAC address, 03:00:00:00:00:aa has the group bit set",
                "mlag.peer: is the same as mlag.local (10.0.0.1:9888)",
                "mlag.secret-file: " + dir.resolve("missing.key") + " does not exist",
                "mlag.backup: not an IP address: \"backup.example.net\"",
                "mlag.priority: must be 0..65535, got -1");
        assertThat(problems("""
                lacp: [{name: b, key: 1, members: [eth1]}]
                mlag: {local: "10.0.0.1", peer: "[fe80::zz]:9888", secret-file: %s, backup: "fe80::1"}
                """.formatted(empty))).containsExactly(
                "mlag.domain-id: required (1..65535)",
                "mlag.system-mac: required (the shared virtual system MAC)",
                "mlag.local: must be host:port, got \"10.0.0.1\"",
                "mlag.peer: not an IPv6 address: \"[fe80::zz]:9888\"",
                "mlag.secret-file: " + empty + " is empty");
        assertThat(problems("""
                lacp: [{name: b, key: 1, members: [eth1]}]
                mlag: {domain-id: 1, system-mac: 02:00:00:00:00:aa, local: "[fe80::1]:9888", peer: "[fe80::2]:9888", secret-file: %s}
                """.formatted(dir))).containsExactly("mlag.secret-file: " + dir + " is not a regular file");
    }

    @Test
    void aSecretFileOthersCanReadOrChangeIsRefused() throws IOException {
        String config = """
                lacp: [{name: b, key: 1, members: [eth1]}]
                mlag: {domain-id: 1, system-mac: 02:00:00:00:00:aa, local: 10.0.0.1:1, peer: 10.0.0.2:1, secret-file: peer.key}
                """;
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(problems(config)).containsExactly("mlag.secret-file: " + secret
                + " is readable by other users (mode rw-r--r--): chmod 600 it");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-rw----"));
        assertThat(problems(config)).containsExactly("mlag.secret-file: " + secret
                + " is writable by other users or its group (mode rw-rw----): chmod 600 it");
        // group read is fine: an unprivileged agent user in the file's group
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(problems(config.replace("members: [eth1]", "members: [eth9]")))
                .containsExactly("lacp[0].members[0]: no such interface \"eth9\"");
    }

    @Test
    void stpRangesFollow8021DTables() {
        assertThat(problems("""
                stp:
                  bridge: br0
                  mode: mstp
                  priority: 1000
                  hello-time: 3
                  max-age: 41
                  forward-delay: 3
                  tx-hold-count: 11
                  ports:
                    eth3: {cost: 0, priority: 100}
                    eth4: {cost: 200000001, priority: 256, edge: maybe}
                """)).containsExactly(
                "stp.mode: must be rstp | stp, got \"mstp\"",
                "stp.priority: must be a multiple of 4096 in 0..61440, got 1000",
                "stp.hello-time: must be 1..2, got 3",
                "stp.max-age: must be 6..40, got 41",
                "stp.forward-delay: must be 4..30, got 3",
                "stp.tx-hold-count: must be 1..10, got 11",
                "stp.ports.eth3.cost: must be 1..200000000, got 0",
                "stp.ports.eth3.priority: must be a multiple of 16 in 0..240, got 100",
                "stp.ports.eth4.cost: must be 1..200000000, got 200000001",
                "stp.ports.eth4.priority: must be 0..240, got 256",
                "stp.ports.eth4.edge: must be true or false, got \"maybe\"");
    }

    @Test
    void stpTimersMustSatisfyTheClause17_14Relation() throws Exception {
        assertThat(problems("stp: {bridge: br0, max-age: 20, forward-delay: 10}")).containsExactly(
                "stp.forward-delay: 10 is too short for max-age 20: 2*(forward-delay-1) >= max-age >= 2*(hello-time+1) [802.1D-2004 17.14]");
        // the fastest timers the table allows, as DESIGN.md's bridge reference run uses
        StpConfig fast = parse("stp: {bridge: br0, hello-time: 2, max-age: 6, forward-delay: 4}").stp().orElseThrow();
        assertThat(fast.maxAge()).isEqualTo(6);
        assertThat(fast.forwardDelay()).isEqualTo(4);
    }

    @Test
    void stpPortsAreHostInterfacesOrBundleAggregatesButNeverMembers() throws Exception {
        assertThat(problems("""
                lacp: [{name: bond0, key: 1, members: [eth1, eth2]}]
                stp: {bridge: br9, ports: {bond0: {}, eth1: {}, eth7: {}}}
                """)).containsExactly(
                "stp.bridge: no such interface \"br9\"",
                "stp.ports.eth1: \"eth1\" is a member of lacp[0] (bond0); put the aggregate \"bond0\" in STP instead",
                "stp.ports.eth7: no such interface \"eth7\"");
        AgentConfig stpOnly = parse("stp: {bridge: br0, ports: {eth3: , eth4: {edge: true}}}");
        assertThat(stpOnly.lacp()).isEmpty();
        assertThat(stpOnly.stp().orElseThrow().ports()).containsEntry("eth3", StpPortConfig.defaults())
                .containsEntry("eth4", new StpPortConfig(OptionalInt.empty(), 128, true, StpPointToPoint.AUTO, false,
                        false));
    }

    @Test
    void stpGuardsPointToPointAndShortCosts() throws Exception {
        AgentConfig c = parse("stp: {bridge: br0, path-cost: short, ports: {eth3: {point-to-point: \"false\","
                + " root-guard: true}, eth4: {edge: true, bpdu-guard: true}}}");
        StpConfig stp = c.stp().orElseThrow();
        assertThat(stp.pathCost()).isEqualTo(StpPathCost.SHORT);
        assertThat(stp.ports().get("eth3")).isEqualTo(new StpPortConfig(OptionalInt.empty(), 128, false,
                StpPointToPoint.FALSE, false, true));
        assertThat(stp.ports().get("eth4").bpduGuard()).isTrue();
        assertThat(problems("stp: {bridge: br0, ports: {eth3: {bpdu-guard: true}}}"))
                .containsExactly("stp.ports.eth3.bpdu-guard: only applies to an edge port (set edge: true)");
    }

    @Test
    void aConfigThatDoesNothingIsRefused() {
        assertThat(problems("log-level: info")).containsExactly("lacp: required: at least one bundle, or an stp section");
        assertThat(problems("lacp: []")).containsExactly("lacp: required: at least one bundle, or an stp section");
        assertThat(problems("lacp: {name: bond0}")).containsExactly("lacp: must be a list of bundles");
        assertThat(problems("")).containsExactly("test.yaml: is empty");
        assertThat(problems("- lacp")).containsExactly(
                "config: must be a mapping of system, control, lacp, stp, mlag, dataplane, capture, log-level");
    }

    @Test
    void yamlSyntaxErrorsAreOneLineWithLineAndColumn() {
        assertThat(problems("lacp:\n  - name: bond0\n    key: 10: 11\n")).containsExactly(
                "test.yaml:3:12: mapping values are not allowed here");
        assertThat(problems("lacp: [{name: bond0, key: 10\nlog-level: info\n")).hasSize(1).first().asString()
                .startsWith("test.yaml:2:").contains("while parsing a flow").doesNotContain("\n");
        assertThat(problems("log-level: info\nlog-level: debug\n")).containsExactly("test.yaml:2:10: duplicate key \"log-level\"");
    }

    @Test
    void captureDirectoryMustExist() {
        assertThat(problems("lacp: [{name: b, key: 1, members: [eth1]}]\ncapture: /nonexistent-dir/x.pcap"))
                .containsExactly("capture: directory /nonexistent-dir does not exist");
    }

    @Test
    void loadingAMissingFileIsOneProblem() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> new ConfigLoader(HOST).load(missing))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly(new ConfigProblem(missing.toString(), "no such file")));
    }

    @Test
    void relativePathsAreRelativeToTheConfigFile() throws Exception {
        Path file = dir.resolve("twinlink.yaml");
        Files.writeString(file, """
                lacp: [{name: b, key: 1, members: [eth1]}]
                mlag: {domain-id: 1, system-mac: 02:00:00:00:00:aa, local: 10.0.0.1:1, peer: 10.0.0.2:1, secret-file: peer.key}
                """);
        assertThat(new ConfigLoader(HOST).load(file).mlag().orElseThrow().secretFile()).isEqualTo(secret);
    }

    @Test
    void skippingTheInterfaceCheckAcceptsAnyName() throws Exception {
        AgentConfig c = new ConfigLoader(InterfaceCatalog.unchecked())
                .parse("lacp: [{name: bond0, key: 1, members: [ens1f0, ens1f1]}]", "x", dir);
        assertThat(c.lacp().get(0).members()).containsExactly("ens1f0", "ens1f1");
    }
}
