package io.dbaas.orion.capacity;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.dbaas.orion.capacity.CapacityProperties.RegionSize;
import io.dbaas.orion.catalog.Catalog;
import io.dbaas.orion.catalog.CatalogProperties;
import io.dbaas.orion.catalog.CatalogProperties.ProviderOffer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;

class CapacityConfigurationTest {

    private final CatalogProperties catalogProperties =
            new CatalogProperties(Map.of(), Map.of("aws", new ProviderOffer(List.of("eu-west-1"))));
    private final Catalog catalog = mock(Catalog.class);
    private final RegionCapacities capacities = mock(RegionCapacities.class);

    @Test
    void sizingARegionTheCatalogDoesNotOfferStopsTheStartAndTouchesNoRegion() {
        var properties = new CapacityProperties(Map.of("aws", Map.of("mars-1", new RegionSize("8", "32Gi", "1Ti"))));
        var capacity = new Capacity(
                catalog,
                catalogProperties,
                properties,
                capacities,
                mock(ResourceClaims.class),
                mock(ApplicationEventPublisher.class),
                Clock.systemUTC());

        assertThatIllegalStateException()
                .isThrownBy(capacity::applyConfiguration)
                .withMessage("orion.capacity sizes aws/mars-1, which the catalog does not offer");
        verifyNoInteractions(capacities, catalog);
    }
}
