package org.tasktracker.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.tasktracker.support.AppUser;
import org.tasktracker.support.Browser;
import org.tasktracker.support.SideLane;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.ExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.status;

/**
 * Issue 32's look and feel in a real headless Chromium: the help is a modal dialog with a
 * backdrop that keeps the focus, closes on Esc and on a click on the backdrop and gives
 * the focus back; the theme toggle says which theme is on, moves through Auto, Dark and
 * Light, and is remembered across a reload; settings sits in the app's layout; and
 * axe-core finds nothing serious on settings, the help open and the "not found" page, in
 * both themes, at 1280 and 390 px.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=pages-admin",
				"tasktracker.auth.admin-password=" + AppUser.PASSWORD, "tasktracker.auth.rate-limit=0" })
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SideLane
class WebUiHelpAndThemeBrowserTests {

	@RegisterExtension
	static final AppUser user = AppUser.madeBy("pages-admin", "look-").wideAndLightAfterEach().signInLater();

	@BeforeAll
	void signIn() {
		ExchangeResult created = user.call("POST", "/tasks", "{\"title\": \"Water the plants\"}");
		assertThat(status(created)).as(created.toString()).isEqualTo(201);
		user.signIn();
	}

	@Test
	void theHelpIsAModalDialogThatKeepsTheFocusAndClosesOnEscAndOnItsBackdrop() {
		open("/app/inbox");
		WebElement toggle = user.find("[data-theme-toggle]");
		user.driver().executeScript("arguments[0].focus()", toggle);

		active().sendKeys("?");

		assertThat(script("return document.getElementById('help').matches(':modal')")).isEqualTo(true);
		assertThat(script("return getComputedStyle(document.getElementById('help'), '::backdrop').backgroundColor"))
			.as("the backdrop dims the page")
			.isEqualTo("rgba(0, 0, 0, 0.5)");
		assertThat(active().getText()).isEqualTo("Close");
		for (CharSequence key : List.of(Keys.TAB, Keys.TAB, Keys.chord(Keys.SHIFT, Keys.TAB), Keys.TAB)) {
			active().sendKeys(key);
			assertThat(script("return document.getElementById('help').contains(document.activeElement)"))
				.as("the focus stays in the dialog")
				.isEqualTo(true);
		}
		active().sendKeys("j");
		assertThat(user.driver().findElements(By.cssSelector(".task.selected")))
			.as("the page's keys do not reach the page behind")
			.isEmpty();

		active().sendKeys(Keys.ESCAPE);
		user.await((driver) -> !user.find("#help").isDisplayed());
		assertThat(active()).as("the focus is back where it was").isEqualTo(toggle);

		active().sendKeys("?");
		user.await((driver) -> user.find("#help").isDisplayed());
		user.find("#help-heading").click();
		assertThat(user.find("#help").isDisplayed()).as("a click inside does not close it").isTrue();
		new Actions(user.driver()).moveToLocation(3, 3).click().perform();
		user.await((driver) -> !user.find("#help").isDisplayed());
		assertThat(active()).isEqualTo(toggle);

		active().sendKeys("?");
		user.await((driver) -> user.find("#help").isDisplayed());
		user.find("[data-help-close]").click();
		user.await((driver) -> !user.find("#help").isDisplayed());
		assertThat(active()).isEqualTo(toggle);
	}

	@Test
	void theThemeToggleSaysWhichThemeIsOnCyclesAndIsRememberedAcrossAReload() {
		open("/app/inbox");
		boolean systemDark = (Boolean) script("return matchMedia('(prefers-color-scheme: dark)').matches");
		String first = systemDark ? "light" : "dark";
		String second = systemDark ? "dark" : "light";
		assertToggleSays("auto", "Auto (system)");
		String autoBackground = user.find("body").getCssValue("background-color");

		user.find("[data-theme-toggle]").click();
		assertToggleSays(first, capitalized(first));
		assertThat(user.find("body").getCssValue("background-color")).as("the first click changes the look")
			.isNotEqualTo(autoBackground);
		user.driver().navigate().refresh();
		user.await((driver) -> driver.findElement(By.tagName("h1")));
		assertToggleSays(first, capitalized(first));

		user.find("[data-theme-toggle]").click();
		assertToggleSays(second, capitalized(second));
		user.find(".sidebar a[href='/app/today']").click();
		user.await((driver) -> driver.getTitle().equals("Today - TaskTracker"));
		assertToggleSays(second, capitalized(second));
		user.driver().navigate().refresh();
		user.await((driver) -> driver.findElement(By.tagName("h1")));
		assertToggleSays(second, capitalized(second));
		assertThat(user.find("body").getCssValue("background-color")).isEqualTo(autoBackground);

		user.find("[data-theme-toggle]").click();
		assertToggleSays("auto", "Auto (system)");
		assertThat(script("return localStorage.getItem('theme')")).isNull();
		user.driver().navigate().refresh();
		user.await((driver) -> driver.findElement(By.tagName("h1")));
		assertToggleSays("auto", "Auto (system)");
	}

	@Test
	void settingsIsInTheLayoutAndSettingsHelpAndNotFoundPassAxeInBothThemesWideAndNarrow() throws Exception {
		String axe = Browser.axeScript();
		Path shots = Files.createDirectories(Path.of("target", "screenshots"));
		List<String> found = new ArrayList<>();
		for (int width : List.of(1280, 390)) {
			user.driver().manage().window().setSize(new Dimension(width, 900));
			for (String theme : List.of("light", "dark")) {
				user.driver().executeScript("localStorage.setItem('theme', arguments[0])", theme);
				open("/app/settings");
				assertThat(user.find(".sidebar a[href='/app/settings']").getAttribute("aria-current"))
					.isEqualTo("page");
				assertThat(user.find("[data-theme-toggle]").getAttribute("data-theme-state")).isEqualTo(theme);
				shoot(shots.resolve("settings-%s-%s.png".formatted(width < 500 ? "phone" : "wide", theme)));
				assertThat(overflow()).as("settings wider than %d px", width).isLessThanOrEqualTo(0);
				Browser.seriousViolations(user.browser(), axe)
					.forEach((violation) -> found.add("settings %d %s: %s".formatted(width, theme, violation)));

				user.find("body").sendKeys("?");
				user.await((driver) -> user.find("#help").isDisplayed());
				shoot(shots.resolve("help-%s-%s.png".formatted(width < 500 ? "phone" : "wide", theme)));
				Browser.seriousViolations(user.browser(), axe)
					.forEach((violation) -> found.add("help %d %s: %s".formatted(width, theme, violation)));
				active().sendKeys(Keys.ESCAPE);

				open("/app/projects/999999999");
				assertThat(user.find("h1").getText()).isEqualTo("Not found");
				assertThat(user.find(".sidebar").isDisplayed()).isTrue();
				shoot(shots.resolve("not-found-%s-%s.png".formatted(width < 500 ? "phone" : "wide", theme)));
				assertThat(overflow()).as("not found wider than %d px", width).isLessThanOrEqualTo(0);
				Browser.seriousViolations(user.browser(), axe)
					.forEach((violation) -> found.add("not found %d %s: %s".formatted(width, theme, violation)));
			}
		}
		assertThat(found).isEmpty();
	}

	private void assertToggleSays(String state, String name) {
		WebElement toggle = user.find("[data-theme-toggle]");
		user.await((driver) -> state.equals(toggle.getAttribute("data-theme-state")));
		assertThat(toggle.findElement(By.cssSelector(".theme-name")).getText()).isEqualTo(name);
		assertThat(toggle.getAccessibleName()).isEqualTo("Theme: " + name);
		assertThat(user.find("html").getAttribute("data-theme")).isEqualTo("auto".equals(state) ? null : state);
		assertThat(script("return localStorage.getItem('theme')")).isEqualTo("auto".equals(state) ? null : state);
	}

	/** How far the page is wider than the window, in CSS pixels. */
	private long overflow() {
		return (Long) script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
	}

	private static String capitalized(String theme) {
		return Character.toUpperCase(theme.charAt(0)) + theme.substring(1);
	}

	private WebElement active() {
		return user.driver().switchTo().activeElement();
	}

	private Object script(String script) {
		return user.driver().executeScript(script);
	}

	private void shoot(Path file) throws java.io.IOException {
		Files.write(file, user.driver().getScreenshotAs(OutputType.BYTES));
	}

	private void open(String path) {
		user.open(path);
		// app.js has run (deferred): the toggle says its state.
		user.await((driver) -> user.find("[data-theme-toggle]").getAttribute("title") != null);
	}

}
