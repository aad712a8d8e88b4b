@NullMarked
package io.dbaas.orion.capacity.web;

import org.jspecify.annotations.NullMarked;
