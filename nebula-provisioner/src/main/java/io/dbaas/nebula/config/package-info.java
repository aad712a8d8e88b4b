@NullMarked
package io.dbaas.nebula.config;

import org.jspecify.annotations.NullMarked;
