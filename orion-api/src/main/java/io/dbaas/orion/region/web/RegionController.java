package io.dbaas.orion.region.web;

import io.dbaas.orion.capacity.ProviderRegion;
import io.dbaas.orion.region.RegionAdministration;
import io.dbaas.orion.region.RegionChange;
import io.dbaas.orion.shared.Audited;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The regions of the provider catalog. Who may call: the platform operator only; every role reads the offer through
 * {@code GET /v1/providers}.
 */
@RestController
@RequestMapping("/v1/providers/{provider}/regions/{region}")
class RegionController {

    private final RegionAdministration administration;

    RegionController(RegionAdministration administration) {
        this.administration = administration;
    }

    /**
     * Creates the region ({@code 201}), or brings back a retired one, or describes it anew ({@code 200}); sending the
     * same request again changes nothing.
     */
    @PutMapping
    @PreAuthorize("hasRole('OPERATOR')")
    @Audited(action = "region.put", resourceType = "region", resourceId = "{provider}/{region}")
    ResponseEntity<RegionResponse> put(
            @PathVariable String provider,
            @PathVariable String region,
            @RequestBody(required = false) @Nullable RegionRequest request) {
        RegionRequest.Valid valid = (request == null ? RegionRequest.EMPTY : request).validate(provider, region);
        RegionChange change =
                administration.put(new ProviderRegion(provider, region), valid.displayName(), valid.capacity());
        return ResponseEntity.status(change.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(RegionResponse.of(change));
    }

    /** Retires the region: it leaves the catalog and claims can no longer name it. Refused while anything lives in it. */
    @DeleteMapping
    @PreAuthorize("hasRole('OPERATOR')")
    @Audited(action = "region.retire", resourceType = "region", resourceId = "{provider}/{region}")
    ResponseEntity<Void> retire(@PathVariable String provider, @PathVariable String region) {
        administration.retire(new ProviderRegion(provider, region));
        return ResponseEntity.noContent().build();
    }
}
