package io.dbaas.nebula.kubernetes.blueprint;

import io.dbaas.nebula.config.TestRegions;

/** Blueprints as the application context builds them, with the default global settings. */
public final class TestBlueprints {

    private TestBlueprints() {}

    public static QdrantBlueprint qdrant() {
        return new QdrantBlueprint(TestRegions.nebula());
    }
}
