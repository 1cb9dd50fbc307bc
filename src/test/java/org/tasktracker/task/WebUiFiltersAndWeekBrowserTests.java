package org.tasktracker.task;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.tasktracker.support.AppUser;
import org.tasktracker.support.Browser;
import org.tasktracker.support.SideLane;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.ExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.status;

/**
 * Saved filters and Upcoming's week strip in a real headless Chromium (issue 32): a
 * search typed, shown as chips, saved as a filter and opened again from the sidebar; a
 * day of the strip clicked, and the page at that day's heading; axe-core clean on the
 * search page with chips and on Upcoming with the strip, light and dark. The same
 * settings as {@link WebUiDestructiveActsBrowserTests}, so a run of both starts the
 * service once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=pages-admin",
				"tasktracker.auth.admin-password=" + AppUser.PASSWORD, "tasktracker.auth.rate-limit=0" })
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SideLane
class WebUiFiltersAndWeekBrowserTests {

	@RegisterExtension
	static final AppUser user = AppUser.madeBy("pages-admin", "week-").zone("UTC");

	@Test
	void aSearchShownAsChipsIsSavedAsAFilterAndOpenedFromTheSidebar() {
		String axe = Browser.axeScript();
		task("{\"title\": \"Quarterly report\", \"labels\": [\"deep\"], \"priority\": 4}");
		task("{\"title\": \"Report draft\", \"labels\": [\"deep\"]}");
		task("{\"title\": \"Report to file\", \"priority\": 4}");
		user.open("/app/today");

		WebElement search = user.find("#search-field");
		assertThat(search.getAttribute("placeholder")).contains("#project", "@label", "p1", "due:today");
		search.sendKeys("report @deep p1" + Keys.ENTER);
		user.await((driver) -> driver.getTitle().equals("Search: report @deep p1 - TaskTracker"));

		assertThat(texts(".search-chips .chip")).containsExactly("report", "@deep", "P1");
		assertThat(texts(".task .title")).containsExactly("Quarterly report");
		axeInBothThemes(axe, "the search page with chips");

		user.find("#filter-name").sendKeys("Deep and urgent");
		user.browser().timed("save a filter", () -> user.find(".save-filter button").click());
		user.await((driver) -> driver.getTitle().equals("Deep and urgent - TaskTracker"));
		assertThat(user.find(".notice").getText()).contains("Filter saved: Deep and urgent");

		user.find(".sidebar a[href='/app/upcoming']").click();
		user.await((driver) -> driver.getTitle().equals("Upcoming - TaskTracker"));
		WebElement filter = user.find("ul[aria-labelledby='filters-heading'] a");
		assertThat(filter.getText()).isEqualTo("Deep and urgent");
		user.browser().timed("open a filter", filter::click);
		user.await((driver) -> driver.getTitle().equals("Deep and urgent - TaskTracker"));

		assertThat(user.find("h1").getText()).isEqualTo("Deep and urgent");
		assertThat(texts(".task .title")).containsExactly("Quarterly report");
		assertThat(user.find("#search-field").getAttribute("value")).isEqualTo("report @deep p1");
		assertThat(user.find("ul[aria-labelledby='filters-heading'] a").getAttribute("aria-current")).isEqualTo("page");
	}

	@Test
	void aDayOfTheWeekStripJumpsToItsHeading() {
		String axe = Browser.axeScript();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		for (int i = 0; i < 25; i++) {
			task("{\"title\": \"Today " + i + "\", \"due\": {\"date\": \"" + today + "\"}}");
		}
		task("{\"title\": \"In three days\", \"due\": {\"date\": \"" + today.plusDays(3) + "\"}}");
		// Enough below it for its heading to reach the top of the window.
		for (int i = 0; i < 25; i++) {
			task("{\"title\": \"Later " + i + "\", \"due\": {\"date\": \"" + today.plusDays(5) + "\"}}");
		}
		user.open("/app/upcoming");

		List<WebElement> days = user.driver().findElements(By.cssSelector(".week-strip li"));
		assertThat(days).hasSize(7);
		assertThat(user.find(".week-strip [aria-current='date']").getText()).contains("25");
		axeInBothThemes(axe, "Upcoming with the week strip");
		assertThat(scrollY()).isZero();

		String anchor = "day-" + today.plusDays(3);
		user.find(".week-strip a[href='#" + anchor + "']").click();

		user.await((driver) -> driver.getCurrentUrl().endsWith("#" + anchor));
		user.await((driver) -> top(anchor) < 40 && top(anchor) > -5);
		assertThat(scrollY()).isPositive();
		assertThat(user.find("#" + anchor + " h2").getText()).isEqualTo(TaskPages.dayHeading(today.plusDays(3), today));
		assertThat(user.driver().getTitle()).isEqualTo("Upcoming - TaskTracker");
	}

	private void axeInBothThemes(String axe, String what) {
		try {
			for (String theme : List.of("light", "dark")) {
				user.driver().executeScript("document.documentElement.dataset.theme = arguments[0]", theme);
				assertThat(Browser.seriousViolations(user.browser(), axe)).as("%s, %s", what, theme).isEmpty();
			}
		}
		finally {
			user.driver().executeScript("delete document.documentElement.dataset.theme");
		}
	}

	private long top(String id) {
		return ((Number) user.driver()
			.executeScript("return Math.round(document.getElementById(arguments[0]).getBoundingClientRect().top)", id))
			.longValue();
	}

	private long scrollY() {
		return ((Number) user.driver().executeScript("return Math.round(window.scrollY)")).longValue();
	}

	private List<String> texts(String css) {
		return user.driver().findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
	}

	private void task(String body) {
		ExchangeResult created = user.call("POST", "/tasks", body);
		assertThat(status(created)).as(created.toString()).isEqualTo(201);
	}

}
