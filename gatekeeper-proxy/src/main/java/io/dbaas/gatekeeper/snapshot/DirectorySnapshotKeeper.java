package io.dbaas.gatekeeper.snapshot;

import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.events.DirectoryReadiness;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Loads the snapshot when created, before any listener starts and before the public port opens, and rewrites it
 * every interval when the directory changed, and once more on shutdown after the listeners have stopped.
 *
 * <p>A snapshot that cannot be read is logged and ignored: the directory then comes from the topics alone, and
 * readiness waits for them.
 */
public class DirectorySnapshotKeeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DirectorySnapshotKeeper.class);

    private final DirectorySnapshotFile file;
    private final DirectorySnapshots snapshots;
    private final ClusterDirectory directory;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("directory-snapshot").daemon().factory());
    private volatile long writtenVersion = -1;
    private volatile boolean running;

    DirectorySnapshotKeeper(
            DirectorySnapshotFile file,
            DirectorySnapshots snapshots,
            ClusterDirectory directory,
            DirectoryReadiness readiness,
            Clock clock,
            Duration interval) {
        this.file = file;
        this.snapshots = snapshots;
        this.directory = directory;
        this.clock = clock;
        this.interval = interval;
        load(readiness);
    }

    private void load(DirectoryReadiness readiness) {
        Optional<DirectorySnapshot> snapshot;
        try {
            snapshot = file.read();
        } catch (IOException e) {
            log.warn("Ignored the directory snapshot {}: {}", file.path(), e.getMessage());
            return;
        }
        if (snapshot.isEmpty()) {
            log.info("No directory snapshot at {} yet: the directory comes from the topics", file.path());
            return;
        }
        snapshots.restore(snapshot.get());
        directory.forgetExpiredRevocations(clock.instant());
        readiness.snapshotLoaded();
        log.info(
                "Loaded the directory snapshot of {} from {}: {} cluster(s); the topics are read on from its offsets",
                snapshot.get().writtenAt(),
                file.path(),
                snapshot.get().clusters().size());
    }

    @Override
    public void start() {
        running = true;
        writer.scheduleWithFixedDelay(this::writeIfChanged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeIfChanged();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the Kafka listeners (which stop in a later phase), so the last write holds their last records. */
    @Override
    public int getPhase() {
        return 0;
    }

    synchronized void writeIfChanged() {
        directory.forgetExpiredRevocations(clock.instant());
        long version = directory.version();
        if (version == writtenVersion) {
            return;
        }
        try {
            file.write(snapshots.capture(clock.instant()));
            writtenVersion = version;
        } catch (IOException | RuntimeException e) {
            log.warn("Could not write the directory snapshot to {}: {}", file.path(), e.toString());
        }
    }
}
