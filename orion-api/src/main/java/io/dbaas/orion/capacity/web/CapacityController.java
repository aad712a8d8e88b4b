package io.dbaas.orion.capacity.web;

import io.dbaas.orion.capacity.Capacity;
import io.dbaas.orion.capacity.ProviderRegion;
import io.dbaas.orion.shared.Audited;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The capacity of a region. Who may call: the platform operator only, for both reading and sizing, since a region's
 * use adds up every account's clusters.
 */
@RestController
@RequestMapping("/v1/providers/{provider}/regions/{region}/capacity")
class CapacityController {

    private final Capacity capacity;

    CapacityController(Capacity capacity) {
        this.capacity = capacity;
    }

    @GetMapping
    @PreAuthorize("hasRole('OPERATOR')")
    CapacityResponse get(@PathVariable String provider, @PathVariable String region) {
        return CapacityResponse.of(capacity.usage(new ProviderRegion(provider, region)));
    }

    /** Replaces the region's totals; claims waiting there that now fit are provisioned at once, oldest first. */
    @PutMapping
    @PreAuthorize("hasRole('OPERATOR')")
    @Audited(action = "capacity.resize", resourceType = "region", resourceId = "{provider}/{region}")
    CapacityResponse put(
            @PathVariable String provider, @PathVariable String region, @RequestBody CapacityRequest request) {
        return CapacityResponse.of(capacity.resize(new ProviderRegion(provider, region), request.resources()));
    }
}
