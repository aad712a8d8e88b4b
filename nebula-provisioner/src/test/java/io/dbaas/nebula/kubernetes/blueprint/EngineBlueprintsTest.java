package io.dbaas.nebula.kubernetes.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.contracts.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineBlueprintsTest {

    @Test
    void findsABlueprintByEngineAndByTheEngineIdLabelsCarry() {
        QdrantBlueprint qdrant = TestBlueprints.qdrant();
        EngineBlueprints blueprints = new EngineBlueprints(List.of(qdrant));

        assertThat(blueprints.find(Engine.QDRANT)).containsSame(qdrant);
        assertThat(blueprints.find("qdrant")).containsSame(qdrant);
        assertThat(blueprints.find(Engine.ELASTICSEARCH)).isEmpty();
        assertThat(blueprints.find("mongodb")).isEmpty();
    }

    @Test
    void twoBlueprintsForOneEngineAreAConfigurationError() {
        assertThatThrownBy(() -> new EngineBlueprints(List.of(TestBlueprints.qdrant(), TestBlueprints.qdrant())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two blueprints for qdrant");
    }
}
