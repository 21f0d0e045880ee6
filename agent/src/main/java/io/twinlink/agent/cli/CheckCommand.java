package io.twinlink.agent.cli;

import io.twinlink.agent.Main;
import io.twinlink.agent.config.AgentConfig;
import io.twinlink.agent.config.ConfigLoader;
import io.twinlink.agent.config.ConfigProblem;
import io.twinlink.agent.config.InterfaceCatalog;
import io.twinlink.agent.config.InvalidConfigException;
import io.twinlink.agent.config.ProcNetInterfaceCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twinlink check --config FILE}: the same validation the agent runs at start, without
 * starting anything. Prints {@code ok: ...} on success, else every problem as
 * {@code path: message} on stderr and exits 2.
 */
@Command(name = "check", description = "Validate a configuration file and list every problem in it.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  twinlink check --config /etc/twinlink/twinlink.yaml",
            "      ok: 1 bundle, 2 ports",
            "  twinlink check --config sw1.yaml --skip-interface-check",
            "      (a config written for another host: its interfaces need not exist here)",
            "",
            "A bad file prints one `path: problem` line per problem on stderr, e.g.",
            "  lacp[0].members[1]: no such interface \"eth9\"",
            "and exits 2."})
public final class CheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the YAML configuration")
    Path config;

    @Option(names = "--skip-interface-check",
            description = "do not check that interfaces exist here (preparing a config for another host)")
    boolean skipInterfaceCheck;

    @Override
    public Integer call() {
        InterfaceCatalog interfaces = skipInterfaceCheck ? InterfaceCatalog.unchecked() : new ProcNetInterfaceCatalog();
        try {
            AgentConfig loaded = new ConfigLoader(interfaces).load(config);
            spec.commandLine().getOut().println(summary(loaded));
            return Main.EXIT_OK;
        } catch (InvalidConfigException e) {
            PrintWriter err = spec.commandLine().getErr();
            for (ConfigProblem p : e.problems()) {
                err.println(p);
            }
            return Main.EXIT_USAGE;
        }
    }

    static String summary(AgentConfig c) {
        StringBuilder sb = new StringBuilder("ok: ")
                .append(count(c.lacp().size(), "bundle")).append(", ")
                .append(count(c.memberPortCount(), "port"));
        c.stp().ifPresent(stp -> sb.append(", stp on ").append(stp.bridge())
                .append(" (").append(count(stp.ports().size(), "port")).append(')'));
        c.mlag().ifPresent(m -> sb.append(", mlag domain ").append(m.domainId()).append(" with ").append(m.peer()));
        return sb.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
