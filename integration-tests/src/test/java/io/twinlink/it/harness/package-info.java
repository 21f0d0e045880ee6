/**
 * Real peers for integration tests: network namespaces, veth and tap links, private Open
 * vSwitch instances, a Linux bonding guest under qemu, tcpdump captures and the tshark oracle.
 * Everything is created under this run's id ({@link io.twinlink.it.harness.TestRun}) and is
 * {@link java.lang.AutoCloseable}; a shutdown hook closes what a crashed test left open.
 *
 * <pre>{@code
 * try (Netns a = Netns.create("a"); Netns b = Netns.create("b");
 *      OvsSwitch ovs = OvsSwitch.start(b)) {
 *     a.veth("eth1", b, "p1");                       // a:eth1 <-> b:p1
 *     ovs.addBridge("br0");
 *     ovs.addBond("br0", "bond0", List.of("p1"), LacpActivity.ACTIVE, LacpRate.FAST);
 *     a.linkUp("eth1"); b.linkUp("p1");
 *     await().until(() -> ovs.lacpShow("bond0").negotiated());
 * }
 * }</pre>
 *
 * Polling uses Awaitility with a deadline, never sleeps; measured timings go through
 * {@link io.twinlink.it.harness.Figures} so the benchmark script can compare them.
 */
package io.twinlink.it.harness;
