package io.twinlink.mlag;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md "The boundaries that matter": the pair logic never reads a clock and never does I/O. */
class MlagPurityTest {

    private final JavaClasses mlag = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.twinlink.mlag");

    @Test
    void noClockNoIoNoThreads() {
        noClasses().should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.channels..", "java.net..",
                        "java.nio.file..", "java.time..", "java.util.concurrent.locks..", "io.netty..")
                .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                .check(mlag);
    }
}
