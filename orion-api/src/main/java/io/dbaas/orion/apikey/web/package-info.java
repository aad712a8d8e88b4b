@NullMarked
package io.dbaas.orion.apikey.web;

import org.jspecify.annotations.NullMarked;
