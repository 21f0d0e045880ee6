package io.twinlink.agent.daemon;

import io.twinlink.agent.dataplane.BridgeDataplane;
import io.twinlink.agent.dataplane.DataplaneException;
import io.twinlink.stp.PortState;
import io.twinlink.stp.StpEffect;
import io.twinlink.stp.StpEngine;
import io.twinlink.wire.FrameDecoder;
import io.twinlink.wire.FrameEncoder;
import io.twinlink.wire.FramePdu;
import io.twinlink.wire.FramedBpdu;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.MalformedPduException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the {@link StpEngine} from the event loop, as {@link LacpRuntime} does for LACP:
 * BPDUs and link changes in, effects out (BPDUs sent in 802.3/LLC frames, bridge port states
 * and FDB flushes through the {@link BridgeDataplane}, guard actions logged).
 */
public final class StpRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(StpRuntime.class);

    private final StpEngine engine;
    private final EngineClock<StpEffect> clock;
    private final FrameSink frames;
    private final BridgeDataplane bridge;
    private final CaptureSink capture;
    private final Map<String, MacAddress> portMacs;
    private final Map<String, Long> malformed = new HashMap<>();
    private long pvstIgnored;

    public StpRuntime(StpEngine engine, Scheduler loop, LongSupplier nanoClock, FrameSink frames, BridgeDataplane bridge,
                      CaptureSink capture, Map<String, MacAddress> portMacs) {
        this.engine = engine;
        this.clock = new EngineClock<>(loop, nanoClock, engine::tick, engine::nanosUntilNextEvent, this::execute);
        this.frames = frames;
        this.bridge = bridge;
        this.capture = capture;
        this.portMacs = Map.copyOf(portMacs);
    }

    public StpEngine engine() {
        return engine;
    }

    public void start() {
        clock.start();
    }

    /** A frame captured on a bridge port: BPDUs go to the engine, anything malformed is counted and dropped. */
    public void onFrame(String port, byte[] frame) {
        if (clock.stopped() || !engine.hasPort(port)) {
            return;
        }
        clock.catchUp();
        FramePdu pdu;
        try {
            pdu = FrameDecoder.decode(ByteBuffer.wrap(frame));
        } catch (MalformedPduException e) {
            malformed.merge(port, 1L, Long::sum);
            engine.countInvalid(port);
            LOG.debug("malformed BPDU port={} reason=\"{}\"", port, e.getMessage());
            capture.record(port, CaptureSink.Direction.RX, frame);
            clock.reschedule();
            return;
        }
        if (pdu instanceof FramedBpdu framed) {
            capture.record(port, CaptureSink.Direction.RX, frame);
            if (framed.pvst()) {
                pvstIgnored++; // Cisco per-VLAN BPDUs: we run one IEEE tree, like the Linux bridge
            } else {
                execute(engine.receive(port, framed.bpdu()));
            }
        }
        clock.reschedule();
    }

    public void onLink(String port, boolean up, boolean fullDuplex, long speedMbps) {
        if (clock.stopped() || !engine.hasPort(port)) {
            return;
        }
        clock.catchUp();
        execute(engine.linkChanged(port, up, fullDuplex, speedMbps));
        if (up) {
            reapplyPortState(port);
        }
        clock.reschedule();
    }

    public void shutdown() {
        clock.stop();
    }

    public long malformed(String port) {
        return malformed.getOrDefault(port, 0L);
    }

    public long pvstIgnored() {
        return pvstIgnored;
    }

    private void execute(List<StpEffect> effects) {
        for (StpEffect effect : effects) {
            try {
                carryOut(effect);
            } catch (DataplaneException | RuntimeException e) {
                LOG.warn("stp effect {} failed: {}", effect, e.getMessage());
            }
        }
    }

    private void carryOut(StpEffect effect) throws DataplaneException {
        if (effect instanceof StpEffect.SendBpdu send) {
            byte[] frame = FrameEncoder.bpdu(portMacs.get(send.port()), send.encode());
            capture.record(send.port(), CaptureSink.Direction.TX, frame);
            frames.send(send.port(), frame);
        } else if (effect instanceof StpEffect.SetPortState s) {
            LOG.info("stp port={} state={}", s.port(), s.state().jsonName());
            bridge.setPortState(s.port(), map(s.state()));
        } else if (effect instanceof StpEffect.FlushFdb f) {
            LOG.debug("stp port={} fdb flush", f.port());
            bridge.flushFdb(f.port());
        } else if (effect instanceof StpEffect.TopologyChange tc) {
            LOG.info("stp topology change {} (port={})", tc.active() ? "began" : "ended", tc.port());
        } else if (effect instanceof StpEffect.GuardAction g) {
            LOG.warn("stp port={} {} {}", g.port(), g.guard().label(), g.active() ? "blocked the port" : "released");
        }
    }

    /**
     * A Linux bridge with kernel STP off puts a port into forwarding by itself the moment its
     * carrier returns (br_port_carrier_check -> br_stp_enable_port -> br_port_state_selection),
     * before the link event reaches us. When the engine's state did not change (a port that
     * was discarding before the link went down, or that the agent set discarding at start
     * before the carrier came), no effect would correct that, and the port would forward
     * against the tree: a loop. So the engine's state is applied again on every link-up.
     */
    private void reapplyPortState(String port) {
        try {
            bridge.setPortState(port, map(engine.port(port).state()));
        } catch (DataplaneException | RuntimeException e) {
            LOG.warn("stp port={} state not re-applied after link up: {}", port, e.getMessage());
        }
    }

    private static BridgeDataplane.PortState map(PortState state) {
        return switch (state) {
            case DISCARDING -> BridgeDataplane.PortState.DISCARDING;
            case LEARNING -> BridgeDataplane.PortState.LEARNING;
            case FORWARDING -> BridgeDataplane.PortState.FORWARDING;
        };
    }
}
