package io.dbaas.orion.capacity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A capacity change the operator wrote wrongly; {@code violations} maps each field at fault to what is wrong, in the order the fields were checked. */
public class InvalidCapacityException extends RuntimeException {

    private final Map<String, String> violations;

    public InvalidCapacityException(Map<String, String> violations) {
        super("invalid capacity: " + violations.keySet());
        this.violations = Collections.unmodifiableMap(new LinkedHashMap<>(violations));
    }

    public Map<String, String> violations() {
        return violations;
    }
}
