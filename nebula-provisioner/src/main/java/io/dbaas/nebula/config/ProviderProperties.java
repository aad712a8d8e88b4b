package io.dbaas.nebula.config;

import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One cloud provider of the catalog.
 *
 * @param regions region name → how to reach and use that region's Kubernetes cluster
 */
public record ProviderProperties(@DefaultValue Map<String, RegionProperties> regions) {}
