package io.dbaas.orion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.DiagramStyle;

/**
 * Orion's feature packages are modules: each depends on others one way only, through their API (the module's top
 * package or a named interface), never on another module's internals. A new cycle or a reach into {@code web/} of
 * another feature fails this test, and so does a module diagram under {@code docs/diagrams} that no longer matches
 * the code. To redraw it: {@code ./mvnw -pl shared-contracts,orion-api verify -Dtest=ModularityTest
 * -Dorion.modules.redraw=true -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}, then commit both files.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(OrionApplication.class);

    /** Relative to orion-api/, where Maven runs the tests. */
    static final Path DIAGRAMS = Path.of("..", "docs", "diagrams");

    static final Path PLANTUML = DIAGRAMS.resolve("orion-modules.puml");
    static final Path MARKDOWN = DIAGRAMS.resolve("orion-modules.md");

    static final boolean REDRAW = Boolean.getBoolean("orion.modules.redraw");

    @Test
    void featureModulesDependOnEachOtherOneWayThroughTheirApi() {
        MODULES.verify();
    }

    /** The C4 component view Spring Modulith's documenter draws: every module and the modules it depends on. */
    @Test
    void theCommittedPlantUmlDiagramIsTheOneTheCodeDraws() throws IOException {
        Path drawn = Path.of("target", "spring-modulith-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(drawn.toString()))
                .writeModulesAsPlantUml(DiagramOptions.defaults().withStyle(DiagramStyle.C4));
        String expected = Files.readString(drawn.resolve("components.puml"), StandardCharsets.UTF_8);

        if (REDRAW) {
            Files.writeString(PLANTUML, expected, StandardCharsets.UTF_8);
        }
        // The documenter writes elements and relations in no fixed order: the same lines, in any order, are the
        // same diagram.
        assertThat(Files.readAllLines(PLANTUML, StandardCharsets.UTF_8))
                .as("%s is stale: redraw it (see this test's Javadoc)", PLANTUML)
                .containsExactlyInAnyOrderElementsOf(expected.lines().toList());
    }

    /** The same dependencies as a Mermaid flowchart in Markdown, which renders where people read the docs. */
    @Test
    void theCommittedMermaidDiagramIsTheOneTheCodeDraws() throws IOException {
        String expected = mermaid();
        String page = Files.readString(MARKDOWN, StandardCharsets.UTF_8);

        if (REDRAW) {
            int start = page.indexOf("```mermaid\n");
            int end = page.indexOf("```\n", start + 1) + "```\n".length();
            page = page.substring(0, start) + expected + page.substring(end);
            Files.writeString(MARKDOWN, page, StandardCharsets.UTF_8);
        }
        assertThat(page)
                .as("the diagram in %s is stale: redraw it (see this test's Javadoc)", MARKDOWN)
                .contains(expected);
    }

    private static String mermaid() {
        String edges = MODULES.stream()
                .sorted((a, b) ->
                        a.getIdentifier().toString().compareTo(b.getIdentifier().toString()))
                .flatMap(module -> module.getDirectDependencies(MODULES)
                        .uniqueModules()
                        .map(ApplicationModule::getIdentifier)
                        .map(Object::toString)
                        .sorted()
                        .distinct()
                        .map(target -> "    " + module.getIdentifier() + " --> " + target))
                .collect(Collectors.joining("\n"));
        return "```mermaid\nflowchart LR\n" + edges + "\n```\n";
    }
}
