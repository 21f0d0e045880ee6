package io.twinlink.agent.peerlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.mlag.Heartbeat;
import io.twinlink.mlag.Role;
import java.util.ArrayDeque;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** The in-memory peer-link behaves like the real one where the daemon can tell. */
class InMemoryPeerLinkTest {

    private final Queue<Runnable> tasks = new ArrayDeque<>();

    private void runAll() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
        }
    }

    @Test
    void upMessagesCutMendDrop() {
        InMemoryPeerLink[] ends = InMemoryPeerLink.pair(tasks::add);
        NettyPeerLinkTest.Heard ha = new NettyPeerLinkTest.Heard();
        NettyPeerLinkTest.Heard hb = new NettyPeerLinkTest.Heard();
        ends[0].setListener(ha);
        ends[1].setListener(hb);
        ends[0].start();
        runAll();
        assertThat(ends[0].isUp()).isFalse();
        ends[1].start();
        runAll();
        assertThat(ha.events).containsExactly("up");
        assertThat(hb.events).containsExactly("up");

        assertThat(ends[0].send(new Heartbeat(1, Role.PRIMARY, 0))).isTrue();
        assertThat(hb.messages).isEmpty(); // delivered by the loop, not inside send
        runAll();
        assertThat(hb.messages).containsExactly(new Heartbeat(1, Role.PRIMARY, 0));

        ends[0].cut();
        assertThat(ends[1].send(new Heartbeat(2, Role.SECONDARY, 0))).isFalse();
        ends[0].mend();
        runAll();
        assertThat(ha.events).containsExactly("up", "down: cable cut", "up");
        assertThat(ends[0].counters().reconnects()).isEqualTo(1);

        ends[1].drop("3 heartbeat intervals without a word from the peer");
        runAll();
        assertThat(hb.events).endsWith("down: 3 heartbeat intervals without a word from the peer", "up");
        assertThat(ha.events).endsWith("down: connection closed by the peer", "up");
    }
}
