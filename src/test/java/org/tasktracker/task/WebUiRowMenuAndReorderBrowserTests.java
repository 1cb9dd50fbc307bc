package org.tasktracker.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.tasktracker.support.Browser;
import org.tasktracker.support.BrowserUsers;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

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
				"tasktracker.auth.admin-password=" + WebUiBrowserTests.PASSWORD })
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiRowMenuAndReorderBrowserTests {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	/**
	 * Drags the first element onto the second, below its middle, as a mouse would
	 * (Selenium's own drag does not fire HTML5 drag events in Chrome).
	 */
	private static final String DRAG = """
			const [from, onto] = arguments;
			const data = new DataTransfer();
			const box = onto.getBoundingClientRect();
			const at = { bubbles: true, cancelable: true, dataTransfer: data,
			             clientX: box.left + box.width / 2, clientY: box.top + box.height * 0.75 };
			from.dispatchEvent(new DragEvent('dragstart', at));
			onto.dispatchEvent(new DragEvent('dragenter', at));
			onto.dispatchEvent(new DragEvent('dragover', at));
			onto.dispatchEvent(new DragEvent('drop', at));
			from.dispatchEvent(new DragEvent('dragend', at));
			""";

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	private Browser browser;

	private PageUser user;

	@BeforeAll
	void signIn() {
		this.browser = Browser.start();
		this.user = PageUser.create(this.client, this.port, "Europe/Berlin");
		BrowserUsers.signIn(this.browser, "http://localhost:" + this.port, this.user.name(),
				WebUiBrowserTests.PASSWORD);
	}

	@AfterEach
	void wide() {
		this.browser.driver().manage().window().setSize(new Dimension(1280, 900));
	}

	@AfterAll
	void close() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void subtasksAreReorderedInThePaneByDragAltArrowsAndTheirButtonsAndKeepTheirOrder() throws Exception {
		long project = project("Bake");
		long parent = task("Bake a cake", project);
		long flour = subtask("Flour", parent);
		long eggs = subtask("Eggs", parent);
		long sugar = subtask("Sugar", parent);
		open("/app/tasks/" + parent + "?back=/app/projects/" + project);
		awaitPane(parent);
		assertThat(subtask(flour).getAttribute("draggable")).isEqualTo("true");
		markPage();

		this.browser.driver().executeScript(DRAG, subtask(flour), subtask(sugar));

		assertThat(subtaskIds()).as("moved at once").containsExactly(eggs, sugar, flour);
		this.browser.await((driver) -> order(parent).equals(List.of(eggs, sugar, flour)));
		this.browser.await((driver) -> "Moved: Flour, 3 of 3.".equals(this.browser.find("#pane-notice").getText()));
		assertThat(this.browser.find("#pane-notice").getAttribute("role")).isEqualTo("status");

		// The keyboard: Alt+ArrowDown on Eggs' link, the focus kept on it.
		this.browser.driver().executeScript("arguments[0].focus()", this.browser.find("#subtask-link-" + eggs));
		altKey(Keys.ARROW_DOWN);
		assertThat(subtaskIds()).containsExactly(sugar, eggs, flour);
		this.browser.await((driver) -> order(parent).equals(List.of(sugar, eggs, flour)));
		this.browser.await((driver) -> "Moved: Eggs, 2 of 3.".equals(this.browser.find("#pane-notice").getText()));
		assertThat(focusedId()).isEqualTo("subtask-link-" + eggs);
		altKey(Keys.ARROW_UP);
		this.browser.await((driver) -> order(parent).equals(List.of(eggs, sugar, flour)));
		this.browser.await((driver) -> "Moved: Eggs, 1 of 3.".equals(this.browser.find("#pane-notice").getText()));
		assertThat(subtaskIds()).containsExactly(eggs, sugar, flour);
		assertThat(focusedId()).isEqualTo("subtask-link-" + eggs);

		// Its Move down button, from the keyboard: the focus stays on the subtask.
		WebElement down = this.browser.find("#subtask-down-" + sugar);
		assertThat(down.getAccessibleName()).isEqualTo("Move Sugar down");
		this.browser.driver().executeScript("arguments[0].focus()", down);
		new Actions(this.browser.driver()).sendKeys(Keys.ENTER).perform();
		this.browser.await((driver) -> order(parent).equals(List.of(eggs, flour, sugar)));
		this.browser.await((driver) -> subtaskIds().equals(List.of(eggs, flour, sugar)));
		this.browser.await((driver) -> focusedId().equals("subtask-link-" + sugar));
		assertThat(samePage()).as("no full reload").isTrue();

		this.browser.driver().navigate().refresh();
		awaitPane(parent);
		assertThat(subtaskIds()).containsExactly(eggs, flour, sugar);
		assertNoConsoleErrors();

		// axe on the pane with the subtasks' move buttons, wide and on a phone.
		String axe = Browser.axeScript();
		Path shots = Files.createDirectories(Path.of("target/screenshots"));
		for (int width : new int[] { 1280, 390 }) {
			this.browser.driver().manage().window().setSize(new Dimension(width, 844));
			open("/app/tasks/" + parent + "?back=/app/projects/" + project);
			awaitPane(parent);
			this.browser.driver().executeScript("arguments[0].focus()", this.browser.find("#subtask-link-" + flour));
			assertThat(Browser.seriousViolations(this.browser, axe)).as(width + " px").isEmpty();
			this.browser.driver().executeScript("arguments[0].scrollIntoView()", this.browser.find("#pane-subtasks"));
			Files.write(shots.resolve("task-pane-reorder-%s-light.png".formatted((width < 500) ? "phone" : "wide")),
					this.browser.driver().getScreenshotAs(OutputType.BYTES));
		}
	}

	@Test
	void aRowsMenuIsOperatedByTheKeyboardAndItsChangesAreMadeInPlaceAndUndone() throws Exception {
		long work = project("Work");
		long home = project("Home");
		task("First", work);
		long id = task("Write the report", work);
		JsonNode before = this.user.task(id);
		open("/app/projects/" + work);
		markPage();
		WebElement button = row(id).findElement(By.cssSelector("[data-row-menu]"));
		assertThat(button.getAttribute("aria-haspopup")).isEqualTo("menu");
		assertThat(button.getAttribute("aria-expanded")).isEqualTo("false");
		assertThat(button.getAccessibleName()).isEqualTo("More actions for Write the report");

		// Enter opens it with the focus on its first item; the arrows wrap; Esc closes
		// it.
		this.browser.driver().executeScript("arguments[0].focus()", button);
		key(Keys.ENTER);
		assertThat(focused().getText()).isEqualTo("P1 urgent");
		assertThat(button.getAttribute("aria-expanded")).isEqualTo("true");
		assertThat(this.browser.find("#row-menu-open").getAttribute("role")).isEqualTo("menu");
		assertThat(this.browser.find("#row-menu-open [data-menu-action='priority'][data-value='1']")
			.getAttribute("aria-checked")).as("its priority now is checked").isEqualTo("true");
		key(Keys.ARROW_DOWN);
		assertThat(focused().getText()).isEqualTo("P2");
		key(Keys.ARROW_UP);
		key(Keys.ARROW_UP);
		assertThat(focused().getText()).isEqualTo("Delete");
		key("j");
		assertThat(focused().getText()).as("the page's keys do not reach the rows").isEqualTo("Delete");
		key(Keys.ESCAPE);
		assertThat(this.browser.driver().findElements(By.id("row-menu-open"))).isEmpty();
		assertThat(focused().getAttribute("data-row-menu")).isNotNull();
		assertThat(button.getAttribute("aria-expanded")).isEqualTo("false");
		assertThat(Browser.seriousViolations(this.browser, Browser.axeScript())).isEmpty();

		// Space opens it; P1 by Enter changes the row in place.
		key(Keys.SPACE);
		assertThat(this.browser.driver().findElements(By.id("row-menu-open"))).hasSize(1);
		assertThat(Browser.seriousViolations(this.browser, Browser.axeScript())).as("with the menu open").isEmpty();
		Files.write(Files.createDirectories(Path.of("target/screenshots")).resolve("row-menu-wide-light.png"),
				this.browser.driver().getScreenshotAs(OutputType.BYTES));
		key(Keys.ENTER);
		this.browser.await((driver) -> !row(id).findElements(By.cssSelector(".priority.p4")).isEmpty());
		assertThat(this.user.task(id).get("priority").intValue()).isEqualTo(4);
		this.browser
			.await((driver) -> this.browser.find("#notice").getText().contains("Priority P1: Write the report"));
		assertThat(focusedTaskId()).as("the focus back on the row").isEqualTo(id);

		// Tomorrow, by a click; its Undo puts the due back.
		row(id).findElement(By.cssSelector("[data-row-menu]")).click();
		this.browser.find("#row-menu-open [data-menu-action='schedule'][data-value='tomorrow']").click();
		this.browser.await((driver) -> "Tomorrow".equals(row(id).findElement(By.cssSelector(".due")).getText()));
		assertThat(this.browser.find("#notice").getText())
			.contains("Rescheduled to " + DAY.format(LocalDate.now(this.user.zone()).plusDays(1)));
		this.browser.find("#notice [data-undo]").click();
		this.browser.await((driver) -> this.browser.find("#notice").getText().contains("Undone: Write the report"));
		assertThat(this.user.task(id).get("due").isNull()).isTrue();
		assertThat(this.user.task(id).get("priority").intValue()).isEqualTo(4);

		// Moved to Home: the row leaves Work's list and the sidebar counts follow.
		assertThat(sidebarCount(work)).isEqualTo("2");
		row(id).findElement(By.cssSelector("[data-row-menu]")).click();
		this.browser.find("#row-menu-open [data-menu-action='project'][data-value='" + home + "']").click();
		this.browser.await((driver) -> driver.findElements(By.cssSelector("li[data-task-id='" + id + "']")).isEmpty());
		this.browser.await((driver) -> "1".equals(sidebarCount(work)) && "1".equals(sidebarCount(home)));
		assertThat(this.browser.find("#notice").getText()).contains("Moved to Home");
		this.browser.find("#notice [data-undo]").click();
		this.browser.await((driver) -> !driver.findElements(By.cssSelector("li[data-task-id='" + id + "']")).isEmpty());
		JsonNode after = this.user.task(id);
		for (String field : List.of("project_id", "parent_id", "position")) {
			assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
		}
		assertThat(sidebarCount(work)).isEqualTo("2");
		assertThat(samePage()).as("no full reload").isTrue();
		assertNoConsoleErrors();
	}

	@Test
	void aDraggedRowsMoveIsUndoneFromItsMessage() {
		long project = project("Shelf");
		long a = task("Books", project);
		long b = task("Plants", project);
		long c = task("Lamp", project);
		List<String> positions = positions(project);
		open("/app/projects/" + project);
		markPage();

		this.browser.driver().executeScript(DRAG, row(a), row(c));

		this.browser.await((driver) -> "Moved: Books, 3 of 3.".equals(this.browser.find("#notice").getText()));
		WebElement undo = this.browser.find("#notice [data-undo]");
		assertThat(undo.getAccessibleName()).isEqualTo("Undo");
		undo.click();
		this.browser.await((driver) -> this.browser.find("#notice").getText().contains("Undone: Books"));
		assertThat(rowIds()).containsExactly(a, b, c);
		assertThat(positions(project)).as("each key as it was").isEqualTo(positions);
		assertThat(samePage()).as("no full reload").isTrue();
		assertNoConsoleErrors();
	}

	@Test
	void jAndKLeaveTheListAloneWhileThePaneCoversItOnAPhone() {
		this.browser.driver().manage().window().setSize(new Dimension(390, 844));
		long project = project("Phone");
		task("One", project);
		long two = task("Two", project);
		task("Three", project);
		open("/app/projects/" + project);
		row(two).findElement(By.cssSelector("a.title")).click();
		awaitPane(two);
		this.browser.await((driver) -> !"BODY".equals(focused().getTagName()));

		key("j");
		key("j");
		key("k");

		assertThat(
				this.browser.driver().executeScript("return document.querySelector('.task.selected').dataset.taskId"))
			.isEqualTo(Long.toString(two));
		assertThat(focused().getAttribute("data-task-id")).as("no row behind the pane has the focus").isNull();
		assertThat(this.browser.find("#task-pane").isDisplayed()).isTrue();
		assertNoConsoleErrors();
	}

	private String sidebarCount(long project) {
		return this.browser.find("#sidebar-projects a[href='/app/projects/" + project + "'] .count").getText();
	}

	@SuppressWarnings("unchecked")
	private List<Long> subtaskIds() {
		return ((List<Object>) this.browser.driver()
			.executeScript(
					"return Array.from(document.querySelectorAll('#pane-subtasks li'), (li) => li.dataset.subtaskId)"))
			.stream()
			.map((id) -> Long.valueOf(id.toString()))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private List<Long> rowIds() {
		return ((List<Object>) this.browser.driver()
			.executeScript(
					"return Array.from(document.querySelectorAll('ul.tasks > li.task'), (li) => li.dataset.taskId)"))
			.stream()
			.map((id) -> Long.valueOf(id.toString()))
			.toList();
	}

	/** A project's tasks in manual order, each as "id:position". */
	private List<String> positions(long project) {
		return this.user.api("GET", "/tasks?sort=position&project_id=" + project, null)
			.valueStream()
			.map((task) -> task.get("id").longValue() + ":" + task.get("position").stringValue())
			.toList();
	}

	private List<Long> order(long parent) {
		return this.user.api("GET", "/tasks?parent_id=" + parent + "&sort=position", null)
			.valueStream()
			.map((task) -> task.get("id").longValue())
			.toList();
	}

	private WebElement focused() {
		return this.browser.driver().switchTo().activeElement();
	}

	private String focusedId() {
		return String.valueOf(this.browser.driver().executeScript("return document.activeElement.id"));
	}

	private long focusedTaskId() {
		Object id = this.browser.driver().executeScript("return document.activeElement.dataset.taskId || null");
		return (id != null) ? Long.parseLong(id.toString()) : -1;
	}

	private void markPage() {
		this.browser.driver().executeScript("window.__samePage = true");
	}

	private boolean samePage() {
		return Boolean.TRUE.equals(this.browser.driver().executeScript("return window.__samePage === true"));
	}

	private void assertNoConsoleErrors() {
		List<String> errors = this.browser.driver()
			.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
			.map(Object::toString)
			.toList();
		assertThat(errors).isEmpty();
	}

	private WebElement awaitPane(long id) {
		return this.browser.await((driver) -> {
			var panes = driver.findElements(By.cssSelector("#task-pane[data-pane-task='" + id + "']"));
			return (!panes.isEmpty() && panes.get(0).isDisplayed()) ? panes.get(0) : null;
		});
	}

	/** A key to whatever has the focus, as a person types it. */
	private void key(CharSequence key) {
		new Actions(this.browser.driver()).sendKeys(key).perform();
	}

	private void altKey(Keys arrow) {
		new Actions(this.browser.driver()).keyDown(Keys.ALT).sendKeys(arrow).keyUp(Keys.ALT).perform();
	}

	private WebElement row(long id) {
		return this.browser.find("li[data-task-id='" + id + "']");
	}

	private WebElement subtask(long id) {
		return this.browser.find("#pane-subtasks li[data-subtask-id='" + id + "']");
	}

	private long project(String name) {
		return this.user.api("POST", "/projects", "{\"name\": \"" + name + " " + System.nanoTime() % 100_000 + "\"}")
			.get("id")
			.longValue();
	}

	private long task(String title, long project) {
		return this.user.task("{\"title\": \"" + title + "\", \"project_id\": " + project + "}");
	}

	private long subtask(String title, long parent) {
		return this.user.task("{\"title\": \"" + title + "\", \"parent_id\": " + parent + "}");
	}

	private void open(String path) {
		this.browser.openApp("http://localhost:" + this.port + path);
	}

}
