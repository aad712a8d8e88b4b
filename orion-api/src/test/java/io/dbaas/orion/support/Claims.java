package io.dbaas.orion.support;

/** Claims as clients write them. */
public final class Claims {

    /** A claim every default catalog and limit accepts. */
    public static final String VALID = """
            {
              "name": "vectors",
              "engine": "qdrant",
              "version": "1.18.3",
              "nodes": 3,
              "cpu": "500m",
              "memory": "1Gi",
              "disk": "10Gi",
              "provider": "minikube",
              "region": "local"
            }
            """;

    /** {@link #VALID} for Elasticsearch 8.19.21, the last minor of 8.x, with the 1Gi per node it needs at least. */
    public static final String ELASTICSEARCH =
            VALID.replace("\"qdrant\"", "\"elasticsearch\"").replace("\"1.18.3\"", "\"8.19.21\"");

    private Claims() {}

    /** {@link #VALID}, asking for its 3 nodes of 500m CPU, 1Gi memory and 10Gi disk in another region. */
    public static String in(String provider, String region) {
        return VALID.replace("\"minikube\"", "\"" + provider + "\"").replace("\"local\"", "\"" + region + "\"");
    }

    /** {@link #VALID} or {@link #ELASTICSEARCH} with another number of nodes. */
    public static String withNodes(String claim, int nodes) {
        return claim.replace("\"nodes\": 3", "\"nodes\": " + nodes);
    }

    /** {@link #VALID} or {@link #ELASTICSEARCH} with another memory per node. */
    public static String withMemory(String claim, String memory) {
        return claim.replace("\"memory\": \"1Gi\"", "\"memory\": \"" + memory + "\"");
    }
}
