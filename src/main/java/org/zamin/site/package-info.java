/** The site itself: the page's start-up configuration (base map, language) and the health check. */
package org.zamin.site;
