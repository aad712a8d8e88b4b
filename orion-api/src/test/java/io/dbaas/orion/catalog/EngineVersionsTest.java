package io.dbaas.orion.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EngineVersionsTest {

    @Test
    void versionsAreOrderedPartByPartNumerically() {
        assertThat(Stream.of("1.10.0", "1.9.2", "8.17.4", "1.9.10", "8.9.0", "1.10")
                        .sorted(EngineVersions.ORDER)
                        .toList())
                .isEqualTo(List.of("1.9.2", "1.9.10", "1.10", "1.10.0", "8.9.0", "8.17.4"));
    }

    @Test
    void partsThatAreNotNumbersCompareAsText() {
        assertThat(EngineVersions.ORDER.compare("1.15.5-rc1", "1.15.5-rc2")).isNegative();
        assertThat(EngineVersions.ORDER.compare("1.15.5", "1.15.5")).isZero();
    }
}
