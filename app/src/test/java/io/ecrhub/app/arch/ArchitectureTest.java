package io.ecrhub.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/** The dependency rules of the hexagon, checked on the compiled classes. */
@AnalyzeClasses(
    packages = "io.ecrhub",
    importOptions = {
      ImportOption.DoNotIncludeTests.class,
      ArchitectureTest.DoNotIncludeTestJars.class
    })
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainImportsOnlyTheJdk =
      classes()
          .that()
          .resideInAPackage("io.ecrhub.domain..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "io.ecrhub.domain..");

  /** The adapter modules' root packages (cloud: the MMS cloud source to come). */
  private static final Set<String> ADAPTERS = Set.of("ecr", "notify", "mms", "cloud");

  @ArchTest
  static final ArchRule adaptersNeverDependOnEachOther =
      slices()
          .matching("io.ecrhub.(*)..")
          .that(
              DescribedPredicate.describe(
                  "are adapters " + ADAPTERS, slice -> ADAPTERS.contains(slice.getNamePart(1))))
          .should()
          .notDependOnEachOther();

  @ArchTest
  static final ArchRule adaptersNeverDependOnTheApp =
      noClasses()
          .that()
          .resideInAnyPackage(
              ADAPTERS.stream().map(a -> "io.ecrhub." + a + "..").toArray(String[]::new))
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.ecrhub.app..")
          .allowEmptyShould(true);

  /**
   * One way to start a transaction in app code (ADR 0013 §5): {@code @Transactional}; the domain's
   * use cases use the {@code UnitOfWork} port, whose one adapter is the only caller of {@code
   * QuarkusTransaction}.
   */
  @ArchTest
  static final ArchRule onlyTheUnitOfWorkCallsQuarkusTransaction =
      noClasses()
          .that()
          .resideInAPackage("io.ecrhub.app..")
          .and()
          .doNotHaveFullyQualifiedName("io.ecrhub.app.persistence.QuarkusUnitOfWork")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("io.quarkus.narayana.jta.QuarkusTransaction");

  /** Every REST package (and the shared HTTP plumbing) goes through ports and use cases. */
  @ArchTest
  static final ArchRule apiNeverTouchesPersistence =
      noClasses()
          .that()
          .resideInAnyPackage("io.ecrhub.app..api..", "io.ecrhub.app.web..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.ecrhub.app..persistence..");

  @ArchTest
  static final ArchRule appPackagesAreFreeOfCycles =
      slices().matching("io.ecrhub.app.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule useCasesAndSecurityNeverTouchPersistence =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.ecrhub.app.terminals..", "io.ecrhub.app.security..", "io.ecrhub.app.secrets..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.ecrhub.app.persistence..");

  /** Test-jars (the domain's fixtures and fakes) are test code too, wherever they are packaged. */
  static final class DoNotIncludeTestJars implements ImportOption {
    @Override
    public boolean includes(com.tngtech.archunit.core.importer.Location location) {
      return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }
  }
}
