/** Industrial estates and zones: boundary, operator, utilities and capacity, land price, plot counts by status. */
package org.zamin.estate;
