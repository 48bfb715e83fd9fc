/**
 * Idle land: the rules that find allocations sitting idle (each yielding evidence and a score), the idle case
 * and its due process (notice, reply, revival plan, extension, reclaim, dismissal, sub judice), the scan that
 * opens cases, utility-reading imports, notifications, and their routes.
 */
package org.zamin.idle;
