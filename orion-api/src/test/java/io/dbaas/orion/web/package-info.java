@NullMarked
package io.dbaas.orion.web;

import org.jspecify.annotations.NullMarked;
