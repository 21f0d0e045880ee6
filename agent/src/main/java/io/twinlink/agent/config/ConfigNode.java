package io.twinlink.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * A cursor over the YAML tree that knows its path ({@code lacp[0].members[1]}) and reports
 * problems instead of throwing, so that reading goes on and the whole document is checked.
 * A value that is wrong yields a placeholder; nobody sees it, because a document with any
 * problem is refused as a whole.
 */
final class ConfigNode {

    /** Linux IFNAMSIZ is 16 including the terminating NUL. */
    private static final int IFNAME_MAX = 15;

    private final JsonNode node;
    private final String path;
    private final ProblemList problems;

    private ConfigNode(JsonNode node, String path, ProblemList problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    static ConfigNode root(JsonNode node, ProblemList problems) {
        return new ConfigNode(node, "", problems);
    }

    String path() {
        return path.isEmpty() ? "config" : path;
    }

    /** Problems found so far in the whole document: lets a reader skip checks built on bad values. */
    int problemCount() {
        return problems.size();
    }

    void problem(String message) {
        problems.add(path(), message);
    }

    /** Absent and an explicit YAML null both mean "not set". */
    boolean present() {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    ConfigNode field(String key) {
        JsonNode child = node != null && node.isObject() ? node.get(key) : null;
        return new ConfigNode(child, path.isEmpty() ? key : path + "." + key, problems);
    }

    /**
     * Whether this is a mapping; reports it if not (when present), and reports every key that
     * is not one of {@code allowed} as an unknown key, with the closest allowed key as a hint.
     */
    boolean mapping(String... allowed) {
        if (!present()) {
            return false;
        }
        if (!node.isObject()) {
            problem("must be a mapping of " + String.join(", ", allowed));
            return false;
        }
        List<String> known = Arrays.asList(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                field(key).problem("unknown key" + closest(key, known).map(k -> " (did you mean \"" + k + "\"?)").orElse(""));
            }
        }
        return true;
    }

    /** The entries of a mapping whose keys are names chosen by the user (e.g. STP ports). */
    Map<String, ConfigNode> entries(String what) {
        Map<String, ConfigNode> out = new LinkedHashMap<>();
        if (!present()) {
            return out;
        }
        if (!node.isObject()) {
            problem("must be a mapping of " + what);
            return out;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            out.put(key, field(key));
        }
        return out;
    }

    boolean isList() {
        return present() && node.isArray();
    }

    List<ConfigNode> list(String what) {
        List<ConfigNode> out = new ArrayList<>();
        if (!present()) {
            return out;
        }
        if (!node.isArray()) {
            problem("must be a list of " + what);
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(new ConfigNode(node.get(i), path + "[" + i + "]", problems));
        }
        return out;
    }

    int integer(int min, int max, int absent) {
        return present() ? readInteger(min, max, absent) : absent;
    }

    int requiredInteger(int min, int max) {
        if (!present()) {
            problem("required (" + min + ".." + max + ")");
            return min;
        }
        return readInteger(min, max, min);
    }

    OptionalInt optionalInteger(int min, int max) {
        if (!present()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(readInteger(min, max, min));
    }

    private int readInteger(int min, int max, int placeholder) {
        if (!node.isIntegralNumber()) {
            problem("must be an integer " + min + ".." + max + ", got " + shown());
            return placeholder;
        }
        long v = node.canConvertToLong() ? node.asLong() : Long.MAX_VALUE;
        if (v < min || v > max) {
            problem("must be " + min + ".." + max + ", got " + node.asText());
            return placeholder;
        }
        return (int) v;
    }

    /** Seconds, whole or decimal ({@code 2}, {@code 0.5}), within {@code 0..maxSeconds}. */
    Duration seconds(int maxSeconds, Duration absent) {
        if (!present()) {
            return absent;
        }
        if (!node.isNumber()) {
            problem("must be a number of seconds 0.." + maxSeconds + ", got " + shown());
            return absent;
        }
        BigDecimal v = node.decimalValue();
        if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(maxSeconds)) > 0) {
            problem("must be 0.." + maxSeconds + " seconds, got " + node.asText());
            return absent;
        }
        return Duration.ofNanos(v.movePointRight(9).longValue());
    }

    boolean bool(boolean absent) {
        if (!present()) {
            return absent;
        }
        if (!node.isBoolean()) {
            problem("must be true or false, got " + shown());
            return absent;
        }
        return node.booleanValue();
    }

    Optional<String> text() {
        if (!present()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            problem("must be text, got " + shown() + (node.isValueNode() ? " (quote it)" : ""));
            return Optional.empty();
        }
        if (node.textValue().isBlank()) {
            problem("must not be empty");
            return Optional.empty();
        }
        return Optional.of(node.textValue());
    }

    /** The text if this is a text scalar, without reporting anything (for look-ahead). */
    Optional<String> rawText() {
        return present() && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    /**
     * Text turned into a value by {@code parser}, whose {@link IllegalArgumentException}
     * message becomes the problem.
     */
    <T> Optional<T> parsed(Function<String, T> parser) {
        return text().flatMap(t -> {
            try {
                return Optional.of(parser.apply(t));
            } catch (IllegalArgumentException e) {
                problem(e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** A Linux interface name: 1..15 bytes, no '/', ':' or white space (dev_valid_name). */
    Optional<String> interfaceName() {
        return text().filter(name -> {
            String why = interfaceNameProblem(name);
            if (why != null) {
                problem(why);
            }
            return why == null;
        });
    }

    private static String interfaceNameProblem(String name) {
        if (name.equals(".") || name.equals("..")) {
            return "\"" + name + "\" is not an interface name";
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > IFNAME_MAX) {
            return "interface name \"" + name + "\" is longer than " + IFNAME_MAX + " bytes";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "interface name \"" + name + "\" contains '" + (Character.isWhitespace(c) ? " " : c) + "'";
            }
        }
        return null;
    }

    /** One of an enum's constants, spelled in lower case with '-' for '_' ({@code linux-bond}). */
    <E extends Enum<E>> E choice(Class<E> type, E absent) {
        if (!present()) {
            return absent;
        }
        E[] values = type.getEnumConstants();
        String allowed = String.join(" | ", Arrays.stream(values).map(ConfigNode::word).toList());
        if (!node.isTextual()) {
            problem("must be " + allowed + ", got " + shown());
            return absent;
        }
        for (E v : values) {
            if (word(v).equals(node.textValue())) {
                return v;
            }
        }
        problem("must be " + allowed + ", got " + shown());
        return absent;
    }

    static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value as the user wrote it, for messages: text quoted, other scalars plain. */
    private String shown() {
        if (node.isTextual()) {
            return "\"" + node.textValue() + "\"";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return node.asText();
    }

    private static Optional<String> closest(String key, List<String> known) {
        String best = null;
        int bestDistance = 3; // farther than two edits is not a typo worth suggesting
        for (String k : known) {
            int d = editDistance(key, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance, small strings only. */
    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
