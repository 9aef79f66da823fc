package io.callhook.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * core is the framework-free centre: its main code may use only itself, the JDK and Jackson. The packages are matched
 * with {@code ..}, so every core package added later is covered without touching this rule. Of the JDK's
 * {@code javax} packages only {@code javax.crypto} is allowed: the Retell signature is an HMAC.
 */
@AnalyzeClasses(packages = "io.callhook.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreDependencyRulesTest {

    @ArchTest
    static final ArchRule coreDependsOnlyOnItselfTheJdkAndJackson = classes()
            .that().resideInAPackage("io.callhook.core..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("io.callhook.core..", "java..", "javax.crypto..", "com.fasterxml.jackson..")
            .because("core must stay free of frameworks and adapters (JDK and Jackson only)");
}
