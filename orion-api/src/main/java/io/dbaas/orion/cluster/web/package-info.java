@NullMarked
package io.dbaas.orion.cluster.web;

import org.jspecify.annotations.NullMarked;
