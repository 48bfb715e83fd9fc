/**
 * The waitlist and demand: investors register standing requests for land (province or estates, area range, land
 * use, utilities, activity); the database matches every plot that becomes available against the open requests and
 * notifies the requesters in the order they registered ({@code R__demand_match.sql}); planners compare unmet demand
 * with available supply by province and estate, with monthly history from the daily supply record.
 */
package org.zamin.demand;
