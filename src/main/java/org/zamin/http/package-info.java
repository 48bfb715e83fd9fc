/** The HTTP edge shared by every feature: the API exception type, the JSON error mapper, query-parameter parsing. */
package org.zamin.http;
