package io.twinlink.it.harness;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One LACPDU in a capture file as tshark dissects it (not as twinlink would): when it was
 * captured, who sent it and the state bits it carried.
 *
 * @param time          capture timestamp (wall clock of the host)
 * @param actorState    Actor_State octet [802.1AX-2020 6.4.2.3]
 * @param partnerState  Partner_State octet
 */
public record CapturedLacpdu(int frame, Instant time, String source, String actorSystem, int actorPort, int actorState,
                             String partnerSystem, int partnerPort, int partnerState) {

    public static final int SYNCHRONIZATION = 0x08;
    public static final int COLLECTING = 0x10;
    public static final int DISTRIBUTING = 0x20;
    public static final int EXPIRED = 0x80;

    public boolean actor(int bit) {
        return (actorState & bit) != 0;
    }

    /** Every LACPDU of {@code pcap}, in capture order. */
    public static List<CapturedLacpdu> read(Path pcap) {
        List<CapturedLacpdu> out = new ArrayList<>();
        for (List<String> row : Tshark.fields(pcap, "lacp", "frame.number", "frame.time_epoch", "eth.src",
                "lacp.actor.sysid", "lacp.actor.port", "lacp.actor.state",
                "lacp.partner.sysid", "lacp.partner.port", "lacp.partner.state")) {
            BigDecimal epoch = new BigDecimal(row.get(1));
            Instant time = Instant.ofEpochSecond(epoch.longValue(),
                    epoch.subtract(new BigDecimal(epoch.longValue())).movePointRight(9).longValue());
            out.add(new CapturedLacpdu(Integer.parseInt(row.get(0)), time, row.get(2), row.get(3),
                    Integer.decode(row.get(4)), Integer.decode(row.get(5)), row.get(6), Integer.decode(row.get(7)),
                    Integer.decode(row.get(8))));
        }
        return out;
    }
}
