@NullMarked
package io.dbaas.orion.operation.web;

import org.jspecify.annotations.NullMarked;
