package io.dbaas.orion.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.dbaas.orion.catalog.CatalogProperties.ProviderOffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configured regions end up in host names, so a name that is not a DNS label stops Orion at start. */
class CatalogPropertiesTest {

    @Test
    void regionThatIsNotADnsLabelIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CatalogProperties(Map.of(), Map.of("aws", new ProviderOffer(List.of("EU_West")))))
                .withMessageContaining("region of provider aws 'EU_West'");
    }

    @Test
    void providerThatIsNotADnsLabelIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CatalogProperties(Map.of(), Map.of("aws.com", new ProviderOffer(List.of("a")))))
                .withMessageContaining("provider 'aws.com'");
    }

    @Test
    void noProvidersConfiguredOffersNoRegion() {
        var properties = new CatalogProperties(Map.of(), null);

        assertThat(properties.providers()).isEmpty();
        assertThat(properties.lists("minikube", "local")).isFalse();
    }
}
