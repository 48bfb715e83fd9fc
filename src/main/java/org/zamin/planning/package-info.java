/**
 * Planners' questions: available plots and contiguous vacant blocks by area, radius, estate, province and
 * distance to infrastructure; occupancy and idle statistics; the what-if of reclaiming long-idle land. The SQL is in
 * {@code sql/planning/*.sql}, run by {@code PlanningRepository}.
 */
package org.zamin.planning;
