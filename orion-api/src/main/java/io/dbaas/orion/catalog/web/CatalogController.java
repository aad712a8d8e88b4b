package io.dbaas.orion.catalog.web;

import io.dbaas.orion.catalog.Catalog;
import io.dbaas.orion.catalog.OfferedRegion;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What may be claimed. Who may call: any authenticated caller (every role includes {@code viewer}), since a client
 * needs the offer to write a claim.
 */
@RestController
class CatalogController {

    private final Catalog catalog;

    CatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/v1/engines")
    @PreAuthorize("hasRole('VIEWER')")
    EngineListResponse engines() {
        List<EngineResponse> items = catalog.engines().entrySet().stream()
                .map(engine -> new EngineResponse(
                        engine.getKey(),
                        engine.getValue().versions(),
                        engine.getValue().defaultVersion()))
                .toList();
        return new EngineListResponse(items);
    }

    @GetMapping("/v1/providers")
    @PreAuthorize("hasRole('VIEWER')")
    ProviderListResponse providers() {
        List<ProviderResponse> items = catalog.providers().entrySet().stream()
                .map(provider -> new ProviderResponse(
                        provider.getKey(),
                        provider.getValue().stream().map(RegionResponse::of).toList()))
                .toList();
        return new ProviderListResponse(items);
    }

    /** Engines in id order. */
    record EngineListResponse(List<EngineResponse> items) {}

    /** An engine, the versions a claim may name, and the one used when it names none. */
    record EngineResponse(String id, List<String> versions, String defaultVersion) {}

    /** Providers in id order. */
    record ProviderListResponse(List<ProviderResponse> items) {}

    /** A cloud provider and its offered regions, in id order. */
    record ProviderResponse(String id, List<RegionResponse> regions) {}

    /**
     * A region; an object so that capacity and zones can join it without breaking clients. {@code display_name} is for
     * people, the id when an operator gave none.
     */
    record RegionResponse(String id, String displayName) {

        static RegionResponse of(OfferedRegion region) {
            String displayName = region.displayName();
            return new RegionResponse(region.region(), displayName == null ? region.region() : displayName);
        }
    }
}
