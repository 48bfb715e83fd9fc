/**
 * Idle land. The rules that find allocations sitting idle ({@code IdleRule} implementations, each yielding
 * evidence and a score) and the scan that opens cases ({@code IdleScan}, daily through {@code DailyScan}); the
 * pure due-process rules ({@code DueProcess}); each officer action on a case as its own {@code OfficerAction}
 * class ({@code ServeNotice}, {@code AgreeRevivalPlan}, {@code ExtendDeadlines}, {@code DismissCase},
 * {@code ReclaimPlots}), run by {@code IdleCaseService} with the holder's reply, sub judice and plan items;
 * utility-reading imports (an officer's only for their estates); and the routes. An officer's scan covers their
 * estates, the daily one every estate. SQL lives in {@code sql/idle/*.sql}, case queries behind
 * {@code IdleCaseStore}.
 */
package org.zamin.idle;
