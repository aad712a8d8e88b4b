package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.helm.support.ExampleValues;
import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.MonitoringObjects;
import io.dbaas.helm.support.MonitoringObjects.AlertRule;
import io.dbaas.helm.support.MonitoringValues;
import org.junit.jupiter.api.Test;

/** The platform's backup defaults and bounds reach Orion, and failing backups raise an alert. */
class OrionBackupSettingsTest {

    @Test
    void orionBackupValuesBecomeOrionsBackupSettings() {
        var tuned = HelmChart.render(ExampleValues.MULTI_REGION, """
                orion:
                  backups:
                    default-interval: PT12H
                    retention-after-deletion: P90D
                """);

        var backups = tuned.springConfig("orion").at("/orion/backups");
        assertThat(backups.path("default-interval").asText()).isEqualTo("PT12H");
        assertThat(backups.path("retention-after-deletion").asText()).isEqualTo("P90D");
        assertThat(HelmChart.render(ExampleValues.MULTI_REGION)
                        .springConfig("orion")
                        .at("/orion/backups")
                        .isMissingNode())
                .as("without values, Orion's own defaults hold")
                .isTrue();
    }

    @Test
    void failedBackupsInTheLastHourRaiseAWarning() {
        AlertRule rule =
                MonitoringObjects.alertRules(HelmChart.render(MonitoringValues.EVERY_MONITORING_OBJECT)).stream()
                        .filter(candidate -> candidate.alert().equals("DbaasBackupsFailing"))
                        .findFirst()
                        .orElseThrow();

        assertThat(rule.expr())
                .contains("increase(orion_backups_failed_total{")
                .contains("[1h]")
                .endsWith("> 0");
        assertThat(rule.labels().get("severity")).isEqualTo("warning");
    }
}
