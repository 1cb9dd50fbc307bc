package org.tasktracker.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.tasktracker.support.AppUser;
import org.tasktracker.support.Browser;
import org.tasktracker.support.SideLane;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 34 in a real headless Chromium: a task changed through the API while its pane is
 * open, then saved from the pane, shows the fields both sides changed in the pane, with
 * no full reload and nothing saved; Keep mine saves what was typed, Use theirs shows the
 * task as it is. axe-core finds nothing serious in the conflict, light and dark, wide and
 * on a phone. The same settings as {@link WebUiTaskPaneBrowserTests}, so that a run of
 * both starts the service once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=ui-admin",
				"tasktracker.auth.admin-password=" + AppUser.PASSWORD })
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SideLane
class WebUiEditConflictBrowserTests {

	@RegisterExtension
	static final AppUser user = AppUser.madeBy("ui-admin", "conflict-").zone("Europe/Berlin").wideAndLightAfterEach();

	private final BrowserTasks tasks = new BrowserTasks(user);

	@Test
	void aStaleSaveShowsTheConflictInThePaneAndKeepMineSavesWhatWasTyped() throws Exception {
		long id = openInThePane("Pay the rent");
		user.api("PATCH", "/tasks/" + id, "{\"title\": \"Pay the rent today\", \"priority\": 4}");
		JsonNode changed = this.tasks.get(id);

		typeTitleAndSave("Pay rent by transfer");

		WebElement conflict = awaitConflict();
		assertThat(conflict.getText()).contains("This task was changed elsewhere while you edited it.",
				"Nothing is saved yet.");
		assertThat(conflict.findElements(By.tagName("dt")).stream().map(WebElement::getText).toList())
			.containsExactly("Title");
		assertThat(conflict.findElement(By.cssSelector(".conflict-yours")).getText()).isEqualTo("Pay rent by transfer");
		assertThat(conflict.findElement(By.cssSelector(".conflict-now")).getText()).isEqualTo("Pay the rent today");
		assertThat(user.browser().samePage()).as("answered in place, no full reload").isTrue();
		assertThat(user.driver().getCurrentUrl()).isEqualTo(user.base() + "/app/tasks/" + id + "?back=/app/inbox");
		assertThat(user.find("#task-pane input[name=title]").getAttribute("value")).isEqualTo("Pay rent by transfer");
		assertThat(user.find("#task-pane select[name=priority]").getAttribute("value"))
			.as("the priority changed elsewhere only is taken into the form")
			.isEqualTo("4");
		assertThat(this.tasks.get(id)).as("nothing saved").isEqualTo(changed);

		String axe = Browser.axeScript();
		Path shots = Files.createDirectories(Path.of("target/screenshots"));
		for (int[] size : new int[][] { { 1280, 800 }, { 390, 844 } }) {
			user.driver().manage().window().setSize(new Dimension(size[0], size[1]));
			for (String theme : List.of("light", "dark")) {
				user.driver().executeScript("document.documentElement.dataset.theme = arguments[0]", theme);
				String what = "%d px, %s".formatted(size[0], theme);
				assertThat(Browser.seriousViolations(user.browser(), axe)).as(what).isEmpty();
				assertThat((Long) user.driver()
					.executeScript("return document.documentElement.scrollWidth - window.innerWidth")).as(what)
					.isLessThanOrEqualTo(0);
				Files.write(
						shots
							.resolve("task-pane-conflict-%s-%s.png".formatted(size[0] < 500 ? "phone" : "wide", theme)),
						user.driver().getScreenshotAs(OutputType.BYTES));
			}
		}
		user.driver().manage().window().setSize(new Dimension(1280, 800));
		user.driver().executeScript("document.documentElement.dataset.theme = 'light'");

		WebElement keep = user.find("#save-" + id);
		assertThat(keep.getText()).isEqualTo("Keep mine");
		keep.click();

		user.await((driver) -> driver.getPageSource().contains("Saved: Pay rent by transfer"));
		assertThat(this.tasks.awaitPane(id).findElements(By.cssSelector(".conflict"))).isEmpty();
		JsonNode saved = this.tasks.get(id);
		assertThat(saved.get("title").stringValue()).isEqualTo("Pay rent by transfer");
		assertThat(saved.get("priority").intValue()).isEqualTo(4);
		assertNoConsoleErrorsButTheConflictsStatus();
	}

	@Test
	void useTheirsShowsTheTaskAsItIsNowAndSavesNothing() {
		long id = openInThePane("Water the plants");
		user.api("PATCH", "/tasks/" + id, "{\"title\": \"Water the ferns\"}");
		JsonNode changed = this.tasks.get(id);

		typeTitleAndSave("Water the palm");
		awaitConflict();
		user.find("#use-theirs-" + id).click();

		user.await((driver) -> driver.findElements(By.cssSelector("#task-pane .conflict")).isEmpty());
		WebElement pane = this.tasks.awaitPane(id);
		assertThat(pane.findElement(By.name("title")).getAttribute("value")).isEqualTo("Water the ferns");
		assertThat(pane.findElement(By.cssSelector("button[type=submit][id^=save-]")).getText()).isEqualTo("Save");
		assertThat(user.browser().samePage()).isTrue();
		assertThat(this.tasks.get(id)).isEqualTo(changed);

		// Saved from the pane now, it is no conflict.
		typeTitleAndSave("Water the ferns and the palm");
		user.await((driver) -> driver.getPageSource().contains("Saved: Water the ferns and the palm"));
		assertThat(this.tasks.get(id).get("title").stringValue()).isEqualTo("Water the ferns and the palm");
		assertNoConsoleErrorsButTheConflictsStatus();
	}

	/** A task in the Inbox, its pane opened from its row's title, the page marked. */
	private long openInThePane(String title) {
		long id = user.api("POST", "/tasks", "{\"title\": \"" + title + "\"}").get("id").longValue();
		user.open("/app/inbox");
		this.tasks.row(id).findElement(By.cssSelector("a.title")).click();
		this.tasks.awaitPane(id);
		user.browser().markPage();
		return id;
	}

	private void typeTitleAndSave(String title) {
		WebElement field = user.find("#task-pane input[name=title]");
		field.clear();
		field.sendKeys(title);
		user.find("#task-pane button[type=submit][id^=save-]").click();
	}

	private WebElement awaitConflict() {
		return user.await((driver) -> {
			var found = driver.findElements(By.cssSelector("#task-pane .conflict[role=alert]"));
			return (!found.isEmpty() && found.get(0).isDisplayed()) ? found.get(0) : null;
		});
	}

	/**
	 * Chromium logs every answer of 400 and above as a failed load; the 409 of the
	 * conflict is expected, anything else (an htmx error, a script error) is not.
	 */
	private void assertNoConsoleErrorsButTheConflictsStatus() {
		assertThat(user.browser().consoleErrors()).filteredOn((entry) -> !entry.contains("status of 409")).isEmpty();
	}

}
