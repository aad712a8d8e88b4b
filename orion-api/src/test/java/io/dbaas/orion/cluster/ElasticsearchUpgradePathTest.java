package io.dbaas.orion.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElasticsearchUpgradePathTest {

    private final UpgradePath elasticsearch = UpgradePath.of(Engine.ELASTICSEARCH, List.of());

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({
        "8.17.4, 8.19.21", // any later version of the same major
        "9.0.0, 9.5.4",
        "7.17.29, 8.19.21", // the next major from the last minor of the one before
        "8.19.0, 9.5.4",
        "8.19.21, 9.0.0-beta1"
    })
    void supportedPathIsTakenInOneStep(String from, String to) {
        assertThat(elasticsearch.refusal(from, to)).isEmpty();
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "8.17.4 | 9.5.4 | Elasticsearch reaches 9.x only from 8.19.x; upgrade to 8.19.x first, then to 9.5.4",
                "7.16.3 | 8.19.21 | Elasticsearch reaches 8.x only from 7.17.x; upgrade to 7.17.x first,"
                        + " then to 8.19.21",
                "7.17.29 | 9.5.4 | Elasticsearch upgrades one major version at a time; upgrade to 8.19.x first,"
                        + " then to 9.5.4",
                "7.10.2 | 9.5.4 | Elasticsearch upgrades one major version at a time; upgrade to 7.17.x first,"
                        + " then to 8.19.x, then to 9.5.4"
            })
    void otherPathsAreRefusedNamingTheWay(String from, String to, String way) {
        assertThat(elasticsearch.refusal(from, to))
                .contains("'%s' cannot be reached from %s in one step: %s".formatted(to, from, way));
    }

    @Test
    void aMajorWhoseLastMinorIsNotKnownIsNotLeft() {
        assertThat(elasticsearch.refusal("9.5.4", "10.0.0"))
                .contains("Orion knows no supported upgrade path of Elasticsearch from 9.x to 10.x yet");
    }

    @Test
    void versionsWithoutMajorAndMinorAreNotGuessedAt() {
        assertThat(elasticsearch.refusal("8.19.21", "latest"))
                .contains("Orion cannot tell Elasticsearch's upgrade path from 8.19.21 to 'latest'");
    }
}
