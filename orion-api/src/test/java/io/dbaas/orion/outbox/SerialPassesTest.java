package io.dbaas.orion.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialPassesTest {

    @Test
    void requestWithNoPassUnderWayRunsOneAtOnce() {
        var runs = new AtomicInteger();

        new SerialPasses(runs::incrementAndGet).request();

        assertThat(runs).hasValue(1);
    }

    @Test
    void requestsDuringAPassAreServedByOneMorePassAfterIt() throws Exception {
        var inFirstPass = new CountDownLatch(1);
        var releaseFirstPass = new CountDownLatch(1);
        var runs = new AtomicInteger();
        var overlapping = new AtomicInteger();
        var running = new AtomicInteger();
        var passes = new SerialPasses(() -> {
            if (running.incrementAndGet() > 1) {
                overlapping.incrementAndGet();
            }
            if (runs.incrementAndGet() == 1) {
                inFirstPass.countDown();
                await(releaseFirstPass);
            }
            running.decrementAndGet();
        });

        Thread first = Thread.ofVirtual().start(passes::request);
        await(inFirstPass);
        for (int i = 0; i < 5; i++) {
            // Each returns at once: the pass under way is asked to run once more instead.
            Thread.ofVirtual().start(passes::request).join(Duration.ofSeconds(5));
        }
        assertThat(runs).as("nothing ran beside the first pass").hasValue(1);
        releaseFirstPass.countDown();
        first.join(Duration.ofSeconds(5));

        assertThat(runs).as("the first pass, then one for all five requests").hasValue(2);
        assertThat(overlapping).hasValue(0);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
