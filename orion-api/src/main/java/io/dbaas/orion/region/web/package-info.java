/** HTTP adapter of region administration: {@code PUT} and {@code DELETE /v1/providers/{provider}/regions/{region}}. */
@NullMarked
package io.dbaas.orion.region.web;

import org.jspecify.annotations.NullMarked;
