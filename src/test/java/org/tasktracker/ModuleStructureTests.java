package org.tasktracker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries: one top-level package per feature or shared concern, no cycles,
 * no reaching into another module's internals; and their documentation under
 * {@code docs/modules}, written anew by every build.
 */
class ModuleStructureTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(TaskTrackerApplication.class);

	private static final Path DOCS = Path.of("docs/modules");

	@Test
	void keepsItsModuleBoundaries() {
		MODULES.verify();
	}

	@Test
	void sharedModulesNeverDependOnTheTaskFeature() {
		ApplicationModule task = MODULES.getModuleByName("task").orElseThrow();
		assertThat(MODULES.stream().filter((module) -> !module.equals(task)))
			.allSatisfy((module) -> assertThat(module.getDirectDependencies(MODULES)
				.stream()
				.map((dependency) -> dependency.getTargetModule().getName())).as(module.getName())
				.doesNotContain("task"));
	}

	@Test
	void writesTheModuleDocumentation() throws IOException {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString())).writeDocumentation();
		try (Stream<Path> files = Files.list(DOCS)) {
			for (Path diagram : files.filter((file) -> file.toString().endsWith(".puml")).toList()) {
				Files.write(diagram, relationsSorted(Files.readAllLines(diagram)));
			}
		}
	}

	/**
	 * The documenter writes a diagram's relations in no fixed order; sorted, a build
	 * leaves the committed diagrams as they are.
	 */
	private static List<String> relationsSorted(List<String> lines) {
		List<String> sorted = new ArrayList<>(lines);
		int start = 0;
		while (start < sorted.size()) {
			int end = start;
			while (end < sorted.size() && sorted.get(end).startsWith("Rel(")) {
				end++;
			}
			sorted.subList(start, end).sort(null);
			start = end + 1;
		}
		return sorted;
	}

}
