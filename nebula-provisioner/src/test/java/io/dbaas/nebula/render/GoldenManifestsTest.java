package io.dbaas.nebula.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprint;
import io.dbaas.nebula.kubernetes.blueprint.TestBlueprints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins what Nebula applies for each engine: the rendered manifests of a fixed spec must equal
 * {@code src/test/resources/golden/<engine>.yaml}, so that every change to them is a reviewed change of that file.
 *
 * <p>After an intended change, regenerate with {@code ./mvnw -pl nebula-provisioner test
 * -Dtest=GoldenManifestsTest -Dnebula.golden.update=true} and review the diff.
 */
class GoldenManifestsTest {

    private static final UUID CLUSTER_ID = UUID.fromString("3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a");
    private static final Path GOLDEN =
            Path.of(System.getProperty("nebula.golden.directory", "src/test/resources/golden"));

    static Stream<EngineBlueprint> blueprints() {
        return TestBlueprints.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blueprints")
    void renderedManifestsMatchTheGoldenFile(EngineBlueprint blueprint) throws IOException {
        DBClusterSpecs specs = TestSpecs.of(blueprint.engine(), CLUSTER_ID, 3);
        String rendered = Manifests.toYaml(blueprint.render(
                specs, TestRegions.region().storageClass("standard").build()));
        Path golden = GOLDEN.resolve(blueprint.engine().id() + ".yaml");

        if (Boolean.getBoolean("nebula.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, rendered, StandardCharsets.UTF_8);
        }

        assertThat(golden)
                .as("golden file; create it with -Dnebula.golden.update=true")
                .exists();
        assertThat(rendered)
                .as(
                        "rendered manifests differ from %s; if intended, regenerate with -Dnebula.golden.update=true",
                        golden)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
