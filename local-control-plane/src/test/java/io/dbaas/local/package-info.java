@NullMarked
package io.dbaas.local;

import org.jspecify.annotations.NullMarked;
