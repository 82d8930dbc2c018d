package io.centrasync;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages form a ladder, each using only those below it: the mapping model; the run and its pages; the
 * Centra client; the store (tables, checkpoints, dead letters, in one transaction); the Camel beans and their
 * assembly; the benchmark; the command line. The simulator stands apart: it uses none of them.
 */
@AnalyzeClasses(packages = "io.centrasync", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

    @ArchTest
    static final ArchRule eachLayerUsesOnlyTheOnesBelow = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("mapping").definedBy("io.centrasync.mapping..")
            .layer("run").definedBy("io.centrasync.run..")
            .layer("centra").definedBy("io.centrasync.centra..")
            .layer("store").definedBy("io.centrasync.store..")
            .layer("camel").definedBy("io.centrasync.camel..")
            .layer("bench").definedBy("io.centrasync.bench..")
            .layer("cli").definedBy("io.centrasync.cli..")
            .layer("simulator").definedBy("io.centrasync.simulator..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("bench").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("camel").mayOnlyBeAccessedByLayers("bench", "cli")
            .whereLayer("store").mayOnlyBeAccessedByLayers("camel", "bench", "cli")
            .whereLayer("centra").mayOnlyBeAccessedByLayers("store", "camel", "bench", "cli")
            .whereLayer("run").mayOnlyBeAccessedByLayers("centra", "store", "camel", "bench", "cli")
            .whereLayer("mapping").mayOnlyBeAccessedByLayers("run", "centra", "store", "camel", "bench", "cli")
            .whereLayer("simulator").mayOnlyBeAccessedByLayers("bench", "cli");

    @ArchTest
    static final ArchRule theSimulatorStandsApart = noClasses().that().resideInAPackage("io.centrasync.simulator..")
            .should().dependOnClassesThat().resideInAnyPackage("io.centrasync.mapping..", "io.centrasync.run..",
                    "io.centrasync.centra..", "io.centrasync.store..", "io.centrasync.camel..", "io.centrasync.bench..",
                    "io.centrasync.cli..");

    @ArchTest
    static final ArchRule noCircles = slices().matching("io.centrasync.(*)..").should().beFreeOfCycles();
}
