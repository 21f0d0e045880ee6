package io.twinlink.it.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wireshark's dissectors as an oracle: everything twinlink puts on the wire must dissect
 * without malformed frames or expert warnings. Reads capture files only.
 */
public final class Tshark {

    /** Separates repeated values of one field; a control character no expert message contains. */
    private static final String AGGREGATOR = "\u001f";

    private static final Map<Integer, String> SEVERITIES = Map.of(
            0x00100000, "comment", 0x00200000, "chat", 0x00400000, "note",
            0x00600000, "warning", 0x00800000, "error");
    private static final Map<Integer, String> GROUPS = Map.ofEntries(
            Map.entry(0x01000000, "checksum"), Map.entry(0x02000000, "sequence"),
            Map.entry(0x03000000, "response-code"), Map.entry(0x04000000, "request-code"),
            Map.entry(0x05000000, "undecoded"), Map.entry(0x06000000, "reassemble"),
            Map.entry(0x07000000, "malformed"), Map.entry(0x08000000, "debug"),
            Map.entry(0x09000000, "protocol"), Map.entry(0x0a000000, "security"),
            Map.entry(0x0b000000, "comment"), Map.entry(0x0c000000, "decryption"),
            Map.entry(0x0d000000, "assumption"), Map.entry(0x0e000000, "deprecated"));

    private Tshark() {
    }

    /** One expert-info item: {@code severity} is comment|chat|note|warning|error, {@code group} e.g. malformed. */
    public record ExpertItem(int frame, String protocols, String severity, String group, String message) {

        public boolean isWarningOrError() {
            return severity.equals("warning") || severity.equals("error");
        }
    }

    /** What tshark made of a whole capture. */
    public record Dissection(Path file, int frames, List<ExpertItem> expertItems) {

        public Dissection {
            expertItems = List.copyOf(expertItems);
        }

        public List<ExpertItem> malformed() {
            return expertItems.stream().filter(i -> i.group.equals("malformed")).toList();
        }

        /** Warnings and errors (malformed frames are errors). */
        public List<ExpertItem> problems() {
            return expertItems.stream().filter(ExpertItem::isWarningOrError).toList();
        }

        public boolean clean() {
            return problems().isEmpty();
        }
    }

    /** Dissects every frame of {@code pcap} and collects the expert information. */
    public static Dissection dissect(Path pcap) {
        int frames = 0;
        List<ExpertItem> items = new ArrayList<>();
        for (List<String> row : fields(pcap, null, "frame.number", "frame.protocols",
                "_ws.expert.severity", "_ws.expert.group", "_ws.expert.message")) {
            frames++;
            if (row.get(2).isEmpty()) {
                continue;
            }
            String[] severities = row.get(2).split(AGGREGATOR, -1);
            String[] groups = row.get(3).split(AGGREGATOR, -1);
            String[] messages = row.get(4).split(AGGREGATOR, -1);
            for (int i = 0; i < severities.length; i++) {
                items.add(new ExpertItem(Integer.parseInt(row.get(0)), row.get(1),
                        name(SEVERITIES, severities[i]), i < groups.length ? name(GROUPS, groups[i]) : "",
                        i < messages.length ? messages[i] : ""));
            }
        }
        return new Dissection(pcap, frames, items);
    }

    /**
     * {@code tshark -r PCAP [-Y FILTER] -T fields -e F...}: one row per frame, one string per
     * field ("" when absent); repeated values of a field are joined by U+001F.
     */
    public static List<List<String>> fields(Path pcap, String displayFilter, String... fields) {
        List<String> argv = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString()));
        if (displayFilter != null) {
            argv.addAll(List.of("-Y", displayFilter));
        }
        argv.addAll(List.of("-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=" + AGGREGATOR));
        for (String field : fields) {
            argv.addAll(List.of("-e", field));
        }
        String out = Command.of(argv).timeout(Duration.ofMinutes(2)).check().stdout();
        List<List<String>> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                List<String> row = new ArrayList<>(List.of(line.split("\t", -1)));
                while (row.size() < fields.length) {
                    row.add("");
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String name(Map<Integer, String> names, String number) {
        if (number.isEmpty()) {
            return "";
        }
        int value = Integer.decode(number);
        return names.getOrDefault(value, number);
    }
}
