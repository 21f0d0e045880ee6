package io.twinlink.agent;

import io.twinlink.agent.cli.AgentCommand;
import io.twinlink.agent.cli.CheckCommand;
import io.twinlink.agent.cli.DecodeCommand;
import io.twinlink.agent.cli.ShowCommand;
import io.twinlink.agent.cli.VersionCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code twinlink} command line. Exit codes are a contract (DESIGN.md): 0 success,
 * 1 runtime failure, 2 bad usage or bad input, always with a one-line reason on stderr and
 * never a stack trace.
 */
@Command(name = "twinlink",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Userspace LACP (802.1AX), RSTP (802.1D) and MC-LAG agent for Linux.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  twinlink check --config /etc/twinlink/twinlink.yaml",
            "  twinlink agent --config /etc/twinlink/twinlink.yaml",
            "  twinlink show lacp",
            "  twinlink show mlag --json",
            "  twinlink decode capture.pcap",
            "",
            "Exit codes: 0 success, 1 runtime failure, 2 bad usage or bad input (one line",
            "on stderr, never a stack trace).",
            "Every command has its own --help; man pages: twinlink(1), twinlink-show(1)..."},
        subcommands = {
            AgentCommand.class,
            CheckCommand.class,
            ShowCommand.class,
            DecodeCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_FAILURE);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("twinlink: " + ex.getMessage());
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageException u) {
                commandLine.getErr().println("twinlink: " + u.getMessage());
                return EXIT_USAGE;
            }
            commandLine.getErr().println("twinlink: " + oneLine(ex));
            return EXIT_FAILURE;
        });
        return cl;
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        return (m == null || m.isBlank()) ? t.getClass().getSimpleName() : m.replace('\n', ' ');
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
