package io.dbaas.testsupport.elasticsearch;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Addresses for pods and Services, one each, from a /16 of the loopback range drawn for this JVM (127.64.0.0 to
 * 127.250.255.255): addresses every Linux host answers on without configuration, away from 127.0.0.1 where the rest of
 * a test listens, and from what an earlier, interrupted test run may have left listening. Never an address outside the
 * loopback range.
 */
public final class LoopbackAddresses {

    private static final int NETWORK = 64 + new SecureRandom().nextInt(187);
    private static final AtomicInteger NEXT = new AtomicInteger(1);

    private LoopbackAddresses() {}

    /** A loopback address no other pod or Service of this JVM has. */
    public static String next() {
        int n = NEXT.getAndIncrement();
        if (n >= 256 * 256 - 1) {
            throw new IllegalStateException("out of loopback addresses");
        }
        return "127." + NETWORK + "." + (n / 256) + "." + (n % 256);
    }
}
