package io.dbaas.orion;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Orion's feature packages are modules: each depends on others one way only, through their API (the module's top
 * package or a named interface), never on another module's internals. A new cycle or a reach into {@code web/} of
 * another feature fails this test.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(OrionApplication.class);

    @Test
    void featureModulesDependOnEachOtherOneWayThroughTheirApi() {
        MODULES.verify();
    }
}
