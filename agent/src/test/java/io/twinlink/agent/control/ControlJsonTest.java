package io.twinlink.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code show --json} contract of DESIGN.md, field by field. */
class ControlJsonTest {

    private final ObjectMapper json = ControlJson.mapper();

    @Test
    void lacpSnapshotHasExactlyTheDesignFieldNames() throws Exception {
        String expected = """
                {"system":{"priority":32768,"mac":"02:00:00:00:00:01"},
                 "aggregators":[
                  {"name":"bond0","key":10,"partnerSystem":"02:00:00:00:00:99","active":true,"members":[
                    {"port":"eth1","portNumber":1,"selected":"SELECTED","mux":"COLLECTING_DISTRIBUTING",
                     "actor":{"systemPriority":32768,"system":"02:00:00:00:00:01","key":10,"portPriority":32768,"port":1,
                              "state":63,"stateFlags":["activity","timeout","aggregation","synchronization","collecting","distributing"]},
                     "partner":{"systemPriority":65535,"system":"02:00:00:00:00:99","key":33,"portPriority":255,"port":2,
                              "state":61,"stateFlags":["activity","aggregation","synchronization","collecting","distributing"]},
                     "counters":{"lacpduRx":120,"lacpduTx":121,"markerRx":1,"markerResponseTx":1,"unknownRx":0,"illegalRx":0,
                                 "markerTx":0,"markerResponseRx":0}},
                    {"port":"eth2","portNumber":2,"selected":"STANDBY","mux":"WAITING",
                     "actor":{"systemPriority":32768,"system":"02:00:00:00:00:01","key":10,"portPriority":32768,"port":2,
                              "state":7,"stateFlags":["activity","timeout","aggregation"]},
                     "partner":{"systemPriority":0,"system":"00:00:00:00:00:00","key":0,"portPriority":0,"port":0,
                              "state":66,"stateFlags":["timeout","defaulted"]},
                     "counters":{"lacpduRx":0,"lacpduTx":5,"markerRx":0,"markerResponseTx":0,"unknownRx":3,"illegalRx":2,
                                 "markerTx":0,"markerResponseRx":0}}]},
                  {"name":"bond1","key":11,"partnerSystem":"00:00:00:00:00:00","active":false,"members":[]}]}
                """;
        String actual = json.writeValueAsString(Snapshots.lacp());
        assertThat(json.readTree(actual)).isEqualTo(json.readTree(expected));
        assertThat(fieldOrder(json.readTree(actual).at("/aggregators/0/members/0")))
                .containsExactly("port", "portNumber", "selected", "mux", "actor", "partner", "counters");
        assertThat(fieldOrder(json.readTree(actual).at("/aggregators/0/members/0/actor")))
                .containsExactly("systemPriority", "system", "key", "portPriority", "port", "state", "stateFlags");
    }

    @Test
    void portsSnapshotFieldNames() throws Exception {
        String expected = """
                {"ports":[
                  {"name":"eth1","ifindex":3,"mac":"02:00:00:00:01:01","carrier":"up","speed":10000,"duplex":"full",
                   "bundle":"bond0","mux":"COLLECTING_DISTRIBUTING","rxFrames":121,"txFrames":122,"malformedRx":0,
                   "policedRx":0,"strangerRx":0,"captureDrops":0},
                  {"name":"eth2","ifindex":4,"mac":"02:00:00:00:01:02","carrier":"down","speed":null,"duplex":"unknown",
                   "bundle":"bond0","mux":"WAITING","rxFrames":5,"txFrames":5,"malformedRx":2,
                   "policedRx":48000,"strangerRx":250,"captureDrops":9},
                  {"name":"eth3","ifindex":12,"mac":"02:00:00:00:01:03","carrier":"up","speed":1000,"duplex":"half",
                   "bundle":null,"mux":null,"rxFrames":7,"txFrames":8,"malformedRx":0,
                   "policedRx":0,"strangerRx":0,"captureDrops":0}]}
                """;
        assertThat(json.readTree(json.writeValueAsString(Snapshots.ports()))).isEqualTo(json.readTree(expected));
    }

    @Test
    void snapshotsReadBackToEqualRecords() throws Exception {
        assertThat(json.readValue(json.writeValueAsString(Snapshots.lacp()), LacpSnapshot.class)).isEqualTo(Snapshots.lacp());
        assertThat(json.readValue(json.writeValueAsString(Snapshots.ports()), PortsSnapshot.class)).isEqualTo(Snapshots.ports());
    }

    @Test
    void readersIgnoreFieldsANewerAgentAdds() throws Exception {
        JsonNode tree = json.valueToTree(Snapshots.ports());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/ports/0")).put("lldpNeighbor", "sw1");
        assertThat(json.treeToValue(tree, PortsSnapshot.class)).isEqualTo(Snapshots.ports());
    }

    private static List<String> fieldOrder(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
