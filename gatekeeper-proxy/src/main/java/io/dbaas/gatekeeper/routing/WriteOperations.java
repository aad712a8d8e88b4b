package io.dbaas.gatekeeper.routing;

import io.dbaas.contracts.Engine;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which requests write, per engine: a read-only key or token may send every other request.
 *
 * <p>The rule is "everything writes except": GET and HEAD read, and so do the POST (or DELETE) endpoints listed
 * below, which carry a query in their body. A path not in the table writes, so an endpoint an engine adds later is
 * refused to read-only credentials until it is listed here. Paths are matched raw (as sent, still percent-encoded)
 * and whole: an extra segment, a dot segment or an encoded slash in a fixed part of the path makes it "writes".
 *
 * <p>Qdrant (REST API reference, https://api.qdrant.tech/api-reference): the read-only POSTs under
 * {@code /collections/{collection}}: {@code points} (retrieve by ids; PUT on the same path upserts),
 * {@code points/search}, {@code points/search/batch}, {@code points/search/groups}, {@code points/search/matrix/pairs},
 * {@code points/search/matrix/offsets}, {@code points/query}, {@code points/query/batch}, {@code points/query/groups},
 * {@code points/recommend}, {@code points/recommend/batch}, {@code points/recommend/groups}, {@code points/discover},
 * {@code points/discover/batch}, {@code points/scroll}, {@code points/count}, {@code facet}.
 *
 * <p>Elasticsearch (REST APIs, https://www.elastic.co/docs/api/doc/elasticsearch), each with or without a leading
 * {@code /{index}}: POST {@code _search}, {@code _msearch}, {@code _count}, {@code _mget}, {@code _field_caps},
 * {@code _validate/query}, {@code _search/template}, {@code _msearch/template}, {@code _rank_eval}; POST
 * {@code /{index}/_explain/{id}} and {@code /{index}/_terms_enum}; POST {@code /_sql}, {@code /_sql/translate} and
 * {@code /_sql/close} (Elasticsearch SQL only reads). Decided here: a point in time ({@code POST /{index}/_pit},
 * {@code DELETE /_pit}) and a scroll ({@code POST} or {@code DELETE /_search/scroll}) read: they hold a consistent view
 * for paging through results and change no data. Not listed, so writing: async search, EQL, ES|QL and anything else.
 */
final class WriteOperations {

    /** A path segment that is neither empty nor a dot segment. */
    private static final String SEGMENT = "(?!\\.\\.?(?:/|$))[^/]+";

    private static final Pattern QDRANT_READ_POSTS = Pattern.compile("/collections/" + SEGMENT + "/(?:"
            + String.join(
                    "|",
                    List.of(
                            "points",
                            "points/search",
                            "points/search/batch",
                            "points/search/groups",
                            "points/search/matrix/pairs",
                            "points/search/matrix/offsets",
                            "points/query",
                            "points/query/batch",
                            "points/query/groups",
                            "points/recommend",
                            "points/recommend/batch",
                            "points/recommend/groups",
                            "points/discover",
                            "points/discover/batch",
                            "points/scroll",
                            "points/count",
                            "facet"))
            + ")");

    /** An index (or several, or a pattern) names no system API: index names never start with an underscore. */
    private static final String ES_INDEX = "/(?:_all|(?!_)" + SEGMENT + ")";

    private static final Pattern ELASTICSEARCH_READ_POSTS = Pattern.compile(String.join(
            "|",
            List.of(
                    "(?:" + ES_INDEX + ")?/(?:_search|_msearch|_count|_mget|_field_caps|_validate/query"
                            + "|_search/template|_msearch/template|_rank_eval)",
                    ES_INDEX + "/_explain/" + SEGMENT,
                    ES_INDEX + "/_terms_enum",
                    "/_sql(?:/translate|/close)?",
                    ES_INDEX + "/_pit",
                    "/_search/scroll(?:/" + SEGMENT + ")?")));

    private static final Pattern ELASTICSEARCH_READ_DELETES =
            Pattern.compile("/_pit|/_search/scroll(?:/" + SEGMENT + ")?");

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    private WriteOperations() {}

    /** Whether a request with this method and raw path may change the cluster's data or configuration. */
    static boolean writes(Engine engine, HttpMethod method, String rawPath) {
        if (READS.contains(method)) {
            return false;
        }
        return switch (engine) {
            case QDRANT ->
                !(HttpMethod.POST.equals(method)
                        && QDRANT_READ_POSTS.matcher(rawPath).matches());
            case ELASTICSEARCH ->
                !((HttpMethod.POST.equals(method)
                                && ELASTICSEARCH_READ_POSTS.matcher(rawPath).matches())
                        || (HttpMethod.DELETE.equals(method)
                                && ELASTICSEARCH_READ_DELETES.matcher(rawPath).matches()));
        };
    }
}
