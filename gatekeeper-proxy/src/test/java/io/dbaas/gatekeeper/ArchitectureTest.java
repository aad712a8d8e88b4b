package io.dbaas.gatekeeper;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The directory is the seam: events write it, the gateway reads it, and neither side knows the other. That keeps the
 * request path free of Kafka and the event path free of HTTP.
 */
@AnalyzeClasses(packages = "io.dbaas.gatekeeper", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule directoryDependsOnNeitherSide = noClasses()
            .that()
            .resideInAPackage("..gatekeeper.directory..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "..gatekeeper.events..", "..gatekeeper.routing..", "org.springframework..", "org.apache.kafka..");

    @ArchTest
    static final ArchRule requestPathKnowsNothingOfKafka = noClasses()
            .that()
            .resideInAnyPackage("..gatekeeper.routing..", "..gatekeeper.problem..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..gatekeeper.events..", "org.apache.kafka..", "org.springframework.kafka..");

    @ArchTest
    static final ArchRule eventPathKnowsNothingOfTheRequestPath = noClasses()
            .that()
            .resideInAPackage("..gatekeeper.events..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "..gatekeeper.routing..",
                    "..gatekeeper.exchange..",
                    "..gatekeeper.upstream..",
                    "reactor.netty..",
                    "org.springframework.web..");
}
