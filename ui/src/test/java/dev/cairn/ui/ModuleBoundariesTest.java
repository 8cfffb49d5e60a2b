package dev.cairn.ui;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module map of DESIGN.md, checked: who may depend on whom. */
class ModuleBoundariesTest {

  private static final JavaClasses CAIRN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.cairn");

  @Test
  void the_engine_depends_on_no_channel_and_no_console_code() {
    noClasses()
        .that()
        .resideInAPackage("dev.cairn.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.cairn.channels..", "dev.cairn.ui..")
        .check(CAIRN);
  }

  @Test
  void channels_use_the_engine_only_through_its_public_features() {
    noClasses()
        .that()
        .resideInAPackage("dev.cairn.channels..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.cairn.ui..", "dev.cairn.engine.journey.run..", "dev.cairn.engine.database..")
        .check(CAIRN);
  }

  @Test
  void only_the_embedded_adapter_talks_to_the_bpmn_engine() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cairn.engine.journey.run.operaton..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.operaton..")
        .check(CAIRN);
  }

  /**
   * The journey language reads diagrams with Camunda's model API; the cluster's client is the
   * Camunda 8 adapter's alone.
   */
  @Test
  void only_the_camunda8_adapter_talks_to_a_camunda_cluster() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cairn.engine.journey.run.camunda8..")
        .should()
        .dependOnClassesThat(
            resideInAnyPackage("io.camunda..", "io.grpc..")
                .and(not(resideInAPackage("io.camunda.zeebe.model.."))))
        .check(CAIRN);
  }

  @Test
  void only_the_journey_language_reads_diagrams_with_the_bpmn_model() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cairn.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.camunda..", "org.operaton..")
        .check(CAIRN);
  }

  /** The checks, the compiler and the runtime read the journey language; it reads none of them. */
  @Test
  void the_journey_language_depends_on_no_other_part_of_journeys() {
    noClasses()
        .that()
        .resideInAPackage("dev.cairn.engine.journey.language..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.cairn.engine.journey..")
                .and(not(resideInAPackage("dev.cairn.engine.journey.language.."))))
        .check(CAIRN);
  }

  /** Arrows run one way: language, then the checks, then the compiler. */
  @Test
  void the_journey_checks_depend_on_the_language_only() {
    noClasses()
        .that()
        .resideInAPackage("dev.cairn.engine.journey.check..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.cairn.engine.journey..")
                .and(
                    not(
                        resideInAnyPackage(
                            "dev.cairn.engine.journey.check..",
                            "dev.cairn.engine.journey.language.."))))
        .check(CAIRN);
  }

  @Test
  void feature_packages_have_no_cycles() {
    slices().matching("dev.cairn.(*).(*)..").should().beFreeOfCycles().check(CAIRN);
  }
}
