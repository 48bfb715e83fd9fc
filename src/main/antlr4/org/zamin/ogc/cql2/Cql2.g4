/*
 * CQL2 text, as OGC 21-065r2 "Common Query Language (CQL2)" defines it in Annex A (its BNF, the normative grammar of
 * the standard), turned into an ANTLR 4 grammar for Zamin: the productions of the classes Zamin serves — Basic CQL2,
 * Advanced Comparison Operators (LIKE, BETWEEN, IN), Basic Spatial and Spatial Functions, Property-Property
 * comparisons, Temporal Functions and CASEI of Case-insensitive Comparison. Rule names follow the BNF's
 * (booleanExpression, comparisonPredicate, spatialInstance …). Written from the standard's text for this project,
 * not copied from another implementation; antlr4-maven-plugin generates the parser (package org.zamin.ogc.cql2).
 * Keywords are case-insensitive, as the standard requires.
 */
grammar Cql2;

options { caseInsensitive = true; }

filter : booleanExpression EOF ;

booleanExpression : booleanTerm (OR booleanTerm)* ;
booleanTerm : booleanFactor (AND booleanFactor)* ;
booleanFactor : NOT? booleanPrimary ;
booleanPrimary
    : predicate
    | booleanLiteral
    | LEFTPAREN booleanExpression RIGHTPAREN
    ;

predicate
    : comparisonPredicate
    | spatialPredicate
    | temporalPredicate
    ;

comparisonPredicate
    : scalarExpression comparisonOperator scalarExpression                                        # binaryComparison
    | scalarExpression NOT? LIKE scalarExpression                                                 # isLikePredicate
    | scalarExpression NOT? BETWEEN scalarExpression AND scalarExpression                         # isBetweenPredicate
    | scalarExpression NOT? IN LEFTPAREN scalarExpression (COMMA scalarExpression)* RIGHTPAREN     # isInListPredicate
    | scalarExpression IS NOT? NULL                                                               # isNullPredicate
    ;

comparisonOperator : EQ | NEQ | LT | GT | LTEQ | GTEQ ;

scalarExpression
    : characterLiteral
    | numericLiteral
    | booleanLiteral
    | instantLiteral
    | propertyName
    | CASEI LEFTPAREN scalarExpression RIGHTPAREN
    ;

spatialPredicate : SPATIAL_FUNCTION LEFTPAREN geomExpression COMMA geomExpression RIGHTPAREN ;

geomExpression : spatialInstance | propertyName ;

temporalPredicate : TEMPORAL_FUNCTION LEFTPAREN temporalExpression COMMA temporalExpression RIGHTPAREN ;

temporalExpression : instantLiteral | intervalLiteral | propertyName ;

instantLiteral
    : DATE LEFTPAREN characterLiteral RIGHTPAREN       # dateInstant
    | TIMESTAMP LEFTPAREN characterLiteral RIGHTPAREN  # timestampInstant
    ;

intervalLiteral : INTERVAL LEFTPAREN instantParameter COMMA instantParameter RIGHTPAREN ;

instantParameter : characterLiteral | instantLiteral ;

spatialInstance
    : geometryLiteral
    | bboxLiteral
    ;

geometryLiteral
    : POINT Z? LEFTPAREN coordinate RIGHTPAREN                                             # pointTaggedText
    | LINESTRING Z? coordinateList                                                         # linestringTaggedText
    | POLYGON Z? polygonText                                                               # polygonTaggedText
    | MULTIPOINT Z? LEFTPAREN pointText (COMMA pointText)* RIGHTPAREN                      # multipointTaggedText
    | MULTILINESTRING Z? LEFTPAREN coordinateList (COMMA coordinateList)* RIGHTPAREN       # multilinestringTaggedText
    | MULTIPOLYGON Z? LEFTPAREN polygonText (COMMA polygonText)* RIGHTPAREN                # multipolygonTaggedText
    | GEOMETRYCOLLECTION LEFTPAREN geometryLiteral (COMMA geometryLiteral)* RIGHTPAREN     # geometryCollectionTaggedText
    ;

pointText : coordinate | LEFTPAREN coordinate RIGHTPAREN ;
coordinateList : LEFTPAREN coordinate (COMMA coordinate)* RIGHTPAREN ;
polygonText : LEFTPAREN coordinateList (COMMA coordinateList)* RIGHTPAREN ;
coordinate : signedNumber signedNumber signedNumber? ;

bboxLiteral : BBOX LEFTPAREN signedNumber (COMMA signedNumber)* RIGHTPAREN ;

propertyName : IDENTIFIER | QUOTED_IDENTIFIER ;
characterLiteral : CHARACTER_LITERAL ;
numericLiteral : signedNumber ;
signedNumber : (PLUS | MINUS)? NUMBER ;
booleanLiteral : TRUE | FALSE ;

// Lexer: keywords first, so that they win over IDENTIFIER.
AND : 'AND' ;
OR : 'OR' ;
NOT : 'NOT' ;
LIKE : 'LIKE' ;
BETWEEN : 'BETWEEN' ;
IN : 'IN' ;
IS : 'IS' ;
NULL : 'NULL' ;
TRUE : 'TRUE' ;
FALSE : 'FALSE' ;
DATE : 'DATE' ;
TIMESTAMP : 'TIMESTAMP' ;
INTERVAL : 'INTERVAL' ;
BBOX : 'BBOX' ;
CASEI : 'CASEI' ;
POINT : 'POINT' ;
LINESTRING : 'LINESTRING' ;
POLYGON : 'POLYGON' ;
MULTIPOINT : 'MULTIPOINT' ;
MULTILINESTRING : 'MULTILINESTRING' ;
MULTIPOLYGON : 'MULTIPOLYGON' ;
GEOMETRYCOLLECTION : 'GEOMETRYCOLLECTION' ;
Z : 'Z' ;
SPATIAL_FUNCTION
    : 'S_INTERSECTS' | 'S_EQUALS' | 'S_DISJOINT' | 'S_TOUCHES' | 'S_WITHIN' | 'S_OVERLAPS' | 'S_CROSSES'
    | 'S_CONTAINS'
    ;
TEMPORAL_FUNCTION
    : 'T_AFTER' | 'T_BEFORE' | 'T_CONTAINS' | 'T_DISJOINT' | 'T_DURING' | 'T_EQUALS' | 'T_FINISHEDBY' | 'T_FINISHES'
    | 'T_INTERSECTS' | 'T_MEETS' | 'T_METBY' | 'T_OVERLAPPEDBY' | 'T_OVERLAPS' | 'T_STARTEDBY' | 'T_STARTS'
    ;

EQ : '=' ;
NEQ : '<>' ;
LTEQ : '<=' ;
GTEQ : '>=' ;
LT : '<' ;
GT : '>' ;
LEFTPAREN : '(' ;
RIGHTPAREN : ')' ;
COMMA : ',' ;
PLUS : '+' ;
MINUS : '-' ;

NUMBER : DIGIT+ ('.' DIGIT*)? EXPONENT? | '.' DIGIT+ EXPONENT? ;
fragment DIGIT : [0-9] ;
fragment EXPONENT : 'E' [+-]? DIGIT+ ;

/* A character literal: '' or \' stands for one quote inside it. */
CHARACTER_LITERAL : '\'' ( '\'\'' | '\\\'' | ~['] )* '\'' ;

IDENTIFIER : [A-Z_] [A-Z0-9_.:]* ;
QUOTED_IDENTIFIER : '"' ~["]+ '"' ;

WS : [ \t\r\n]+ -> skip ;

/* Anything else is a token of its own, so that the parser reports it where it stands. */
UNEXPECTED : . ;
