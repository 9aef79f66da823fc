package io.callhook.acceptance;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import io.callhook.cli.CallhookCli;
import io.callhook.core.port.in.IngestWebhookUseCase;
import io.callhook.db.Database;
import io.callhook.http.CallhookApplication;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The modules form a hexagon: {@code core} in the middle depends on no adapter; every adapter depends on {@code core};
 * {@code adapter-db} depends on no other adapter; {@code adapter-http} (the server's composition root) may use
 * {@code adapter-db} and nothing else of the adapters; {@code adapter-cli} may use {@code adapter-db} but never
 * {@code adapter-http}. Checked over the production classes of every module as they are on this module's classpath
 * (their jars, or their {@code target/classes} in a reactor build; tests and test-jars left out).
 */
@AnalyzeClasses(locations = HexagonalArchitectureTest.CallhookModules.class,
        importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonalArchitectureTest {

    private static final String CORE = "io.callhook.core..";
    private static final String DB = "io.callhook.db..";
    private static final String HTTP = "io.callhook.http..";
    private static final String CLI = "io.callhook.cli..";

    @ArchTest
    static final ArchRule coreDependsOnNoAdapter = noClasses()
            .that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(DB, HTTP, CLI)
            .because("dependencies point inward: adapters depend on core, never the reverse");

    @ArchTest
    static final ArchRule databaseAdapterDependsOnNoOtherAdapter = noClasses()
            .that().resideInAPackage(DB)
            .should().dependOnClassesThat().resideInAnyPackage(HTTP, CLI)
            .because("adapter-db is used by the server, the CLI and embedders alike");

    @ArchTest
    static final ArchRule cliDoesNotDependOnTheServer = noClasses()
            .that().resideInAPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage(HTTP)
            .because("the CLI talks to a server over HTTP only, as Retell does");

    @ArchTest
    static final ArchRule serverDependsOnNoAdapterButTheDatabase = noClasses()
            .that().resideInAPackage(HTTP)
            .should().dependOnClassesThat().resideInAPackage(CLI)
            .because("adapter-http is the composition root of the server and wires adapter-db only");

    @ArchTest
    static final ArchRule modulesFormLayersAroundTheCore = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("core").definedBy(CORE)
            .layer("adapter-db").definedBy(DB)
            .layer("adapter-http").definedBy(HTTP)
            .layer("adapter-cli").definedBy(CLI)
            .whereLayer("adapter-http").mayNotBeAccessedByAnyLayer()
            .whereLayer("adapter-cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("adapter-db").mayOnlyBeAccessedByLayers("adapter-http", "adapter-cli")
            .whereLayer("core").mayOnlyBeAccessedByLayers("adapter-db", "adapter-http", "adapter-cli");

    /**
     * Inside the core, too: the domain model knows neither ports nor use cases, ports know no use-case implementation,
     * and nothing of the core knows an adapter (the in-memory store counts as one). Adapters stay apart, except for
     * the two that open the database (server and CLI).
     */
    @ArchTest
    static final ArchRule dependenciesPointInwardLikeAnOnion = onionArchitecture()
            .domainModels("io.callhook.core.call..", "io.callhook.core.campaign..", "io.callhook.core.directory..",
                    "io.callhook.core.notification..", "io.callhook.core.activity..", "io.callhook.core.retell..")
            .domainServices("io.callhook.core.port..")
            .applicationServices("io.callhook.core.service..")
            .adapter("in-memory store", "io.callhook.core.memory..")
            .adapter("postgresql", DB)
            .adapter("http", HTTP)
            .adapter("cli", CLI)
            .ignoreDependency(resideInAPackage(HTTP), resideInAPackage(DB))
            .ignoreDependency(resideInAPackage(CLI), resideInAPackage(DB));

    @ArchTest
    static void everyAdapterDependsOnTheCore(JavaClasses classes) {
        Map<String, Long> coreDependents = new TreeMap<>();
        for (String adapter : new String[] {DB, HTTP, CLI}) {
            long count = classes.stream()
                    .filter(resideInAPackage(adapter))
                    .filter(describe("depends on core", (JavaClass c) -> c.getDirectDependenciesFromSelf().stream()
                            .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("io.callhook.core"))))
                    .count();
            coreDependents.put(adapter, count);
        }

        assertThat(coreDependents).as("classes of each adapter that use the core")
                .allSatisfy((adapter, count) -> assertThat(count).as(adapter).isPositive());
    }

    /** Where the four modules' production classes are: one jar (or classes folder) each, found by one class each. */
    static final class CallhookModules implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Stream.of(IngestWebhookUseCase.class, Database.class, CallhookApplication.class, CallhookCli.class)
                    .map(CallhookModules::locationOf)
                    .collect(Collectors.toSet());
        }

        private static Location locationOf(Class<?> moduleClass) {
            URI where;
            try {
                where = moduleClass.getProtectionDomain().getCodeSource().getLocation().toURI();
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the module of " + moduleClass, e);
            }
            return where.getPath().endsWith(".jar")
                    ? Location.of(URI.create("jar:" + where + "!/"))
                    : Location.of(where);
        }
    }
}
