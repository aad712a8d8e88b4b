package io.dbaas.diagrams;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.diagrams.support.MermaidCheck;
import io.dbaas.diagrams.support.MermaidCheck.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The check itself: a diagram that would not render fails the build, naming where and why. */
class MermaidCheckScriptTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures").toAbsolutePath();

    @Test
    void aBlockThatDoesNotParseFailsNamingFileLineAndTheParsersMessage() {
        Result result = MermaidCheck.run(FIXTURES.resolve("broken"), "--exclude", "unclosed.md");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errors())
                .contains("broken-sequence.md:10: Parse error on line 5:")
                .contains("Expecting 'TXT', got 'NEWLINE'")
                .contains("1 of 1 mermaid block(s) in 1 file(s)");
    }

    @Test
    void aSemicolonInASequenceMessageFailsAsItBreaksTheDiagramOnGitHub() {
        Result result = MermaidCheck.run(FIXTURES.resolve("semicolon"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errors()).contains("semicolon-in-message.md:10: Parse error on line 4:");
    }

    @Test
    void aBlockThatIsNeverClosedFails() {
        Result result = MermaidCheck.run(FIXTURES.resolve("broken"), "--exclude", "broken-sequence.md");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errors()).contains("unclosed.md:3: mermaid block is never closed");
    }

    @Test
    void everyDiagramKindTheDocumentationUsesParsesAndOtherCodeBlocksAreLeftAlone() {
        Result result = MermaidCheck.run(FIXTURES.resolve("valid"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("4 mermaid block(s) in 1 file(s)").contains("all parse");
    }

    @Test
    void aBrokenBlockAmongValidOnesStillFailsTheWholeRun() {
        Result result = MermaidCheck.run(FIXTURES, "--exclude", "broken/unclosed.md", "--exclude", "semicolon");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errors()).contains("1 of 5 mermaid block(s) in 2 file(s)");
    }

    @Test
    void withoutADirectoryToSearchItRefusesToRun() {
        Result result = MermaidCheck.run(FIXTURES, "--unknown-option");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errors()).contains("usage: node check-mermaid.mjs <root>");
    }
}
