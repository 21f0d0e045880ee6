/**
 * The benchmark run behind {@code bench/run}: every figure of DESIGN.md's "Performance and
 * reliability targets", measured for twinlink and for a real peer (Open vSwitch, the kernel's
 * 802.1D bridge) in the same run, on this machine, in network namespaces, with the
 * integration tests' harness ({@code io.twinlink.it.harness}). {@link io.twinlink.bench.BenchmarkRun}
 * is the entry point; it writes its section of docs/BENCHMARKS.md between markers and leaves
 * the rest of the file alone.
 */
package io.twinlink.bench;
