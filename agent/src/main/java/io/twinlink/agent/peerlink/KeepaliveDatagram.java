package io.twinlink.agent.peerlink;

import io.twinlink.mlag.Keepalive;
import io.twinlink.mlag.PeerMessage;
import io.twinlink.mlag.PeerMessageCodec;
import io.twinlink.wire.MalformedPduException;
import java.nio.ByteBuffer;

/**
 * One backup keepalive datagram, sealed with a MAC:
 *
 * <pre>
 *  0..7        epoch: when the sender started (ms since 1970), so datagrams of an earlier run are older
 *  8..15       sequence number within the epoch (1, 2, ...)
 *  16..n-33    a {@link Keepalive} in the peer-link message format
 *  n-32..n-1   HMAC-SHA256(key derived from the secret for keepalives, octets 0..n-33)
 * </pre>
 *
 * A receiver accepts only datagrams newer than the newest it accepted (a later epoch, or the
 * same epoch and a higher number): UDP may lose datagrams (gaps are fine) but a replayed or
 * reordered one is dropped. One limit, documented: if the sender's wall clock stepped back
 * across a restart, its datagrams look old until the receiver restarts or the clock passes
 * the old epoch.
 */
final class KeepaliveDatagram {

    static final int EPOCH = 0;
    static final int SEQ = 8;
    static final int PAYLOAD = 16;
    static final int MIN_LENGTH = PAYLOAD + PeerMessageCodec.HEADER_LENGTH + HmacSha256.LENGTH;
    static final int MAX_LENGTH = 512;

    private static final String PURPOSE = "twinlink backup keepalive v1";

    /** Why a datagram was refused, for the counters. */
    enum Refusal { MALFORMED, AUTH, REPLAY }

    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final Refusal kind;

        Refused(Refusal kind, String reason) {
            super(reason, null, false, false);
            this.kind = kind;
        }
    }

    private final HmacSha256 mac;
    private long newestEpoch = Long.MIN_VALUE;
    private long newestSeq;

    KeepaliveDatagram(SharedSecret secret) {
        this.mac = new HmacSha256(secret.derive(PURPOSE));
    }

    byte[] seal(long epoch, long seq, Keepalive keepalive) {
        byte[] payload = PeerMessageCodec.encode(keepalive);
        byte[] out = new byte[PAYLOAD + payload.length + HmacSha256.LENGTH];
        ByteBuffer buf = ByteBuffer.wrap(out);
        buf.putLong(EPOCH, epoch).putLong(SEQ, seq);
        buf.put(PAYLOAD, payload);
        byte[] tag = mac.mac(java.util.Arrays.copyOf(out, PAYLOAD + payload.length));
        buf.put(PAYLOAD + payload.length, tag);
        return out;
    }

    /** Checks, then remembers the datagram as the newest; only then is it believed. */
    Keepalive open(byte[] datagram) throws Refused {
        int n = datagram.length;
        if (n < MIN_LENGTH || n > MAX_LENGTH) {
            throw new Refused(Refusal.MALFORMED, "keepalive datagram of " + n + " octets");
        }
        int signed = n - HmacSha256.LENGTH;
        byte[] expected = mac.mac(java.util.Arrays.copyOf(datagram, signed));
        if (!HmacSha256.same(expected, java.util.Arrays.copyOfRange(datagram, signed, n))) {
            throw new Refused(Refusal.AUTH, "keepalive MAC does not verify");
        }
        ByteBuffer buf = ByteBuffer.wrap(datagram);
        long epoch = buf.getLong(EPOCH);
        long seq = buf.getLong(SEQ);
        if (epoch < newestEpoch || (epoch == newestEpoch && seq <= newestSeq)) {
            throw new Refused(Refusal.REPLAY, "keepalive epoch " + epoch + " seq " + seq + " is not newer than epoch "
                    + newestEpoch + " seq " + newestSeq);
        }
        PeerMessage message;
        try {
            message = PeerMessageCodec.decode(ByteBuffer.wrap(datagram, PAYLOAD, signed - PAYLOAD).slice());
        } catch (MalformedPduException e) {
            throw new Refused(Refusal.MALFORMED, "keepalive payload: " + e.getMessage());
        }
        if (!(message instanceof Keepalive keepalive)) {
            throw new Refused(Refusal.MALFORMED, "not a keepalive: " + message.getClass().getSimpleName());
        }
        newestEpoch = epoch;
        newestSeq = seq;
        return keepalive;
    }
}
