package io.dbaas.nebula.kubernetes.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.config.GatekeeperPeers;
import io.dbaas.nebula.config.TestBackupStorage;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.model.ElasticsearchCluster;
import io.dbaas.testsupport.elasticsearch.ElasticsearchDistributions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keystore script Nebula renders into an Elasticsearch cluster's ConfigMap, run by the real distribution's
 * keystore tool on files laid out as the init container's volumes: the secure settings hold exactly the credentials'
 * values, and a pod started again on rotated credentials gets the new ones. No node is started: the test distribution
 * has no repository modules, so a node would refuse {@code s3.client.*} settings as unknown.
 */
class ElasticsearchKeystoreScriptIT {

    private static final String ACCESS_KEY = "AKIA-REAL-KEYSTORE-TEST";
    private static final String SECRET_KEY = "s3cr3t/with+symbols=";

    @TempDir
    Path pod;

    @Test
    void theInitContainersScriptPutsTheCredentialsIntoTheKeystoreAndTakesRotatedOnesAtTheNextStart() throws Exception {
        String version = RealElasticsearchTest.version();
        assumeTrue(ElasticsearchDistributions.available(version), "the build provides Elasticsearch " + version);
        Path home = ElasticsearchDistributions.home(version);
        Path configuration = Files.createDirectories(pod.resolve("es-config"));
        Path credentials = Files.createDirectories(pod.resolve("backup-credentials"));
        Files.writeString(credentials.resolve("access-key"), ACCESS_KEY);
        Files.writeString(credentials.resolve("secret-key"), SECRET_KEY);
        Path script = pod.resolve("keystore.sh");
        Files.writeString(
                script,
                keystoreScript(TestBackupStorage.minio())
                        .replace("/mnt/dbaas/es-config", configuration.toString())
                        .replace("/mnt/dbaas/backup-credentials", credentials.toString())
                        .replace("/usr/share/elasticsearch", home.toString()));

        assertThat(run(home, configuration, "/bin/bash", script.toString())).isZero();

        assertThat(keystore(home, configuration, "list"))
                .contains("s3.client.dbaas-backups.access_key", "s3.client.dbaas-backups.secret_key", "keystore.seed");
        assertThat(keystore(home, configuration, "show", "s3.client.dbaas-backups.access_key"))
                .isEqualTo(ACCESS_KEY);
        assertThat(keystore(home, configuration, "show", "s3.client.dbaas-backups.secret_key"))
                .isEqualTo(SECRET_KEY);

        // The emptyDir survives a container restart; the script runs again and the rotated value replaces the old.
        Files.writeString(credentials.resolve("secret-key"), "rotated-" + SECRET_KEY);
        assertThat(run(home, configuration, "/bin/bash", script.toString())).isZero();
        assertThat(keystore(home, configuration, "show", "s3.client.dbaas-backups.secret_key"))
                .isEqualTo("rotated-" + SECRET_KEY);
    }

    private static String keystoreScript(BackupStorage storage) {
        ElasticsearchCluster cluster = ElasticsearchCluster.fromSpecs(
                TestSpecs.copy(TestSpecs.elasticsearch(UUID.randomUUID(), 3))
                        .account(UUID.randomUUID())
                        .build(),
                TestRegions.region().backupStorage(storage).build(),
                GatekeeperPeers.DEFAULT);
        return cluster.generateConfigMap().getData().get("keystore.sh");
    }

    private String keystore(Path home, Path configuration, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(home.resolve("bin/elasticsearch-keystore").toString()));
        command.addAll(List.of(arguments));
        Path output = pod.resolve("keystore.out");
        Process process = process(home, configuration, command)
                .redirectOutput(output.toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        return Files.readString(output, StandardCharsets.UTF_8).strip();
    }

    private static int run(Path home, Path configuration, String... command) throws IOException, InterruptedException {
        Process process = process(home, configuration, List.of(command))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static ProcessBuilder process(Path home, Path configuration, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> environment = builder.environment();
        environment.put("ES_JAVA_HOME", System.getProperty("java.home"));
        environment.put("ES_PATH_CONF", configuration.toString());
        return builder;
    }
}
