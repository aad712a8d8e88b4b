/**
 * Region administration: the platform operator adds, describes and retires the regions of the provider catalog. Sits
 * above the catalog, capacity and clusters, which it coordinates under the region's lock.
 */
@NullMarked
package io.dbaas.orion.region;

import org.jspecify.annotations.NullMarked;
