package org.tasktracker.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.tasktracker.support.AppUser;
import org.tasktracker.support.Browser;
import org.tasktracker.support.BrowserUsers;
import org.tasktracker.support.SideLane;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * Destructive acts and signing in, in a real headless Chromium: the buttons that destroy
 * are red in both themes, each destructive act asks on a page of its own (with script and
 * without) that names what will go, the new user form's username pattern is one Chromium
 * compiles and matches what the API accepts, and a sign-in lands on a clean address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=pages-admin",
				"tasktracker.auth.admin-password=" + AppUser.PASSWORD, "tasktracker.auth.rate-limit=0" })
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SideLane
class WebUiDestructiveActsBrowserTests {

	/**
	 * {@link AppUser#PASSWORD}, kept under this name for classes that borrow these
	 * settings.
	 */
	static final String PASSWORD = AppUser.PASSWORD;

	private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)");

	@RegisterExtension
	static final AppUser user = AppUser.madeBy("pages-admin", "acts-");

	@Autowired
	private RestTestClient client;

	@Test
	void destructiveButtonsAreRedWhereSaveIsBlueInBothThemesAndPassAxe() {
		String axe = Browser.axeScript();
		long project = user.api("POST", "/projects", "{\"name\": \"Colours " + System.nanoTime() % 100_000 + "\"}")
			.get("id")
			.longValue();
		user.api("POST", "/tasks", "{\"title\": \"Paint\", \"project_id\": " + project + "}");
		user.open("/app/projects/" + project);
		user.find("details.manage summary").click();
		try {
			for (String theme : List.of("light", "dark")) {
				theme(theme);
				WebElement delete = user.find(".manage form[action$='/delete'] button");
				WebElement rename = user.find(".manage form[action$='/rename'] button");
				assertThat(rgb(delete.getCssValue("color"))).as("Delete project's words, %s", theme)
					.matches(WebUiDestructiveActsBrowserTests::red);
				assertThat(rgb(delete.getCssValue("border-top-color"))).as("its border, %s", theme)
					.matches(WebUiDestructiveActsBrowserTests::red);
				assertThat(rgb(rename.getCssValue("background-color"))).as("Rename, %s", theme)
					.matches(WebUiDestructiveActsBrowserTests::blue);
			}
			theme("light");
			user.find(".manage form[action$='/delete'] button").click();
			user.await((driver) -> driver.getTitle().startsWith("Delete project"));
			for (String theme : List.of("light", "dark")) {
				theme(theme);
				assertThat(rgb(user.find("[data-confirm]").getCssValue("background-color")))
					.as("the button that deletes, %s", theme)
					.matches(WebUiDestructiveActsBrowserTests::red);
				assertThat(Browser.seriousViolations(user.browser(), axe)).as("the question, %s", theme).isEmpty();
			}
		}
		finally {
			user.driver().executeScript("localStorage.removeItem('theme')");
			user.driver().executeScript("delete document.documentElement.dataset.theme");
		}
		user.api("POST", "/tasks", "{\"title\": \"Axe\", \"labels\": [\"axed\"]}");
		for (String path : List.of("/app/settings", "/app/labels/axed/delete")) {
			user.open(path);
			assertThat(Browser.seriousViolations(user.browser(), axe)).as(path).isEmpty();
		}
	}

	@Test
	void deletingAProjectAsksOnAPageThatNamesItsTasksAndCanBeCancelled() {
		String name = "Garden " + System.nanoTime() % 100_000;
		long project = user.api("POST", "/projects", "{\"name\": \"" + name + "\"}").get("id").longValue();
		user.api("POST", "/tasks", "{\"title\": \"Mow\", \"project_id\": " + project + "}");
		user.api("POST", "/tasks", "{\"title\": \"Rake\", \"project_id\": " + project + "}");
		user.open("/app/projects/" + project);
		consoleErrors(user.browser());

		user.find("details.manage summary").click();
		user.find(".manage form[action$='/delete'] button").click();
		user.await((driver) -> driver.getTitle().startsWith("Delete project"));
		assertThatExceptionOfType(NoAlertPresentException.class).as("a page, not a dialog")
			.isThrownBy(() -> user.driver().switchTo().alert());
		assertThat(user.find("h1").getText()).isEqualTo("Delete project " + name + " and its 2 tasks?");
		assertThat(user.find("[data-confirm]").getText()).isEqualTo("Delete project and 2 tasks");
		user.find("[data-cancel]").click();
		user.await((driver) -> driver.getTitle().equals(name + " - TaskTracker"));
		assertThat(status(user.call("GET", "/projects/" + project, null))).isEqualTo(200);

		user.find("details.manage summary").click();
		user.find(".manage form[action$='/delete'] button").click();
		user.await((driver) -> driver.getTitle().startsWith("Delete project"));
		user.find("[data-confirm]").click();
		user.await((driver) -> driver.getPageSource().contains("deleted, with its 2 tasks."));
		assertThat(user.find("h1").getText()).isEqualTo("Inbox");
		assertThat(status(user.call("GET", "/projects/" + project, null))).isEqualTo(404);
		assertThat(user.api("GET", "/tasks?q=Rake", null)).isEmpty();
		assertThat(consoleErrors(user.browser())).as("the console, through question, cancel and answer").isEmpty();
	}

	/** The same question and answer with script turned off: plain forms and links. */
	@Test
	void theQuestionWorksWithoutScript() {
		long first = user.api("POST", "/tasks", "{\"title\": \"Tagged\", \"labels\": [\"noscript\"]}")
			.get("id")
			.longValue();
		try (Browser plain = Browser.start()) {
			plain.driver().executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
			user.signIn(plain);
			plain.driver().get(user.base() + "/app/labels/noscript");
			assertThat(plain.driver().executeScript("return typeof window.htmx")).as("htmx is not loaded")
				.isNotEqualTo("object");

			plain.find("details.manage summary").click();
			plain.find(".manage form[action$='/delete'] button").click();
			plain.await((driver) -> driver.getTitle().startsWith("Remove @noscript"));
			assertThat(plain.find("h1").getText()).isEqualTo("Remove @noscript from its task?");
			plain.find("[data-confirm]").click();
			plain.await((driver) -> driver.getPageSource().contains("Label removed from every task."));
		}
		assertThat(user.api("GET", "/tasks/" + first, null).get("labels")).isEmpty();
	}

	@Test
	void revokingATokenAndDeletingAUserEachAskFirst() {
		ExchangeResult issued = this.client.post()
			.uri("/tokens")
			.header(HttpHeaders.AUTHORIZATION, user.basic())
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"phone sync\", \"scopes\": [\"tasks:read\"]}")
			.exchange()
			.returnResult();
		String token = json(issued).get("token").stringValue();
		user.open("/app/settings");
		user.find("tr[data-token-id='" + json(issued).get("id").longValue() + "'] button").click();
		user.await((driver) -> driver.getTitle().startsWith("Revoke token phone sync?"));
		assertThat(bearer(token)).as("asked, not yet revoked").isEqualTo(200);
		user.find("[data-confirm]").click();
		user.await((driver) -> driver.getPageSource().contains("Token revoked."));
		assertThat(bearer(token)).isEqualTo(401);

		String doomed = BrowserUsers.create(this.client, "pages-admin", PASSWORD, "doomed-", null, null);
		try (Browser admin = Browser.start()) {
			user.signIn(admin, "pages-admin");
			admin.driver().get(user.base() + "/app/settings");
			admin.find("tr[data-user='" + doomed + "'] button").click();
			admin.await((driver) -> driver.getTitle().startsWith("Delete user " + doomed));
			assertThat(admin.find("h1").getText()).isEqualTo("Delete user " + doomed + " and all they own?");
			admin.find("[data-confirm]").click();
			admin.await((driver) -> driver.getPageSource().contains("User deleted, with all they owned."));
			assertThat(admin.driver().findElements(By.cssSelector("tr[data-user='" + doomed + "']"))).isEmpty();
		}
	}

	/**
	 * Chromium compiles a pattern with the v flag, where a bare '-' in a class is an
	 * error: the pattern was dropped and nothing was checked. Each candidate is tried on
	 * the API too, as an admin adding that user.
	 */
	@Test
	void theNewUsernamePatternCompilesAndMatchesWhatTheApiAccepts() {
		String suffix = Long.toString(System.nanoTime() % 1_000_000_000L, 36).replaceAll("[0-9]", "q");
		List<String> candidates = List.of("x", "ab", "local", "LOCAL", "Local" + suffix, "Mixed.Case_" + suffix + "-ok",
				"\u212Aelvin" + suffix, "a b" + suffix, "\u00fcber" + suffix, "a/" + suffix, "a[" + suffix,
				"a|" + suffix, "a\\" + suffix, "a-" + suffix, "a".repeat(64 - suffix.length()) + suffix,
				"a".repeat(65 - suffix.length()) + suffix);
		try (Browser admin = Browser.start()) {
			user.signIn(admin, "pages-admin");
			admin.driver().get(user.base() + "/app/settings");
			WebElement field = admin.find("#new-username");
			String pattern = field.getAttribute("pattern");
			assertThatNoException().as(pattern)
				.isThrownBy(
						() -> admin.driver().executeScript("new RegExp('^(?:' + arguments[0] + ')$', 'v')", pattern));

			Map<String, Boolean> browserSays = new LinkedHashMap<>();
			Map<String, Boolean> apiSays = new LinkedHashMap<>();
			for (String candidate : candidates) {
				browserSays.put(candidate, (Boolean) admin.driver()
					.executeScript("arguments[0].value = arguments[1]; return !arguments[0].validity.patternMismatch;",
							field, candidate));
				int created = status(this.client.post()
					.uri("/users")
					.header(HttpHeaders.AUTHORIZATION, BrowserUsers.basic("pages-admin", PASSWORD))
					.contentType(MediaType.APPLICATION_JSON)
					.body("{\"username\": " + jsonString(candidate) + ", \"password\": \"" + PASSWORD + "\"}")
					.exchange()
					.returnResult());
				assertThat(created).as(candidate).isIn(201, 422);
				apiSays.put(candidate, created == 201);
			}
			assertThat(browserSays).isEqualTo(apiSays);
			// A Kelvin sign lower-cases into a k, but is no letter a-z as sent.
			assertThat(browserSays).containsEntry("a b" + suffix, false).containsEntry("\u212Aelvin" + suffix, false);
			assertThat(consoleErrors(admin)).as("the page's console").isEmpty();
			// The check can fail: the old pattern, checked, logs Chromium's error.
			admin.driver()
				.executeScript("const old = document.createElement('input'); old.pattern = '[A-Za-z0-9._-]{3,64}';"
						+ " old.value = 'abc'; document.body.append(old); old.checkValidity();");
			assertThat(consoleErrors(admin)).anyMatch((error) -> error.contains("is not a valid regular expression"));
		}
	}

	@Test
	void aSignInLandsOnThePageFirstAskedForAtACleanAddress() {
		String axe = Browser.axeScript();
		try (Browser other = Browser.start()) {
			other.driver().get(user.base() + "/app/upcoming");
			other.await((driver) -> driver.getCurrentUrl().endsWith("/login"));
			other.find("#username").sendKeys(user.username());
			other.find("#password").sendKeys("not the password");
			other.find("form button").click();
			other.await((driver) -> driver.getCurrentUrl().endsWith("/login?error"));
			assertThat(other.find("[role=alert]").getText()).isEqualTo("Wrong username or password.");
			assertThat(Browser.seriousViolations(other, axe)).as("/login?error").isEmpty();

			other.find("#username").sendKeys(user.username());
			other.find("#password").sendKeys(PASSWORD);
			other.find("form button").click();
			other.await((driver) -> driver.getTitle().equals("Upcoming - TaskTracker"));

			assertThat(other.driver().getCurrentUrl()).isEqualTo(user.base() + "/app/upcoming");
		}
	}

	/** The errors the page has logged to the console since the last call. */
	private static List<String> consoleErrors(Browser browser) {
		return browser.driver()
			.manage()
			.logs()
			.get(org.openqa.selenium.logging.LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
			.map(org.openqa.selenium.logging.LogEntry::getMessage)
			.toList();
	}

	private void theme(String theme) {
		user.driver().executeScript("document.documentElement.dataset.theme = arguments[0]", theme);
	}

	private static int[] rgb(String css) {
		Matcher parts = RGB.matcher(css);
		assertThat(parts.find()).as(css).isTrue();
		return new int[] { Integer.parseInt(parts.group(1)), Integer.parseInt(parts.group(2)),
				Integer.parseInt(parts.group(3)) };
	}

	private static boolean red(int[] rgb) {
		return rgb[0] > 150 && rgb[0] > rgb[1] + 60 && rgb[0] > rgb[2] + 60;
	}

	private static boolean blue(int[] rgb) {
		return rgb[2] > rgb[0] + 40 && rgb[2] > rgb[1];
	}

	private static String jsonString(String text) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			json.append((c == '"' || c == '\\') ? "\\" + c : String.valueOf(c));
		}
		return json.append('"').toString();
	}

	private int bearer(String token) {
		return status(this.client.get()
			.uri("/tasks")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.returnResult());
	}

}
