/** The backup API: a cluster's policy, its backups, and the account's backups across clusters. */
@NullMarked
package io.dbaas.orion.backup.web;

import org.jspecify.annotations.NullMarked;
