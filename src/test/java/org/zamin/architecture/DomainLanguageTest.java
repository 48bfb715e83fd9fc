package org.zamin.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The domain speaks its own language (issue 11, part 4): failures are domain exceptions, domain records and rules
 * know neither HTTP nor JDBC, and route classes reach the database only through a repository or a service.
 */
class DomainLanguageTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.zamin");
    }

    /** The HTTP edge: {@code org.zamin.http} and the route classes (their nested records too). */
    static final DescribedPredicate<JavaClass> HTTP_EDGE = describe("the HTTP edge (org.zamin.http, *Routes)",
            c -> c.getPackageName().equals("org.zamin.http") || outermost(c).getSimpleName().endsWith("Routes"));

    /** The domain: its failures, and the records and enums every feature speaks in. */
    static final DescribedPredicate<JavaClass> DOMAIN = describe("domain failures, records and enums",
            c -> c.getPackageName().startsWith("org.zamin.domain") || c.isEnum()
                    || c.isAssignableTo(Record.class));

    @Test
    void onlyTheHttpEdgeUsesApiException() {
        check(noClasses().that(DescribedPredicate.not(HTTP_EDGE))
                .should().dependOnClassesThat().haveFullyQualifiedName("org.zamin.http.ApiException")
                .because("services, repositories and domain classes throw org.zamin.domain exceptions; "
                        + "only http.ErrorMapper knows HTTP statuses"));
    }

    @Test
    void domainRecordsAndRulesKnowNeitherJavalinNorJdbc() {
        check(noClasses().that(DOMAIN.and(DescribedPredicate.not(HTTP_EDGE)))
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "java.sql..")
                .because("domain records and rules are plain Java: no HTTP, no JDBC"));
    }

    @Test
    void domainFailuresDoNotKnowHttp() {
        check(noClasses().that().resideInAPackage("org.zamin.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "java.sql..", "org.jdbi..",
                        "org.zamin.http.."));
    }

    @Test
    void routeClassesDoNotTouchTheDatabase() {
        DescribedPredicate<JavaMethodCall> database = describe("a Jdbi or Handle method (SQL runs through them)",
                call -> call.getTargetOwner().isAssignableTo(org.jdbi.v3.core.Jdbi.class)
                        || call.getTargetOwner().isAssignableTo(org.jdbi.v3.core.Handle.class)
                        || call.getTargetOwner().isAssignableTo(org.jdbi.v3.core.statement.SqlStatement.class));
        check(noClasses().that(describe("route classes",
                        c -> outermost(c).getSimpleName().endsWith("Routes")))
                .should().callMethodWhere(database)
                .because("SQL belongs in the feature's repository and its .sql resources, never in a route"));
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    /** Fails with ArchUnit's report of every violating class and call. */
    private static void check(ArchRule rule) {
        EvaluationResult result = rule.evaluate(main);
        assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
    }
}
