package org.tasktracker.task;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.tasktracker.support.AppUser;
import org.tasktracker.support.Browser;
import org.tasktracker.support.BrowserUsers;
import org.tasktracker.support.SideLane;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * The web UI in a real headless Chromium, as a signed-in user of its own (so no other
 * test's tasks show): sign-in, quick add with its preview, complete and undo, the
 * keyboard, the theme, escaping, CSRF and the page headers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=ui-admin",
				"tasktracker.auth.admin-password=" + AppUser.PASSWORD })
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SideLane
class WebUiBrowserTests {

	/**
	 * {@link AppUser#PASSWORD}, kept under this name for the page tests that borrow these
	 * settings, and so this service.
	 */
	static final String PASSWORD = AppUser.PASSWORD;

	@RegisterExtension
	static final AppUser user = AppUser.madeBy("ui-admin", "ui-").zone("Europe/Berlin");

	private final BrowserTasks tasks = new BrowserTasks(user);

	@Autowired
	private RestTestClient client;

	@Test
	void theRootOpensTodayAfterSignIn() {
		user.open("/");

		assertThat(user.driver().getTitle()).isEqualTo("Today - TaskTracker");
		assertThat(user.find("h1").getText()).isEqualTo("Today");
		assertThat(user.find(".sidebar .current").getText()).startsWith("Today");
	}

	@Test
	void quickAddShowsWhatItUnderstoodThenAddsTheTask() {
		user.api("POST", "/projects", "{\"name\": \"Home\"}");
		user.open("/app/inbox");

		WebElement field = user.find("#quick-add-field");
		field.sendKeys("Pay rent tomorrow at 9am #home @Money !3");
		String preview = user.await((driver) -> {
			String text = driver.findElement(By.id("quick-add-preview")).getText();
			return text.contains("P2") ? text : null;
		});
		assertThat(preview).contains("Will add", "Pay rent", "due ", "09:00", "#home", "@Money");
		assertThat(preview).doesNotContain("no such project");
		field.sendKeys(Keys.ENTER);

		user.await((driver) -> driver.getPageSource().contains("Added: Pay rent"));
		JsonNode task = this.tasks.only("q=rent");
		assertThat(task.get("title").stringValue()).isEqualTo("Pay rent");
		assertThat(task.get("labels").get(0).stringValue()).isEqualTo("Money");
		assertThat(task.get("priority").intValue()).isEqualTo(3);
		assertThat(task.get("project_id").isNull()).isFalse();
		java.time.ZonedDateTime due = java.time.ZonedDateTime.parse(task.get("due").get("datetime").stringValue())
			.withZoneSameInstant(java.time.ZoneId.of("Europe/Berlin"));
		assertThat(due.toLocalTime()).isEqualTo(java.time.LocalTime.of(9, 0));
		assertThat(due.toLocalDate())
			.isEqualTo(java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).plusDays(1));
	}

	/** Each kind of date and time, as the preview shows it before anything is added. */
	@Test
	void quickAddPreviewsEachKindOfDateAndTime() {
		java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin"));
		java.time.format.DateTimeFormatter day = java.time.format.DateTimeFormatter.ofPattern("EEE d MMM",
				java.util.Locale.ENGLISH);
		java.time.LocalDate decemberFirst = java.time.MonthDay.of(12, 1).atYear(today.getYear());
		if (decemberFirst.isBefore(today)) {
			decemberFirst = decemberFirst.plusYears(1);
		}
		java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
		expected.put("today", day.format(today));
		expected.put("tomorrow", day.format(today.plusDays(1)));
		expected.put("fri",
				day.format(today.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.FRIDAY))));
		expected.put("next week",
				day.format(today.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY))));
		expected.put("in 3 days", day.format(today.plusDays(3)));
		expected.put("dec 1", day.format(decemberFirst));
		expected.put("2030-06-15", "Sat 15 Jun");
		expected.put("tomorrow at 9:00", day.format(today.plusDays(1)) + ", 09:00");
		expected.put("9pm", day.format(today) + ", 21:00");
		user.open("/app/inbox");
		WebElement field = user.find("#quick-add-field");
		for (var entry : expected.entrySet()) {
			field.clear();
			field.sendKeys("Call the bank " + entry.getKey() + " #nowhere @phone !2");
			String preview = user.await((driver) -> {
				String text = driver.findElement(By.id("quick-add-preview")).getText();
				return text.contains("due " + entry.getValue()) ? text : null;
			});
			assertThat(preview).as(entry.getKey())
				.contains("Call the bank", "#nowhere (no such project)", "@phone", "P3");
		}
	}

	@Test
	void aLabelIsRenamedOnEveryTaskThenRemoved() {
		String label = "lbl" + System.nanoTime() % 100_000;
		long id = user.api("POST", "/tasks", "{\"title\": \"Labelled\", \"labels\": [\"" + label + "\"]}")
			.get("id")
			.longValue();
		user.open("/app/labels/" + label);

		user.find("details.manage summary").click();
		WebElement name = user.find("#label-name");
		name.clear();
		name.sendKeys("Renamed-" + label + Keys.ENTER);
		user.await((driver) -> driver.getTitle().equals("@Renamed-" + label + " - TaskTracker"));
		assertThat(this.tasks.get(id).get("labels").get(0).stringValue()).isEqualTo("Renamed-" + label);

		user.find("details.manage summary").click();
		user.find("form[action$='/delete'] button").click();
		user.await((driver) -> driver.getTitle().startsWith("Remove @"));
		user.find("[data-confirm]").click();
		user.await((driver) -> driver.getPageSource().contains("Label removed from every task."));
		assertThat(this.tasks.get(id).get("labels")).isEmpty();
	}

	/**
	 * A label whose name holds / ; % ? #: reached from the sidebar's link, renamed and
	 * removed through its page's forms, each addressing it by its encoded name.
	 */
	@Test
	void aLabelWithPathCharactersIsOpenedFromTheSidebarRenamedAndRemoved() {
		String label = "Odd/;%?#\u00e9 " + System.nanoTime() % 100_000;
		long id = user.api("POST", "/tasks", "{\"title\": \"Odd label\", \"labels\": [\"" + label + "\"]}")
			.get("id")
			.longValue();
		user.open("/app/inbox");

		user.browser()
			.find("a[href='/app/labels/" + UriUtils.encode(label.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8)
					+ "']")
			.click();
		user.await((driver) -> driver.getTitle().equals("@" + label + " - TaskTracker"));
		user.find("details.manage summary").click();
		WebElement name = user.find("#label-name");
		name.clear();
		name.sendKeys(label + "/2" + Keys.ENTER);
		user.await((driver) -> driver.getTitle().equals("@" + label + "/2 - TaskTracker"));
		assertThat(this.tasks.get(id).get("labels").get(0).stringValue()).isEqualTo(label + "/2");

		user.find("details.manage summary").click();
		user.find("form[action$='/delete'] button").click();
		user.await((driver) -> driver.getTitle().startsWith("Remove @"));
		user.find("[data-confirm]").click();
		user.await((driver) -> driver.getPageSource().contains("Label removed from every task."));
		assertThat(this.tasks.get(id).get("labels")).isEmpty();
	}

	@Test
	void aQuickAddWithAnUnknownProjectKeepsWhatWasTyped() {
		user.open("/app/inbox");

		WebElement field = user.find("#quick-add-field");
		field.sendKeys("Plant tulips #Nowhere");
		user.browser()
			.await((driver) -> driver.findElement(By.id("quick-add-preview")).getText().contains("no such project"));
		field.sendKeys(Keys.ENTER);

		user.await((driver) -> driver.getPageSource().contains("There is no project named Nowhere."));
		assertThat(user.find("#quick-add-field").getAttribute("value")).isEqualTo("Plant tulips #Nowhere");
		assertThat(user.api("GET", "/tasks?q=tulips", null)).isEmpty();
	}

	@Test
	void completingATaskCanBeUndone() {
		long id = user
			.api("POST", "/tasks",
					"{\"title\": \"Water the plants\", \"due\": {\"date\": \""
							+ java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")) + "\"}}")
			.get("id")
			.longValue();
		user.open("/app/today");

		user.find("[data-task-id='" + id + "'] [data-complete]").click();
		user.await((driver) -> driver.getPageSource().contains("Completed: Water the plants"));
		assertThat(this.tasks.get(id).get("completed").booleanValue()).isTrue();
		assertThat(user.driver().findElements(By.cssSelector("[data-task-id='" + id + "']"))).isEmpty();

		user.find("[data-undo]").click();
		user.await((driver) -> driver.getPageSource().contains("Reopened: Water the plants"));
		assertThat(this.tasks.get(id).get("completed").booleanValue()).isFalse();
		assertThat(user.find("[data-task-id='" + id + "'] .title").getText()).isEqualTo("Water the plants");
	}

	@Test
	void aTaskIsEditedInPlace() {
		long id = user.api("POST", "/tasks", "{\"title\": \"Draft the letter\"}").get("id").longValue();
		user.open("/app/inbox");

		user.find("[data-task-id='" + id + "'] [data-edit]").click();
		WebElement title = user.browser()
			.await((driver) -> driver.findElement(By.cssSelector("#task-pane .task-edit input[name=title]")));
		title.clear();
		title.sendKeys("Send the letter");
		user.find("#task-pane textarea[name=description]").sendKeys("by post");
		new org.openqa.selenium.support.ui.Select(user.find("#task-pane select[name=priority]")).selectByValue("4");
		user.find("#task-pane input[name=labels]").sendKeys("Post, Paper");
		user.driver().executeScript("arguments[0].value = '2027-01-15'", user.find("#task-pane input[name=dueDate]"));
		user.find("#task-pane .task-edit button[type=submit]").click();

		user.await((driver) -> driver.getPageSource().contains("Saved: Send the letter"));
		JsonNode task = this.tasks.get(id);
		assertThat(task.get("title").stringValue()).isEqualTo("Send the letter");
		assertThat(task.get("description").stringValue()).isEqualTo("by post");
		assertThat(task.get("priority").intValue()).isEqualTo(4);
		assertThat(task.get("labels").toString()).isEqualTo("[\"Post\",\"Paper\"]");
		assertThat(task.get("due").get("date").stringValue()).isEqualTo("2027-01-15");
	}

	@Test
	void anEditThatBreaksARuleSaysWhyAndKeepsWhatWasTyped() {
		long id = user.api("POST", "/tasks", "{\"title\": \"Label me\"}").get("id").longValue();
		user.driver().get(user.base() + "/app/tasks/" + id + "?back=/app/inbox");

		user.find("input[name=labels]").sendKeys("ok, " + "x".repeat(51));
		user.find(".task-edit button[type=submit]").click();

		user.await((driver) -> driver.getPageSource().contains("Each label"));
		assertThat(user.find("[role=alert]").getText()).contains("Each label must be at most 50 characters.");
		assertThat(user.find("input[name=labels]").getAttribute("value")).isEqualTo("ok, " + "x".repeat(51));
		assertThat(this.tasks.get(id).get("labels")).isEmpty();
	}

	@Test
	void deletingATaskCanBeUndone() {
		long id = user
			.api("POST", "/tasks", "{\"title\": \"Recycle the boxes\", \"labels\": [\"Home\"], \"priority\": 2}")
			.get("id")
			.longValue();
		user.open("/app/inbox");

		user.find("[data-task-id='" + id + "'] [data-delete]").click();
		user.await((driver) -> driver.getPageSource().contains("Deleted: Recycle the boxes"));
		assertThat(user.api("GET", "/tasks?q=Recycle", null)).isEmpty();

		user.find("[data-undo]").click();
		user.await((driver) -> driver.getPageSource().contains("Restored: Recycle the boxes"));
		JsonNode restored = this.tasks.only("q=Recycle");
		assertThat(restored.get("labels").get(0).stringValue()).isEqualTo("Home");
		assertThat(restored.get("priority").intValue()).isEqualTo(2);
	}

	@Test
	void aProjectIsMadeRenamedArchivedAndDeletedWithItsTasks() {
		String name = "Garden " + System.nanoTime() % 100_000;
		user.open("/app/inbox");
		user.find("#new-project").sendKeys(name + Keys.ENTER);
		user.await((driver) -> driver.getTitle().equals(name + " - TaskTracker"));
		long id = Long.parseLong(user.driver().getCurrentUrl().replaceAll(".*/app/projects/(\\d+).*", "$1"));
		user.api("POST", "/tasks", "{\"title\": \"Mow\", \"project_id\": " + id + "}");

		user.find("details.manage summary").click();
		WebElement field = user.find("#project-name");
		field.clear();
		field.sendKeys(name + " and yard" + Keys.ENTER);
		user.await((driver) -> driver.getTitle().equals(name + " and yard - TaskTracker"));
		user.find("details.manage summary").click();
		user.find("form[action$='/archive'] button").click();
		user.await((driver) -> driver.getPageSource().contains("Archived."));
		assertThat(user.api("GET", "/projects/" + id, null).get("archived").booleanValue()).isTrue();

		user.find("details.manage summary").click();
		user.find("form[action$='/delete'] button").click();
		user.await((driver) -> driver.getTitle().startsWith("Delete project"));
		user.find("[data-confirm]").click();
		user.await((driver) -> driver.getPageSource().contains("deleted, with its 1 task."));
		assertThat(user.api("GET", "/tasks?q=Mow", null)).isEmpty();
	}

	@Test
	void theOverviewChartsTheTasksCompletedToday() {
		long id = user.api("POST", "/tasks", "{\"title\": \"Chart me\"}").get("id").longValue();
		user.api("POST", "/tasks/" + id + "/complete", null);
		user.open("/app/overview");

		List<WebElement> bars = user.driver().findElements(By.cssSelector("svg.chart rect"));
		assertThat(bars).hasSize(28);
		String today = java.time.format.DateTimeFormatter.ofPattern("EEE d MMM", java.util.Locale.ENGLISH)
			.format(java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")));
		String last = bars.get(27).findElement(By.tagName("title")).getAttribute("textContent");
		assertThat(last).startsWith(today + ": ");
		assertThat(Integer.parseInt(last.substring(last.indexOf(": ") + 2))).isPositive();
		assertThat(Integer.parseInt(bars.get(27).getAttribute("height"))).isPositive();
	}

	@Test
	void aTokenIsShownOnceWorksAndCanBeRevoked() {
		user.open("/app/settings");
		user.find("#token-name").sendKeys("browser test");
		user.find("input[name=scopes][value='tasks:write']").click();
		user.find("#token-name").submit();

		String token = user.await((driver) -> driver.findElement(By.id("issued-token"))).getAttribute("value");
		assertThat(token).startsWith("tt_");
		assertThat(status(bearer("/tasks", token))).isEqualTo(200);

		user.open("/app/settings");
		assertThat(user.driver().getPageSource()).doesNotContain(token);
		WebElement row = user.driver()
			.findElements(By.cssSelector("tr[data-token-id]"))
			.stream()
			.filter((candidate) -> candidate.getText().startsWith("browser test"))
			.findFirst()
			.orElseThrow();
		row.findElement(By.cssSelector("button")).click();
		user.await((driver) -> driver.getTitle().startsWith("Revoke token"));
		user.find("[data-confirm]").click();
		user.await((driver) -> driver.getPageSource().contains("Token revoked."));
		assertThat(status(bearer("/tasks", token))).isEqualTo(401);
	}

	@Test
	void settingsChangeTheDisplayNameTimeZoneAndPassword() {
		String name = BrowserUsers.create(this.client, "ui-admin", PASSWORD, "settings-", null, null);
		try (Browser other = Browser.start()) {
			user.signIn(other, name);
			other.driver().get(user.base() + "/app/settings");
			other.find("#display-name").sendKeys("Ada L.");
			new org.openqa.selenium.support.ui.Select(other.find("#timezone")).selectByValue("Pacific/Kiritimati");
			other.find("#display-name").submit();
			other.await((driver) -> driver.getPageSource().contains("Saved."));
			assertThat(other.find("#display-name").getAttribute("value")).isEqualTo("Ada L.");
			// The select's own value: Selenium's getFirstSelectedOption asks each of the
			// hundreds of zones in turn whether it is selected.
			assertThat(other.find("#timezone").getDomProperty("value")).isEqualTo("Pacific/Kiritimati");

			other.find("#current-password").sendKeys("not the password");
			other.find("#new-password").sendKeys("a brand new passphrase");
			other.find("#current-password").submit();
			other.await((driver) -> driver.getPageSource().contains("is not the current password"));
			other.find("#current-password").sendKeys(PASSWORD);
			other.find("#new-password").sendKeys("a brand new passphrase");
			other.find("#current-password").submit();
			other.await((driver) -> driver.getPageSource().contains("Password changed."));
		}
		ExchangeResult me = this.client.get()
			.uri("/users/me")
			.header(HttpHeaders.AUTHORIZATION, BrowserUsers.basic(name, "a brand new passphrase"))
			.exchange()
			.returnResult();
		assertThat(json(me).get("display_name").stringValue()).isEqualTo("Ada L.");
		assertThat(json(me).get("timezone").stringValue()).isEqualTo("Pacific/Kiritimati");
	}

	@Test
	void anAdminAddsAndDeletesAUser() {
		String name = "added-" + System.nanoTime() % 1_000_000;
		try (Browser admin = Browser.start()) {
			user.signIn(admin, "ui-admin");
			admin.driver().get(user.base() + "/app/settings");
			admin.find("#new-username").sendKeys(name);
			admin.find("#new-user-password").sendKeys(PASSWORD);
			admin.find("#new-username").submit();
			admin.await((driver) -> driver.getPageSource().contains("User " + name + " added."));
			assertThat(admin.find("tr[data-user='" + name + "']").getText()).contains(name, "no");

			admin.find("tr[data-user='" + name + "'] button").click();
			admin.await((driver) -> driver.getTitle().startsWith("Delete user"));
			admin.find("[data-confirm]").click();
			admin.await((driver) -> driver.getPageSource().contains("User deleted"));
			assertThat(admin.driver().findElements(By.cssSelector("tr[data-user='" + name + "']"))).isEmpty();
		}
		user.open("/app/settings");
		assertThat(user.driver().findElements(By.id("users-heading"))).as("users, for a non-admin").isEmpty();
	}

	@Test
	void everyPageHasNoSeriousOrCriticalAccessibilityViolation() {
		String axe = Browser.axeScript();
		long project = user.api("POST", "/projects", "{\"name\": \"Axe " + System.nanoTime() % 100_000 + "\"}")
			.get("id")
			.longValue();
		long task = user
			.api("POST", "/tasks",
					"{\"title\": \"Axe task\", \"labels\": [\"axe\"], \"project_id\": " + project
							+ ", \"priority\": 3, \"due\": {\"date\": \"2020-01-01\"}}")
			.get("id")
			.longValue();
		for (String path : List.of("/app/today", "/app/inbox", "/app/upcoming", "/app/completed", "/app/overview",
				"/app/projects/" + project, "/app/labels/axe", "/app/search?q=axe", "/app/settings",
				"/app/tasks/" + task + "?back=/app/inbox", "/app/projects/999999999")) {
			user.open(path);
			assertThat(Browser.seriousViolations(user.browser(), axe)).as(path).isEmpty();
		}
		user.driver().executeScript("document.documentElement.dataset.theme = 'dark'");
		assertThat(Browser.seriousViolations(user.browser(), axe)).as("dark").isEmpty();
		// The check can fail: an image without a text alternative is a critical
		// violation.
		user.driver().executeScript("document.querySelector('main').appendChild(document.createElement('img'))");
		assertThat(Browser.seriousViolations(user.browser(), axe))
			.anyMatch((violation) -> violation.startsWith("image-alt"));
		user.driver().executeScript("delete document.documentElement.dataset.theme");
		try (Browser signedOut = Browser.start()) {
			signedOut.driver().get(user.base() + "/login");
			assertThat(Browser.seriousViolations(signedOut, axe)).as("/login").isEmpty();
		}
	}

	/**
	 * The main views at a 360 px phone's width and a wide screen, light and dark: nothing
	 * wider than the screen, and a screenshot of each in target/screenshots (the ones in
	 * docs/screenshots are copies).
	 */
	@Test
	void theMainViewsFitAPhoneAndAWideScreenInBothThemes() throws Exception {
		user.api("POST", "/tasks",
				"{\"title\": \"Renew the passport\", \"labels\": [\"papers\"], \"priority\": 3, \"due\": {\"date\": \""
						+ java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")) + "\"}}");
		java.nio.file.Path shots = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/screenshots"));
		try {
			for (int[] size : new int[][] { { 360, 740 }, { 1280, 800 } }) {
				user.driver().manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
				for (String theme : List.of("light", "dark")) {
					for (String view : List.of("today", "overview")) {
						user.open("/app/" + view);
						user.driver().executeScript("document.documentElement.dataset.theme = arguments[0]", theme);
						long overflow = (Long) user.driver()
							.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
						assertThat(overflow).as("%s at %d px, %s", view, size[0], theme).isLessThanOrEqualTo(0);
						byte[] png = user.driver().getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
						java.nio.file.Files.write(
								shots.resolve("%s-%s-%s.png".formatted(view, size[0] < 500 ? "phone" : "wide", theme)),
								png);
					}
				}
			}
		}
		finally {
			user.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
			user.driver().executeScript("localStorage.removeItem('theme')");
		}
	}

	@Test
	void theKeyboardReachesQuickAddSearchTasksAndHelp() {
		long id = user.api("POST", "/tasks", "{\"title\": \"Keyboard task\"}").get("id").longValue();
		user.open("/app/inbox");
		WebElement body = user.find("body");

		body.sendKeys("q");
		assertThat(user.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("quick-add-field");
		user.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
		body.sendKeys("/");
		assertThat(user.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("search-field");
		user.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
		body.sendKeys("?");
		assertThat(user.find("#help").isDisplayed()).isTrue();
		user.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
		assertThat(user.find("#help").isDisplayed()).isFalse();

		List<WebElement> rows = user.driver().findElements(By.cssSelector(".task"));
		int index = rows.indexOf(user.find("[data-task-id='" + id + "']"));
		for (int i = 0; i <= index; i++) {
			user.driver().switchTo().activeElement().sendKeys("j");
		}
		assertThat(user.find(".task.selected").getAttribute("data-task-id")).isEqualTo(Long.toString(id));
		user.driver().switchTo().activeElement().sendKeys("e");
		user.await(
				(driver) -> driver.findElement(By.cssSelector("#task-pane[data-pane-task='" + id + "'] .task-edit")));
		user.open("/app/inbox");
		rows = user.driver().findElements(By.cssSelector(".task"));
		for (int i = 0; i <= index; i++) {
			user.driver().switchTo().activeElement().sendKeys("j");
		}
		user.driver().switchTo().activeElement().sendKeys("x");
		user.await((driver) -> driver.getPageSource().contains("Completed: Keyboard task"));
		assertThat(this.tasks.get(id).get("completed").booleanValue()).isTrue();
	}

	@Test
	void theThemeToggleSwitchesToDarkAndIsRemembered() {
		user.open("/app/inbox");
		String light = user.find("body").getCssValue("background-color");

		user.find("[data-theme-toggle]").click();
		assertThat(user.find("html").getAttribute("data-theme")).isEqualTo("dark");
		assertThat(user.find("body").getCssValue("background-color")).isNotEqualTo(light);

		user.open("/app/inbox");
		assertThat(user.find("html").getAttribute("data-theme")).isEqualTo("dark");
		user.find("[data-theme-toggle]").click();
		assertThat(user.find("body").getCssValue("background-color")).isEqualTo(light);
	}

	@Test
	void aTitleThatLooksLikeMarkupShowsAsText() {
		String title = "<img src=x onerror=alert(1)>";
		long id = user.api("POST", "/tasks", "{\"title\": \"" + title + "\"}").get("id").longValue();
		user.open("/app/inbox");

		WebElement row = user.find("[data-task-id='" + id + "']");
		assertThat(row.findElement(By.cssSelector(".title")).getText()).isEqualTo(title);
		assertThat(row.findElements(By.tagName("img"))).isEmpty();
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> user.driver().switchTo().alert());
	}

	@Test
	void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
		user.open("/app/inbox");
		Cookie session = user.driver().manage().getCookieNamed("TASKTRACKER_SESSION");
		assertThat(session).isNotNull();
		assertThat(session.isHttpOnly()).isTrue();
		assertThat(session.getSameSite()).isEqualTo("Lax");

		HttpResponse<String> forged = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(user.base() + "/app/tasks"))
				.header("Cookie", "TASKTRACKER_SESSION=" + session.getValue())
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("text=Forged+task&back=%2Fapp"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(user.api("GET", "/tasks?q=Forged", null)).isEmpty();
	}

	@Test
	void pagesForbidFramingAndInlineScript() throws Exception {
		HttpResponse<String> login = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(user.base() + "/login")).build(),
					HttpResponse.BodyHandlers.ofString());

		String policy = login.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(policy).contains("frame-ancestors 'none'", "script-src 'self'").doesNotContain("unsafe-inline");
		assertThat(login.body()).doesNotContain("<script>").contains("name=\"_csrf\"");
	}

	@Test
	void anotherUsersProjectLooksLikeAMissingOne() {
		ExchangeResult theirs = this.client.post()
			.uri("/projects")
			.header(HttpHeaders.AUTHORIZATION, BrowserUsers.basic("ui-admin", PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"Not yours " + System.nanoTime() + "\"}")
			.exchange()
			.returnResult();
		long id = json(theirs).get("id").longValue();

		user.open("/app/projects/" + id);
		String foreign = user.find("main").getText();
		user.open("/app/projects/999999999");

		assertThat(user.find("h1").getText()).isEqualTo("Not found");
		assertThat(foreign).isEqualTo(user.find("main").getText()).doesNotContain("Not yours");
	}

	@Test
	void signingOutEndsTheSession() {
		try (Browser other = Browser.start()) {
			user.signIn(other);
			other.find(".account form button").click();
			other.await((driver) -> driver.getCurrentUrl().endsWith("/login?out"));
			assertThat(other.find("[role=status]").getText()).isEqualTo("You are signed out.");

			other.driver().get(user.base() + "/app/inbox");
			other.await((driver) -> driver.getCurrentUrl().endsWith("/login"));
		}
	}

	@Test
	void aWrongPasswordIsRefusedWithAMessage() {
		try (Browser other = Browser.start()) {
			other.driver().get(user.base() + "/login");
			other.find("#username").sendKeys(user.username());
			other.find("#password").sendKeys("not the password");
			other.find("form button").click();

			other.await((driver) -> driver.getCurrentUrl().endsWith("/login?error"));
			assertThat(other.find("[role=alert]").getText()).startsWith("Wrong username or password");
		}
	}

	private ExchangeResult bearer(String path, String token) {
		return this.client.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.returnResult();
	}

}
