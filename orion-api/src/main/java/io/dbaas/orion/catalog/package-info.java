/** The offer: which engines, versions, providers and regions a claim may ask for. */
@NullMarked
package io.dbaas.orion.catalog;

import org.jspecify.annotations.NullMarked;
