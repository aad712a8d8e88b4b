@NullMarked
package io.dbaas.orion.region.web;

import org.jspecify.annotations.NullMarked;
