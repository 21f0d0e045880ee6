package io.twinlink.agent.io;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many frames one port's capture thread hands to the event loop, so that a flood
 * on one wire (garbage, or valid-looking PDUs from a stranger) costs bounded CPU and cannot
 * starve the partner's own frames.
 *
 * <p>Token buckets, one per talker: a talker is a source MAC address and a kind of control
 * frame (Slow Protocols, IEEE BPDU, PVST+ BPDU), so a Cisco neighbour's hundreds of per-VLAN
 * PVST+ BPDUs never use up the budget of its own IEEE BPDUs. Each talker may send
 * {@value #TALKER_RATE} frames per second with bursts of {@value #TALKER_BURST}: far above
 * what a well-behaved one sends (LACP at most 3 LACPDUs per second and port
 * [802.1AX-2020 6.4.16]; RSTP at most TxHoldCount, 10 at most, BPDUs per second
 * [802.1D-2004 17.13.12]). Up to {@value #TALKERS} talkers per port get a bucket of their own;
 * those that come when the table is full share one more bucket of the same size, and a
 * talker silent for {@value #IDLE_SECONDS} s (longer than the 90 s slow LACP timeout) gives
 * its place up. A port thus delivers at most (TALKERS + 1) x TALKER_RATE frames per second,
 * whatever arrives.
 *
 * <p>What this cannot do: keep apart a stranger that forges the partner's own source
 * address, and give a place to a new partner while the table is full of a flood's sources
 * (random source addresses, each seen once, hold their places until idle).
 *
 * <p>Capture-thread only; {@link #dropped()} may be read from anywhere.
 */
final class IngressPolicer {

    static final int TALKERS = 16;
    static final int TALKER_RATE = 50;
    static final int TALKER_BURST = 100;
    static final int IDLE_SECONDS = 120;

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
    private static final int ETHERNET_HEADER = 14;

    /** A frame kind, so one talker's PVST+ flood cannot use up its IEEE BPDUs' or LACPDUs' budget. */
    private static final long SLOW_PROTOCOLS = 1L << 48;
    private static final long IEEE_BPDU = 2L << 48;
    private static final long OTHER = 3L << 48;

    private final Map<Long, Bucket> talkers = new HashMap<>();
    private final Bucket others;
    private volatile long dropped;

    IngressPolicer(long nowNanos) {
        others = new Bucket(nowNanos);
    }

    /** Whether the frame may go on to the event loop; a frame refused is counted in {@link #dropped()}. */
    boolean admit(byte[] frame, long nowNanos) {
        long talker = talker(frame);
        Bucket bucket = talkers.get(talker);
        if (bucket == null) {
            bucket = place(talker, nowNanos);
        }
        if (bucket.take(nowNanos)) {
            return true;
        }
        dropped++; // written by the capture thread only
        return false;
    }

    /** Frames refused since the port was opened. */
    long dropped() {
        return dropped;
    }

    /** How many talkers have a bucket of their own (for tests). */
    int talkers() {
        return talkers.size();
    }

    private Bucket place(long talker, long nowNanos) {
        if (talkers.size() >= TALKERS) {
            evictIdle(nowNanos);
        }
        if (talkers.size() >= TALKERS) {
            return others;
        }
        Bucket b = new Bucket(nowNanos);
        talkers.put(talker, b);
        return b;
    }

    private void evictIdle(long nowNanos) {
        for (Iterator<Bucket> it = talkers.values().iterator(); it.hasNext(); ) {
            if (nowNanos - it.next().lastSeen > IDLE_NANOS) {
                it.remove();
            }
        }
    }

    /** The source address (48 bits) and the kind of frame, as one key. */
    private static long talker(byte[] frame) {
        if (frame.length < ETHERNET_HEADER) {
            return OTHER;
        }
        long source = 0;
        for (int i = 6; i < 12; i++) {
            source = source << 8 | (frame[i] & 0xFF);
        }
        int type = (frame[12] & 0xFF) << 8 | (frame[13] & 0xFF);
        if (type == 0x8809) {
            return SLOW_PROTOCOLS | source;
        }
        // 01:80:c2:00:00:00, the Bridge Group Address [802.1D-2004 7.12.3]; PVST+ goes to 01:00:0c:cc:cc:cd
        boolean bridgeGroup = frame[0] == 0x01 && (frame[1] & 0xFF) == 0x80 && (frame[2] & 0xFF) == 0xC2;
        return (bridgeGroup ? IEEE_BPDU : OTHER) | source;
    }

    /** TALKER_RATE tokens a second, at most TALKER_BURST saved up; one token per frame. */
    private static final class Bucket {
        /** Tokens times NANOS_PER_SECOND, so refilling needs no division. */
        private long credit = TALKER_BURST * NANOS_PER_SECOND;
        private long refilledAt;
        private long lastSeen;

        Bucket(long nowNanos) {
            refilledAt = nowNanos;
            lastSeen = nowNanos;
        }

        boolean take(long nowNanos) {
            lastSeen = nowNanos;
            long elapsed = Math.max(0, nowNanos - refilledAt);
            refilledAt = nowNanos;
            // Cap elapsed first: a bucket idle for hours must not overflow the product.
            credit = Math.min(TALKER_BURST * NANOS_PER_SECOND,
                    credit + Math.min(elapsed, TALKER_BURST * NANOS_PER_SECOND) * TALKER_RATE);
            if (credit < NANOS_PER_SECOND) {
                return false;
            }
            credit -= NANOS_PER_SECOND;
            return true;
        }
    }
}
