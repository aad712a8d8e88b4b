/** HTTP adapter of capacity: the operator reads and sizes each region. */
@NullMarked
package io.dbaas.orion.capacity.web;

import org.jspecify.annotations.NullMarked;
