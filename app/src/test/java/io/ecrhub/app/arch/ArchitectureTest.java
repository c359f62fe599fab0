package io.ecrhub.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

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

  @ArchTest
  static final ArchRule ecrAdapterIgnoresTheOtherAdapters =
      noClasses()
          .that()
          .resideInAPackage("io.ecrhub.ecr..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.ecrhub.notify..", "io.ecrhub.mms..", "io.ecrhub.app..")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule notifyAdapterIgnoresTheOtherAdapters =
      noClasses()
          .that()
          .resideInAPackage("io.ecrhub.notify..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.ecrhub.ecr..", "io.ecrhub.mms..", "io.ecrhub.app..")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule mmsAdapterIgnoresTheOtherAdapters =
      noClasses()
          .that()
          .resideInAPackage("io.ecrhub.mms..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.ecrhub.ecr..", "io.ecrhub.notify..", "io.ecrhub.app..")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule apiNeverTouchesPersistence =
      noClasses()
          .that()
          .resideInAPackage("io.ecrhub.app.api..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.ecrhub.app.persistence..");

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
