package io.dbaas.nebula.kubernetes.metrics;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.region.RegionId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Times every reconcile of a cluster's objects (for a command, for a change the watches saw, on every resync) as the
 * timer {@code nebula.reconciles}, tagged with the engine, the provider and region, and how it ended. Tag values come
 * from the engine enum and the region catalog only: a reconcile is timed once its region is known to be configured.
 */
@Component
public class Reconciles {

    static final String NAME = "nebula.reconciles";

    /** Buckets from a quick converge to a slow API server: enough for a latency SLO without a full histogram. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60)
    };

    /** How a reconcile ended. */
    public enum Outcome {
        /** Every object converged. */
        SUCCEEDED,
        /** A permanent failure: the command fails, or the watches log it and try on the next change or resync. */
        FAILED,
        /** A failure that may pass (API unreachable, 5xx, 429): tried again later. */
        DEFERRED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    public Reconciles(RegionCatalog catalog, MeterRegistry registry) {
        this.registry = registry;
        // Registered up front, so that a rate of failures is 0 rather than absent before the first one.
        for (Region region : catalog.all()) {
            for (Engine engine : Engine.values()) {
                for (Outcome outcome : Outcome.values()) {
                    timer(engine, region.id(), outcome);
                }
            }
        }
    }

    /** Runs {@code reconcile} and records its duration under the outcome its result or failure says. */
    public <T> T timed(Engine engine, RegionId region, Supplier<T> reconcile) {
        Timer.Sample sample = Timer.start(registry);
        Outcome outcome = Outcome.FAILED;
        try {
            T result = reconcile.get();
            outcome = Outcome.SUCCEEDED;
            return result;
        } catch (InfrastructureException failure) {
            outcome = failure.isTransient() ? Outcome.DEFERRED : Outcome.FAILED;
            throw failure;
        } finally {
            sample.stop(timer(engine, region, outcome));
        }
    }

    private Timer timer(Engine engine, RegionId region, Outcome outcome) {
        return Timer.builder(NAME)
                .description("Reconciles of a cluster's objects, by how they ended")
                .tag("engine", engine.id())
                .tag("provider", region.provider())
                .tag("region", region.region())
                .tag("outcome", outcome.tag())
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
