package io.twinlink.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code twinlink version}: our version, the Java runtime, and the pcap library we would use. */
@Command(name = "version", description = "Print twinlink, Java and pcap library versions.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  twinlink version                twinlink, java and pcap versions",
            "  twinlink --version              the same",
            "",
            "Says \"pcap unavailable (...)\" without libpcap, which the agent needs."})
public final class VersionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Override
    public void run() {
        for (String line : new Provider().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
    }

    /** Also answers {@code twinlink --version}. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String ours = VersionCommand.class.getPackage().getImplementationVersion();
            return new String[] {
                "twinlink " + (ours == null ? "dev" : ours),
                "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                "pcap " + pcapVersion()
            };
        }

        private static String pcapVersion() {
            try {
                return io.twinlink.agent.io.PcapLibrary.load();
            } catch (io.twinlink.agent.io.FrameIoException e) { // libpcap missing is a fact to report, not a crash
                return "unavailable (" + e.getMessage() + ")";
            }
        }
    }
}
