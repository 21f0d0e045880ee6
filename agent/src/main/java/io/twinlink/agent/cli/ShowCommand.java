package io.twinlink.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.twinlink.agent.Main;
import io.twinlink.agent.control.ControlClient;
import io.twinlink.agent.control.ControlJson;
import io.twinlink.agent.control.LacpSnapshot;
import io.twinlink.agent.control.MlagSnapshot;
import io.twinlink.agent.control.PortsSnapshot;
import io.twinlink.agent.control.StpSnapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twinlink show lacp|ports|stp|mlag [--json] [--socket PATH]}: live state from a running
 * agent over its control socket. Agent unreachable or refusing: one line on stderr, exit 1.
 */
@Command(name = "show", description = "Show live state of a running agent (over its control socket).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  twinlink show lacp             bundles, members, Mux states, partners",
            "  twinlink show ports --json     carrier, speed, duplex, frame counters",
            "  twinlink show stp              root bridge, port roles and states",
            "  twinlink show mlag             MC-LAG role, peer-link, bundles, checks",
            "  twinlink show lacp --socket /run/lab/sw1.sock | less",
            "",
            "Exit 1 with one line on stderr when no agent answers on the socket."})
public final class ShowCommand implements Callable<Integer> {

    static final List<String> TOPICS = List.of("lacp", "ports", "stp", "mlag");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Parameters(index = "0", paramLabel = "WHAT", completionCandidates = Topics.class,
            description = "lacp | ports | stp | mlag")
    String what;

    @Option(names = "--json", description = "print the agent's answer as JSON (DESIGN.md contract)")
    boolean json;

    @Option(names = "--socket", paramLabel = "PATH", description = "control socket (default: ${DEFAULT-VALUE})")
    Path socket = ControlClient.DEFAULT_SOCKET;

    @Override
    public Integer call() throws JsonProcessingException {
        if (!TOPICS.contains(what)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "show what? \"" + what + "\" is not one of " + String.join(", ", TOPICS));
        }
        ControlClient client = new ControlClient(socket, ControlClient.DEFAULT_TIMEOUT);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ControlJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(client.show(what)));
        } else {
            out.print(switch (what) {
                case "lacp" -> LacpTable.render(client.show("lacp", LacpSnapshot.class));
                case "ports" -> PortsTable.render(client.show("ports", PortsSnapshot.class));
                case "stp" -> StpTable.render(client.show("stp", StpSnapshot.class));
                case "mlag" -> MlagTable.render(client.show("mlag", MlagSnapshot.class));
                default -> throw new IllegalStateException("no table for " + what);
            });
        }
        out.flush();
        return Main.EXIT_OK;
    }


    static final class Topics implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return TOPICS.iterator();
        }
    }
}
