package cn.zwgk.consolidator;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The picture of docs/packages.md, held: arrows point down only, and the domain knows no Spring. */
class PackageGraphTest {

    private static final String ROOT = "cn.zwgk.consolidator";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void domainPackagesImportNoSpring() {
        noClasses().that().resideInAnyPackage(domain())
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .because("the domain is plain Java that a unit test calls without a context")
                .check(CLASSES);
    }

    @Test
    void domainPackagesKnowNoJdbc() {
        noClasses().that().resideInAnyPackage(domain())
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .because("the run history in the database belongs to job/")
                .check(CLASSES);
    }

    @Test
    void arrowsPointDownOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("application").definedBy(ROOT)
                .layer("portal").definedBy(ROOT + ".portal..")
                .layer("job").definedBy(ROOT + ".job..")
                .layer("publishing").definedBy(ROOT + ".publishing..")
                .layer("consolidation").definedBy(ROOT + ".consolidation..")
                .layer("output").definedBy(ROOT + ".output..")
                .layer("validation").definedBy(ROOT + ".validation..")
                .layer("submission").definedBy(ROOT + ".submission..")
                .layer("registry").definedBy(ROOT + ".registry..")
                .layer("template").definedBy(ROOT + ".template..")
                .layer("common").definedBy(ROOT + ".common..")
                .whereLayer("application").mayNotBeAccessedByAnyLayer()
                .whereLayer("portal").mayOnlyBeAccessedByLayers("application")
                // every run writes the report draft and the letters: the job's publish step calls them
                .whereLayer("publishing").mayOnlyBeAccessedByLayers("application", "job", "portal")
                .whereLayer("job").mayOnlyBeAccessedByLayers("application", "portal")
                .whereLayer("consolidation").mayOnlyBeAccessedByLayers("application", "job", "portal", "publishing")
                .whereLayer("output").mayOnlyBeAccessedByLayers("application", "job", "portal", "publishing")
                .whereLayer("validation").mayOnlyBeAccessedByLayers("application", "job", "portal", "publishing",
                        "consolidation", "output")
                .whereLayer("submission").mayOnlyBeAccessedByLayers("application", "job", "portal", "publishing",
                        "consolidation", "output", "validation")
                .whereLayer("registry").mayOnlyBeAccessedByLayers("application", "job", "portal", "publishing",
                        "consolidation", "output", "validation", "submission")
                .whereLayer("template").mayOnlyBeAccessedByLayers("application", "job", "portal", "publishing",
                        "consolidation", "output", "validation", "submission")
                .whereLayer("common").mayOnlyBeAccessedByLayers("application", "job", "portal", "publishing",
                        "consolidation", "output", "validation", "submission", "registry", "template")
                .withOptionalLayers(true)
                .check(CLASSES);
    }

    private static String[] domain() {
        return new String[] {ROOT + ".common..", ROOT + ".template..", ROOT + ".registry..", ROOT + ".submission..",
                ROOT + ".validation..", ROOT + ".consolidation..", ROOT + ".output..", ROOT + ".publishing.."};
    }
}
