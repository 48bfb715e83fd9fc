/** Test support: the shared real stack (PostGIS cluster, migrated and loaded, and the HTTP server) and an HTTP client. */
package org.zamin.testing;
