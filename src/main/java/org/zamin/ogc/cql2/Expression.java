package org.zamin.ogc.cql2;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A CQL2 filter as a tree, the same whichever encoding (text or JSON) it came in. */
public sealed interface Expression {

    /** {@code a AND b AND …} or {@code a OR b OR …}. */
    record Logical(boolean and, List<Expression> operands) implements Expression {}

    record Not(Expression operand) implements Expression {}

    /** {@code TRUE} or {@code FALSE} as a whole predicate. */
    record Constant(boolean value) implements Expression {}

    /** {@code a op b} with op one of {@code = <> < > <= >=}. */
    record Comparison(String operator, Term left, Term right) implements Expression {}

    record Like(Term value, Term pattern, boolean negated) implements Expression {}

    record Between(Term value, Term low, Term high, boolean negated) implements Expression {}

    record In(Term value, List<Term> list, boolean negated) implements Expression {}

    record IsNull(Term value, boolean negated) implements Expression {}

    /** {@code S_INTERSECTS(a, b)} and the other spatial functions, by their CQL2 name in upper case. */
    record Spatial(String function, Term left, Term right) implements Expression {}

    /** {@code T_INTERSECTS(a, b)} and the other temporal functions, by their CQL2 name in upper case. */
    record Temporal(String function, Term left, Term right) implements Expression {}

    /** An operand: a property or a literal. */
    sealed interface Term {}

    record Property(String name) implements Term {}

    record Text(String value) implements Term {}

    record Number(BigDecimal value) implements Term {}

    record Bool(boolean value) implements Term {}

    /** {@code DATE('2024-05-01')}. */
    record Date(LocalDate value) implements Term {}

    /** {@code TIMESTAMP('2024-05-01T10:00:00Z')}. */
    record Timestamp(Instant value) implements Term {}

    /** {@code INTERVAL(a, b)}, each end open ({@code '..'}) when empty. */
    record Interval(Optional<Instant> from, Optional<Instant> to) implements Term {}

    /** {@code CASEI(x)}: text compared without regard to case. */
    record CaseInsensitive(Term value) implements Term {}

    /** A geometry literal as checked WKT, in the filter's CRS (its axis order as that CRS has it). */
    record Geometry(String wkt) implements Term {}
}
