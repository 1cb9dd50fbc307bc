package org.tasktracker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.tasktracker.support.SideLane;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries: one top-level package per feature or shared concern, no cycles,
 * no reaching into another module's internals; and their documentation under
 * {@code docs/modules}, written anew by every build.
 * <p>
 * It reads classes and writes files, and touches no database or service: on the side
 * lane, it evens out the two lanes, whose first one ended later.
 */
@SideLane
class ModuleStructureTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(TaskTrackerApplication.class);

	private static final Path DOCS = Path.of("docs/modules");

	/** Modules that are other ways into the tasks (conventions, "Growing"). */
	private static final Set<String> WAYS_IN = Set.of("caldav");

	@Test
	void keepsItsModuleBoundaries() {
		MODULES.verify();
	}

	@Test
	void sharedModulesNeverDependOnTheTaskFeature() {
		ApplicationModule task = MODULES.getModuleByName("task").orElseThrow();
		assertThat(MODULES.stream().filter((module) -> !module.equals(task) && !WAYS_IN.contains(module.getName())))
			.allSatisfy((module) -> assertThat(module.getDirectDependencies(MODULES)
				.stream()
				.map((dependency) -> dependency.getTargetModule().getName())).as(module.getName())
				.doesNotContain("task"));
	}

	@Test
	void waysIntoTheTasksUseOnlyWhatTheTaskFeaturePublishes() {
		for (String name : WAYS_IN) {
			ApplicationModule module = MODULES.getModuleByName(name).orElseThrow();
			assertThat(module.getDirectDependencies(MODULES)
				.stream()
				.filter((dependency) -> dependency.getTargetModule().getName().equals("task"))
				.map((dependency) -> dependency.getTargetType().getPackageName())).as(name)
				.isNotEmpty()
				.allSatisfy((target) -> assertThat(target).isEqualTo("org.tasktracker.task.published"));
		}
	}

	@Test
	void writesTheModuleDocumentation() throws IOException {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString())).writeDocumentation();
		try (Stream<Path> files = Files.list(DOCS)) {
			for (Path written : files.toList()) {
				if (written.toString().endsWith(".puml")) {
					Files.write(written, relationsSorted(Files.readAllLines(written)));
				}
				else if (written.toString().endsWith(".adoc")) {
					Files.write(written, listsSorted(Files.readAllLines(written)));
				}
			}
		}
	}

	/**
	 * The documenter lists a module's events in no fixed order: each table cell's list
	 * ({@code |* a}, then {@code * b} lines) is sorted, its first line keeping the cell's
	 * bar.
	 */
	private static List<String> listsSorted(List<String> lines) {
		List<String> sorted = new ArrayList<>(lines);
		for (int start = 0; start < sorted.size(); start++) {
			if (!sorted.get(start).startsWith("|* ")) {
				continue;
			}
			int end = start + 1;
			while (end < sorted.size() && sorted.get(end).startsWith("* ")) {
				end++;
			}
			List<String> items = new ArrayList<>(sorted.subList(start, end));
			items.set(0, items.get(0).substring(1));
			items.sort(null);
			items.set(0, "|" + items.get(0));
			for (int i = start; i < end; i++) {
				sorted.set(i, items.get(i - start));
			}
			start = end - 1;
		}
		return sorted;
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
