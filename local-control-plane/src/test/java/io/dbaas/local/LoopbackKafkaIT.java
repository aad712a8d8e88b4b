package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The local run's Kafka node: a working broker, reachable on the loopback interface and nowhere else. */
class LoopbackKafkaIT {

    private static final Path TCP = Path.of("/proc/net/tcp");
    private static final Path TCP6 = Path.of("/proc/net/tcp6");

    @Test
    void everyListenerOfTheBrokerAndControllerIsOnLoopbackAndTheBrokerWorks() throws Exception {
        assumeThat(Files.isReadable(TCP)).as("Linux's /proc/net/tcp").isTrue();
        Set<String> listeningBefore = listeningAddresses();

        try (LoopbackKafka kafka = LoopbackKafka.start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("loopback-check", 3, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("loopback-check");

            Set<String> opened = listeningAddresses();
            opened.removeAll(listeningBefore);
            assertThat(opened)
                    .as("the broker's and the controller's listening sockets")
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(address ->
                            assertThat(isLoopback(address)).as(address).isTrue());
        }
    }

    /**
     * The local run's launcher holds this broker: it should cost the launcher tens of MiB, not the 128 MiB that the
     * log cleaner's key map alone takes with Kafka's defaults (bench/footprint.sh found it in the launcher's heap).
     */
    @Test
    void theBrokerHoldsLittleHeapOnceStarted() throws Exception {
        long before = heapUsedAfterCollection();
        try (LoopbackKafka kafka = LoopbackKafka.start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            // A compacted topic, as the services create: the cleaner then has work to size its buffer for.
            admin.createTopics(List.of(
                            new NewTopic("compacted-check", 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            long held = heapUsedAfterCollection() - before;
            assertThat(held / (1024 * 1024))
                    .as("MiB of heap the running broker holds")
                    .isLessThan(64);
        }
    }

    private static long heapUsedAfterCollection() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** 127.0.0.1 in tcp, or as Java's dual-stack sockets show it in tcp6 (::ffff:127.0.0.1), or ::1. */
    private static boolean isLoopback(String address) {
        String ip = address.substring(0, address.indexOf(':'));
        return ip.equals("0100007F")
                || ip.equals("0000000000000000FFFF00000100007F")
                || ip.equals("00000000000000000000000001000000");
    }

    /**
     * The local addresses ({@code hex-ip:hex-port}) of this JVM's listening TCP sockets, from the kernel's tables: a
     * socket on every interface shows as {@code 00000000} (or all zeros in tcp6).
     */
    private static Set<String> listeningAddresses() throws IOException {
        Set<String> ours = socketInodes();
        Set<String> addresses = new HashSet<>();
        for (Path table : List.of(TCP, TCP6)) {
            if (!Files.isReadable(table)) {
                continue;
            }
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                boolean listening = fields[3].equals("0A");
                if (listening && ours.contains(fields[9])) {
                    addresses.add(fields[1]);
                }
            }
        }
        return addresses;
    }

    private static Set<String> socketInodes() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // A descriptor closed while listing: not a listener of the broker.
                }
            }
        }
        return inodes;
    }
}
