package io.twinlink.agent.cli;

import io.twinlink.agent.UsageException;
import io.twinlink.wire.LinkType;
import io.twinlink.wire.pcap.CaptureReader;
import io.twinlink.wire.pcap.CapturedPacket;
import io.twinlink.wire.pcap.MalformedCaptureException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twinlink decode FILE [--json]}: an offline dissector for the PDUs twinlink speaks, in
 * pcap or pcapng files with Ethernet, Linux SLL or SLL2 link types. Output contract: DESIGN.md
 * ("decode --json"). A malformed PDU is one more line, never the end of the run; a file that
 * cannot be read or is not a capture is exit 2 with one line on stderr.
 */
@Command(name = "decode",
        description = "Decode the LACPDUs, Marker PDUs and BPDUs of a pcap or pcapng file.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  twinlink decode capture.pcap     one tcpdump -v style line per PDU",
            "  twinlink decode capture.pcapng --json | jq -c '{frame, type, src}'",
            "  tcpdump -i eth1 -w lacp.pcap ether proto 0x8809 && twinlink decode lacp.pcap",
            "",
            "Other frames are skipped; a malformed PDU is a \"malformed\" line with why."})
public final class DecodeCommand implements Callable<Integer> {

    /** Files.readAllBytes cannot hold more than this in one array. */
    private static final long MAX_FILE_SIZE = Integer.MAX_VALUE - 8;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "capture file (pcap or pcapng)")
    Path file;

    @Option(names = "--json", description = "one JSON object per line instead of text")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Override
    public Integer call() {
        byte[] bytes = read(file);
        PrintWriter out = spec.commandLine().getOut();
        DissectionFormat format = json ? new DissectionJson() : new DissectionText();
        CaptureDissector dissector = new CaptureDissector();
        TreeSet<Integer> unsupported = new TreeSet<>();
        try {
            CaptureReader reader = CaptureReader.open(bytes);
            for (CapturedPacket p = reader.next(); p != null; p = reader.next()) {
                if (!LinkType.isSupported(p.linkType())) {
                    unsupported.add(p.linkType());
                }
                Optional<Dissection> line = dissector.dissect(p);
                line.ifPresent(d -> out.println(format.format(d)));
            }
        } catch (MalformedCaptureException e) {
            out.flush();
            throw new UsageException(file + ": " + e.getMessage());
        } finally {
            out.flush();
        }
        if (!unsupported.isEmpty()) {
            spec.commandLine().getErr().println("twinlink: " + file + ": skipped packets of unsupported link type "
                    + unsupported.stream().map(LinkType::name).toList() + " (decode reads Ethernet, LINUX_SLL, LINUX_SLL2)");
        }
        return 0;
    }

    private static byte[] read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new UsageException(file + ": is a directory, not a capture file");
            }
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new UsageException(file + ": too large to decode in memory (" + Files.size(file) + " octets)");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UsageException(file + ": permission denied");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + e.getMessage());
        }
    }
}
