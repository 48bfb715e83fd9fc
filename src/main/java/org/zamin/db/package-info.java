/**
 * The PostGIS store: the embedded PostgreSQL cluster the service runs by default, the connection pools,
 * the versioned migrations ({@code src/main/resources/db/migration}), the SQL resource loader, retried transactions
 * and the batcher that sends work arriving together to the database as one transaction.
 */
package org.zamin.db;
