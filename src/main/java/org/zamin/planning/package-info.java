/**
 * Planners' questions: available plots and contiguous vacant blocks by area, radius, estate, province and
 * distance to infrastructure; occupancy and idle statistics; the what-if of reclaiming long-idle land.
 */
package org.zamin.planning;
