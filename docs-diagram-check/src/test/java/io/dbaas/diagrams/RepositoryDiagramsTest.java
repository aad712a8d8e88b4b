package io.dbaas.diagrams;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.diagrams.support.MermaidCheck;
import io.dbaas.diagrams.support.MermaidCheck.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every mermaid block of the repository's Markdown (README, SOLUTION.md, docs/**, ...) renders on GitHub. */
class RepositoryDiagramsTest {

    private static final Path ROOT = MermaidCheck.repositoryRoot();
    private static final Path DIAGRAMS = ROOT.resolve("docs/diagrams");

    @Test
    void everyMermaidBlockOfTheRepositoryParses() {
        Result result = MermaidCheck.run(ROOT, "--exclude", "docs-diagram-check/src/test/resources/fixtures");

        assertThat(result.exitCode()).as(result.errors()).isZero();
        assertThat(result.output()).contains("all parse");
    }

    @Test
    void everyDiagramPageHoldsADiagramAndIsListedInTheIndex() throws IOException {
        String index = Files.readString(DIAGRAMS.resolve("README.md"));
        List<Path> pages;
        try (Stream<Path> files = Files.list(DIAGRAMS)) {
            pages = files.filter(file -> file.toString().endsWith(".md"))
                    .filter(file -> !file.getFileName().toString().equals("README.md"))
                    .toList();
        }

        assertThat(pages).isNotEmpty();
        for (Path page : pages) {
            assertThat(Files.readString(page)).as(page.toString()).contains("```mermaid");
            assertThat(index)
                    .as("docs/diagrams/README.md links " + page.getFileName())
                    .contains("(" + page.getFileName() + ")");
        }
    }
}
