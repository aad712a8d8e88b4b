/**
 * The in-memory directory of routable clusters: public host to upstream and master key. Fed by events, read on every
 * request, so a lookup never leaves the process.
 */
@NullMarked
package io.dbaas.gatekeeper.directory;

import org.jspecify.annotations.NullMarked;
