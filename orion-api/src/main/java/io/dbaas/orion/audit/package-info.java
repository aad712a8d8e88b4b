/**
 * The audit trail: who changed what through Orion, when, from where, and whether it was accepted or refused. An
 * accepted change is recorded in the transaction that makes it; a refused one in a transaction of its own.
 */
@NullMarked
package io.dbaas.orion.audit;

import org.jspecify.annotations.NullMarked;
