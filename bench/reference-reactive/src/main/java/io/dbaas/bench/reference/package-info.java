@NullMarked
package io.dbaas.bench.reference;

import org.jspecify.annotations.NullMarked;
