package io.twinlink.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinlink.it.harness.BondingVm;
import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.CommandResult;
import io.twinlink.it.harness.LacpActivity;
import io.twinlink.it.harness.LacpRate;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.OvsSwitch;
import io.twinlink.it.harness.TestRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What can be tested of the Vagrant lab without a hypervisor: the Vagrantfile parses and wires
 * the NICs the provisioning renames, the committed configs are what the lab's one script
 * generates and pass {@code twinlink check}, and the provisioning runs the same lab.sh steps
 * as bin/demo, which are run here for real: the switch network in a namespace, and the
 * server check against a real Linux bonding guest's /proc/net/bonding/bond0.
 */
@Tag("lab")
class VagrantLabIT {

    private static final Path ROOT = Repository.root();
    private static final Path LAB = ROOT.resolve("vagrant/provision/lab.sh");

    @Test
    void vagrantfileParses() {
        CommandResult r = Command.of("ruby", "-c", ROOT.resolve("vagrant/Vagrantfile").toString()).check();
        assertThat(r.stdout().strip()).isEqualTo("Syntax OK");
    }

    /** The Vagrantfile's cabling, evaluated by Ruby with Vagrant itself stubbed out. */
    @Test
    void vagrantfileGivesEachVmTheNicsItsConfigNames() {
        String ruby = "module Vagrant; def self.configure(*); end; end; load ARGV[0];"
                + " %w[sw1 sw2 srv].each { |vm| puts vm + ' ' + ends_of(vm).map { |e| e[2] }.join(',') }";
        CommandResult r = Command.of("ruby", "-e", ruby, ROOT.resolve("vagrant/Vagrantfile").toString())
                .directory(ROOT.resolve("vagrant")).check();
        assertThat(r.stdout().lines()).containsExactly(
                "sw1 to-srv,peerlink,backup", "sw2 to-srv,peerlink,backup", "srv to-sw1,to-sw2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sw1", "sw2"})
    void committedConfigIsWhatLabShGenerates(String node) throws IOException {
        CommandResult generated = Command.of(LAB.toString(), "switch-config", node, "linux-bond",
                "/run/twinlink/twinlink.sock", "peer.key", "").check();
        assertThat(generated.stdout()).isEqualTo(Files.readString(ROOT.resolve("vagrant/config/" + node + ".yaml")));
    }

    /** Every config in vagrant/ as the VMs get it: beside a fresh peer.key, as /etc/twinlink has it. */
    @Test
    void everyConfigPassesCheck() throws IOException {
        Path etc = Files.createTempDirectory(TestRun.current().workDir(), "etc-twinlink-");
        try {
            Command.of(LAB.toString(), "new-secret", etc.resolve("peer.key").toString()).check();
            List<Path> configs = new ArrayList<>();
            try (var files = Files.list(ROOT.resolve("vagrant/config"))) {
                files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(configs::add);
            }
            assertThat(configs).extracting(p -> p.getFileName().toString()).containsExactly("sw1.yaml", "sw2.yaml");
            for (Path config : configs) {
                Path copy = Files.copy(config, etc.resolve(config.getFileName()));
                CommandResult check = Command.of("java", "-jar", Repository.jar().toString(), "check",
                        "--skip-interface-check", "--config", copy.toString()).run();
                assertThat(check.exitCode()).as(config + ": " + check.stderr()).isZero();
                assertThat(check.stdout()).startsWith("ok: 1 bundle, 1 port, mlag domain 1 with 169.254.1.");
            }
        } finally {
            Command.of("rm", "-rf", etc.toString()).check();
        }
    }

    /** One script for both labs: the VM provisioning and bin/demo call the same lab.sh steps. */
    @Test
    void provisioningAndDemoShareTheLabSteps() throws IOException {
        String switchSh = Files.readString(ROOT.resolve("vagrant/provision/switch.sh"));
        String serverSh = Files.readString(ROOT.resolve("vagrant/provision/server.sh"));
        String demo = Files.readString(ROOT.resolve("bin/demo"));
        assertThat(switchSh).contains(". \"$lab\"", "lab.sh switch-network $node", "lab.sh attach-aggregates $node");
        assertThat(serverSh).contains(". \"$lab\"", "lab.sh server-bond $LAB_SRV_ADDR/24", "lab_check_bond /proc/net/bonding/bond0");
        assertThat(demo).contains("LAB=$root/vagrant/provision/lab.sh", "\"$LAB\" switch-network \"$n\"",
                "\"$LAB\" attach-aggregates \"$node\"", "lab_switch_config \"$1\"", "lab_check_bond - 2");
    }

    /** The switch step itself, in a namespace cabled like a switch VM; twice, as a reboot would. */
    @Test
    void switchNetworkStepBuildsTheBridgeAndAddresses() {
        try (Netns sw = Netns.create("labsw"); Netns far = Netns.create("labfar")) {
            for (String nic : List.of("to-srv", "peerlink", "backup")) {
                sw.veth(nic, far, nic);
            }
            for (int run = 0; run < 2; run++) {
                sw.exec(LAB.toString(), "switch-network", "sw2");
            }
            // the peer-link carries the pair's TCP session only: not in the bridge, no loop through it
            assertThat(sw.link("peerlink").master()).isNull();
            assertThat(sw.link("backup").master()).isNull();
            assertThat(addresses(sw, "peerlink")).containsExactly("169.254.1.2/30");
            assertThat(addresses(sw, "br0")).containsExactly("10.99.0.2/24");
            assertThat(addresses(sw, "backup")).containsExactly("192.0.2.2/30");
            JsonNode bridge = sw.ipJson("-d", "link", "show", "dev", "br0").get(0);
            assertThat(bridge.at("/linkinfo/info_data/stp_state").asInt()).isZero();
        }
    }

    /**
     * The server check of `vagrant up` and of `bin/demo --server bond-vm`, against the kernel's
     * own /proc/net/bonding/bond0 from a real bonding guest aggregated with Open vSwitch: it
     * passes for the partner the guest really has, and fails (saying what it saw) for the lab's
     * shared MAC, which this partner is not.
     */
    @Test
    @Tag("qemu")
    @Tag("ovs")
    void serverCheckReadsRealBondingReports() {
        try (Netns netns = Netns.create("labvm"); OvsSwitch ovs = OvsSwitch.start(netns)) {
            BondingVm.Settings settings = BondingVm.Settings.withAddress("198.18.7.10/24");
            try (BondingVm vm = BondingVm.create(netns, settings)) {
                ovs.addBridge("br0");
                ovs.addBond("br0", "bond0", settings.taps(), LacpActivity.ACTIVE, LacpRate.FAST);
                String ovsSystem = ovs.lacpShow("bond0").systemId();
                vm.start();
                vm.awaitBondStatus("aggregated with OVS", s -> s.aggregatedWith(ovsSystem), Duration.ofSeconds(120));
                String proc = latestReport(vm);

                CommandResult pass = Command.of(LAB.toString(), "check-bond", "-", "2", ovsSystem).input(proc).run();
                CommandResult fail = Command.of(LAB.toString(), "check-bond", "-", "2").input(proc).run();

                assertThat(pass.exitCode()).as(pass.stdout()).isZero();
                assertThat(pass.stdout()).contains("2 slave(s), 2 in active aggregator", "partner " + ovsSystem);
                assertThat(fail.exitCode()).isNotZero();
                assertThat(fail.stdout()).contains("partner " + ovsSystem, "want 2 with partner 02:00:00:00:00:aa");
            }
        }
    }

    /** The guest's latest complete report, as bin/demo extracts it from the console. */
    private static String latestReport(BondingVm vm) {
        String console;
        try {
            console = Files.readString(vm.consoleLog(), java.nio.charset.StandardCharsets.ISO_8859_1).replace("\r", "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int end = console.lastIndexOf("TWINLINK-BOND-END");
        int begin = console.lastIndexOf("TWINLINK-BOND-BEGIN", end);
        return console.substring(console.indexOf('\n', begin) + 1, end);
    }

    private static List<String> addresses(Netns ns, String dev) {
        List<String> cidrs = new ArrayList<>();
        for (JsonNode a : ns.ipJson("addr", "show", "dev", dev).get(0).path("addr_info")) {
            if (a.path("family").asText().equals("inet")) {
                cidrs.add(a.path("local").asText() + "/" + a.path("prefixlen").asInt());
            }
        }
        return cidrs;
    }
}
