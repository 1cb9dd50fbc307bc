package org.tasktracker.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.openqa.selenium.WebDriver;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.status;

/**
 * The browser tests' user of their own: made by an admin through the API, then signed in
 * through the sign-in form, as a person would.
 */
public final class BrowserUsers {

	private BrowserUsers() {
	}

	/**
	 * Makes a user named from the prefix, this JVM and the clock, so that classes sharing
	 * a service never meet.
	 * @return the username
	 */
	public static String create(RestTestClient client, String admin, String password, String prefix, String timezone) {
		String username = prefix + ProcessHandle.current().pid() + "-"
				+ Long.toString(System.nanoTime() % 1_000_000, 36);
		ExchangeResult created = client.post()
			.uri("/users")
			.header(HttpHeaders.AUTHORIZATION, basic(admin, password))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + username + "\", \"password\": \"" + password + "\", \"timezone\": \"" + timezone
					+ "\"}")
			.exchange()
			.returnResult();
		assertThat(status(created)).as(created.toString()).isEqualTo(201);
		return username;
	}

	/** Opens the app, is sent to the sign-in form, signs in and lands on Today. */
	public static void signIn(Browser browser, String base, String username, String password) {
		browser.driver().get(base + "/app");
		browser.await((WebDriver driver) -> driver.getCurrentUrl().endsWith("/login"));
		browser.find("#username").sendKeys(username);
		browser.find("#password").sendKeys(password);
		browser.find("form button").click();
		browser.await((WebDriver driver) -> driver.getTitle().equals("Today - TaskTracker"));
	}

	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
