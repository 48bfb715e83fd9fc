/**
 * Users, roles, sessions and API tokens: who is asking ({@code Auth}, {@code CurrentUser}) and what they may see
 * ({@code Visibility}, built once from the user and passed down to services and repositories). Failures are
 * {@code org.zamin.domain} exceptions; the SQL is in {@code sql/account/*.sql}, run by {@code AccountRepository}.
 */
package org.zamin.account;
