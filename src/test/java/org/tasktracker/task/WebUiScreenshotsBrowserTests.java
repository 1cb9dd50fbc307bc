package org.tasktracker.task;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.tasktracker.support.AppUser;
import org.tasktracker.support.Browser;
import org.tasktracker.support.SideLane;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The views a newcomer sees first, filled as a day of real use fills them (projects with
 * colours, labels, priorities, tasks over the coming days): each fits its screen with
 * nothing wider than it, and axe-core finds nothing serious, at a phone's and a wide
 * screen's width, light and dark. Each is also written to target/screenshots; the ones in
 * docs/screenshots are copies of these.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=ui-admin",
				"tasktracker.auth.admin-password=" + AppUser.PASSWORD })
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SideLane
class WebUiScreenshotsBrowserTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	/**
	 * The first elements whose right edge is past the window's, to say what is too wide.
	 */
	private static final String WIDER_THAN_THE_SCREEN = """
			const width = window.innerWidth;
			return Array.from(document.querySelectorAll('body *'))
			  .filter((e) => e.getBoundingClientRect().right > width + 1)
			  .slice(0, 6)
			  .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
			    + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
			    + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)')
			  .join(', ');
			""";

	@RegisterExtension
	static final AppUser user = AppUser.madeBy("ui-admin", "shots-")
		.zone(BERLIN.getId())
		.displayName("Ada Lovelace")
		.tokenName("screenshots")
		.signInLater();

	private long work;

	private long report;

	@BeforeAll
	void aDayOfUse() {
		fill();
		user.signIn();
	}

	@Test
	void theFirstViewsFitAPhoneAndAWideScreenInBothThemesWithNothingSeriousForAxe() throws Exception {
		String axe = Browser.axeScript();
		Path shots = Files.createDirectories(Path.of("target/screenshots"));
		List<String[]> views = List.of(new String[] { "today", "/app/today" },
				new String[] { "upcoming", "/app/upcoming" }, new String[] { "project", "/app/projects/" + this.work },
				new String[] { "task-pane", "/app/tasks/" + this.report + "?back=/app/today" },
				new String[] { "task-pane-subtasks", "/app/tasks/" + this.report + "?back=/app/projects/" + this.work,
						"#pane-subtasks" },
				new String[] { "search",
						"/app/search?q=" + java.net.URLEncoder.encode("report #work p1", StandardCharsets.UTF_8) },
				new String[] { "settings", "/app/settings" },
				new String[] { "settings-caldav", "/app/settings", "#devices-heading" });
		List<String> problems = new ArrayList<>();
		try {
			for (int[] size : new int[][] { { 390, 844 }, { 1280, 800 } }) {
				user.driver().manage().window().setSize(new Dimension(size[0], size[1]));
				for (String theme : List.of("light", "dark")) {
					for (String[] view : views) {
						user.open(view[1]);
						user.driver().executeScript("document.documentElement.dataset.theme = arguments[0]", theme);
						String where = "%s at %d px, %s".formatted(view[0], size[0], theme);
						long overflow = (Long) user.driver()
							.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
						if (overflow > 0) {
							problems.add(where + ": " + overflow + " px wider than the screen, past its edge: "
									+ user.driver().executeScript(WIDER_THAN_THE_SCREEN));
						}
						Browser.seriousViolations(user.browser(), axe)
							.forEach((violation) -> problems.add(where + ": " + violation));
						if (view.length > 2) {
							// The part of the page the screenshot is of, scrolled to.
							user.driver().executeScript("arguments[0].scrollIntoView()", user.find(view[2]));
						}
						Files.write(
								shots.resolve(
										"%s-%s-%s.png".formatted(view[0], size[0] < 500 ? "phone" : "wide", theme)),
								user.driver().getScreenshotAs(OutputType.BYTES));
					}
				}
			}
		}
		finally {
			user.driver().manage().window().setSize(new Dimension(1280, 900));
		}
		assertThat(problems).isEmpty();
	}

	/**
	 * Issue 33: a row dragged in a project's manual order, drawn lifted, with the rows
	 * making room for it where it would go; let go outside the list, it goes back.
	 */
	@Test
	void aRowBeingDraggedIsDrawnLiftedAndGoesBackWhenLetGoOutsideTheList() throws Exception {
		Path shots = Files.createDirectories(Path.of("target/screenshots"));
		user.driver().manage().window().setSize(new Dimension(1280, 800));
		user.open("/app/projects/" + this.work);
		user.await((driver) -> user.driver()
			.executeScript("return document.querySelector('ul[data-reorder] > li[draggable=true]') !== null"));
		List<String> before = rowTitles();
		for (String theme : List.of("light", "dark")) {
			user.driver().executeScript("document.documentElement.dataset.theme = arguments[0]", theme);
			user.driver().executeScript("""
					const rows = document.querySelectorAll('ul[data-reorder] > li.task');
					const data = new DataTransfer();
					const box = rows[2].getBoundingClientRect();
					const at = { bubbles: true, cancelable: true, dataTransfer: data,
					             clientX: box.left + 40, clientY: box.top + box.height * 0.75 };
					rows[0].dispatchEvent(new DragEvent('dragstart', at));
					rows[2].dispatchEvent(new DragEvent('dragover', at));
					""");
			assertThat(user.find("li.task.dragging").getText()).startsWith(before.get(0));
			assertThat(rowTitles().indexOf(before.get(0))).isEqualTo(2);
			Files.write(shots.resolve("project-drag-wide-%s.png".formatted(theme)),
					user.driver().getScreenshotAs(OutputType.BYTES));
			user.driver()
				.executeScript("document.querySelector('li.task.dragging').dispatchEvent("
						+ "new DragEvent('dragend', { bubbles: true, dataTransfer: new DataTransfer() }))");
			assertThat(rowTitles()).isEqualTo(before);
			assertThat(user.driver().findElements(By.cssSelector("li.task.dragging"))).isEmpty();
		}
	}

	private List<String> rowTitles() {
		return user.driver()
			.findElements(By.cssSelector("ul[data-reorder] > li.task a.title"))
			.stream()
			.map(org.openqa.selenium.WebElement::getText)
			.toList();
	}

	/**
	 * Projects in three colours, labels, priorities, and tasks from yesterday to next
	 * week; the report with subtasks and reminders, and a task that repeats every day.
	 */
	private void fill() {
		LocalDate today = LocalDate.now(BERLIN);
		this.work = user.api("POST", "/projects", "{\"name\": \"Work\", \"color\": \"#4073ff\"}").get("id").longValue();
		long home = user.api("POST", "/projects", "{\"name\": \"Home\", \"color\": \"#299438\"}").get("id").longValue();
		long errands = user.api("POST", "/projects", "{\"name\": \"Errands\", \"color\": \"#ff9933\"}")
			.get("id")
			.longValue();
		this.report = task("Finish the quarterly report", this.work, 4, today, "09:30",
				"Numbers from finance, then the summary for the board.", "writing");
		user.api("POST", "/tasks", "{\"title\": \"Collect the numbers\", \"parent_id\": " + this.report + "}");
		long summary = user
			.api("POST", "/tasks", "{\"title\": \"Write the summary\", \"parent_id\": " + this.report + "}")
			.get("id")
			.longValue();
		user.api("POST", "/tasks", "{\"title\": \"Check the charts\", \"parent_id\": " + this.report + "}");
		user.api("POST", "/tasks/" + summary + "/complete", null);
		user.api("PATCH", "/tasks/" + this.report, "{\"reminders\": [{\"before\": \"PT15M\"}, {\"at\": \""
				+ today.minusDays(1).atTime(17, 0).atZone(BERLIN).toInstant() + "\"}]}");
		task("Review Sam's pull request", this.work, 3, today, "14:00", null, "review");
		task("Call the plumber about the boiler", home, 3, today.minusDays(1), null, null, "phone");
		task("Buy stamps and envelopes", errands, 1, today, null, null, "shopping");
		task("Prepare the report slides", this.work, 2, today.plusDays(1), "10:00", null, "writing");
		long plants = task("Water the plants", home, 1, today, null, null, null);
		user.api("PATCH", "/tasks/" + plants, "{\"recurrence\": {\"rule\": \"FREQ=DAILY;INTERVAL=3\"}}");
		task("Dentist appointment", home, 3, today.plusDays(3), "08:15", null, "health");
		task("Send the report to the board", this.work, 4, today.plusDays(4), null, null, null);
		task("Pick up the dry cleaning", errands, 1, today.plusDays(6), null, null, "shopping");
		task("Plan the team offsite", this.work, 2, today.plusDays(12), null, null, null);
		user.api("POST", "/tasks", "{\"title\": \"Read the onboarding notes\"}");
	}

	private long task(String title, long project, int priority, LocalDate date, String time, String description,
			String label) {
		String due = (time != null)
				? "{\"datetime\": \"" + date.atTime(java.time.LocalTime.parse(time)).atZone(BERLIN).toInstant() + "\"}"
				: "{\"date\": \"" + date + "\"}";
		String body = "{\"title\": \"" + title + "\", \"project_id\": " + project + ", \"priority\": " + priority
				+ ", \"due\": " + due + ((description != null) ? ", \"description\": \"" + description + "\"" : "")
				+ ((label != null) ? ", \"labels\": [\"" + label + "\"]" : "") + "}";
		return user.api("POST", "/tasks", body).get("id").longValue();
	}

}
