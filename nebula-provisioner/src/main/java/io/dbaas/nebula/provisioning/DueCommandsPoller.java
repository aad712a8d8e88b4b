package io.dbaas.nebula.provisioning;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Looks for kept commands whose next attempt is due, every {@code nebula.kubernetes-retry.poll-interval}, on a thread of
 * its own: a region that is down never holds the Kafka consumer, and the consumer never holds a retry.
 */
class DueCommandsPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DueCommandsPoller.class);

    private final CommandQueue queue;
    private final Duration interval;
    private @Nullable ScheduledExecutorService executor;

    DueCommandsPoller(CommandQueue queue, Duration interval) {
        this.queue = queue;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("nebula-command-retries").daemon().factory());
        executor.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            queue.attemptDueCommands();
        } catch (RuntimeException e) {
            // The database, most likely. An exception would end the schedule for good: log and poll again.
            log.warn("Looking for commands due for another attempt failed; polling again in {}", interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
