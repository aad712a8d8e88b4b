package io.dbaas.nebula;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of CONVENTIONS.md (model → reconcile → apply), enforced as Strimzi's import-control does, and the layout
 * of the Kubernetes backend around it: region access and metrics below, watches (status) beside the reconciler, the
 * backend's entry point ({@code io.dbaas.nebula.kubernetes}) on top.
 */
@AnalyzeClasses(packages = "io.dbaas.nebula", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule modelNeverCallsTheCluster = noClasses()
            .that()
            .resideInAPackage("..kubernetes.model..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.fabric8.kubernetes.client..", "org.springframework..");

    @ArchTest
    static final ArchRule modelUsesOnlyKubernetesModelClassesAndPlainSpecs = classes()
            .that()
            .resideInAPackage("..kubernetes.model..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "org.jspecify..",
                    "io.fabric8.kubernetes.api.model..",
                    // The Prometheus operator's kinds (PodMonitor): model classes too, no client.
                    "io.fabric8.openshift.api.model.monitoring..",
                    "io.dbaas.contracts",
                    // Backup ids, job names and a restore's source: plain records and naming rules.
                    "io.dbaas.contracts.backup",
                    // The contracts' JSON mapper, for the restore source kept in an annotation.
                    "tools.jackson..",
                    "io.dbaas.nebula.kubernetes.model..",
                    "io.dbaas.nebula.config..",
                    "io.dbaas.nebula.infrastructure..");

    @ArchTest
    static final ArchRule blueprintsOnlyRender = noClasses()
            .that()
            .resideInAPackage("..kubernetes.blueprint..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.fabric8.kubernetes.client..", "..kubernetes.apply..", "..kubernetes.reconcile..");

    @ArchTest
    static final ArchRule reconcileGoesThroughTheApplyLayer = noClasses()
            .that()
            .resideInAPackage("..kubernetes.reconcile..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.fabric8.kubernetes.client..");

    @ArchTest
    static final ArchRule theBackendContractKnowsNoBackend = noClasses()
            .that()
            .resideInAPackage("..nebula.infrastructure..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.fabric8..", "io.dbaas.nebula.kubernetes..");

    @ArchTest
    static final ArchRule watchesOnlyRequestReconciles = noClasses()
            .that()
            .resideInAPackage("..kubernetes.status..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..kubernetes.reconcile..", "..kubernetes.apply..", "io.dbaas.nebula.kubernetes")
            .because("a watch asks for a reconcile through ReconcileRequests; restoring is the reconciler's job");

    @ArchTest
    static final ArchRule theReconcilerKnowsNoWatch = noClasses()
            .that()
            .resideInAPackage("..kubernetes.reconcile..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..kubernetes.status..", "..kubernetes.metrics..", "..kubernetes.region..");

    @ArchTest
    static final ArchRule regionAccessAndMetricsKnowNoBackend = noClasses()
            .that()
            .resideInAnyPackage("..kubernetes.region..", "..kubernetes.metrics..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.dbaas.nebula.kubernetes",
                    "..kubernetes.status..",
                    "..kubernetes.reconcile..",
                    "..kubernetes.topology..");

    @ArchTest
    static final ArchRule backupsReachKubernetesOnlyThroughRegionsAndModel = noClasses()
            .that()
            .resideInAPackage("..nebula.backup..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..kubernetes.reconcile..", "..kubernetes.apply..", "..kubernetes.blueprint..");

    @ArchTest
    static final ArchRule kubernetesPackagesHaveNoCycles =
            slices().matching("io.dbaas.nebula.kubernetes.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule nebulaPackagesHaveNoCycles =
            slices().matching("io.dbaas.nebula.(**)").should().beFreeOfCycles();
}
