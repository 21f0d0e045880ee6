package io.twinlink.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.twinlink.archfixture.ImpureCodec;
import org.junit.jupiter.api.Test;

/** The module rules hold for every production class of common, and they do catch violations. */
@AnalyzeClasses(packages = "io.twinlink", importOptions = {ImportOption.DoNotIncludeTests.class,
        ImportOption.DoNotIncludeJars.class})
class CommonModuleTest {

    @ArchTest
    static final ArchRule noNativeOrNetworkLibraries = CommonModuleRules.NO_NATIVE_OR_NETWORK_LIBRARIES;
    @ArchTest
    static final ArchRule noAgent = CommonModuleRules.NO_AGENT;
    @ArchTest
    static final ArchRule noFilesSocketsOrChannels = CommonModuleRules.NO_FILES_SOCKETS_OR_CHANNELS;
    @ArchTest
    static final ArchRule noClock = CommonModuleRules.NO_CLOCK;
    @ArchTest
    static final ArchRule noSleepingOrProcesses = CommonModuleRules.NO_SLEEPING_OR_PROCESSES;

    /** A rule that cannot fail proves nothing: run each against a class that breaks it. */
    @Test
    void everyRuleRejectsAnImpureClass() {
        JavaClasses impure = new ClassFileImporter().importClasses(ImpureCodec.class);
        for (ArchRule rule : new ArchRule[] {CommonModuleRules.NO_FILES_SOCKETS_OR_CHANNELS, CommonModuleRules.NO_CLOCK,
                CommonModuleRules.NO_SLEEPING_OR_PROCESSES}) {
            assertThatThrownBy(() -> rule.check(impure)).as(rule.getDescription()).isInstanceOf(AssertionError.class);
        }
        assertThatThrownBy(() -> CommonModuleRules.NO_CLOCK.check(new ClassFileImporter()
                .importClasses(ImpureCodec.InstantNow.class))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> CommonModuleRules.NO_FILES_SOCKETS_OR_CHANNELS.check(new ClassFileImporter()
                .importClasses(ImpureCodec.Sockets.class))).isInstanceOf(AssertionError.class);
    }
}
