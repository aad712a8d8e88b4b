package io.dbaas.orion.capacity;

import jakarta.persistence.Embeddable;

/** A region of a cloud provider: the unit capacity is counted in. */
@Embeddable
public record ProviderRegion(String provider, String region) {

    @Override
    public String toString() {
        return provider + "/" + region;
    }
}
