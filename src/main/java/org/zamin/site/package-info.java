/**
 * The site itself: the page's start-up configuration (base map, languages, the vocabularies in display order) and
 * the health check.
 */
package org.zamin.site;
