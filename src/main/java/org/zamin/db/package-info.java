/**
 * The PostGIS store: the embedded PostgreSQL cluster the service runs by default, the connection pools,
 * the versioned migrations ({@code src/main/resources/db/migration}) and the SQL resource loader.
 */
package org.zamin.db;
