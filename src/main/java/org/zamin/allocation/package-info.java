/**
 * Allocations as lease-to-own contracts: payment plans and their instalment schedules (integer money), milestones
 * with deadlines, extensions, the plot's public status following the milestones, evidence of activity (progress
 * reports, inspections, utility readings) and the routes that show and change them. Who may see an allocation is
 * {@code AllocationAccess} over {@code account.Visibility}; the SQL is in {@code sql/allocation/*.sql}, run by
 * {@code AllocationRepository} (the allocation documents) and {@code ContractRepository} (everything else).
 * An allocation comes from an approved reservation or a round's paid award, always through the database function
 * {@code allocation_open} (R__allocation_open.sql); its contract, milestones and plan are written at commit by the one
 * trigger {@code allocation_create_contract} (R__allocation_contract.sql), priced by the category policy that matches
 * its source (R__category_policy.sql).
 */
package org.zamin.allocation;
