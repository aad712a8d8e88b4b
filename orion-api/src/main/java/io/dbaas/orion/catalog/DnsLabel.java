package io.dbaas.orion.catalog;

import java.util.regex.Pattern;

/**
 * The names that end up in host names and Kubernetes object names: a cluster's, a provider's, a region's. An RFC 1123
 * label in lower case, so that {@code <cluster-uuid>.<region>.<provider>.<domain>} is a valid host name.
 */
public final class DnsLabel {

    /** What a name that is not one is told, after its field. */
    public static final String RULE =
            "must be 1 to 63 lower-case letters, digits or '-', starting and ending with a letter or digit";

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private DnsLabel() {}

    public static boolean isValid(String name) {
        return LABEL.matcher(name).matches();
    }
}
