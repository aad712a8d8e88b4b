package io.dbaas.gatekeeper.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriteOperationsTest {

    @ParameterizedTest
    @CsvSource({
        "GET, /collections/docs/points/42",
        "HEAD, /collections",
        "POST, /collections/docs/points",
        "POST, /collections/docs/points/search",
        "POST, /collections/docs/points/search/batch",
        "POST, /collections/docs/points/search/groups",
        "POST, /collections/docs/points/search/matrix/pairs",
        "POST, /collections/docs/points/search/matrix/offsets",
        "POST, /collections/docs/points/query",
        "POST, /collections/docs/points/query/batch",
        "POST, /collections/docs/points/query/groups",
        "POST, /collections/docs/points/recommend",
        "POST, /collections/docs/points/recommend/batch",
        "POST, /collections/docs/points/recommend/groups",
        "POST, /collections/docs/points/discover",
        "POST, /collections/docs/points/discover/batch",
        "POST, /collections/docs/points/scroll",
        "POST, /collections/docs/points/count",
        "POST, /collections/docs/facet",
        "POST, /collections/my%20docs/points/search"
    })
    void qdrantReads(String method, String path) {
        assertThat(writes(Engine.QDRANT, method, path)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "PUT, /collections/docs/points",
        "POST, /collections/docs/points/delete",
        "POST, /collections/docs/points/payload",
        "POST, /collections/docs/points/vectors/delete",
        "PUT, /collections/docs",
        "DELETE, /collections/docs",
        "PATCH, /collections/docs",
        "POST, /collections/docs/snapshots",
        "POST, /collections/docs/points/search/",
        "POST, /collections/docs/points/search/../../points/delete",
        "POST, /collections/../points/search",
        "POST, /collections//points/search",
        "POST, /collections/docs/points/%73earch",
        "POST, /collections/docs/points/search%2F..%2Fdelete",
        "PUT, /collections/docs/points/search",
        "POST, /points/search",
        "OPTIONS, /collections/docs/points/search"
    })
    void qdrantWrites(String method, String path) {
        assertThat(writes(Engine.QDRANT, method, path)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "GET, /logs/_doc/1",
        "HEAD, /logs",
        "POST, /_search",
        "POST, /logs/_search",
        "POST, '/logs-*,metrics/_search'",
        "POST, /_all/_search",
        "POST, /_msearch",
        "POST, /logs/_msearch",
        "POST, /logs/_count",
        "POST, /_mget",
        "POST, /logs/_field_caps",
        "POST, /logs/_validate/query",
        "POST, /logs/_explain/1",
        "POST, /logs/_search/template",
        "POST, /_msearch/template",
        "POST, /logs/_rank_eval",
        "POST, /logs/_terms_enum",
        "POST, /_sql",
        "POST, /_sql/translate",
        "POST, /_sql/close",
        "POST, /logs/_pit",
        "DELETE, /_pit",
        "POST, /_search/scroll",
        "DELETE, /_search/scroll"
    })
    void elasticsearchReads(String method, String path) {
        assertThat(writes(Engine.ELASTICSEARCH, method, path)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "PUT, /logs",
        "POST, /logs/_doc",
        "PUT, /logs/_doc/1",
        "DELETE, /logs/_doc/1",
        "POST, /_bulk",
        "POST, /logs/_update/1",
        "POST, /logs/_delete_by_query",
        "POST, /logs/_update_by_query",
        "DELETE, /logs",
        "PUT, /_cluster/settings",
        "POST, /_security/user/alice",
        "POST, /_reindex",
        "POST, /logs/_async_search",
        "PUT, /logs/_search",
        "POST, /_security/_search",
        "POST, /logs/../_bulk/_search",
        "POST, /logs/_search/extra",
        "DELETE, /logs/_pit"
    })
    void elasticsearchWrites(String method, String path) {
        assertThat(writes(Engine.ELASTICSEARCH, method, path)).isTrue();
    }

    private static boolean writes(Engine engine, String method, String path) {
        return WriteOperations.writes(engine, HttpMethod.valueOf(method), path);
    }
}
