package org.tasktracker.task;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.tasktracker.support.AppUser;
import org.tasktracker.support.SideLane;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quick add and search in a real headless Chromium, as a signed-in user of its own in
 * Berlin (issue 32, items 4, 5 and 15): what a Todoist user types is read and previewed
 * with Todoist's priorities, what cannot be read is warned about, and the search box
 * finds words across title and description with filters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=ui-admin",
				"tasktracker.auth.admin-password=" + AppUser.PASSWORD })
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SideLane
class QuickAddAndSearchBrowserTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	@RegisterExtension
	static final AppUser user = AppUser.madeBy("ui-admin", "qa-").zone("Europe/Berlin");

	private final BrowserTasks tasks = new BrowserTasks(user);

	@Test
	void quickAddReadsNextFridayAfterDueATimeAndP1AndShowsP1() {
		user.open("/app/inbox");
		LocalDate today = LocalDate.now(BERLIN);
		LocalDate nextFriday = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusDays(4);

		WebElement field = user.find("#quick-add-field");
		field.sendKeys("Call mom due next friday 2pm p1");
		String preview = awaitPreview("P1");
		assertThat(preview).contains("Will add", "Call mom", "due " + DAY.format(nextFriday) + ", 14:00")
			.doesNotContain("next", "priority");
		field.sendKeys(Keys.ENTER);

		user.await((driver) -> driver.getPageSource().contains("Added: Call mom"));
		JsonNode task = this.tasks.only("q=Call");
		assertThat(task.get("priority").intValue()).isEqualTo(4);
		ZonedDateTime due = ZonedDateTime.parse(task.get("due").get("datetime").stringValue())
			.withZoneSameInstant(BERLIN);
		assertThat(due.toLocalDate()).isEqualTo(nextFriday);
		assertThat(due.toLocalTime()).isEqualTo(LocalTime.of(14, 0));
		WebElement row = user.find("li[data-task-id='" + task.get("id").longValue() + "']");
		assertThat(row.findElement(By.cssSelector(".priority")).getText()).isEqualTo("P1");
	}

	@Test
	void thePreviewWarnsAboutADateItCannotRead() {
		user.open("/app/inbox");

		user.find("#quick-add-field").sendKeys("Order the cake 20/12");
		String preview = awaitPreview("is not a date");

		assertThat(preview).contains("Order the cake 20/12", "20/12 is not a date (dates are month/day)");
		assertThat(user.find("#quick-add-preview .chip.missing").getText()).startsWith("20/12");
	}

	@Test
	void theSearchBoxFindsEveryWordAcrossTitleAndDescriptionWithFilters() {
		user.api("POST", "/projects", "{\"name\": \"Family\"}");
		long project = user.api("GET", "/projects", null).get(0).get("id").longValue();
		user.api("POST", "/tasks", "{\"title\": \"Birthday present\", \"description\": \"ask mom what to buy\", "
				+ "\"project_id\": " + project + ", \"priority\": 3}");
		user.api("POST", "/tasks", "{\"title\": \"Buy bread\", \"description\": \"mom asked\"}");
		user.open("/app/inbox");

		search("mom buy");
		assertThat(titlesShown()).containsExactlyInAnyOrder("Birthday present", "Buy bread");
		assertThat(user.find("h1").getText()).isEqualTo("Search: mom buy");

		search("MOM buy #family p2");
		assertThat(titlesShown()).containsExactly("Birthday present");
		assertThat(user.find("li.task .priority").getText()).isEqualTo("P2");
	}

	private void search(String text) {
		WebElement box = user.find("#search-field");
		box.clear();
		box.sendKeys(text + Keys.ENTER);
		user.await((driver) -> driver.findElement(By.tagName("h1")).getText().equals("Search: " + text));
	}

	private List<String> titlesShown() {
		return user.driver().findElements(By.cssSelector("li.task .title")).stream().map(WebElement::getText).toList();
	}

	private String awaitPreview(String part) {
		return user.await((driver) -> {
			String text = driver.findElement(By.id("quick-add-preview")).getText();
			return text.contains(part) ? text : null;
		});
	}

}
