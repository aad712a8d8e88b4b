package io.dbaas.gatekeeper.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code gatekeeper.requests}: a timer per cluster and status class, with fixed latency buckets for histograms.
 * Fixed buckets rather than a percentile histogram: per-cluster series multiply by every bucket, and a dozen buckets
 * keep ten thousand clusters affordable while still answering "how many requests took over 100 ms".
 */
final class RequestMetrics {

    static final String NAME = "gatekeeper.requests";

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30)
    };

    private static final String[] STATUS_CLASSES = {"none", "1xx", "2xx", "3xx", "4xx", "5xx"};

    /** Built once: a cluster's timers are then made by naming their tags only. */
    private final Meter.MeterProvider<Timer> timers;

    /**
     * Each cluster's timers by status class, found with one map read per request instead of building and looking up
     * a meter id. As many entries as clusters ever served, like the registry's own meters.
     */
    private final Map<String, Timer[]> byCluster = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry registry) {
        this.timers = Timer.builder(NAME)
                .description("Requests through GateKeeper, by cluster and status class")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .withRegistry(registry);
    }

    void record(String cluster, int status, Duration duration) {
        Timer[] timersByClass = byCluster.computeIfAbsent(cluster, any -> new Timer[STATUS_CLASSES.length]);
        int statusClass = classIndex(status);
        Timer timer = timersByClass[statusClass];
        if (timer == null) {
            // Registered when first needed, so that only status classes that occur become series. Two threads may
            // both get here: the registry hands both the same timer.
            timer = timers.withTags("cluster", cluster, "status", STATUS_CLASSES[statusClass]);
            timersByClass[statusClass] = timer;
        }
        timer.record(duration);
    }

    /** {@code 2xx} … {@code 5xx}; {@code none} when no status was sent (the client went away first). */
    static String statusClass(int status) {
        return STATUS_CLASSES[classIndex(status)];
    }

    private static int classIndex(int status) {
        int hundreds = status / 100;
        return hundreds >= 1 && hundreds <= 5 ? hundreds : 0;
    }
}
