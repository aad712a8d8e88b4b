package io.dbaas.local;

import java.util.Deque;

/** What a test or benchmark started, stopped in the reverse order: the services first, then what they used. */
final class Started {

    private Started() {}

    /** Closes everything in {@code started}, most recent first; a failure is reported and the rest still stopped. */
    static void stopAll(Deque<AutoCloseable> started, String what) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("While stopping " + what + ": " + e);
            }
        }
    }
}
