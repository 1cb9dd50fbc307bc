package org.tasktracker.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.tasktracker.support.AppUser;
import org.tasktracker.support.Browser;
import org.tasktracker.support.SideLane;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.task.BrowserTasks.DAY;

/**
 * Issues 32 and 33's leftovers in a real headless Chromium: a task's subtasks reordered
 * in its pane by drag, by Alt+arrow and by their Move buttons, the order kept after a
 * reload; a row's menu of more actions, opened and left by the keyboard as the menu
 * button pattern says, whose priority, day and project change the row in place with an
 * Undo that puts back what was there (and a drag's undo); the sidebar's counts following
 * an answer in place; and {@code j}/{@code k} leaving the list alone while the pane
 * covers it on a phone. No full reload for any of it, nothing in the console, and
 * axe-core finds nothing serious with the menu open or the pane's subtasks shown. The
 * same settings as {@link WebUiTaskPaneBrowserTests}, so that a run of both starts the
 * service once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=ui-admin",
				"tasktracker.auth.admin-password=" + AppUser.PASSWORD })
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SideLane
class WebUiRowMenuAndReorderBrowserTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@RegisterExtension
	static final AppUser user = AppUser.madeBy("ui-admin", "menu-").zone(BERLIN.getId()).wideAndLightAfterEach();

	private final BrowserTasks tasks = new BrowserTasks(user);

	@Test
	void subtasksAreReorderedInThePaneByDragAltArrowsAndTheirButtonsAndKeepTheirOrder() throws Exception {
		long project = this.tasks.project("Bake");
		long parent = this.tasks.add("Bake a cake", project);
		long flour = this.tasks.addSubtask("Flour", parent);
		long eggs = this.tasks.addSubtask("Eggs", parent);
		long sugar = this.tasks.addSubtask("Sugar", parent);
		user.open("/app/tasks/" + parent + "?back=/app/projects/" + project);
		this.tasks.awaitPane(parent);
		assertThat(subtask(flour).getAttribute("draggable")).isEqualTo("true");
		user.browser().markPage();

		user.browser().drag(subtask(flour), subtask(sugar));

		assertThat(this.tasks.subtaskIds()).as("moved at once").containsExactly(eggs, sugar, flour);
		user.await((driver) -> order(parent).equals(List.of(eggs, sugar, flour)));
		user.await((driver) -> "Moved: Flour, 3 of 3.".equals(user.find("#pane-notice").getText()));
		assertThat(user.find("#pane-notice").getAttribute("role")).isEqualTo("status");

		// The keyboard: Alt+ArrowDown on Eggs' link, the focus kept on it.
		user.driver().executeScript("arguments[0].focus()", user.find("#subtask-link-" + eggs));
		user.browser().altKey(Keys.ARROW_DOWN);
		assertThat(this.tasks.subtaskIds()).containsExactly(sugar, eggs, flour);
		user.await((driver) -> order(parent).equals(List.of(sugar, eggs, flour)));
		user.await((driver) -> "Moved: Eggs, 2 of 3.".equals(user.find("#pane-notice").getText()));
		assertThat(focusedElementId()).isEqualTo("subtask-link-" + eggs);
		user.browser().altKey(Keys.ARROW_UP);
		user.await((driver) -> order(parent).equals(List.of(eggs, sugar, flour)));
		user.await((driver) -> "Moved: Eggs, 1 of 3.".equals(user.find("#pane-notice").getText()));
		assertThat(this.tasks.subtaskIds()).containsExactly(eggs, sugar, flour);
		assertThat(focusedElementId()).isEqualTo("subtask-link-" + eggs);

		// Its Move down button, from the keyboard: the focus stays on the subtask.
		WebElement down = user.find("#subtask-down-" + sugar);
		assertThat(down.getAccessibleName()).isEqualTo("Move Sugar down");
		user.driver().executeScript("arguments[0].focus()", down);
		user.browser().key(Keys.ENTER);
		user.await((driver) -> order(parent).equals(List.of(eggs, flour, sugar)));
		user.await((driver) -> this.tasks.subtaskIds().equals(List.of(eggs, flour, sugar)));
		user.await((driver) -> focusedElementId().equals("subtask-link-" + sugar));
		assertThat(user.browser().samePage()).as("no full reload").isTrue();

		user.driver().navigate().refresh();
		this.tasks.awaitPane(parent);
		assertThat(this.tasks.subtaskIds()).containsExactly(eggs, flour, sugar);
		assertThat(user.browser().consoleErrors()).isEmpty();

		// axe on the pane with the subtasks' move buttons, wide and on a phone.
		String axe = Browser.axeScript();
		Path shots = Files.createDirectories(Path.of("target/screenshots"));
		for (int width : new int[] { 1280, 390 }) {
			user.driver().manage().window().setSize(new Dimension(width, 844));
			user.open("/app/tasks/" + parent + "?back=/app/projects/" + project);
			this.tasks.awaitPane(parent);
			user.driver().executeScript("arguments[0].focus()", user.find("#subtask-link-" + flour));
			assertThat(Browser.seriousViolations(user.browser(), axe)).as(width + " px").isEmpty();
			user.driver().executeScript("arguments[0].scrollIntoView()", user.find("#pane-subtasks"));
			Files.write(shots.resolve("task-pane-reorder-%s-light.png".formatted((width < 500) ? "phone" : "wide")),
					user.driver().getScreenshotAs(OutputType.BYTES));
		}
	}

	@Test
	void aRowsMenuIsOperatedByTheKeyboardAndItsChangesAreMadeInPlaceAndUndone() throws Exception {
		long work = this.tasks.project("Work");
		long home = this.tasks.project("Home");
		this.tasks.add("First", work);
		long id = this.tasks.add("Write the report", work);
		JsonNode before = this.tasks.get(id);
		user.open("/app/projects/" + work);
		user.browser().markPage();
		WebElement button = this.tasks.row(id).findElement(By.cssSelector("[data-row-menu]"));
		assertThat(button.getAttribute("aria-haspopup")).isEqualTo("menu");
		assertThat(button.getAttribute("aria-expanded")).isEqualTo("false");
		assertThat(button.getAccessibleName()).isEqualTo("More actions for Write the report");

		// Enter opens it with the focus on its first item; the arrows wrap; Esc closes
		// it.
		user.driver().executeScript("arguments[0].focus()", button);
		user.browser().key(Keys.ENTER);
		assertThat(focused().getText()).isEqualTo("P1 urgent");
		assertThat(button.getAttribute("aria-expanded")).isEqualTo("true");
		assertThat(user.find("#row-menu-open").getAttribute("role")).isEqualTo("menu");
		assertThat(
				user.find("#row-menu-open [data-menu-action='priority'][data-value='1']").getAttribute("aria-checked"))
			.as("its priority now is checked")
			.isEqualTo("true");
		user.browser().key(Keys.ARROW_DOWN);
		assertThat(focused().getText()).isEqualTo("P2");
		user.browser().key(Keys.ARROW_UP);
		user.browser().key(Keys.ARROW_UP);
		assertThat(focused().getText()).isEqualTo("Delete");
		user.browser().key("j");
		assertThat(focused().getText()).as("the page's keys do not reach the rows").isEqualTo("Delete");
		user.browser().key(Keys.ESCAPE);
		assertThat(user.driver().findElements(By.id("row-menu-open"))).isEmpty();
		assertThat(focused().getAttribute("data-row-menu")).isNotNull();
		assertThat(button.getAttribute("aria-expanded")).isEqualTo("false");
		assertThat(Browser.seriousViolations(user.browser(), Browser.axeScript())).isEmpty();

		// Space opens it; P1 by Enter changes the row in place.
		user.browser().key(Keys.SPACE);
		assertThat(user.driver().findElements(By.id("row-menu-open"))).hasSize(1);
		assertThat(Browser.seriousViolations(user.browser(), Browser.axeScript())).as("with the menu open").isEmpty();
		Files.write(Files.createDirectories(Path.of("target/screenshots")).resolve("row-menu-wide-light.png"),
				user.driver().getScreenshotAs(OutputType.BYTES));
		user.browser().key(Keys.ENTER);
		user.await((driver) -> !this.tasks.row(id).findElements(By.cssSelector(".priority.p4")).isEmpty());
		assertThat(this.tasks.get(id).get("priority").intValue()).isEqualTo(4);
		user.await((driver) -> user.find("#notice").getText().contains("Priority P1: Write the report"));
		assertThat(this.tasks.focusedId()).as("the focus back on the row").isEqualTo(id);

		// Tomorrow, by a click; its Undo puts the due back.
		this.tasks.row(id).findElement(By.cssSelector("[data-row-menu]")).click();
		user.find("#row-menu-open [data-menu-action='schedule'][data-value='tomorrow']").click();
		user.await((driver) -> "Tomorrow".equals(this.tasks.row(id).findElement(By.cssSelector(".due")).getText()));
		assertThat(user.find("#notice").getText())
			.contains("Rescheduled to " + DAY.format(LocalDate.now(BERLIN).plusDays(1)));
		user.find("#notice [data-undo]").click();
		user.await((driver) -> user.find("#notice").getText().contains("Undone: Write the report"));
		assertThat(this.tasks.get(id).get("due").isNull()).isTrue();
		assertThat(this.tasks.get(id).get("priority").intValue()).isEqualTo(4);

		// Moved to Home: the row leaves Work's list and the sidebar counts follow.
		assertThat(sidebarCount(work)).isEqualTo("2");
		this.tasks.row(id).findElement(By.cssSelector("[data-row-menu]")).click();
		user.find("#row-menu-open [data-menu-action='project'][data-value='" + home + "']").click();
		user.await((driver) -> driver.findElements(By.cssSelector("li[data-task-id='" + id + "']")).isEmpty());
		user.await((driver) -> "1".equals(sidebarCount(work)) && "1".equals(sidebarCount(home)));
		assertThat(user.find("#notice").getText()).contains("Moved to Home");
		user.find("#notice [data-undo]").click();
		user.await((driver) -> !driver.findElements(By.cssSelector("li[data-task-id='" + id + "']")).isEmpty());
		JsonNode after = this.tasks.get(id);
		for (String field : List.of("project_id", "parent_id", "position")) {
			assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
		}
		assertThat(sidebarCount(work)).isEqualTo("2");
		assertThat(user.browser().samePage()).as("no full reload").isTrue();
		assertThat(user.browser().consoleErrors()).isEmpty();
	}

	@Test
	void aDraggedRowsMoveIsUndoneFromItsMessage() {
		long project = this.tasks.project("Shelf");
		long a = this.tasks.add("Books", project);
		long b = this.tasks.add("Plants", project);
		long c = this.tasks.add("Lamp", project);
		List<String> positions = positions(project);
		user.open("/app/projects/" + project);
		user.browser().markPage();

		user.browser().drag(this.tasks.row(a), this.tasks.row(c));

		user.await((driver) -> "Moved: Books, 3 of 3.".equals(user.find("#notice").getText()));
		WebElement undo = user.find("#notice [data-undo]");
		assertThat(undo.getAccessibleName()).isEqualTo("Undo");
		undo.click();
		user.await((driver) -> user.find("#notice").getText().contains("Undone: Books"));
		assertThat(this.tasks.rowIds()).containsExactly(a, b, c);
		assertThat(positions(project)).as("each key as it was").isEqualTo(positions);
		assertThat(user.browser().samePage()).as("no full reload").isTrue();
		assertThat(user.browser().consoleErrors()).isEmpty();
	}

	@Test
	void jAndKLeaveTheListAloneWhileThePaneCoversItOnAPhone() {
		user.driver().manage().window().setSize(new Dimension(390, 844));
		long project = this.tasks.project("Phone");
		this.tasks.add("One", project);
		long two = this.tasks.add("Two", project);
		this.tasks.add("Three", project);
		user.open("/app/projects/" + project);
		this.tasks.row(two).findElement(By.cssSelector("a.title")).click();
		this.tasks.awaitPane(two);
		user.await((driver) -> !"BODY".equals(focused().getTagName()));

		user.browser().key("j");
		user.browser().key("j");
		user.browser().key("k");

		assertThat(user.driver().executeScript("return document.querySelector('.task.selected').dataset.taskId"))
			.isEqualTo(Long.toString(two));
		assertThat(focused().getAttribute("data-task-id")).as("no row behind the pane has the focus").isNull();
		assertThat(user.find("#task-pane").isDisplayed()).isTrue();
		assertThat(user.browser().consoleErrors()).isEmpty();
	}

	private String sidebarCount(long project) {
		return user.find("#sidebar-projects a[href='/app/projects/" + project + "'] .count").getText();
	}

	/** A project's tasks in manual order, each as "id:position". */
	private List<String> positions(long project) {
		return user.api("GET", "/tasks?sort=position&project_id=" + project, null)
			.valueStream()
			.map((task) -> task.get("id").longValue() + ":" + task.get("position").stringValue())
			.toList();
	}

	private List<Long> order(long parent) {
		return this.tasks.listed("parent_id=" + parent + "&sort=position");
	}

	private WebElement focused() {
		return user.driver().switchTo().activeElement();
	}

	private String focusedElementId() {
		return String.valueOf(user.driver().executeScript("return document.activeElement.id"));
	}

	private WebElement subtask(long id) {
		return user.find("#pane-subtasks li[data-subtask-id='" + id + "']");
	}

}
