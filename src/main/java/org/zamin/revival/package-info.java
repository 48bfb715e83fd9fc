/**
 * Revival before reclaim (issue 18): officers marked as advisers diagnose idle units (causes from a vocabulary,
 * evidence, a recommendation); the province's working group holds sessions with an agenda of idle cases and decides
 * on each (a revival plan whose items name the responsible agency, a bank referral with its facility in rials, an
 * extension, or proceeding to reclaim); the holder sees the plan, its deadlines and the stopped clock on their
 * contract page. The stopped clock (an agency's missed item extends the holder's deadlines) is computed in the
 * database ({@code R__idle_revival.sql}). {@code RevivalService} runs it, SQL in {@code sql/revival/*.sql} behind
 * {@code RevivalStore}; the REVIVED outcome itself is an idle-case action ({@code org.zamin.idle.ReviveUnit}).
 */
package org.zamin.revival;
