/**
 * Allocations as lease-to-own contracts: payment plans and their instalment schedules (integer money), milestones
 * with deadlines, extensions, the plot's public status following the milestones, evidence of activity (progress
 * reports, inspections, utility readings) and the routes that show and change them.
 */
package org.zamin.allocation;
