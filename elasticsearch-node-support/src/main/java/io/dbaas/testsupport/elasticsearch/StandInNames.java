package io.dbaas.testsupport.elasticsearch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The names of every stand-in pod and Service, for the test's own JVM too, so that a test reaches a pod by the name its
 * certificate carries: a host-name resolver (Java's resolver SPI, registered by this jar) that answers those names
 * from the stand-ins' hosts files and hands every other name to the JVM's own resolver.
 */
public final class StandInNames extends InetAddressResolverProvider {

    private static final Map<Path, Map<String, List<String>>> CLUSTERS = new ConcurrentHashMap<>();
    private static final Map<Path, String> LINES = new ConcurrentHashMap<>();

    /** Records the names of one hosts file's lines ({@code address name name …}). */
    static void put(Path hostsFile, String lines) {
        Map<String, List<String>> names = new ConcurrentHashMap<>();
        for (String line : lines.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            for (int i = 1; i < fields.length; i++) {
                names.computeIfAbsent(fields[i], name -> new ArrayList<>()).add(fields[0]);
            }
        }
        CLUSTERS.put(hostsFile, names);
        LINES.put(hostsFile, lines);
    }

    /**
     * Every stand-in's names as hosts-file lines: what the cluster DNS answers a pod of any namespace, which reaches
     * Services and pods of other namespaces by their full names.
     */
    static String allLines() {
        StringBuilder lines = new StringBuilder();
        LINES.values().forEach(lines::append);
        return lines.toString();
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver system = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                List<String> addresses = CLUSTERS.values().stream()
                        .map(names -> names.get(host))
                        .filter(found -> found != null)
                        .findFirst()
                        .orElse(null);
                if (addresses == null) {
                    return system.lookupByName(host, policy);
                }
                List<InetAddress> resolved = new ArrayList<>();
                for (String address : addresses) {
                    // Literal addresses: parsed, never looked up.
                    resolved.add(InetAddress.getByAddress(
                            host, InetAddress.getByName(address).getAddress()));
                }
                return resolved.stream();
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return system.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "dbaas stand-in pod names";
    }
}
