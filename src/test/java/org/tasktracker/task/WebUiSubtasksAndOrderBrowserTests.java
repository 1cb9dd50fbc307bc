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
import org.openqa.selenium.WebDriver;
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
 * Issue 33 in a real headless Chromium: subtasks added and ticked in the detail pane (the
 * row beside it counts them), a recurring task completed from its row ("Moved to" and an
 * Undo that brings its due back), a row dragged (HTML5 drag and drop, dispatched as the
 * browser would: Selenium's own drag does not fire it in Chrome) and a row moved by
 * Alt+ArrowDown with the focus kept on it and the move announced, each order still there
 * after a reload; no full reload for any of it, and nothing in the console. axe-core
 * finds nothing serious on the pane with subtasks, reminders and a recurrence, light and
 * dark, at 1280 and 360 px, where nothing is wider than the screen. Each htmx request's
 * server time is printed ({@code TIMING}). The same settings as
 * {@link WebUiTaskPaneBrowserTests}, so that a run of both starts the service once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=ui-admin",
				"tasktracker.auth.admin-password=" + AppUser.PASSWORD })
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SideLane
class WebUiSubtasksAndOrderBrowserTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@RegisterExtension
	static final AppUser user = AppUser.madeBy("ui-admin", "order-").zone(BERLIN.getId()).wideAndLightAfterEach();

	private final BrowserTasks tasks = new BrowserTasks(user);

	@Test
	void subtasksAddedAndTickedInThePaneAreCountedInTheRowBesideIt() {
		long project = this.tasks.project("Move");
		long id = this.tasks.add("Move house", project);
		user.open("/app/projects/" + project);
		this.tasks.row(id).findElement(By.cssSelector("a.title")).click();
		WebElement pane = this.tasks.awaitPane(id);
		user.browser().markPage();

		addSubtask("Book the van");
		addSubtask("Buy boxes");

		user.await((driver) -> subtaskTitles().equals(List.of("Book the van", "Buy boxes")));
		assertThat(user.driver().switchTo().activeElement().getAttribute("id"))
			.as("the focus stays in the field, for the next one")
			.isEqualTo("subtask-title");
		assertThat(user.find("#subtask-title").getAttribute("value")).isEmpty();
		user.await((driver) -> "0/2".equals(count(id)));

		WebElement first = user.find("#pane-subtasks li:first-child button[role=checkbox]");
		assertThat(first.getAttribute("aria-checked")).isEqualTo("false");
		assertThat(first.getAccessibleName()).isEqualTo("Book the van");
		timed("tick a subtask", first::click);

		user.await((driver) -> "1/2".equals(count(id)));
		assertThat(user.find("#pane-subtasks li:first-child button[role=checkbox]").getAttribute("aria-checked"))
			.isEqualTo("true");
		assertThat(user.find("#pane-subtasks h3").getText()).contains("1/2");
		assertThat(this.tasks.row(id).getAttribute("class")).as("still the open row").contains("open");
		assertThat(user.browser().samePage()).as("no full reload").isTrue();
		JsonNode children = user.api("GET", "/tasks?parent_id=" + id + "&sort=position", null);
		assertThat(children.get(0).get("completed").booleanValue()).isTrue();
		assertThat(children.get(1).get("completed").booleanValue()).isFalse();
		assertThat(user.api("GET", "/tasks/" + id, null).get("subtasks").toString())
			.isEqualTo("{\"open\":1,\"total\":2}");
		assertThat(pane.isDisplayed() || user.find("#task-pane").isDisplayed()).isTrue();

		// A subtask's own pane names its parent, which leads back.
		user.find("#pane-subtasks li:last-child a.subtask-title").click();
		long child = children.get(1).get("id").longValue();
		this.tasks.awaitPane(child);
		user.find(".pane-above a").click();
		this.tasks.awaitPane(id);
		assertThat(user.browser().consoleErrors()).isEmpty();
	}

	@Test
	void completingARecurringTaskFromItsRowMovesItsDueAndUndoBringsItBack() {
		long project = this.tasks.project("Plants");
		LocalDate today = LocalDate.now(BERLIN);
		long id = user
			.api("POST", "/tasks",
					"{\"title\": \"Water the plants\", \"project_id\": " + project + ", \"due\": {\"date\": \"" + today
							+ "\"}, \"recurrence\": {\"rule\": \"FREQ=DAILY\"}}")
			.get("id")
			.longValue();
		user.open("/app/projects/" + project);
		WebElement icon = this.tasks.row(id).findElement(By.cssSelector(".due svg.repeat"));
		assertThat(icon.getAccessibleName()).isEqualTo("Repeats");
		assertThat(this.tasks.row(id).findElement(By.cssSelector(".due")).getText()).isEqualTo("Today");
		user.browser().markPage();

		timed("complete a recurring task in its row",
				() -> this.tasks.row(id).findElement(By.cssSelector("[data-complete]")).click());

		user.await((driver) -> driver.findElement(By.id("notice"))
			.getText()
			.contains("Moved to " + DAY.format(today.plusDays(1))));
		assertThat(this.tasks.row(id).findElement(By.cssSelector(".due")).getText()).isEqualTo("Tomorrow");
		assertThat(this.tasks.row(id).getAttribute("class")).doesNotContain("done");
		assertThat(user.api("GET", "/tasks/" + id, null).get("due").get("date").stringValue())
			.isEqualTo(today.plusDays(1).toString());

		timed("undo", () -> user.find("#notice [data-undo]").click());

		user.await((driver) -> driver.findElement(By.id("notice"))
			.getText()
			.contains("Moved back to " + DAY.format(today)));
		user.await((driver) -> "Today".equals(this.tasks.row(id).findElement(By.cssSelector(".due")).getText()));
		assertThat(user.api("GET", "/tasks/" + id, null).get("due").get("date").stringValue())
			.isEqualTo(today.toString());
		assertThat(user.api("GET", "/tasks/" + id + "/completions", null)).isEmpty();
		assertThat(Long.toString(id)).as("the focus on the row after the undo")
			.isEqualTo(user.driver().switchTo().activeElement().getAttribute("data-task-id"));
		assertThat(user.browser().samePage()).as("no full reload").isTrue();

		// `x` on the selected row does the same, and the row stays selected.
		user.browser().key("x");
		user.await((driver) -> "Tomorrow".equals(this.tasks.row(id).findElement(By.cssSelector(".due")).getText()));
		assertThat(this.tasks.row(id).getAttribute("class")).contains("selected");
		assertThat(user.browser().consoleErrors()).isEmpty();
	}

	@Test
	void aDraggedRowAndARowMovedByAltArrowDownKeepTheirPlaceAfterAReload() {
		long project = this.tasks.project("Order");
		long a = this.tasks.add("Alpha", project);
		long b = this.tasks.add("Bravo", project);
		long c = this.tasks.add("Charlie", project);
		user.open("/app/projects/" + project);
		assertThat(this.tasks.rowIds()).containsExactly(a, b, c);
		assertThat(this.tasks.row(a).getAttribute("draggable")).isEqualTo("true");
		user.browser().markPage();

		timed("drag a row", () -> user.browser().drag(this.tasks.row(a), this.tasks.row(c)));

		assertThat(this.tasks.rowIds()).as("moved at once").containsExactly(b, c, a);
		user.await((driver) -> positionsOrder(project).equals(List.of(b, c, a)));
		user.await((driver) -> user.find("#notice").getText().equals("Moved: Alpha, 3 of 3."));
		assertThat(this.tasks.rowIds()).containsExactly(b, c, a);
		assertThat(user.browser().samePage()).as("no full reload").isTrue();

		user.driver().navigate().refresh();
		user.await((driver) -> driver.findElement(By.tagName("h1")));
		assertThat(this.tasks.rowIds()).containsExactly(b, c, a);
		user.await((driver) -> user.driver().executeScript("return window.htmx !== undefined"));
		user.browser().markPage();

		// The keyboard: j selects the first row (Bravo), Alt+ArrowDown moves it below
		// Charlie.
		user.browser().key("j");
		assertThat(this.tasks.focusedId()).isEqualTo(b);
		timed("Alt+ArrowDown", () -> user.browser().altKey(Keys.ARROW_DOWN));

		assertThat(this.tasks.rowIds()).containsExactly(c, b, a);
		user.await((driver) -> user.find("#notice").getText().equals("Moved: Bravo, 2 of 3."));
		user.await((driver) -> positionsOrder(project).equals(List.of(c, b, a)));
		assertThat(this.tasks.focusedId()).as("the focus stays on the moved row").isEqualTo(b);
		assertThat(user.find("#notice").getAttribute("role")).isEqualTo("status");

		// Alt+ArrowUp twice: first, and the focus still on it.
		user.browser().altKey(Keys.ARROW_UP);
		assertThat(this.tasks.focusedId()).isEqualTo(b);
		user.browser().altKey(Keys.ARROW_UP);
		assertThat(this.tasks.rowIds()).containsExactly(b, c, a);
		user.await((driver) -> positionsOrder(project).equals(List.of(b, c, a)));
		user.await((driver) -> user.find("#notice").getText().equals("Moved: Bravo, 1 of 3."));
		assertThat(this.tasks.focusedId()).isEqualTo(b);
		assertThat(user.browser().samePage()).as("no full reload").isTrue();

		user.driver().navigate().refresh();
		user.await((driver) -> driver.findElement(By.tagName("h1")));
		assertThat(this.tasks.rowIds()).containsExactly(b, c, a);
		assertThat(user.browser().consoleErrors()).isEmpty();
	}

	/**
	 * axe-core on the pane of a task with subtasks, reminders and a recurrence, light and
	 * dark, wide and narrow; nothing wider than the screen. Screenshots of each in
	 * target/screenshots ({@code task-pane-recurring-*.png}).
	 */
	@Test
	void thePaneWithSubtasksRemindersAndARecurrenceHasNoSeriousAccessibilityViolation() throws Exception {
		String axe = Browser.axeScript();
		long project = this.tasks.project("Trips");
		LocalDate day = LocalDate.now(BERLIN).plusDays(2);
		long id = user
			.api("POST", "/tasks",
					"{\"title\": \"Pack for the trip\", \"project_id\": " + project + ", \"due\": {\"datetime\": \""
							+ day.atTime(18, 0).atZone(BERLIN).toInstant()
							+ "\"}, \"recurrence\": {\"rule\": \"FREQ=WEEKLY\", \"from\": \"completion\"}, "
							+ "\"reminders\": [{\"before\": \"PT15M\"}, {\"at\": \""
							+ day.atTime(8, 0).atZone(BERLIN).toInstant() + "\"}]}")
			.get("id")
			.longValue();
		long passport = this.tasks.addSubtask("Passport", id);
		this.tasks.addSubtask("Tickets", id);
		user.api("POST", "/tasks/" + passport + "/complete", null);
		Path shots = Files.createDirectories(Path.of("target/screenshots"));
		for (int[] size : new int[][] { { 1280, 800 }, { 360, 780 } }) {
			user.driver().manage().window().setSize(new Dimension(size[0], size[1]));
			for (String theme : List.of("light", "dark")) {
				user.open("/app/tasks/" + id + "?back=/app/projects/" + project);
				user.driver().executeScript("document.documentElement.dataset.theme = arguments[0]", theme);
				this.tasks.awaitPane(id);
				String what = "%d px, %s".formatted(size[0], theme);
				assertThat(user.find("#pane-reminders").getText()).as(what)
					.contains("15 minutes before", DAY.format(day) + ", 08:00");
				assertThat(user.find("#task-pane").getText()).as(what)
					.contains("every week", "from completion", "Passport", "Tickets");
				assertThat(Browser.seriousViolations(user.browser(), axe)).as(what).isEmpty();
				assertThat((Long) user.driver()
					.executeScript("return document.documentElement.scrollWidth - window.innerWidth")).as(what)
					.isLessThanOrEqualTo(0);
				// The pane scrolled to its reminders and recurrence, for the screenshot.
				user.driver().executeScript("arguments[0].scrollIntoView()", user.find("#pane-reminders"));
				Files.write(
						shots.resolve(
								"task-pane-recurring-%s-%s.png".formatted(size[0] < 500 ? "phone" : "wide", theme)),
						user.driver().getScreenshotAs(OutputType.BYTES));
			}
		}
	}

	/**
	 * Not a check but a measure: the server's part (request sent to first byte) of ticks
	 * and unticks of a subtask, completions and undos of a recurring task in its row, and
	 * moves by Alt+arrow, printed as the median and the largest ({@code TIMING}). Three
	 * rounds of each pair in the suite; {@code -Dtiming.rounds=10} for the figures in
	 * docs/design/web-ui.md.
	 */
	@Test
	void theAnswersInPlaceAreTimed() {
		long project = this.tasks.project("Timing");
		long recurring = user
			.api("POST", "/tasks",
					"{\"title\": \"Daily\", \"project_id\": " + project + ", \"due\": {\"date\": \""
							+ LocalDate.now(BERLIN) + "\"}, \"recurrence\": {\"rule\": \"FREQ=DAILY\"}}")
			.get("id")
			.longValue();
		long parent = this.tasks.add("Parent", project);
		this.tasks.addSubtask("Child", parent);
		long moving = this.tasks.add("Moving", project);
		user.open("/app/tasks/" + parent + "?back=/app/projects/" + project);
		this.tasks.awaitPane(parent);
		List<Long> ticks = new java.util.ArrayList<>();
		List<Long> completions = new java.util.ArrayList<>();
		List<Long> moves = new java.util.ArrayList<>();
		int rounds = Integer.getInteger("timing.rounds", 3);
		for (int i = 0; i < rounds; i++) {
			for (String checked : List.of("true", "false")) {
				ticks.add(user.browser()
					.serverTime(() -> user.find("#pane-subtasks button[role=checkbox]").click(), "/subtasks/"));
				user.await((driver) -> checked
					.equals(user.find("#pane-subtasks button[role=checkbox]").getAttribute("aria-checked")));
			}
			completions.add(user.browser()
				.serverTime(() -> this.tasks.row(recurring).findElement(By.cssSelector("[data-complete]")).click(),
						"/row/complete"));
			user.await((driver) -> user.find("#notice").getText().startsWith("Moved to"));
			completions.add(user.browser().serverTime(() -> user.find("#notice [data-undo]").click(), "/row/reopen"));
			user.await((driver) -> user.find("#notice").getText().startsWith("Moved back to"));
			for (Keys arrow : List.of(Keys.ARROW_UP, Keys.ARROW_DOWN)) {
				user.driver().executeScript("arguments[0].focus()", this.tasks.row(moving));
				moves.add(user.browser().serverTime(() -> user.browser().altKey(arrow), "/move"));
				user.await((driver) -> user.driver()
					.executeScript(
							"return document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling') === null"));
			}
		}
		System.out.printf("TIMING tick or untick a subtask x%d: server median %d ms, largest %d ms%n", 2 * rounds,
				median(ticks), java.util.Collections.max(ticks));
		System.out.printf("TIMING complete in a row or undo x%d: server median %d ms, largest %d ms%n", 2 * rounds,
				median(completions), java.util.Collections.max(completions));
		System.out.printf("TIMING move by Alt+arrow x%d: server median %d ms, largest %d ms%n", 2 * rounds,
				median(moves), java.util.Collections.max(moves));
		assertThat(positionsOrder(project)).containsExactly(recurring, parent, moving);
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private void addSubtask(String title) {
		WebElement field = user.find("#subtask-title");
		field.sendKeys(title);
		timed("add a subtask", () -> user.driver().switchTo().activeElement().sendKeys(Keys.ENTER));
		user.await((driver) -> subtaskTitles().contains(title));
	}

	private List<String> subtaskTitles() {
		return user.driver()
			.findElements(By.cssSelector("#pane-subtasks a.subtask-title"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	/** The row's subtasks done of all, as it shows them. */
	private String count(long id) {
		List<WebElement> counts = this.tasks.row(id).findElements(By.cssSelector(".subtask-count [aria-hidden]"));
		return counts.isEmpty() ? null : counts.get(0).getText();
	}

	private List<Long> positionsOrder(long project) {
		return this.tasks.listed("sort=position&completed=false&parent_id=none&project_id=" + project);
	}

	/**
	 * Runs an action that makes an htmx request, waits for it to end and prints the
	 * server's part of its time (request sent to first byte).
	 */
	private void timed(String what, Runnable action) {
		user.driver().executeScript("performance.clearResourceTimings()");
		action.run();
		Object server = user.await((WebDriver driver) -> user.driver().executeScript("""
				const entries = performance.getEntriesByType('resource')
				    .filter((e) => e.initiatorType === 'xmlhttprequest' && e.responseEnd > 0);
				if (entries.length === 0) return null;
				return entries.map((e) => Math.round(e.responseStart - e.requestStart)).join(' + ');
				"""));
		System.out.printf("TIMING %s: server %s ms%n", what, server);
	}

}
