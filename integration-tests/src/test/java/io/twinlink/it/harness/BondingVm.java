package io.twinlink.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A qemu guest (tcg, no KVM: /dev/kvm hangs on this kind of machine) whose kernel runs a
 * Linux 802.3ad bond over two e1000 NICs. Its NICs are taps in a namespace of this run; the
 * guest prints /proc/net/bonding/bond0 to its serial console every half second between
 * markers, and {@link #bondStatus()} reads the latest complete report from the console log.
 */
public final class BondingVm implements AutoCloseable {

    private static final String BEGIN = "TWINLINK-BOND-BEGIN";
    private static final String END = "TWINLINK-BOND-END";
    private static final String READY = "TWINLINK-GUEST-READY";
    private static final String ERROR = "TWINLINK-GUEST-ERROR";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /**
     * How to start the guest.
     *
     * @param bondCidr address for bond0, e.g. {@code 198.18.1.10/24}; empty for none
     * @param taps     tap names in the namespace, one per NIC (two: eth0 and eth1 in the guest)
     * @param macs     the NICs' MACs; the first becomes the bond's and so the guest's LACP system MAC
     */
    public record Settings(String bondCidr, LacpRate rate, List<String> taps, List<String> macs) {

        public Settings {
            taps = List.copyOf(taps);
            macs = List.copyOf(macs);
            if (taps.size() != 2 || macs.size() != 2) {
                throw new IllegalArgumentException("the guest has two NICs: taps " + taps + ", macs " + macs);
            }
        }

        /** Fast rate, taps {@code vm<n>a}/{@code vm<n>b}, random MACs in qemu's 52:54:00 block. */
        public static Settings withAddress(String bondCidr) {
            int n = SEQUENCE.incrementAndGet();
            int random = ThreadLocalRandom.current().nextInt(0x10000);
            String base = String.format("52:54:00:%02x:%02x:", random >> 8, random & 0xff);
            return new Settings(bondCidr, LacpRate.FAST, List.of("vm" + n + "a", "vm" + n + "b"),
                    List.of(base + "01", base + "02"));
        }

        public Settings rate(LacpRate newRate) {
            return new Settings(bondCidr, newRate, taps, macs);
        }
    }

    private final Netns netns;
    private final Settings settings;
    private final BondingVmImage image;
    private Daemon qemu;
    private long startedNanos;

    private BondingVm(Netns netns, Settings settings, BondingVmImage image) {
        this.netns = netns;
        this.settings = settings;
        this.image = image;
    }

    /**
     * Creates the taps in {@code netns}, up (they get carrier once qemu opens them), so a
     * peer can be wired to them before the guest starts; {@link #start()} boots it.
     */
    public static BondingVm create(Netns netns, Settings settings) {
        BondingVm vm = new BondingVm(netns, settings, BondingVmImage.get());
        TestRun.current().closeAtExit(vm);
        for (String tap : settings.taps()) {
            netns.tap(tap);
            netns.linkUp(tap);
        }
        return vm;
    }

    /** {@link #create} then {@link #start}. */
    public static BondingVm boot(Netns netns, Settings settings) {
        return create(netns, settings).start();
    }

    /** Starts qemu; {@link #sinceStart()} counts from here. */
    public synchronized BondingVm start() {
        if (qemu != null) {
            throw new IllegalStateException(this + " already started");
        }
        Path console = TestRun.current().workDir("bonding-vm").resolve(netns.name() + "-" + settings.taps().get(0) + ".console");
        List<String> argv = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg", "-m", "256", "-smp", "1",
                "-nographic", "-no-reboot",
                "-kernel", image.kernel().toString(), "-initrd", image.initrd().toString(),
                "-append", "console=ttyS0 panic=-1 loglevel=4 nokaslr lacp_rate=" + settings.rate().word()
                        + (settings.bondCidr().isEmpty() ? "" : " bond_ip=" + settings.bondCidr())));
        for (int i = 0; i < 2; i++) {
            argv.addAll(List.of("-netdev", "tap,id=n" + i + ",ifname=" + settings.taps().get(i) + ",script=no,downscript=no",
                    // romfile= : no PXE option ROM, the kernel is loaded directly
                    "-device", "e1000,netdev=n" + i + ",mac=" + settings.macs().get(i) + ",romfile="));
        }
        startedNanos = System.nanoTime();
        qemu = netns.start("qemu bonding guest", console, Map.of(), argv.toArray(String[]::new));
        return this;
    }

    public Settings settings() {
        return settings;
    }

    /** The guest's LACP system MAC: bonding takes the first enslaved NIC's MAC. */
    public String systemMac() {
        return settings.macs().get(0);
    }

    public Path consoleLog() {
        return started().log();
    }

    /** Time since qemu was started. */
    public Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** One /proc/net/bonding/bond0 report and the guest's uptime when it was printed. */
    public record BondReport(double guestUptimeSeconds, LinuxBondStatus status) {
    }

    /** The latest complete /proc/net/bonding/bond0 report, if the guest printed one yet. */
    public Optional<LinuxBondStatus> bondStatus() {
        return bondReport().map(BondReport::status);
    }

    /** The latest complete report with its guest uptime; fails if the guest reported an error or qemu exited. */
    public Optional<BondReport> bondReport() {
        String console = readConsole();
        int error = console.indexOf(ERROR);
        if (error >= 0) {
            throw new IllegalStateException("bonding guest failed: " + console.substring(error).lines().findFirst().orElse("")
                    + " (console: " + consoleLog() + ")");
        }
        started().checkAlive();
        int end = console.lastIndexOf(END);
        if (end < 0) {
            return Optional.empty();
        }
        int begin = console.lastIndexOf(BEGIN, end);
        int bodyStart = console.indexOf('\n', begin) + 1;
        double uptime = Double.parseDouble(console.substring(begin + BEGIN.length(), bodyStart).strip());
        return Optional.of(new BondReport(uptime, LinuxBondStatus.parse(console.substring(bodyStart, end))));
    }

    /** Guest uptime (seconds) when init had bond0 configured and up, if it got there yet. */
    public OptionalDouble readyUptime() {
        String console = readConsole();
        int ready = console.indexOf(READY);
        if (ready < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(console.substring(ready + READY.length()).strip().split("\\s+")[0]));
    }

    /** Polls the console until a report satisfies {@code condition}; fails with the last report after {@code limit}. */
    public LinuxBondStatus awaitBondStatus(String description, Predicate<LinuxBondStatus> condition, Duration limit) {
        return awaitBondReport(description, condition, limit).status();
    }

    /** As {@link #awaitBondStatus}, with the guest uptime of the first report that satisfied {@code condition}. */
    public BondReport awaitBondReport(String description, Predicate<LinuxBondStatus> condition, Duration limit) {
        AtomicReference<BondReport> last = new AtomicReference<>();
        try {
            Awaitility.await("bonding guest: " + description)
                    .atMost(limit).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        Optional<BondReport> report = bondReport();
                        report.ifPresent(last::set);
                        return report.filter(r -> condition.test(r.status())).isPresent();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("bonding guest: " + description + " not reached within " + limit
                    + "; last report: " + last.get() + " (console: " + consoleLog() + ")", e);
        }
        return last.get();
    }

    @Override
    public synchronized void close() {
        try {
            if (qemu != null) {
                qemu.close();
            }
        } finally {
            for (String tap : settings.taps()) {
                if (netns.links().stream().anyMatch(l -> l.name().equals(tap))) {
                    netns.deleteLink(tap);
                }
            }
            TestRun.current().forget(this);
        }
    }

    @Override
    public String toString() {
        return "bonding guest " + (qemu == null ? "(not started)" : qemu) + " in " + netns.name();
    }

    private synchronized Daemon started() {
        if (qemu == null) {
            throw new IllegalStateException(this + ": start() it first");
        }
        return qemu;
    }

    private String readConsole() {
        try {
            // Serial output ends lines with \r\n.
            return Files.readString(started().log(), StandardCharsets.ISO_8859_1).replace("\r", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + consoleLog(), e);
        }
    }
}
