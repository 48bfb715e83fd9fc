/**
 * Allocations as lease-to-own contracts: payment plans and their instalment schedules (integer money), milestones
 * with deadlines, extensions, the plot's public status following the milestones, evidence of activity (progress
 * reports, inspections, utility readings) and the routes that show and change them. Who may see an allocation is
 * {@code AllocationAccess} over {@code account.Visibility}; the SQL is in {@code sql/allocation/*.sql}, run by
 * {@code AllocationRepository} (the allocation documents) and {@code ContractRepository} (everything else).
 */
package org.zamin.allocation;
