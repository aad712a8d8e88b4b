package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;
import java.util.List;
import java.util.Optional;

/** Which newer versions a cluster of an engine can be upgraded to in one step; downgrades are refused before. */
interface UpgradePath {

    /** Why a cluster running {@code from} cannot go to the newer {@code to} in one step, naming the way; else empty. */
    Optional<String> refusal(String from, String to);

    /**
     * @param targets the versions clusters of the engine may be upgraded to, lowest first: the way a refusal names goes
     *     through them
     */
    static UpgradePath of(Engine engine, List<String> targets) {
        return switch (engine) {
            case ELASTICSEARCH -> new ElasticsearchUpgradePath();
            case QDRANT -> new QdrantUpgradePath(targets);
        };
    }
}
