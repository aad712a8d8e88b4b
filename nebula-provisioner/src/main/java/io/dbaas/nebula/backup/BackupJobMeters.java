package io.dbaas.nebula.backup;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** {@code nebula.backup.jobs}: how long the agent's Jobs ran, by engine, action and outcome. */
final class BackupJobMeters {

    static final String JOBS = "nebula.backup.jobs";

    private final MeterRegistry registry;

    BackupJobMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(JobCause cause, boolean succeeded, Duration took) {
        Timer.builder(JOBS)
                .description("Backup agent Jobs that ended, by engine, action and outcome")
                .tag("engine", cause.engine().id())
                .tag("action", cause.action())
                .tag("outcome", succeeded ? "succeeded" : "failed")
                .register(registry)
                .record(took.isNegative() ? Duration.ZERO : took);
    }
}
