/** Flyway migrations that need Java; Flyway finds them by this package, beside the SQL ones in resources. */
@NullMarked
package db.migration;

import org.jspecify.annotations.NullMarked;
