package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the launcher reports a service that cannot start: at once, with the end of its log. */
class ServiceProcessTest {

    @TempDir
    Path work;

    @Test
    void missingJarIsReportedBeforeAnythingStarts() {
        Path jar = work.resolve("orion-api.jar");

        assertThatThrownBy(() -> start(jar))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("build the project first");
    }

    @Test
    void serviceThatExitsDuringStartUpFailsFastWithTheEndOfItsLog() throws IOException {
        Path notAJar = Files.writeString(work.resolve("broken.jar"), "not a jar");
        Instant before = Instant.now();

        try (ServiceProcess service = start(notAJar)) {
            assertThatThrownBy(() -> service.awaitHealthy(Duration.ofMinutes(2)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("broken exited with status")
                    .hasMessageContaining("Invalid or corrupt jarfile");
        }
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void jvmOptionsComeAfterTheLaunchersOwnSoTheyWin() throws Exception {
        Path notAJar = Files.writeString(work.resolve("broken.jar"), "not a jar");
        Path log = work.resolve("logs").resolve("version.log");

        // -version makes the JVM describe itself and exit before it opens the jar; with the launcher's
        // TieredStopAtLevel=1 alone it says "emulated-client" (C1 only).
        try (ServiceProcess service = ServiceProcess.start(
                "version",
                notAJar,
                List.of("-XX:TieredStopAtLevel=4", "-version"),
                List.of(),
                Map.of(),
                URI.create("http://127.0.0.1:1/actuator/health"),
                log,
                null)) {
            assertThat(service.process().waitFor()).isZero();
            assertThatThrownBy(() -> service.awaitHealthy(Duration.ofMinutes(1)))
                    .hasMessageContaining("exited with status 0")
                    .hasMessageContaining("mixed mode")
                    .hasMessageNotContaining("emulated-client");
        }
    }

    private ServiceProcess start(Path jar) {
        return ServiceProcess.start(
                "broken",
                jar,
                List.of(),
                Map.of(),
                URI.create("http://127.0.0.1:1/actuator/health"),
                work.resolve("logs").resolve("broken.log"),
                null);
    }
}
