/** HTTP adapter of operations: read one, or a cluster's, newest first. */
@NullMarked
package io.dbaas.orion.operation.web;

import org.jspecify.annotations.NullMarked;
