package io.dbaas.gatekeeper.bench;

import io.dbaas.contracts.security.ApiKeys;
import io.dbaas.contracts.security.KeyScope;
import io.dbaas.gatekeeper.abuse.AbuseProperties;
import io.dbaas.gatekeeper.abuse.AbuseProtection;
import io.dbaas.gatekeeper.directory.MasterKey;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * What authentication costs a valid request on its own, as {@code ClusterRequestHandler} pays it: the key check
 * ({@link ApiKeys#parse} and {@link MasterKey#issued}: checksum, HMAC-SHA256, constant-time comparison) and the per-key rate-limit bucket
 * that only authenticated requests take ({@link AbuseProtection#requestWithKey}: SHA-256 of the key, a cache lookup,
 * a token). Measured on one thread after a warm-up, so the JIT has compiled both as in a running GateKeeper, and in
 * CPU time of that thread rather than elapsed time: on a machine shared with other work, elapsed time also counts the
 * moments the thread waited for a core, and the script compares the figure with GateKeeper's CPU time per request.
 *
 * <p>A hand-rolled loop, not JMH: every result feeds a count checked at the end, so the JIT cannot drop the calls, and
 * the figure is reported as an estimate beside the end-to-end numbers, never as a precise cost. Prints
 * {@code ns_per_auth=<n> ns_per_key_check=<n>}.
 */
public final class KeyCheckCost {

    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration MEASURE = Duration.ofSeconds(3);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String MASTER_KEY = "bench-master-key-0123456789abcdefghij";

    private KeyCheckCost() {}

    public static void main(String[] args) {
        MasterKey masterKey = new MasterKey(MASTER_KEY);
        String apiKey = ApiKeys.issue(MASTER_KEY, KeyScope.READ_WRITE, null).key();
        // A limit never reached, as in the benchmark's GateKeeper: the bucket is still taken from on every call.
        AbuseProtection abuse = new AbuseProtection(
                new AbuseProperties(1_000_000_000, Duration.ofSeconds(1), 20, Duration.ofMinutes(1), 100_000));
        Step keyCheck = () -> accepts(masterKey, apiKey);
        Step auth =
                () -> accepts(masterKey, apiKey) && abuse.requestWithKey(apiKey).isEmpty();
        measure(keyCheck, WARM_UP);
        measure(auth, WARM_UP);
        System.out.printf("ns_per_auth=%d ns_per_key_check=%d%n", measure(auth, MEASURE), measure(keyCheck, MEASURE));
    }

    private static boolean accepts(MasterKey masterKey, String apiKey) {
        return ApiKeys.parse(apiKey).filter(masterKey::issued).isPresent();
    }

    /** CPU nanoseconds per call of {@code step}, run for about {@code duration} of CPU; every call must succeed. */
    private static long measure(Step step, Duration duration) {
        long start = THREADS.getCurrentThreadCpuTime();
        long end = start + duration.toNanos();
        long calls = 0;
        long succeeded = 0;
        long now;
        do {
            for (int i = 0; i < 1_000; i++) {
                if (step.succeeds()) {
                    succeeded++;
                }
            }
            calls += 1_000;
            now = THREADS.getCurrentThreadCpuTime();
        } while (now < end);
        if (succeeded != calls) {
            throw new IllegalStateException("a valid key was refused " + (calls - succeeded) + " times");
        }
        return (now - start) / calls;
    }

    @FunctionalInterface
    private interface Step {
        boolean succeeds();
    }
}
