/**
 * Users, roles, sessions and API tokens: who is asking ({@code Auth}, {@code CurrentUser}) and what they may see
 * ({@code Visibility}, built once from the user and passed down to services and repositories); how often they may
 * try ({@code LoginLimiter} for sign-in and sign-up, {@code RequestLimits} for per-account write rates, both on
 * Bucket4j buckets in {@code RateBuckets}); tokens that expire and can be revoked, accounts that can be disabled.
 * Failures are {@code org.zamin.domain} exceptions; the SQL is in {@code sql/account/*.sql}, run by
 * {@code AccountRepository}; the database's own guards on disabled accounts are in {@code R__account_disabled.sql}.
 */
package org.zamin.account;
