/**
 * Planners' questions: available plots and contiguous vacant blocks by area, radius, estate, province and
 * distance to infrastructure; occupancy and idle statistics; the what-if of reclaiming long-idle land. The SQL is in
 * {@code sql/planning/*.sql}, run by {@code PlanningRepository}. The month-by-month history reads the monthly
 * snapshots ({@code HistorySnapshots}, taken by the periodic sweep as months close; the replay of the decision log,
 * the snapshot taker and the triggers that drop a snapshot a late event changes are in
 * {@code db/migration/R__planning_history.sql}) and the kept tallies for the current month.
 */
package org.zamin.planning;
