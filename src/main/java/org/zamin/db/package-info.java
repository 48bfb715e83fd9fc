/**
 * The PostGIS store: the embedded PostgreSQL cluster the service runs by default, the connection pools (behind
 * {@code FailFastDataSource}, which answers at once while the database is unreachable),
 * the migrations ({@code src/main/resources/db/migration}: {@code V…} for tables, indexes, constraints and data, never
 * edited once released; {@code R__<feature>_<name>.sql} for functions, triggers and views), the known harmless edits
 * of released migrations that an upgrade accepts ({@code KnownMigrationEdits}, by version and exact checksum), the
 * SQL resource loader, retried transactions and the batcher that sends work arriving together to the database as one
 * transaction.
 */
package org.zamin.db;
