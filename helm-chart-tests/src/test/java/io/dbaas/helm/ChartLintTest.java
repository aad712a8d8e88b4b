package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import io.dbaas.helm.support.HelmChart;
import org.junit.jupiter.api.Test;

class ChartLintTest {

    @Test
    void chartPassesHelmLintInStrictMode() {
        LintResult result = HelmChart.lint();

        assertThat(result.isFailed())
                .as("lint failed: %s", result.getMessages())
                .isFalse();
        assertThat(result.getMessages())
                .noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }
}
