package io.dbaas.gatekeeper.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

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

    /** Built once: each request then only names its tags, rather than configuring a whole timer again. */
    private final Meter.MeterProvider<Timer> timers;

    RequestMetrics(MeterRegistry registry) {
        this.timers = Timer.builder(NAME)
                .description("Requests through GateKeeper, by cluster and status class")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .withRegistry(registry);
    }

    void record(String cluster, int status, Duration duration) {
        timers.withTags("cluster", cluster, "status", statusClass(status)).record(duration);
    }

    /** {@code 2xx} … {@code 5xx}; {@code none} when no status was sent (the client went away first). */
    static String statusClass(int status) {
        return switch (status / 100) {
            case 1 -> "1xx";
            case 2 -> "2xx";
            case 3 -> "3xx";
            case 4 -> "4xx";
            case 5 -> "5xx";
            default -> "none";
        };
    }
}
