@NullMarked
package io.dbaas.nebula.kubernetes.model;

import org.jspecify.annotations.NullMarked;
