package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;
import java.util.Optional;

/** Which newer versions a cluster of an engine can be upgraded to in one step; downgrades are refused before. */
interface UpgradePath {

    /** Why a cluster running {@code from} cannot go to the newer {@code to} in one step, naming the way; else empty. */
    Optional<String> refusal(String from, String to);

    static UpgradePath of(Engine engine) {
        return switch (engine) {
            case ELASTICSEARCH -> new ElasticsearchUpgradePath();
            // Any newer offered version.
            case QDRANT -> (from, to) -> Optional.empty();
        };
    }
}
