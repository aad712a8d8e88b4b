/** Runs the Node.js diagram check with the pinned Mermaid. */
@NullMarked
package io.dbaas.diagrams.support;

import org.jspecify.annotations.NullMarked;
