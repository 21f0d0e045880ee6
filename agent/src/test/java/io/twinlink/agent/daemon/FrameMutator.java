package io.twinlink.agent.daemon;

import io.twinlink.wire.LinkType;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.pcap.CaptureReader;
import io.twinlink.wire.pcap.CapturedPacket;
import io.twinlink.wire.pcap.MalformedCaptureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Makes the frames a hostile or broken wire delivers, from a seed: random octets, random
 * payloads behind real Slow Protocols and LLC headers, and real frames (a corpus) mutated the
 * ways parsers break: flipped bits, truncations, appended junk, lying 802.3 length fields,
 * TLV lengths that are wrong or run past the end, wrong subtypes, versions and BPDU types,
 * VLAN tags inserted, two frames spliced. One frame in three gets a second mutation on top.
 */
final class FrameMutator {

    /** Offsets in an untagged Ethernet frame. */
    private static final int TYPE_OR_LENGTH = 12;
    private static final int PAYLOAD = 14;
    private static final int BPDU = 17; // after the LLC header 42 42 03
    /** The length octets of the LACPDU's Actor, Partner, Collector and Terminator TLVs [802.1AX-2020 6.4.2.3]. */
    private static final int[] LACP_TLV_LENGTHS = {PAYLOAD + 3, PAYLOAD + 23, PAYLOAD + 43, PAYLOAD + 59};
    /** The length octets of the Marker Information and Terminator TLVs [802.1AX-2020 6.5.3.2]. */
    private static final int[] MARKER_TLV_LENGTHS = {PAYLOAD + 3, PAYLOAD + 19};
    /** BPDU protocol version, type, Version 1 Length, Version 3 Length (two octets) [802.1Q-2018 14.4]. */
    private static final int[] BPDU_FIELDS = {BPDU + 2, BPDU + 3, BPDU + 35, BPDU + 36, BPDU + 37};

    enum Mutation {
        RANDOM_OCTETS, RANDOM_SLOW_PROTOCOLS, RANDOM_BPDU, BIT_FLIPS, OCTETS_SET, TRUNCATED, EXTENDED,
        LYING_8023_LENGTH, LYING_TLV_LENGTH, TLV_PAST_THE_END, WRONG_SUBTYPE_OR_VERSION, VLAN_TAGGED, SPLICED
    }

    private static final Mutation[] MUTATIONS = Mutation.values();
    private static final byte[] BOUNDARY = {0, 1, 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF};

    private final Random random;
    private final List<byte[]> corpus;
    private final long[] used = new long[MUTATIONS.length];

    FrameMutator(long seed, List<byte[]> corpus) {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("empty corpus");
        }
        this.random = new Random(seed);
        this.corpus = List.copyOf(corpus);
    }

    byte[] next() {
        byte[] frame = mutate(MUTATIONS[random.nextInt(MUTATIONS.length)], pick());
        if (random.nextInt(3) == 0) {
            frame = mutate(MUTATIONS[3 + random.nextInt(MUTATIONS.length - 3)], frame);
        }
        return frame;
    }

    /** How often each mutation was applied so far (for the report). */
    String usage() {
        StringBuilder out = new StringBuilder();
        for (Mutation m : MUTATIONS) {
            out.append(out.length() == 0 ? "" : ", ").append(m.name().toLowerCase()).append('=').append(used[m.ordinal()]);
        }
        return out.toString();
    }

    /** Sets the Ethernet source address, when the frame is long enough to have one. */
    static byte[] withSource(byte[] frame, MacAddress source) {
        if (frame.length >= 12) {
            System.arraycopy(source.toBytes(), 0, frame, 6, 6);
        }
        return frame;
    }

    private byte[] pick() {
        return corpus.get(random.nextInt(corpus.size())).clone();
    }

    private byte[] mutate(Mutation m, byte[] f) {
        used[m.ordinal()]++;
        return switch (m) {
            case RANDOM_OCTETS -> octets(random.nextInt(200));
            case RANDOM_SLOW_PROTOCOLS -> header(new byte[] {1, (byte) 0x80, (byte) 0xC2, 0, 0, 2}, 0x8809,
                    withFirst(octets(random.nextInt(130)), random.nextBoolean() ? 1 + random.nextInt(2) : random.nextInt(256)));
            case RANDOM_BPDU -> llc(octets(random.nextInt(130)));
            case BIT_FLIPS -> {
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips && f.length > 0; i++) {
                    f[random.nextInt(f.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield f;
            }
            case OCTETS_SET -> {
                int n = 1 + random.nextInt(4);
                for (int i = 0; i < n && f.length > 0; i++) {
                    f[random.nextInt(f.length)] = random.nextBoolean() ? BOUNDARY[random.nextInt(BOUNDARY.length)]
                            : (byte) random.nextInt(256);
                }
                yield f;
            }
            case TRUNCATED -> Arrays.copyOf(f, random.nextInt(f.length + 1));
            case EXTENDED -> concat(f, octets(1 + random.nextInt(100)));
            case LYING_8023_LENGTH -> {
                if (f.length >= PAYLOAD) {
                    int length = random.nextBoolean() ? random.nextInt(0x600) : f.length - PAYLOAD + random.nextInt(9) - 4;
                    f[TYPE_OR_LENGTH] = (byte) (Math.max(0, length) >> 8);
                    f[TYPE_OR_LENGTH + 1] = (byte) Math.max(0, length);
                }
                yield f;
            }
            case LYING_TLV_LENGTH -> setOne(f, tlvLengths(f), (byte) random.nextInt(256));
            case TLV_PAST_THE_END -> {
                // A version 2 LACPDU may carry TLVs we do not know: give one a length past the end.
                if (isSlowProtocols(f) && f.length > PAYLOAD + 61) {
                    f[PAYLOAD + 1] = 2;
                    f[PAYLOAD + 58] = (byte) (4 + random.nextInt(200));
                    f[PAYLOAD + 59] = (byte) (f.length - PAYLOAD - 58 + 1 + random.nextInt(200));
                    yield f;
                }
                yield setOne(f, tlvLengths(f), (byte) (0xF0 + random.nextInt(16)));
            }
            case WRONG_SUBTYPE_OR_VERSION -> {
                if (isSlowProtocols(f)) {
                    yield setOne(f, new int[] {PAYLOAD, PAYLOAD + 1, PAYLOAD + 2, PAYLOAD + 22}, (byte) random.nextInt(256));
                }
                yield setOne(f, new int[] {BPDU, BPDU + 1, BPDU + 2, BPDU + 3}, (byte) random.nextInt(256));
            }
            case VLAN_TAGGED -> {
                if (f.length < TYPE_OR_LENGTH) {
                    yield f;
                }
                int tpid = random.nextBoolean() ? 0x8100 : 0x88A8;
                byte[] tag = {(byte) (tpid >> 8), (byte) tpid, (byte) random.nextInt(256), (byte) random.nextInt(256)};
                yield concat(concat(Arrays.copyOf(f, TYPE_OR_LENGTH), tag), Arrays.copyOfRange(f, TYPE_OR_LENGTH, f.length));
            }
            case SPLICED -> {
                byte[] other = pick();
                int cut = random.nextInt(f.length + 1);
                int from = random.nextInt(other.length + 1);
                yield concat(Arrays.copyOf(f, cut), Arrays.copyOfRange(other, from, other.length));
            }
        };
    }

    private int[] tlvLengths(byte[] f) {
        if (isSlowProtocols(f) && f.length > PAYLOAD) {
            return f[PAYLOAD] == 2 ? MARKER_TLV_LENGTHS : LACP_TLV_LENGTHS;
        }
        return BPDU_FIELDS;
    }

    private byte[] setOne(byte[] f, int[] offsets, byte value) {
        int at = offsets[random.nextInt(offsets.length)];
        if (at < f.length) {
            f[at] = value;
        }
        return f;
    }

    private static boolean isSlowProtocols(byte[] f) {
        return f.length >= PAYLOAD && (f[TYPE_OR_LENGTH] & 0xFF) == 0x88 && (f[TYPE_OR_LENGTH + 1] & 0xFF) == 0x09;
    }

    private byte[] octets(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] withFirst(byte[] b, int first) {
        if (b.length > 0) {
            b[0] = (byte) first;
        }
        return b;
    }

    private byte[] header(byte[] destination, int type, byte[] payload) {
        byte[] f = new byte[PAYLOAD + payload.length];
        System.arraycopy(destination, 0, f, 0, 6);
        System.arraycopy(octets(6), 0, f, 6, 6);
        f[TYPE_OR_LENGTH] = (byte) (type >> 8);
        f[TYPE_OR_LENGTH + 1] = (byte) type;
        System.arraycopy(payload, 0, f, PAYLOAD, payload.length);
        return f;
    }

    /** An 802.3 frame to the Bridge Group Address with the STP LLC header and {@code bpdu} after it. */
    private byte[] llc(byte[] bpdu) {
        byte[] payload = concat(new byte[] {0x42, 0x42, 0x03}, bpdu);
        return header(new byte[] {1, (byte) 0x80, (byte) 0xC2, 0, 0, 0}, payload.length, payload);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Every Ethernet packet of a capture in the test resources ({@code /captures/...}). */
    static List<byte[]> capture(String name) {
        try (InputStream in = FrameMutator.class.getResourceAsStream("/captures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test capture " + name);
            }
            List<byte[]> out = new ArrayList<>();
            for (CapturedPacket p : CaptureReader.readAll(in.readAllBytes())) {
                if (p.linkType() == LinkType.ETHERNET) {
                    byte[] b = new byte[p.capturedLength()];
                    p.data().duplicate().get(b);
                    out.add(b);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MalformedCaptureException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
