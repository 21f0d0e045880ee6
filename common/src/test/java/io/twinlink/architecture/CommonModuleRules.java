package io.twinlink.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What keeps {@code common} pure (DESIGN.md, "The boundaries that matter"): protocol code that
 * neither does I/O nor reads a clock, so every timer is driven by tick(elapsed) and every test
 * runs in virtual time. The agent reaches the OS; common only computes.
 */
final class CommonModuleRules {

    static final ArchRule NO_NATIVE_OR_NETWORK_LIBRARIES = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.pcap4j..", "com.sun.jna..", "io.netty..")
            .because("common is pure protocol code; pcap4j, JNA and Netty belong to the agent");

    static final ArchRule NO_AGENT = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.twinlink.agent..")
            .because("the agent depends on common, never the reverse");

    static final ArchRule NO_FILES_SOCKETS_OR_CHANNELS = noClasses()
            .should().dependOnClassesThat(fileOrSocketIo())
            .because("common does no I/O: callers hand it bytes and take bytes back");

    static final ArchRule NO_CLOCK = noClasses()
            .should().dependOnClassesThat().belongToAnyOf(java.time.Clock.class, java.time.InstantSource.class,
                    java.util.Timer.class, java.util.Date.class)
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethodWhere(readsTheClock())
            .because("common never reads a clock: time arrives as tick(elapsed)");

    static final ArchRule NO_SLEEPING_OR_PROCESSES = noClasses()
            .should().callMethod(Thread.class, "sleep", long.class)
            .orShould().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class, Runtime.class)
            .because("common neither waits on real time nor runs programs");

    private CommonModuleRules() {
    }

    private static DescribedPredicate<JavaClass> fileOrSocketIo() {
        return new DescribedPredicate<>("are file, socket or channel I/O classes") {
            @Override
            public boolean test(JavaClass c) {
                String name = c.getName();
                return name.startsWith("java.io.File") || name.equals("java.io.RandomAccessFile")
                        || name.startsWith("java.nio.file.") || name.startsWith("java.nio.channels.")
                        || name.startsWith("java.net.") && (name.contains("Socket") || name.contains("URL")
                        || name.contains("http") || name.contains("Datagram"));
            }
        };
    }

    /** {@code now()} of any java.time class (Instant.now(), LocalDateTime.now(), ...). */
    private static DescribedPredicate<JavaAccess<?>> readsTheClock() {
        return new DescribedPredicate<>("the target is a java.time now() method") {
            @Override
            public boolean test(JavaAccess<?> access) {
                return access.getTarget().getOwner().getPackageName().startsWith("java.time")
                        && access.getTarget().getName().equals("now");
            }
        };
    }
}
