package io.dbaas.testsupport.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names the cluster DNS would answer for one StatefulSet's pods, as one hosts file that every pod of it sees as its
 * {@code /etc/hosts}: each pod under the headless Service, the headless Service itself with every pod's address (it
 * publishes pods before they are ready), and the client Service at its stand-in's address. Rewritten in place, so that
 * the file every pod has mounted changes with it.
 */
final class ClusterDns {

    static final String LOCALHOST = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";

    private final Path file;
    private final String clusterDomain;
    private final Map<String, String> services = new LinkedHashMap<>();
    private final Map<String, String> pods = new LinkedHashMap<>();
    private String headlessDomain = "";

    ClusterDns(Path file, String clusterDomain) {
        this.file = file;
        this.clusterDomain = clusterDomain;
        write();
    }

    Path file() {
        return file;
    }

    /** The domain pods have names under: {@code <headless service>.<namespace>.svc}. */
    synchronized void headless(String domain) {
        this.headlessDomain = domain;
        write();
    }

    synchronized void service(String host, String address) {
        services.put(host, address);
        write();
    }

    synchronized void pod(String name, String address) {
        pods.put(name, address);
        write();
    }

    synchronized void removePod(String name) {
        pods.remove(name);
        write();
    }

    private void write() {
        StringBuilder hosts = new StringBuilder(LOCALHOST);
        String entries = entries();
        hosts.append(entries);
        StandInNames.put(file, entries);
        writeInPlace(file, hosts);
    }

    private String entries() {
        StringBuilder hosts = new StringBuilder();
        pods.forEach((pod, address) -> {
            String name = pod + "." + headlessDomain;
            hosts.append(address)
                    .append('\t')
                    .append(name)
                    .append(' ')
                    .append(name)
                    .append('.')
                    .append(clusterDomain)
                    .append(' ')
                    .append(headlessDomain)
                    .append(' ')
                    .append(headlessDomain)
                    .append('.')
                    .append(clusterDomain)
                    .append('\n');
        });
        services.forEach((host, address) -> hosts.append(address)
                .append('\t')
                .append(String.join(" ", List.of(host, host + "." + clusterDomain)))
                .append('\n'));
        return hosts.toString();
    }

    static void writeInPlace(Path file, CharSequence hosts) {
        try {
            // In place: the pods' bind mounts hold this file's inode.
            Files.writeString(
                    file,
                    hosts,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
