package org.zamin.ogc.cql2;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;

/** Reads a CQL2 text filter with the generated {@link Cql2Parser} into an {@link Expression}. */
public final class CqlText {

    private CqlText() {}

    /** The filter's tree; a syntax error is malformed, naming the column where it stands and what was found. */
    public static Expression parse(String text) {
        Literals.checkNesting(text);
        var lexer = new Cql2Lexer(CharStreams.fromString(text));
        var parser = new Cql2Parser(new CommonTokenStream(lexer));
        var errors = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object symbol, int line, int column, String msg,
                                    RecognitionException e) {
                throw Literals.invalid("is not valid CQL2 text at line " + line + ", column " + (column + 1) + ": "
                        + msg);
            }
        };
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        return new Builder(text).expression(parser.filter().booleanExpression());
    }

    /** Builds the tree from the parse tree, one method per production. */
    private record Builder(String source) {

        Expression expression(Cql2Parser.BooleanExpressionContext c) {
            List<Expression> terms = c.booleanTerm().stream().map(this::term).toList();
            return terms.size() == 1 ? terms.get(0) : new Expression.Logical(false, terms);
        }

        Expression term(Cql2Parser.BooleanTermContext c) {
            List<Expression> factors = c.booleanFactor().stream().map(this::factor).toList();
            return factors.size() == 1 ? factors.get(0) : new Expression.Logical(true, factors);
        }

        Expression factor(Cql2Parser.BooleanFactorContext c) {
            Expression primary = primary(c.booleanPrimary());
            return c.NOT() != null ? new Expression.Not(primary) : primary;
        }

        Expression primary(Cql2Parser.BooleanPrimaryContext c) {
            if (c.booleanLiteral() != null) {
                return new Expression.Constant(c.booleanLiteral().TRUE() != null);
            }
            if (c.booleanExpression() != null) {
                return expression(c.booleanExpression());
            }
            var p = c.predicate();
            if (p.spatialPredicate() != null) {
                var s = p.spatialPredicate();
                return new Expression.Spatial(s.SPATIAL_FUNCTION().getText().toUpperCase(Locale.ROOT),
                        geom(s.geomExpression(0)), geom(s.geomExpression(1)));
            }
            if (p.temporalPredicate() != null) {
                var t = p.temporalPredicate();
                return new Expression.Temporal(t.TEMPORAL_FUNCTION().getText().toUpperCase(Locale.ROOT),
                        temporal(t.temporalExpression(0)), temporal(t.temporalExpression(1)));
            }
            return comparison(p.comparisonPredicate());
        }

        Expression comparison(Cql2Parser.ComparisonPredicateContext c) {
            if (c instanceof Cql2Parser.BinaryComparisonContext b) {
                return new Expression.Comparison(b.comparisonOperator().getText(), scalar(b.scalarExpression(0)),
                        scalar(b.scalarExpression(1)));
            }
            if (c instanceof Cql2Parser.IsLikePredicateContext l) {
                return new Expression.Like(scalar(l.scalarExpression(0)), scalar(l.scalarExpression(1)), l.NOT() != null);
            }
            if (c instanceof Cql2Parser.IsBetweenPredicateContext b) {
                return new Expression.Between(scalar(b.scalarExpression(0)), scalar(b.scalarExpression(1)),
                        scalar(b.scalarExpression(2)), b.NOT() != null);
            }
            if (c instanceof Cql2Parser.IsInListPredicateContext in) {
                List<Expression.Term> list = new ArrayList<>();
                for (int i = 1; i < in.scalarExpression().size(); i++) {
                    list.add(scalar(in.scalarExpression(i)));
                }
                return new Expression.In(scalar(in.scalarExpression(0)), list, in.NOT() != null);
            }
            var n = (Cql2Parser.IsNullPredicateContext) c;
            return new Expression.IsNull(scalar(n.scalarExpression()), n.NOT() != null);
        }

        Expression.Term scalar(Cql2Parser.ScalarExpressionContext c) {
            if (c.characterLiteral() != null) {
                return new Expression.Text(text(c.characterLiteral()));
            }
            if (c.numericLiteral() != null) {
                return new Expression.Number(new BigDecimal(c.numericLiteral().getText()));
            }
            if (c.booleanLiteral() != null) {
                return new Expression.Bool(c.booleanLiteral().TRUE() != null);
            }
            if (c.instantLiteral() != null) {
                return instant(c.instantLiteral());
            }
            if (c.CASEI() != null) {
                return new Expression.CaseInsensitive(scalar(c.scalarExpression()));
            }
            return property(c.propertyName());
        }

        Expression.Term instant(Cql2Parser.InstantLiteralContext c) {
            if (c instanceof Cql2Parser.DateInstantContext d) {
                return Literals.date(text(d.characterLiteral()));
            }
            return Literals.timestamp(text(((Cql2Parser.TimestampInstantContext) c).characterLiteral()));
        }

        Expression.Term temporal(Cql2Parser.TemporalExpressionContext c) {
            if (c.instantLiteral() != null) {
                return instant(c.instantLiteral());
            }
            if (c.intervalLiteral() != null) {
                var i = c.intervalLiteral();
                return Literals.interval(intervalEnd(i.instantParameter(0)), intervalEnd(i.instantParameter(1)));
            }
            return property(c.propertyName());
        }

        String intervalEnd(Cql2Parser.InstantParameterContext c) {
            if (c.characterLiteral() != null) {
                return text(c.characterLiteral());
            }
            var instant = c.instantLiteral();
            return text(instant instanceof Cql2Parser.DateInstantContext d ? d.characterLiteral()
                    : ((Cql2Parser.TimestampInstantContext) instant).characterLiteral());
        }

        Expression.Term geom(Cql2Parser.GeomExpressionContext c) {
            if (c.propertyName() != null) {
                return property(c.propertyName());
            }
            var s = c.spatialInstance();
            if (s.bboxLiteral() != null) {
                return Literals.bbox(s.bboxLiteral().signedNumber().stream()
                        .map(n -> Double.parseDouble(n.getText())).toList());
            }
            return Literals.geometry(original(s.geometryLiteral()));
        }

        /** The source text a rule matched (WKT as written, for JTS to read). */
        String original(ParserRuleContext c) {
            return source.substring(c.start.getStartIndex(), c.stop.getStopIndex() + 1);
        }

        static Expression.Property property(Cql2Parser.PropertyNameContext c) {
            String name = c.getText();
            return new Expression.Property(c.QUOTED_IDENTIFIER() != null ? name.substring(1, name.length() - 1) : name);
        }

        static String text(Cql2Parser.CharacterLiteralContext c) {
            String quoted = c.getText();
            return quoted.substring(1, quoted.length() - 1).replace("''", "'").replace("\\'", "'");
        }
    }

}
