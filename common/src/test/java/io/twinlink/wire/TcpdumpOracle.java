package io.twinlink.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what tcpdump printed ({@code -# -tttt -v}, with or without {@code -e}) for LACPDUs and
 * BPDUs and reduces each packet to one canonical line of facts. {@link TcpdumpStyle} renders
 * our decoded values into the same canonical line; the two must be equal. The parsing here
 * looks only at tcpdump's text, never at our decoder.
 */
final class TcpdumpOracle {

    /** What tcpdump said about one packet. {@code addresses} is null when it was run without -e. */
    record Expected(String time, String addresses, String pdu) {
    }

    private static final Pattern ENTRY = Pattern.compile(
            "^\\s*(\\d+)\\s+(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}) (.*)$");
    private static final Pattern ETHERNET_ADDRESSES = Pattern.compile("^([0-9a-f:]{17}) > ([0-9a-f:]{17}), ");
    private static final Pattern COOKED_SOURCE = Pattern.compile("\\b([0-9a-f:]{17}) 802\\.2, ");
    private static final Pattern LACP = Pattern.compile("LACPv(\\d+), length");
    private static final String INFO = "\\s*System (\\S+), System Priority (\\d+), Key (\\d+), Port (\\d+), "
            + "Port Priority (\\d+)\\n\\s*State Flags \\[(.*?)\\]";
    private static final Pattern ACTOR = Pattern.compile("Actor Information TLV[^\\n]*\\n" + INFO);
    private static final Pattern PARTNER = Pattern.compile("Partner Information TLV[^\\n]*\\n" + INFO);
    private static final Pattern MAX_DELAY = Pattern.compile("Max Delay (\\d+)");
    private static final Pattern STP = Pattern.compile("STP (802\\.1\\w+), (Config|Rapid STP|Topology Change)");
    private static final Pattern CONFIG_HEAD = Pattern.compile(
            "Flags \\[(.*?)\\], bridge-id ([0-9a-f]{4}\\.[0-9a-f:]{17})\\.([0-9a-f]{4}), length");
    private static final Pattern TIMES = Pattern.compile(
            "message-age ([\\d.]+)s, max-age ([\\d.]+)s, hello-time ([\\d.]+)s, forwarding-delay ([\\d.]+)s");
    private static final Pattern ROOT = Pattern.compile("\\troot-id (\\S+), root-pathcost (\\d+)(?:, port-role (\\w+))?");
    private static final Pattern MST_FLAGS = Pattern.compile("CIST Flags \\[(.*?)\\]");
    private static final Pattern MST_ROOT = Pattern.compile(
            "port-role (\\w+), CIST root-id (\\S+), CIST ext-pathcost (\\d+)");
    private static final Pattern MST_REGIONAL = Pattern.compile(
            "CIST regional-root-id (\\S+), CIST port-id ([0-9a-f]{4}),");
    private static final Pattern MST_MCID = Pattern.compile(
            "v3len (\\d+), MCID Name (.*?), rev (\\d+),\\n\\s*digest ([0-9a-f]{32}), CIST int-root-pathcost (\\d+),");
    private static final Pattern MST_BRIDGE = Pattern.compile("CIST bridge-id (\\S+), CIST remaining-hops (\\d+)");
    private static final Pattern MSTI = Pattern.compile(
            "MSTI (\\d+), Flags \\[(.*?)\\], port-role (\\w+)\\n\\s*MSTI regional-root-id (\\S+), pathcost (\\d+)"
                    + "\\n\\s*MSTI bridge-prio (\\d+), port-prio (\\d+), hops (\\d+)");

    private TcpdumpOracle() {
    }

    /** Frame number -> facts, for every packet tcpdump dissected as a LACPDU or BPDU. */
    static Map<Integer, Expected> read(String outResource) {
        Map<Integer, Expected> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, String[]> e : entries(Captures.text(outResource)).entrySet()) {
            String header = e.getValue()[1];
            String all = header + "\n" + e.getValue()[2];
            String pdu = LACP.matcher(header).find() ? lacp(all) : STP.matcher(header).find() ? stp(all) : null;
            if (pdu != null) {
                out.put(e.getKey(), new Expected(e.getValue()[0], addresses(header), pdu));
            }
        }
        return out;
    }

    /** frame -> {time, header rest, body}. */
    private static Map<Integer, String[]> entries(String text) {
        Map<Integer, String[]> out = new LinkedHashMap<>();
        String[] current = null;
        for (String line : text.split("\n")) {
            Matcher m = ENTRY.matcher(line);
            if (m.matches()) {
                current = new String[] {m.group(2), m.group(3), ""};
                out.put(Integer.parseInt(m.group(1)), current);
            } else if (current != null) {
                current[2] += line + "\n";
            }
        }
        return out;
    }

    private static String addresses(String header) {
        Matcher eth = ETHERNET_ADDRESSES.matcher(header);
        if (eth.find()) {
            return "src=" + eth.group(1) + " dst=" + eth.group(2);
        }
        Matcher cooked = COOKED_SOURCE.matcher(header);
        return cooked.find() ? "src=" + cooked.group(1) : null;
    }

    private static String lacp(String all) {
        Matcher v = find(LACP, all);
        return "LACPv" + v.group(1) + " actor=" + info(find(ACTOR, all)) + " partner=" + info(find(PARTNER, all))
                + " maxdelay=" + find(MAX_DELAY, all).group(1);
    }

    private static String info(Matcher m) {
        return String.format("[sys=%s prio=%s key=%s port=%s portprio=%s flags=%s]",
                m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), flags(m.group(6)));
    }

    private static String stp(String all) {
        Matcher head = find(STP, all);
        String version = head.group(1);
        String type = head.group(2);
        String s = "STP " + version + " " + type;
        if (type.equals("Topology Change")) {
            return s;
        }
        if (version.equals("802.1s") || version.equals("802.1aq")) {
            return s + mst(all);
        }
        Matcher h = find(CONFIG_HEAD, all);
        Matcher t = find(TIMES, all);
        Matcher r = find(ROOT, all);
        s += " flags=" + flags(h.group(1)) + " bridge=" + h.group(2) + " port=" + h.group(3)
                + " times=" + times(t) + " root=" + r.group(1) + " cost=" + r.group(2);
        return r.group(3) == null ? s : s + " role=" + r.group(3);
    }

    private static String mst(String all) {
        Matcher root = find(MST_ROOT, all);
        Matcher regional = find(MST_REGIONAL, all);
        Matcher mcid = find(MST_MCID, all);
        Matcher bridge = find(MST_BRIDGE, all);
        StringBuilder s = new StringBuilder();
        s.append(" flags=").append(flags(find(MST_FLAGS, all).group(1)))
                .append(" role=").append(root.group(1)).append(" root=").append(root.group(2))
                .append(" extcost=").append(root.group(3)).append(" regroot=").append(regional.group(1))
                .append(" port=").append(regional.group(2)).append(" times=").append(times(find(TIMES, all)))
                .append(" v3len=").append(mcid.group(1)).append(" name=").append(mcid.group(2))
                .append(" rev=").append(mcid.group(3)).append(" digest=").append(mcid.group(4))
                .append(" intcost=").append(mcid.group(5)).append(" cistbridge=").append(bridge.group(1))
                .append(" hops=").append(bridge.group(2)).append(" msti=[");
        Matcher m = MSTI.matcher(all);
        List<String> mstis = new ArrayList<>();
        while (m.find()) {
            mstis.add(String.format("%s flags=%s role=%s regroot=%s cost=%s bprio=%s pprio=%s hops=%s",
                    m.group(1), flags(m.group(2)), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7),
                    m.group(8)));
        }
        return s.append(String.join("; ", mstis)).append("]").toString();
    }

    private static String times(Matcher t) {
        return t.group(1) + "/" + t.group(2) + "/" + t.group(3) + "/" + t.group(4);
    }

    private static String flags(String printed) {
        return "[" + (printed.equals("none") ? "" : printed) + "]";
    }

    private static Matcher find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new AssertionError("tcpdump output lacks /" + p + "/ in:\n" + text);
        }
        return m;
    }
}
