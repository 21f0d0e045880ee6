package io.twinlink.agent.daemon;

import io.twinlink.lacp.LacpEffect;
import io.twinlink.lacp.LacpEngine;
import io.twinlink.lacp.LacpSystem;
import io.twinlink.wire.FrameDecoder;
import io.twinlink.wire.FrameEncoder;
import io.twinlink.wire.FramePdu;
import io.twinlink.wire.FramedBpdu;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.MalformedPduException;
import io.twinlink.wire.MarkerPdu;
import io.twinlink.wire.OtherSlowProtocolPdu;
import io.twinlink.wire.SlowProtocols;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one {@link LacpEngine} from the agent's event loop: received frames and link
 * changes go in, effects come out and are carried out (frames sent, members enabled in the
 * data plane, everything recorded to the capture). Time comes from an {@link EngineClock}.
 *
 * <p>Every method must be called on the event-loop thread: the engine has no locks.
 */
public final class LacpRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(LacpRuntime.class);
    /** The source address in an Ethernet header [IEEE 802.3 3.2.4]. */
    private static final int SOURCE_OFFSET = 6;

    /**
     * How late a LACP timer may fire so that the timers of many ports share wake-ups: with a
     * thousand ports at the fast rate their periodic timers fall due a thousand times a second,
     * 5 ms of slack makes that at most 200 wake-ups. Periodic LACPDUs keep their 1 s period
     * within 5 ms (far inside the 3 s timeout they feed), and nothing drifts: the engine fires
     * each timer at its exact virtual deadline.
     */
    static final long TIMER_SLACK_NANOS = 5_000_000;

    private final LacpEngine engine;
    private final EngineClock<LacpEffect> clock;
    private final FrameSink frames;
    private final ForwardingSink dataplane;
    private final CaptureSink capture;
    private final Map<String, MacAddress> portMacs;
    private final FrameCounters frameCounters = new FrameCounters();
    private final PartnerLock partners = new PartnerLock();
    private Consumer<PortBpdu> bpduListener = b -> { };
    private java.util.function.BiConsumer<String, Boolean> bundleListener = (bundle, up) -> { };
    /** Whether each bundle has an active Aggregator (carries traffic), as last reported. */
    private final Map<String, Boolean> bundleUp = new java.util.HashMap<>();

    /** A BPDU that arrived on a member port, handed on to whoever runs spanning tree. */
    public record PortBpdu(String port, FramedBpdu bpdu) {
    }

    public LacpRuntime(LacpEngine engine, Scheduler loop, LongSupplier nanoClock, FrameSink frames,
                       ForwardingSink dataplane, CaptureSink capture, Map<String, MacAddress> portMacs) {
        this.engine = engine;
        this.clock = new EngineClock<>(loop, nanoClock, engine::tick, engine::nanosUntilNextEvent, this::execute,
                TIMER_SLACK_NANOS, 0);
        this.frames = frames;
        this.dataplane = dataplane;
        this.capture = capture;
        this.portMacs = Map.copyOf(portMacs);
    }

    public void onBpdu(Consumer<PortBpdu> listener) {
        this.bpduListener = listener;
    }

    /** Told when a bundle starts or stops carrying traffic (MC-LAG reports it to the peer). */
    public void onBundleState(java.util.function.BiConsumer<String, Boolean> listener) {
        this.bundleListener = listener;
    }

    public LacpEngine engine() {
        return engine;
    }

    public FrameCounters frameCounters() {
        return frameCounters;
    }

    /** Starts the timers. */
    public void start() {
        clock.start();
    }

    /**
     * A frame captured on a member port. Anything the decoder rejects is counted and dropped,
     * and so is LACP from a stranger while the port's partner is current ({@link PartnerLock}).
     */
    public void onFrame(String port, byte[] frame) {
        if (clock.stopped() || !engine.hasPort(port)) {
            return;
        }
        clock.catchUp();
        FramePdu pdu;
        try {
            pdu = FrameDecoder.decode(ByteBuffer.wrap(frame));
        } catch (MalformedPduException e) {
            frameCounters.countMalformed(port);
            if (isSlowProtocols(frame)) {
                engine.countIllegal(port);
            }
            LOG.debug("malformed frame port={} reason=\"{}\"", port, e.getMessage());
            capture.record(port, CaptureSink.Direction.RX, frame);
            clock.reschedule();
            return;
        }
        if (pdu instanceof Lacpdu || pdu instanceof MarkerPdu) {
            capture.record(port, CaptureSink.Direction.RX, frame);
            MacAddress source = MacAddress.read(ByteBuffer.wrap(frame), SOURCE_OFFSET);
            if (partners.isStranger(engine.port(port), source)) {
                ignoreStranger(port, source);
            } else if (pdu instanceof Lacpdu lacpdu) {
                execute(engine.receive(port, lacpdu));
                partners.heard(engine.port(port), source);
            } else {
                execute(engine.receiveMarker(port, (MarkerPdu) pdu));
            }
        } else if (pdu instanceof OtherSlowProtocolPdu) {
            capture.record(port, CaptureSink.Direction.RX, frame);
            engine.countUnknown(port);
        } else if (pdu instanceof FramedBpdu bpdu) {
            capture.record(port, CaptureSink.Direction.RX, frame);
            bpduListener.accept(new PortBpdu(port, bpdu));
        } else {
            frameCounters.countIgnored();
        }
        clock.reschedule();
    }

    private void ignoreStranger(String port, MacAddress source) {
        if (frameCounters.countStranger(port) == 1) {
            LOG.info("port={} ignoring LACP from {}: the partner speaks from {} and is current (counted in strangerRx)",
                    port, source, partners.partnerSource(port));
        } else {
            LOG.debug("port={} stranger LACP from {} ignored", port, source);
        }
    }

    private static boolean isSlowProtocols(byte[] frame) {
        return frame.length >= 14 && ((frame[12] & 0xFF) << 8 | (frame[13] & 0xFF)) == SlowProtocols.ETHERTYPE;
    }

    /** A member's carrier, duplex or speed changed. */
    public void onLink(String port, boolean up, boolean fullDuplex, long speedMbps) {
        if (clock.stopped() || !engine.hasPort(port)) {
            return;
        }
        clock.catchUp();
        execute(engine.linkChanged(port, up, fullDuplex, speedMbps));
        clock.reschedule();
    }

    /** The advertised System ID changes (MC-LAG); partners hear it at once. */
    public void setSystem(LacpSystem system) {
        if (clock.stopped()) {
            return;
        }
        clock.catchUp();
        execute(engine.setSystem(system));
        clock.reschedule();
    }

    /** Graceful stop: final LACPDUs out, members out of the data plane, timers stopped. */
    public void shutdown() {
        if (clock.stopped()) {
            return;
        }
        clock.stop();
        execute(engine.shutdown());
    }

    private void execute(List<LacpEffect> effects) {
        if (effects.isEmpty()) {
            return;
        }
        carryOutAll(effects);
        // A bundle's active Aggregator only changes together with the forwarding of a member on
        // it (the member's collecting/distributing is gated by it), so the bundles named in this
        // batch's MemberForwarding effects are the only ones to look at: looking at all of them
        // after every LACPDU was most of the event loop's time with 256 bundles.
        for (LacpEffect effect : effects) {
            if (effect instanceof LacpEffect.MemberForwarding f) {
                reportBundle(f.bundle());
            }
        }
    }

    private void reportBundle(String bundle) {
        boolean up = engine.activeAggregator(bundle) != null;
        Boolean was = bundleUp.put(bundle, up);
        if (was == null ? up : was != up) {
            bundleListener.accept(bundle, up);
        }
    }

    private void carryOutAll(List<LacpEffect> effects) {
        for (LacpEffect effect : effects) {
            try {
                carryOut(effect);
            } catch (RuntimeException e) {
                // One port's failure (a vanished interface) must not stop the others.
                LOG.warn("port={} could not {}: {}", effect.port(), describe(effect), e.getMessage());
            }
        }
    }

    private void carryOut(LacpEffect effect) {
        if (effect instanceof LacpEffect.SendLacpdu s) {
            send(s.port(), FrameEncoder.lacpdu(mac(s.port()), s.pdu()));
        } else if (effect instanceof LacpEffect.SendMarker m) {
            send(m.port(), FrameEncoder.marker(mac(m.port()), m.pdu()));
        } else if (effect instanceof LacpEffect.MemberForwarding f) {
            LOG.info("dataplane bundle={} port={} collecting={} distributing={}",
                    f.bundle(), f.port(), f.collecting(), f.distributing());
            dataplane.setForwarding(f.bundle(), f.port(), f.collecting(), f.distributing());
        }
    }

    private void send(String port, byte[] frame) {
        capture.record(port, CaptureSink.Direction.TX, frame);
        frames.send(port, frame);
    }

    private MacAddress mac(String port) {
        MacAddress mac = portMacs.get(port);
        if (mac == null) {
            throw new IllegalStateException("no MAC address known for " + port);
        }
        return mac;
    }

    private static String describe(LacpEffect effect) {
        if (effect instanceof LacpEffect.MemberForwarding) {
            return "update the data plane";
        }
        return "send a frame";
    }

    /**
     * Frames that were not for the LACP engine: malformed ones per port, foreign ones in all,
     * and LACP from a stranger while the port's partner is current ({@link PartnerLock}).
     */
    public static final class FrameCounters {
        private final Map<String, Long> malformedByPort = new java.util.HashMap<>();
        private final Map<String, Long> strangerByPort = new java.util.HashMap<>();
        private long malformed;
        private long ignored;

        /** @return how many there have been on this port, this one included */
        long countStranger(String port) {
            return strangerByPort.merge(port, 1L, Long::sum);
        }

        /** LACPDUs and Marker PDUs ignored on {@code port} because they did not come from its current partner. */
        public long stranger(String port) {
            return strangerByPort.getOrDefault(port, 0L);
        }

        void countMalformed(String port) {
            malformed++;
            malformedByPort.merge(port, 1L, Long::sum);
        }

        void countIgnored() {
            ignored++;
        }

        public long malformed() {
            return malformed;
        }

        public long malformed(String port) {
            return malformedByPort.getOrDefault(port, 0L);
        }

        public long ignored() {
            return ignored;
        }
    }
}
