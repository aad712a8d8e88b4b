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
    void jvmOptionsReachTheServicesJvm() throws IOException {
        Path notAJar = Files.writeString(work.resolve("broken.jar"), "not a jar");

        try (ServiceProcess service = ServiceProcess.start(
                "broken",
                notAJar,
                List.of("-XX:+NoSuchOptionOfTheJvm"),
                List.of(),
                Map.of(),
                URI.create("http://127.0.0.1:1/actuator/health"),
                work.resolve("logs").resolve("broken.log"),
                null)) {
            assertThatThrownBy(() -> service.awaitHealthy(Duration.ofMinutes(2)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("NoSuchOptionOfTheJvm");
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
