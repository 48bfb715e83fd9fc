/** Allocations: the right an approved reservation gives an investor to its plots (contract terms come later). */
package org.zamin.allocation;
