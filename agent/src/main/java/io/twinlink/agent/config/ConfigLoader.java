package io.twinlink.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a YAML configuration (DESIGN.md, "Configuration") and checks all of it: every problem
 * is collected with its path and the document is refused as a whole, never half-applied.
 * Unknown keys are problems too, so a misspelt setting cannot be silently ignored.
 */
public final class ConfigLoader {

    static final String[] KEYS = {"system", "control", "lacp", "stp", "mlag", "dataplane", "capture", "log-level"};

    /** Strict duplicates: YAML would otherwise keep the last of two equal keys without a word. */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final InterfaceCatalog interfaces;

    public ConfigLoader(InterfaceCatalog interfaces) {
        this.interfaces = interfaces;
    }

    /** Reads {@code file}; relative paths inside it are relative to its directory. */
    public AgentConfig load(Path file) throws InvalidConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(List.of(new ConfigProblem(file.toString(), "no such file")));
        } catch (IOException e) {
            throw new InvalidConfigException(List.of(new ConfigProblem(file.toString(), "cannot read: " + reason(e))));
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir);
    }

    /**
     * Parses a document held in memory.
     *
     * @param source  the name used in YAML syntax errors ({@code source:line:column})
     * @param baseDir what relative paths ({@code secret-file}, {@code capture}) are relative to
     */
    public AgentConfig parse(String yaml, String source, Path baseDir) throws InvalidConfigException {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(List.of(syntaxProblem(source, e)));
        }
        ProblemList problems = new ProblemList();
        ConfigNode root = ConfigNode.root(tree, problems);
        if (!root.present()) {
            problems.add(source, "is empty");
            throw new InvalidConfigException(problems.toList());
        }
        if (!root.mapping(KEYS)) {
            throw new InvalidConfigException(problems.toList());
        }
        AgentConfig config = read(root, baseDir);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems.toList());
        }
        return config;
    }

    private AgentConfig read(ConfigNode root, Path baseDir) {
        SystemConfig system = readSystem(root.field("system"));
        ControlConfig control = readControl(root.field("control"));
        boolean mlagConfigured = root.field("mlag").present();
        List<BundleConfig> lacp = new LacpSection(interfaces, mlagConfigured).read(root.field("lacp"));
        Optional<StpConfig> stp = new StpSection(interfaces).read(root.field("stp"), lacp);
        ConfigNode lacpNode = root.field("lacp");
        if (lacp.isEmpty() && !root.field("stp").present() && (lacpNode.isList() || !lacpNode.present())) {
            lacpNode.problem("required: at least one bundle, or an stp section");
        }
        Optional<MlagConfig> mlag = new MlagSection(baseDir).read(root.field("mlag"));
        Dataplane dataplane = root.field("dataplane").choice(Dataplane.class, Dataplane.LINUX_BOND);
        Optional<Path> capture = root.field("capture").text().map(t -> checkCapture(root.field("capture"), baseDir.resolve(t).normalize()));
        LogLevel logLevel = root.field("log-level").choice(LogLevel.class, LogLevel.INFO);
        return new AgentConfig(system, control, lacp, stp, mlag, dataplane, capture, logLevel);
    }

    private static SystemConfig readSystem(ConfigNode n) {
        if (!n.mapping("priority", "mac")) {
            return new SystemConfig(SystemConfig.DEFAULT_PRIORITY, Optional.empty());
        }
        int priority = n.field("priority").integer(0, 65535, SystemConfig.DEFAULT_PRIORITY);
        return new SystemConfig(priority, n.field("mac").parsed(SystemConfig::parseSystemMac));
    }

    private static ControlConfig readControl(ConfigNode n) {
        if (!n.mapping("socket", "metrics")) {
            return ControlConfig.defaults();
        }
        Path socket = n.field("socket").parsed(ControlConfig::parseSocketPath).orElse(ControlConfig.DEFAULT_SOCKET);
        return new ControlConfig(socket, n.field("metrics").parsed(HostPort::parse));
    }

    /** The pcap file is opened at start; its directory must be there already. */
    private static Path checkCapture(ConfigNode node, Path file) {
        Path dir = file.getParent();
        if (Files.isDirectory(file)) {
            node.problem(file + " is a directory");
        } else if (dir != null && !Files.isDirectory(dir)) {
            node.problem("directory " + dir + " does not exist");
        }
        return file;
    }

    /**
     * One line, {@code source:line:column: what}. SnakeYAML's own message spans several lines
     * with a context and a caret drawing; the lines that start at column 0 and are not
     * {@code in 'reader'} markers are the context and the problem.
     */
    static ConfigProblem syntaxProblem(String source, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = source + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr());
        List<String> lines = new ArrayList<>();
        String original = e.getOriginalMessage() == null ? "not valid YAML" : e.getOriginalMessage();
        for (String line : original.split("\n")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("in '")) {
                lines.add(line.strip());
            }
        }
        String message;
        if (lines.isEmpty()) {
            message = "not valid YAML";
        } else if (lines.size() == 1) {
            message = lines.get(0);
        } else {
            message = lines.get(lines.size() - 1) + " (" + lines.get(0) + ")";
        }
        if (message.startsWith("Duplicate field ")) {
            message = "duplicate key " + message.substring("Duplicate field ".length()).replace('\'', '"');
        }
        return new ConfigProblem(where, message);
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
