package io.twinlink.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * A private Open vSwitch inside one network namespace: its own database, ovsdb-server and
 * ovs-vswitchd (netdev datapath, so no kernel openvswitch module is needed), never the
 * system service. Daemons run as children of the test JVM and are stopped by PID.
 */
public final class OvsSwitch implements AutoCloseable {

    private static final Path SCHEMA = Path.of("/usr/share/openvswitch/vswitch.ovsschema");
    private static final Duration START_LIMIT = Duration.ofSeconds(20);

    private final Netns netns;
    private final Path runDir;
    private final Path logDir;
    private final Daemon ovsdbServer;
    private final Daemon vswitchd;

    private OvsSwitch(Netns netns, Path runDir, Path logDir, Daemon ovsdbServer, Daemon vswitchd) {
        this.netns = netns;
        this.runDir = runDir;
        this.logDir = logDir;
        this.ovsdbServer = ovsdbServer;
        this.vswitchd = vswitchd;
    }

    public static OvsSwitch start(Netns netns) {
        if (!Files.exists(SCHEMA)) {
            throw new IllegalStateException(SCHEMA + " missing: install openvswitch-switch (bin/setup)");
        }
        // The netdev datapath reads its ports with AF_PACKET, so the namespace's own IP stack
        // sees their frames too and would answer ARP for the bridge's address from a member,
        // with the member's MAC: traffic to that MAC then only works on that one member.
        // arp_ignore=1 leaves ARP to the interface that holds the address (the bridge).
        netns.exec("sysctl", "-qw", "net.ipv4.conf.all.arp_ignore=1");
        Path runDir = TestRun.current().runtimeDir("ovs-" + netns.name());
        Path logDir = TestRun.current().workDir("ovs-" + netns.name());
        Path db = logDir.resolve("conf.db");
        Command.of("ovsdb-tool", "create", db.toString(), SCHEMA.toString()).check();
        // OVS_RUNDIR keeps every socket OVS makes on its own (bridge mgmt sockets) in our directory.
        Map<String, String> env = Map.of("OVS_RUNDIR", runDir.toString(), "OVS_DBDIR", logDir.toString(),
                "OVS_LOGDIR", logDir.toString());
        Daemon server = netns.start("ovsdb-server", logDir.resolve("ovsdb-server.console"), env,
                "ovsdb-server", db.toString(), "--remote=punix:" + runDir.resolve("db.sock"),
                "--pidfile=" + runDir.resolve("ovsdb-server.pid"), "--unixctl=" + runDir.resolve("ovsdb-server.ctl"),
                "--log-file=" + logDir.resolve("ovsdb-server.log"), "-vconsole:off");
        Daemon vswitchd = null;
        try {
            awaitFile(server, runDir.resolve("db.sock"));
            vswitchd = netns.start("ovs-vswitchd", logDir.resolve("ovs-vswitchd.console"), env,
                    "ovs-vswitchd", "unix:" + runDir.resolve("db.sock"),
                    "--pidfile=" + runDir.resolve("ovs-vswitchd.pid"), "--unixctl=" + runDir.resolve("ovs-vswitchd.ctl"),
                    "--log-file=" + logDir.resolve("ovs-vswitchd.log"), "-vconsole:off");
            awaitFile(vswitchd, runDir.resolve("ovs-vswitchd.ctl"));
            OvsSwitch ovs = new OvsSwitch(netns, runDir, logDir, server, vswitchd);
            ovs.vsctl("init");
            return ovs;
        } catch (RuntimeException e) {
            if (vswitchd != null) {
                vswitchd.close();
            }
            server.close();
            throw e;
        }
    }

    public Netns netns() {
        return netns;
    }

    /** PIDs of ovsdb-server and ovs-vswitchd. */
    public List<Long> pids() {
        return List.of(ovsdbServer.pid(), vswitchd.pid());
    }

    /** ovs-vswitchd's log (for failure messages and debugging). */
    public Path log() {
        return logDir.resolve("ovs-vswitchd.log");
    }

    /** `ovs-vsctl ARGS` against this switch's database; waits until ovs-vswitchd applied the change. */
    public CommandResult vsctl(String... args) {
        List<String> argv = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + runDir.resolve("db.sock"), "--timeout=20"));
        argv.addAll(List.of(args));
        return Command.of(argv).check();
    }

    /** `ovs-appctl -t ovs-vswitchd ARGS`. */
    public CommandResult appctl(String... args) {
        List<String> argv = new ArrayList<>(List.of("ovs-appctl", "-t", runDir.resolve("ovs-vswitchd.ctl").toString()));
        argv.addAll(List.of(args));
        return Command.of(argv).check();
    }

    /** A bridge on the userspace (netdev) datapath; its internal port appears as a tap named {@code bridge}. */
    public void addBridge(String bridge) {
        vsctl("add-br", bridge, "--", "set", "bridge", bridge, "datapath_type=netdev");
    }

    public void addPort(String bridge, String port) {
        vsctl("add-port", bridge, port);
    }

    /**
     * An LACP bond of {@code members} (interfaces already in this namespace).
     * {@code settings} are further `column=value` pairs for the Port, e.g. {@code bond_mode=balance-tcp}.
     */
    public void addBond(String bridge, String bond, List<String> members, LacpActivity activity, LacpRate rate,
                        String... settings) {
        List<String> args = new ArrayList<>(List.of("add-bond", bridge, bond));
        args.addAll(members);
        args.add("lacp=" + activity.ovsName());
        args.add("other_config:lacp-time=" + rate.word());
        args.addAll(List.of(settings));
        vsctl(args.toArray(String[]::new));
    }

    /** Gives the bridge's internal port an address and brings it up, so the namespace can ping across the bridge. */
    public void addAddress(String bridge, String cidr) {
        netns.addAddress(bridge, cidr);
        netns.linkUp(bridge);
    }

    /** Turns on 802.1D-2004 RSTP on {@code bridge} with the given bridge priority (a multiple of 4096). */
    public void enableRstp(String bridge, int priority) {
        vsctl("set", "bridge", bridge, "rstp_enable=true", "other_config:rstp-priority=" + priority);
    }

    public OvsRstpStatus rstpShow(String bridge) {
        return OvsRstpStatus.parse(appctl("rstp/show", bridge).stdout());
    }

    public OvsLacpStatus lacpShow(String bond) {
        return OvsLacpStatus.parse(appctl("lacp/show", bond).stdout());
    }

    public OvsBondStatus bondShow(String bond) {
        return OvsBondStatus.parse(appctl("bond/show", bond).stdout());
    }

    /** Ask each daemon to exit, then make sure by PID; remove the run directory. */
    @Override
    public void close() {
        try {
            requestExit(vswitchd, "ovs-vswitchd.ctl");
            requestExit(ovsdbServer, "ovsdb-server.ctl");
        } finally {
            TestRun.deleteTree(runDir);
        }
    }

    @Override
    public String toString() {
        return "ovs in " + netns.name();
    }

    private void requestExit(Daemon daemon, String control) {
        if (daemon.isAlive()) {
            Command.of("ovs-appctl", "-t", runDir.resolve(control).toString(), "exit")
                    .timeout(Duration.ofSeconds(5)).run();
        }
        daemon.awaitExit(Duration.ofSeconds(5));
    }

    private static void awaitFile(Daemon daemon, Path file) {
        Awaitility.await(daemon + " to create " + file.getFileName())
                .atMost(START_LIMIT).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    daemon.checkAlive();
                    return Files.exists(file);
                });
    }
}
