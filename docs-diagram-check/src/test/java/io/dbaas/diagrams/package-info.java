/** Every mermaid block of the documentation parses with Mermaid's own parser, as GitHub renders it. */
@NullMarked
package io.dbaas.diagrams;

import org.jspecify.annotations.NullMarked;
