/**
 * HTTP concerns shared by every endpoint: request limits, strict JSON, the OpenAPI description, and the problems no
 * feature answers itself (unreadable bodies, the framework's own refusals, a database outage, the catch-all).
 */
@NullMarked
package io.dbaas.orion.web;

import org.jspecify.annotations.NullMarked;
