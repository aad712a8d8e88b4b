package io.dbaas.orion.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Regions of a test-only provider. Capacity is shared state of the one database every test uses, so each capacity
 * test takes a region no other test has claimed in; each starts with no capacity until the test sizes it.
 */
public final class Regions {

    public static final String PROVIDER = "testcloud";

    static final List<String> ALL =
            IntStream.rangeClosed(1, 32).mapToObj("region-%02d"::formatted).toList();

    private static final AtomicInteger NEXT = new AtomicInteger();

    private Regions() {}

    /**
     * Offers the region {@link Claims#VALID} names, {@code minikube/local}, so large that no claim there ever waits.
     * Orion's default configuration offers no region; the local run passes this one on the command line.
     */
    public static void offerTheRegionOfValidClaims(DynamicPropertyRegistry registry) {
        registry.add("orion.catalog.providers.minikube.regions", () -> "local");
        registry.add("orion.capacity.providers.minikube.local.cpu", () -> "100000");
        registry.add("orion.capacity.providers.minikube.local.memory", () -> "1000Pi");
        registry.add("orion.capacity.providers.minikube.local.disk", () -> "1000Pi");
    }

    /** A region of {@link #PROVIDER} that no other test of this JVM uses. */
    public static String unused() {
        int next = NEXT.getAndIncrement();
        if (next >= ALL.size()) {
            throw new IllegalStateException("every test region is taken; add more to Regions.ALL");
        }
        return ALL.get(next);
    }
}
