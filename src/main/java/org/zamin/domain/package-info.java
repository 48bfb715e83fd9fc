/**
 * The domain's own failures: {@link org.zamin.domain.NotFound}, {@link org.zamin.domain.Forbidden},
 * {@link org.zamin.domain.Conflict}, {@link org.zamin.domain.Invalid} and the rest of
 * {@link org.zamin.domain.DomainException}. Services and repositories throw these and never an HTTP status; the error
 * mapper in {@code http/} is the one place that turns them into statuses and {@code {"code","message"}} JSON.
 * {@link org.zamin.domain.Text} is the one rule for text people type (allowed characters and lengths per kind of
 * field), which every service applies and the database repeats as CHECK constraints.
 */
package org.zamin.domain;
