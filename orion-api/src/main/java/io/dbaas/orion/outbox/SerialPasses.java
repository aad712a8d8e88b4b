package io.dbaas.orion.outbox;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the relay's passes one at a time, whoever asks for one: the schedule, or a transaction that has just committed
 * messages. A request made while a pass runs is not lost: one more pass follows it, so a message committed after a
 * pass read its batch still goes out at once. Requests made during one pass share the next one.
 */
final class SerialPasses {

    private final Runnable pass;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final ReentrantLock running = new ReentrantLock();

    SerialPasses(Runnable pass) {
        this.pass = pass;
    }

    /** Runs a pass now on the calling thread, or leaves it to the pass under way, which then runs once more. */
    void request() {
        requested.set(true);
        // Whoever holds the lock re-checks the flag after unlocking, so a request set meanwhile is always served.
        while (requested.get() && running.tryLock()) {
            try {
                if (requested.getAndSet(false)) {
                    pass.run();
                }
            } finally {
                running.unlock();
            }
        }
    }
}
