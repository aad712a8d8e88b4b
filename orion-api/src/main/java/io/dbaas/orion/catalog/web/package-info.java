@NullMarked
package io.dbaas.orion.catalog.web;

import org.jspecify.annotations.NullMarked;
