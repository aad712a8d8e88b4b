package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The JVM heap of an Elasticsearch node from its memory limit: half of it, as Elastic recommends, so that the other
 * half stays for the filesystem cache Lucene lives on; never more than {@link #MAX_MEBIBYTES}, below the threshold
 * of compressed object pointers (Elastic: "no more than about 30 GB" on most systems). Minimum and maximum are equal
 * so that the heap never resizes at run time.
 *
 * @param mebibytes the heap size in MiB
 */
public record ElasticsearchHeap(long mebibytes) {

    public static final long MAX_MEBIBYTES = 30L * 1024;

    /** The smallest memory limit a node can usefully run with: 512 MiB of heap. */
    public static final Quantity MIN_MEMORY = new Quantity("1Gi");

    private static final BigDecimal MEBIBYTE = BigDecimal.valueOf(1024L * 1024);

    public static ElasticsearchHeap forMemoryLimit(Quantity memoryLimit) {
        long halfInMebibytes = Quantity.getAmountInBytes(memoryLimit)
                .divide(MEBIBYTE.multiply(BigDecimal.TWO), 0, RoundingMode.DOWN)
                .longValueExact();
        return new ElasticsearchHeap(Math.min(halfInMebibytes, MAX_MEBIBYTES));
    }

    public static boolean fits(Quantity memoryLimit) {
        return Quantity.getAmountInBytes(memoryLimit).compareTo(Quantity.getAmountInBytes(MIN_MEMORY)) >= 0;
    }

    /** The value of {@code ES_JAVA_OPTS}. */
    public String javaOptions() {
        return "-Xms" + mebibytes + "m -Xmx" + mebibytes + "m";
    }
}
