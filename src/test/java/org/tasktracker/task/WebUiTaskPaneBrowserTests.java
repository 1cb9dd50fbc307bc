package org.tasktracker.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.tasktracker.support.AppUser;
import org.tasktracker.support.Browser;
import org.tasktracker.support.SideLane;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 32: a task's detail pane and its row's icons in a real headless Chromium. The
 * pane opens from a title's click, from Enter or {@code e} on the selected row, beside
 * the list on a wide screen and over it on a phone, at an address of its own; it saves in
 * place, shows a refusal in itself, and Esc closes it with the focus back on the row. The
 * row's Edit and Delete are icons shown on hover and focus, and always on a touch screen.
 * axe-core finds nothing serious with the pane open, light and dark, wide and narrow.
 * Each htmx request's time is printed ({@code TIMING}), as in
 * {@link WebUiRowsAndKeysBrowserTests}; the same settings, so that a run of both starts
 * the service once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=ui-admin",
				"tasktracker.auth.admin-password=" + AppUser.PASSWORD })
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SideLane
class WebUiTaskPaneBrowserTests {

	/**
	 * A mouse, as on a desktop: headless Chromium has none, and hover would be
	 * {@code (hover: none)}, a touch screen's.
	 */
	private static final String MOUSE = "--blink-settings=primaryHoverType=2,availableHoverTypes=2,"
			+ "primaryPointerType=4,availablePointerTypes=4";

	@RegisterExtension
	static final AppUser user = AppUser.madeBy("ui-admin", "pane-")
		.zone("Europe/Berlin")
		.browserArguments(MOUSE)
		.wideAndLightAfterEach();

	private final BrowserTasks tasks = new BrowserTasks(user);

	@Test
	void clickingATitleOpensThePaneBesideTheListAtAnAddressOfItsOwn() {
		long project = this.tasks.project("Pane");
		long first = this.tasks.add("Pay the rent", project);
		long second = this.tasks.add("Water the plants", project);
		user.open("/app/projects/" + project);

		user.browser()
			.timed("open the pane (click)", () -> this.tasks.row(first).findElement(By.cssSelector("a.title")).click());

		WebElement pane = this.tasks.awaitPane(first);
		assertThat(user.driver().getCurrentUrl())
			.isEqualTo(user.base() + "/app/tasks/" + first + "?back=/app/projects/" + project);
		assertThat(pane.findElement(By.name("title")).getAttribute("value")).isEqualTo("Pay the rent");
		assertThat(user.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("title-" + first);
		assertThat(this.tasks.row(first).getAttribute("class")).contains("selected", "open");
		// Beside the list, which stays in view and in use.
		assertThat(this.tasks.row(second).isDisplayed()).isTrue();
		assertThat(this.tasks.row(second).getRect().getX() + this.tasks.row(second).getRect().getWidth())
			.isLessThanOrEqualTo(pane.getRect().getX());
		this.tasks.row(second).findElement(By.cssSelector("a.title")).click();
		this.tasks.awaitPane(second);
		assertThat(this.tasks.row(first).getAttribute("class")).doesNotContain("open");
		assertThat(this.tasks.row(second).getAttribute("class")).contains("open");

		// The address opens it again, beside the list.
		user.driver().navigate().refresh();
		pane = this.tasks.awaitPane(second);
		assertThat(pane.findElement(By.name("title")).getAttribute("value")).isEqualTo("Water the plants");
		assertThat(user.find("h1").getText()).startsWith("Pane");
		assertThat(this.tasks.row(second).getAttribute("class")).contains("selected", "open");
	}

	@Test
	void enterOrEOpenThePaneWithTheFocusInItAndEscClosesItBackOnTheRow() {
		long project = this.tasks.project("Keys");
		long first = this.tasks.add("Read the letter", project);
		long second = this.tasks.add("File the letter", project);
		user.open("/app/projects/" + project);

		key("j");
		assertThat(this.tasks.selectedId()).isEqualTo(first);
		user.browser().timed("open the pane (Enter)", () -> key(Keys.ENTER));
		this.tasks.awaitPane(first);
		user.await((driver) -> ("title-" + first).equals(driver.switchTo().activeElement().getAttribute("id")) ? true
				: null);

		user.driver().switchTo().activeElement().sendKeys(" again", Keys.ESCAPE);

		awaitPaneClosed();
		assertThat(user.driver().getCurrentUrl()).isEqualTo(user.base() + "/app/projects/" + project);
		awaitFocusOnRow(first);
		assertThat(this.tasks.selectedId()).isEqualTo(first);
		assertThat(this.tasks.get(first).get("title").stringValue()).as("Esc saves nothing")
			.isEqualTo("Read the letter");

		// The browser's Back goes to the pane again, and Forward to the view.
		user.driver().navigate().back();
		assertThat(this.tasks.awaitPane(first).findElement(By.name("title")).getAttribute("value"))
			.isEqualTo("Read the letter");
		user.await((driver) -> driver.getCurrentUrl().contains("/app/tasks/" + first));
		user.driver().navigate().forward();
		user.await((driver) -> driver.getCurrentUrl().equals(user.base() + "/app/projects/" + project));
		awaitPaneClosed();
		user.open("/app/projects/" + project);
		key("j");

		key("j");
		user.browser().timed("open the pane (e)", () -> key("e"));
		this.tasks.awaitPane(second);
		user.await((driver) -> ("title-" + second).equals(driver.switchTo().activeElement().getAttribute("id")) ? true
				: null);
		// Esc from any field of the pane closes it.
		user.driver().switchTo().activeElement().sendKeys(Keys.TAB, Keys.ESCAPE);
		awaitPaneClosed();
		awaitFocusOnRow(second);
	}

	@Test
	void aSaveInThePaneUpdatesTheRowAndARefusalStaysInThePaneWithWhatWasTyped() {
		long id = user.api("POST", "/tasks", "{\"title\": \"Draft the letter\"}").get("id").longValue();
		user.open("/app/inbox");
		this.tasks.row(id).findElement(By.cssSelector("a.title")).click();
		WebElement pane = this.tasks.awaitPane(id);

		WebElement labels = pane.findElement(By.name("labels"));
		labels.sendKeys("ok, " + "x".repeat(60));
		user.browser().timed("a refused save", () -> user.find("#save-" + id).click());

		WebElement alert = user.browser()
			.await((driver) -> driver.findElement(By.cssSelector("#task-pane [role=alert]")));
		assertThat(alert.getText()).isEqualTo("Each label must be at most 50 characters.");
		assertThat(user.find("#task-pane input[name=labels]").getAttribute("value")).isEqualTo("ok, " + "x".repeat(60));
		assertThat(user.find("nav.sidebar").isDisplayed()).isTrue();
		assertThat(this.tasks.row(id).isDisplayed()).isTrue();
		assertThat(user.driver().getCurrentUrl()).isEqualTo(user.base() + "/app/tasks/" + id + "?back=/app/inbox");
		assertThat(user.driver().switchTo().activeElement().getAttribute("id")).as("the focus stays on Save")
			.isEqualTo("save-" + id);
		assertThat(this.tasks.get(id).get("labels")).isEmpty();

		labels = user.find("#task-pane input[name=labels]");
		labels.clear();
		labels.sendKeys("Post");
		WebElement title = user.find("#task-pane input[name=title]");
		title.clear();
		title.sendKeys("Send the letter");
		user.find("#task-pane textarea[name=description]").sendKeys("by post");
		new Select(user.find("#task-pane select[name=priority]")).selectByVisibleText("P1 (urgent)");
		user.driver()
			.executeScript("arguments[0].value = '2027-01-15'; arguments[1].value = '09:30'",
					user.find("#task-pane input[name=dueDate]"), user.find("#task-pane input[name=dueTime]"));
		user.browser().timed("a save (and the view with the pane again)", () -> user.find("#save-" + id).click());

		user.await((driver) -> driver.getPageSource().contains("Saved: Send the letter"));
		pane = this.tasks.awaitPane(id);
		assertThat(pane.findElement(By.name("title")).getAttribute("value")).isEqualTo("Send the letter");
		assertThat(this.tasks.row(id).findElement(By.cssSelector(".title")).getText()).isEqualTo("Send the letter");
		assertThat(this.tasks.row(id).findElement(By.cssSelector(".due")).getText()).isEqualTo("Fri 15 Jan, 09:30");
		assertThat(user.driver().getCurrentUrl()).isEqualTo(user.base() + "/app/tasks/" + id + "?back=/app/inbox");
		JsonNode task = this.tasks.get(id);
		assertThat(task.get("title").stringValue()).isEqualTo("Send the letter");
		assertThat(task.get("description").stringValue()).isEqualTo("by post");
		assertThat(task.get("priority").intValue()).isEqualTo(4);
		assertThat(task.get("labels").toString()).isEqualTo("[\"Post\"]");
		assertThat(task.get("due").get("datetime").stringValue()).isEqualTo("2027-01-15T08:30:00Z");

		// Complete from the pane: back to the view, with the undo.
		user.browser().timed("complete in the pane", () -> user.find("#task-pane [data-pane-complete]").click());
		user.await((driver) -> driver.getPageSource().contains("Completed: Send the letter"));
		assertThat(user.find("#task-pane").getAttribute("hidden")).isNotNull();
		assertThat(this.tasks.get(id).get("completed").booleanValue()).isTrue();
	}

	@Test
	void aRowsEditAndDeleteAreIconsShownOnHoverAndFocusWithNames() {
		long project = this.tasks.project("Icons");
		long first = this.tasks.add("Sort the mail", project);
		long second = this.tasks.add("Shred the old bills", project);
		user.open("/app/projects/" + project);
		new Actions(user.driver()).moveToElement(user.find("h1")).perform();

		WebElement edit = this.tasks.row(first).findElement(By.cssSelector("[data-edit]"));
		WebElement delete = this.tasks.row(first).findElement(By.cssSelector("[data-delete]"));
		assertThat(edit.getAttribute("aria-label")).isEqualTo("Edit Sort the mail");
		assertThat(edit.getAttribute("title")).isEqualTo("Edit");
		assertThat(delete.getAttribute("aria-label")).isEqualTo("Delete Sort the mail");
		assertThat(delete.getAttribute("title")).isEqualTo("Delete");
		assertThat(edit.findElement(By.tagName("svg")).getAttribute("aria-hidden")).isEqualTo("true");
		assertThat(edit.getText()).as("an icon, no words").isEmpty();
		assertThat(opacity(edit)).isEqualTo("0");
		assertThat(opacity(delete)).isEqualTo("0");

		new Actions(user.driver()).moveToElement(this.tasks.row(first)).perform();
		user.await((driver) -> "1".equals(opacity(edit)) && "1".equals(opacity(delete)));
		assertThat(opacity(this.tasks.row(second).findElement(By.cssSelector("[data-edit]")))).isEqualTo("0");

		// By keyboard: the focus on the other row's icons shows them.
		new Actions(user.driver()).moveToElement(user.find("h1")).perform();
		user.await((driver) -> "0".equals(opacity(edit)));
		user.driver()
			.executeScript("arguments[0].focus()", this.tasks.row(second).findElement(By.cssSelector("a.title")));
		key(Keys.TAB);
		WebElement focused = user.driver().switchTo().activeElement();
		assertThat(focused.getAttribute("aria-label")).isEqualTo("Edit Shred the old bills");
		user.await((driver) -> "1".equals(opacity(focused)));
		assertThat(opacity(edit)).isEqualTo("0");

		// The edit icon opens the pane with the focus in its title.
		user.browser().timed("open the pane (edit icon)", () -> key(Keys.ENTER));
		this.tasks.awaitPane(second);
		user.await((driver) -> ("title-" + second).equals(driver.switchTo().activeElement().getAttribute("id")) ? true
				: null);

		// A touch screen has no hover: the icons are always there.
		user.open("/app/projects/" + project);
		user.driver()
			.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 1));
		try {
			user.driver().navigate().refresh();
			user.await((driver) -> driver.findElement(By.tagName("h1")));
			assertThat(user.driver().executeScript("return matchMedia('(hover: none)').matches")).isEqualTo(true);
			assertThat(opacity(this.tasks.row(first).findElement(By.cssSelector("[data-edit]")))).isEqualTo("1");
			assertThat(opacity(this.tasks.row(second).findElement(By.cssSelector("[data-delete]")))).isEqualTo("1");
		}
		finally {
			user.driver().executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
		}
	}

	@Test
	void onAPhoneThePaneCoversTheListAndBackClosesIt() {
		long id = user.api("POST", "/tasks", "{\"title\": \"Call the plumber\", \"priority\": 3}")
			.get("id")
			.longValue();
		user.driver().manage().window().setSize(new Dimension(390, 844));
		user.open("/app/inbox");

		user.browser()
			.timed("open the pane (phone)", () -> this.tasks.row(id).findElement(By.cssSelector("a.title")).click());
		WebElement pane = this.tasks.awaitPane(id);
		long width = (Long) user.driver().executeScript("return window.innerWidth");
		assertThat(pane.getRect().getX()).isZero();
		assertThat(pane.getRect().getY()).isZero();
		assertThat((long) pane.getRect().getWidth()).isEqualTo(width);
		assertThat(user.driver()
			.executeScript(
					"const r = arguments[0].getBoundingClientRect(); return document.elementFromPoint(r.x + 5, r.y + 5) === arguments[0] || arguments[1].contains(document.elementFromPoint(r.x + 5, r.y + 5))",
					this.tasks.row(id), pane))
			.as("the pane is over the row")
			.isEqualTo(true);
		assertThat(this.tasks.row(id).findElement(By.cssSelector("a.title")).isDisplayed()).as("the list, out of reach")
			.isFalse();
		assertThat(new Select(pane.findElement(By.name("priority"))).getFirstSelectedOption().getText())
			.isEqualTo("P2");
		assertThat(
				(Long) user.driver().executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
			.isLessThanOrEqualTo(0);

		WebElement back = pane.findElement(By.cssSelector("[data-pane-close]"));
		assertThat(back.getText()).startsWith("Back");
		assertThat(back.getAccessibleName()).isEqualTo("Back to the list");
		back.click();

		awaitPaneClosed();
		assertThat(user.driver().getCurrentUrl()).isEqualTo(user.base() + "/app/inbox");
		assertThat(this.tasks.row(id).isDisplayed()).isTrue();
		awaitFocusOnRow(id);
	}

	/**
	 * axe-core with the pane open, wide and on a phone, light and dark; a screenshot of
	 * each in target/screenshots (docs/screenshots holds copies of two).
	 */
	@Test
	void thePaneOpenHasNoSeriousAccessibilityViolationInEitherThemeOrWidth() throws Exception {
		String axe = Browser.axeScript();
		long project = this.tasks.project("Home");
		long id = user
			.api("POST", "/tasks",
					"{\"title\": \"Renew the passport\", \"description\": \"Photos first\", "
							+ "\"labels\": [\"papers\"], \"priority\": 4, \"project_id\": " + project
							+ ", \"due\": {\"datetime\": \"2027-03-01T08:00:00Z\"}}")
			.get("id")
			.longValue();
		this.tasks.add("Book the dentist", project);
		Path shots = Files.createDirectories(Path.of("target/screenshots"));
		for (int[] size : new int[][] { { 1280, 800 }, { 390, 844 } }) {
			user.driver().manage().window().setSize(new Dimension(size[0], size[1]));
			for (String theme : List.of("light", "dark")) {
				user.open("/app/tasks/" + id + "?back=/app/projects/" + project);
				user.driver().executeScript("document.documentElement.dataset.theme = arguments[0]", theme);
				this.tasks.awaitPane(id);
				String what = "%d px, %s".formatted(size[0], theme);
				assertThat(Browser.seriousViolations(user.browser(), axe)).as(what).isEmpty();
				assertThat((Long) user.driver()
					.executeScript("return document.documentElement.scrollWidth - window.innerWidth")).as(what)
					.isLessThanOrEqualTo(0);
				Files.write(shots.resolve("task-pane-%s-%s.png".formatted(size[0] < 500 ? "phone" : "wide", theme)),
						user.driver().getScreenshotAs(OutputType.BYTES));
			}
		}
	}

	/**
	 * Not a check but a measure: the server's part of opening the pane (htmx, the pane
	 * alone) and of a save (the redirect's answer and the view with the pane after it),
	 * printed as the median and the largest ({@code TIMING}). Five rounds in the suite;
	 * {@code -Dtiming.rounds=20} for the figures in docs/design/web-ui.md.
	 */
	@Test
	void openingThePaneAndSavingAreTimed() {
		long project = this.tasks.project("Timing");
		long id = this.tasks.add("Time me", project);
		for (int i = 0; i < 5; i++) {
			this.tasks.add("Beside it " + i, project);
		}
		user.open("/app/projects/" + project);
		List<Long> opens = new java.util.ArrayList<>();
		List<Long> saves = new java.util.ArrayList<>();
		int rounds = Integer.getInteger("timing.rounds", 5);
		for (int i = 0; i < rounds; i++) {
			opens.add(user.browser()
				.serverTime(() -> this.tasks.row(id).findElement(By.cssSelector("a.title")).click(), "/app/tasks/"));
			this.tasks.awaitPane(id);
			WebElement title = user.find("#task-pane input[name=title]");
			title.clear();
			title.sendKeys("Time me " + i);
			saves.add(user.browser().serverTime(() -> user.find("#save-" + id).click(), "/app/tasks/"));
			int round = i;
			user.await((driver) -> driver.getPageSource().contains("Saved: Time me " + round));
			key(Keys.ESCAPE);
			awaitPaneClosed();
		}
		assertThat(this.tasks.get(id).get("title").stringValue()).isEqualTo("Time me " + (rounds - 1));
		System.out.printf("TIMING open the pane x%d: server median %d ms, largest %d ms%n", rounds, median(opens),
				java.util.Collections.max(opens));
		System.out.printf("TIMING save (POST and the view with the pane) x%d: server median %d ms, largest %d ms%n",
				rounds, median(saves), java.util.Collections.max(saves));
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	/** Waits for the focus on the task's row, which the page's script puts there. */
	private void awaitFocusOnRow(long id) {
		user.await((driver) -> Long.toString(id)
			.equals(user.driver().switchTo().activeElement().getAttribute("data-task-id")));
	}

	/** Waits for the view with the pane closed: the page may be swapped meanwhile. */
	private void awaitPaneClosed() {
		user.await((driver) -> user.driver()
			.executeScript("const pane = document.getElementById('task-pane'); return pane !== null && pane.hidden"));
	}

	private String opacity(WebElement element) {
		return element.getCssValue("opacity");
	}

	private void key(CharSequence key) {
		user.driver().switchTo().activeElement().sendKeys(key);
	}

}
