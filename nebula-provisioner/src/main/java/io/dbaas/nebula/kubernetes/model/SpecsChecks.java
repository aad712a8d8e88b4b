package io.dbaas.nebula.kubernetes.model;

import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Checks of cluster specs every engine makes, with messages a client can act on. */
final class SpecsChecks {

    private static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}\\.\\d{1,4}");
    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");

    private SpecsChecks() {}

    static void requireReleaseVersion(String engine, String version, String example) {
        if (!VERSION.matcher(version).matches()) {
            throw new InvalidClusterSpecsException(
                    engine + " version '" + version + "' is not a release version such as " + example + ".");
        }
    }

    /** The cpu, memory and disk of a node, each a positive Kubernetes quantity. */
    static void requirePositiveResources(DBClusterSpecs specs) {
        requirePositiveQuantity("cpu", specs.cpu());
        requirePositiveQuantity("memory", specs.memory());
        requirePositiveQuantity("disk", specs.disk());
    }

    private static void requirePositiveQuantity(String what, String value) {
        if (!QUANTITY.matcher(value).matches()
                || new Quantity(value).getNumericalAmount().compareTo(BigDecimal.ZERO) <= 0) {
            throw new InvalidClusterSpecsException(
                    "The " + what + " of a node, '" + value + "', is not a positive Kubernetes quantity.");
        }
    }
}
