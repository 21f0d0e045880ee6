package io.twinlink.agent.cli;

import ch.qos.logback.classic.Level;
import io.twinlink.agent.Main;
import io.twinlink.agent.config.AgentConfig;
import io.twinlink.agent.config.ConfigLoader;
import io.twinlink.agent.config.ConfigProblem;
import io.twinlink.agent.config.InvalidConfigException;
import io.twinlink.agent.config.ProcNetInterfaceCatalog;
import io.twinlink.agent.daemon.AgentDaemon;
import io.twinlink.agent.daemon.LinuxOs;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code twinlink agent --config FILE}: the daemon, in the foreground, logging to stderr (journald). */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Run the twinlink daemon in the foreground until SIGTERM or SIGINT.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  twinlink agent --config /etc/twinlink/twinlink.yaml",
            "  systemctl start twinlink        (the packaged unit runs the line above)",
            "  TWINLINK_LOG_LEVEL=debug twinlink agent --config lab.yaml",
            "                                  (one log line per state machine transition)",
            "",
            "Validate first with `twinlink check`. On SIGTERM the agent tells every",
            "partner it is leaving (a last LACPDU out of sync) and removes the interfaces",
            "it created."})
public final class AgentCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML configuration file.")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AgentConfig cfg;
        try {
            cfg = new ConfigLoader(new ProcNetInterfaceCatalog()).load(config);
        } catch (InvalidConfigException e) {
            for (ConfigProblem p : e.problems()) {
                spec.commandLine().getErr().println(p);
            }
            return Main.EXIT_USAGE;
        }
        setLogLevel(cfg);
        // Installed before start: a SIGTERM during start-up is kept and honoured right after it.
        try (StopSignals signals = StopSignals.install()) {
            AgentDaemon daemon;
            try {
                daemon = AgentDaemon.start(cfg, new LinuxOs(cfg.controlPortCount()));
            } catch (AgentDaemon.StartupException e) {
                spec.commandLine().getErr().println("twinlink: " + e.getMessage());
                return Main.EXIT_FAILURE;
            }
            // Any other way out of the JVM (System.exit elsewhere, SIGHUP) still stops gracefully.
            Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "twinlink-stop"));
            String signal = signals.await();
            LoggerFactory.getLogger(AgentCommand.class).info("{}: stopping", signal);
            daemon.close();
        }
        return Main.EXIT_OK;
    }

    private static void setLogLevel(AgentConfig cfg) {
        if (System.getenv("TWINLINK_LOG_LEVEL") != null) {
            return; // the environment wins: systemd drop-ins and tests set it
        }
        var root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(cfg.logLevel().name(), Level.INFO));
    }
}
