/**
 * Users, roles, sessions and API tokens: who is asking ({@code Auth}, {@code CurrentUser}), which routes each role may
 * call and with what scope ({@code RouteAccess.TABLE}, one {@code Access} per route, checked before every route runs),
 * and what they may see ({@code Visibility}, built once from the user and passed down to services and repositories).
 * Failures are {@code org.zamin.domain} exceptions; the SQL is in {@code sql/account/*.sql}, run by
 * {@code AccountRepository}.
 */
package org.zamin.account;
