@NullMarked
package io.dbaas.orion.account.web;

import org.jspecify.annotations.NullMarked;
