package io.dbaas.nebula.kubernetes.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The snapshot repository of one Elasticsearch cluster, as Elasticsearch's API takes it ({@code PUT
 * _snapshot/<name>} with {@code {"type": ..., "settings": ...}}): what the backup agent registers before it takes or
 * restores a snapshot. Its client's credentials are already in every node's keystore.
 *
 * @param type {@code s3}, {@code gcs} or {@code azure}
 * @param settings bucket (or Azure container), client and base path, in that order
 */
public record ElasticsearchSnapshotRepository(String type, Map<String, String> settings) {

    public ElasticsearchSnapshotRepository {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
