package io.dbaas.nebula.kubernetes.blueprint;

import io.dbaas.nebula.config.TestRegions;
import java.util.List;

/** Blueprints as the application context builds them, with the default global settings. */
public final class TestBlueprints {

    private TestBlueprints() {}

    public static QdrantBlueprint qdrant() {
        return new QdrantBlueprint(TestRegions.nebula());
    }

    public static ElasticsearchBlueprint elasticsearch() {
        return new ElasticsearchBlueprint(TestRegions.nebula());
    }

    /** Every blueprint Nebula has; a new engine's blueprint goes here to be schema-checked and golden-tested. */
    public static List<EngineBlueprint> all() {
        return List.of(qdrant(), elasticsearch());
    }
}
