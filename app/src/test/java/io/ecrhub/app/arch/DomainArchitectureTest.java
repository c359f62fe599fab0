package io.ecrhub.app.arch;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The domain's feature packages ({@code terminal}, {@code transaction}, {@code merchant}, {@code
 * notification}, {@code certificate}, {@code diagnostics}, {@code shared}...) depend on each other
 * in one direction only: no package cycle, so each can be read (and tested) with what it imports.
 */
@AnalyzeClasses(
    packages = "io.ecrhub.domain",
    importOptions = {
      ImportOption.DoNotIncludeTests.class,
      DomainArchitectureTest.MainClassesOnly.class
    })
class DomainArchitectureTest {

  @ArchTest
  static final ArchRule domainPackagesAreFreeOfCycles =
      slices().matching("io.ecrhub.domain.(*)..").should().beFreeOfCycles();

  /** The domain's test-jar (fixtures and fakes) is test code, wherever it is packaged. */
  static final class MainClassesOnly implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }
  }
}
