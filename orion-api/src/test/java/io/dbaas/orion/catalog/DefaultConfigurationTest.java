package io.dbaas.orion.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.capacity.CapacityProperties;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * Orion's own {@code application.yaml} offers no region: Spring merges maps across configuration sources, so a region
 * written there would be offered by every install. Installs name theirs; the local run passes {@code minikube/local}.
 */
class DefaultConfigurationTest {

    @Test
    void theDefaultConfigurationOffersNoRegionAndSizesNone() throws IOException {
        var sources =
                new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"));
        Binder binder = new Binder(ConfigurationPropertySources.from(sources));

        CatalogProperties catalog = binder.bindOrCreate("orion.catalog", CatalogProperties.class);
        CapacityProperties capacity = binder.bindOrCreate("orion.capacity", CapacityProperties.class);

        assertThat(catalog.providers()).isEmpty();
        assertThat(catalog.engines()).as("engines are still offered").containsKeys("qdrant", "elasticsearch");
        assertThat(capacity.providers()).isEmpty();
    }
}
