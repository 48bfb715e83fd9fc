/**
 * Industrial estates and zones: boundary, kind (a code of the database's vocabulary), operator, utilities and
 * capacity, land price, plot counts by status; queries in {@code sql/estate/*.sql}.
 */
package org.zamin.estate;
