package io.dbaas.orion.capacity;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Applies the configured capacity once the schema is migrated and before the web server takes requests, so that a
 * claim always finds its region's row.
 */
@Component
class ConfiguredCapacity implements SmartInitializingSingleton {

    private final Capacity capacity;

    ConfiguredCapacity(Capacity capacity) {
        this.capacity = capacity;
    }

    @Override
    public void afterSingletonsInstantiated() {
        capacity.applyConfiguration();
    }
}
