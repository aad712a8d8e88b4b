package io.dbaas.diagrams;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.diagrams.support.MermaidCheck;
import io.dbaas.diagrams.support.MermaidCheck.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every mermaid block of the repository's Markdown (README, SOLUTION.md, docs/**, ...) renders on GitHub. */
class RepositoryDiagramsTest {

    private static final Path ROOT = MermaidCheck.repositoryRoot();

    @Test
    void everyMermaidBlockOfTheRepositoryParses() {
        Result result = MermaidCheck.run(ROOT, "--exclude", "docs-diagram-check/src/test/resources/fixtures");

        assertThat(result.exitCode()).as(result.errors()).isZero();
        assertThat(result.output()).contains("all parse");
    }
}
