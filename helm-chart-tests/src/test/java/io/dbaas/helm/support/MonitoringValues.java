package io.dbaas.helm.support;

/** Values that switch on every monitoring object the chart can render. */
public final class MonitoringValues {

    public static final String EVERY_MONITORING_OBJECT = """
            metrics:
              serviceMonitor: {enabled: true}
              prometheusRule: {enabled: true}
              dashboards: {enabled: true}
            """;

    private MonitoringValues() {}
}
