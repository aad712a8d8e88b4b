package io.dbaas.orion.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QdrantUpgradePathTest {

    private final UpgradePath qdrant =
            UpgradePath.of(Engine.QDRANT, List.of("1.19.0", "1.13.6", "1.14.0", "1.14.1", "1.16.3", "1.17.1"));

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({
        "1.13.6, 1.14.1", // the next minor, any patch
        "1.13.4, 1.13.6", // a later patch of the same minor
        "1.18.3, 1.19.0"
    })
    void oneMinorAtATimeIsTakenInOneStep(String from, String to) {
        assertThat(qdrant.refusal(from, to)).isEmpty();
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1.13.6 | 1.15.5 | upgrade to 1.14.1 first, then to 1.15.5",
                // A minor the catalog keeps no version of is named by its line.
                "1.14.1 | 1.16.3 | upgrade to 1.15.x first, then to 1.16.3",
                "1.16.3 | 1.19.0 | upgrade to 1.17.1 first, then to 1.18.x, then to 1.19.0"
            })
    void skippingAMinorIsRefusedNamingTheNextVersion(String from, String to, String way) {
        assertThat(qdrant.refusal(from, to))
                .contains("'%s' cannot be reached from %s in one step: Qdrant upgrades one minor version at a time; %s"
                        .formatted(to, from, way));
    }

    @Test
    void aNewMajorIsNotEntered() {
        assertThat(qdrant.refusal("1.19.0", "2.0.0"))
                .contains("Orion knows no supported upgrade path of Qdrant from 1.x to 2.x yet");
    }

    @Test
    void versionsWithoutMajorAndMinorAreNotGuessedAt() {
        assertThat(qdrant.refusal("1.19.0", "latest"))
                .contains("Orion cannot tell Qdrant's upgrade path from 1.19.0 to 'latest'");
    }
}
