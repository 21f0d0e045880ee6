package io.twinlink.agent.dataplane;

import io.twinlink.agent.netlink.LinkState;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How twinlink marks what it creates in the kernel as its own, and which process made it: an
 * aggregate interface's alias ({@code ip link set NAME alias ...}, IFLA_IFALIAS) reads
 * {@code twinlink aggregate (tc) pid=1234 members=eth1,eth2}; an nftables table's comment
 * reads {@code twinlink pid=1234}.
 *
 * <p>An agent that did not stop cleanly (kill -9, a crash) leaves these behind. The next one
 * recognises them by the mark, and only by it; when the process named in the mark is gone it
 * removes them (with what it had set up on the listed members) and starts afresh. When that
 * process still runs, another agent is using them and the new one refuses to start. Anything
 * without the mark is someone else's and is never touched.
 */
record AggregateMark(String dataplane, long pid, List<String> members) {

    private static final Pattern ALIAS = Pattern.compile("^twinlink aggregate \\(([a-z-]+)\\) pid=(\\d+) members=(\\S*)$");
    private static final Pattern COMMENT = Pattern.compile("comment \"twinlink pid=(\\d+)\"");

    /** This process's mark for an aggregate of {@code dataplane} over {@code members}. */
    static AggregateMark ours(String dataplane, List<String> members) {
        return new AggregateMark(dataplane, ProcessHandle.current().pid(), List.copyOf(members));
    }

    String alias() {
        return "twinlink aggregate (" + dataplane + ") pid=" + pid + " members=" + String.join(",", members);
    }

    /** The mark an interface alias carries, or empty when the alias is not twinlink's. */
    static Optional<AggregateMark> fromAlias(String alias) {
        Matcher m = ALIAS.matcher(alias == null ? "" : alias);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> members = m.group(3).isEmpty() ? List.of() : Arrays.asList(m.group(3).split(","));
        return Optional.of(new AggregateMark(m.group(1), Long.parseLong(m.group(2)), members));
    }

    /**
     * The mark on an interface a twinlink that is gone left behind, or empty when there is no
     * such interface or it is not twinlink's. One whose agent still runs is refused:
     * {@code what} (e.g. "aggregate bond0") names it in the one-line reason.
     */
    static Optional<AggregateMark> leftBehind(Optional<LinkState> existing, String what) throws DataplaneException {
        Optional<AggregateMark> mark = existing.flatMap(l -> fromAlias(l.alias()));
        if (mark.isPresent() && mark.get().ownerRunning()) {
            throw new DataplaneException(what + " belongs to a twinlink that is running (pid " + mark.get().pid() + ")");
        }
        return mark;
    }

    /** The comment that marks an nftables table as made by this process. */
    static String tableComment() {
        return "twinlink pid=" + ProcessHandle.current().pid();
    }

    /** The pid in a twinlink table's comment ({@code nft list table} output), or empty when it has none. */
    static Optional<Long> pidOfTable(String listing) {
        Matcher m = COMMENT.matcher(listing);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /** Whether the process that made this still runs (this one included): then it is not a leftover. */
    boolean ownerRunning() {
        return isRunning(pid);
    }

    /**
     * Whether {@code pid} is a live twinlink: alive, and its command line (when it can be
     * read) mentions twinlink, so a pid reused by an unrelated process does not block a restart.
     */
    static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> p.pid() == ProcessHandle.current().pid()
                        || p.info().commandLine().map(c -> c.contains("twinlink")).orElse(true))
                .orElse(false);
    }
}
