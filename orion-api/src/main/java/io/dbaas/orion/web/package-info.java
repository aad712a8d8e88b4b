/** HTTP concerns shared by every endpoint: RFC 9457 problem details. */
@NullMarked
package io.dbaas.orion.web;

import org.jspecify.annotations.NullMarked;
