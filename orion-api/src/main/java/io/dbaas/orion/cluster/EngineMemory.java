package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.capacity.Quantity;
import io.dbaas.orion.catalog.CatalogProperties;
import io.dbaas.orion.shared.FieldViolation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The least memory per node of each engine, {@code orion.catalog.engines.<engine>.min-memory}, on top of the general
 * {@code orion.limits.memory}: refused here rather than by Nebula after Orion accepted the claim. Read at start,
 * where a minimum that is not a quantity, or that no claim could meet (above {@code orion.limits.memory.max}), stops
 * Orion.
 */
@Component
class EngineMemory {

    private final Map<String, Quantity> minimums;

    EngineMemory(CatalogProperties catalog, ClaimLimits limits) {
        Quantity max = Quantity.of(limits.memory().max());
        var minimums = new HashMap<String, Quantity>();
        catalog.engines().forEach((engine, offer) -> {
            String text = offer.minMemory();
            if (text == null) {
                return;
            }
            String setting = "orion.catalog.engines." + engine + ".min-memory";
            Quantity min = Quantity.parse(text)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "%s: '%s' is not a Kubernetes quantity such as \"1Gi\"".formatted(setting, text)));
            if (min.compareTo(max) > 0) {
                throw new IllegalArgumentException(
                        "%s: %s is above orion.limits.memory.max (%s), so no claim could meet it"
                                .formatted(setting, text, max));
            }
            minimums.put(engine, min);
        });
        this.minimums = Map.copyOf(minimums);
    }

    /** Records a violation of {@code memory} below the engine's minimum; the general bounds are checked elsewhere. */
    void check(Engine engine, Quantity memory, List<FieldViolation> violations) {
        Quantity min = minimums.get(engine.id());
        if (min != null && memory.compareTo(min) < 0) {
            violations.add(
                    new FieldViolation("memory", "must be at least %s per node for %s".formatted(min, engine.id())));
        }
    }
}
