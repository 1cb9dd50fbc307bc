package org.tasktracker.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
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
		return create(client, admin, password, prefix, timezone, null);
	}

	/**
	 * Makes a user as {@link #create(RestTestClient, String, String, String, String)}
	 * does, in the service's default time zone where {@code timezone} is null, and with a
	 * display name where one is given.
	 * @return the username
	 */
	public static String create(RestTestClient client, String admin, String password, String prefix,
			@Nullable String timezone, @Nullable String displayName) {
		String username = prefix + ProcessHandle.current().pid() + "-"
				+ Long.toString(System.nanoTime() % 1_000_000, 36);
		String body = "{\"username\": \"" + username + "\", \"password\": \"" + password + "\""
				+ ((displayName != null) ? ", \"display_name\": \"" + displayName + "\"" : "")
				+ ((timezone != null) ? ", \"timezone\": \"" + timezone + "\"" : "") + "}";
		ExchangeResult created = client.post()
			.uri("/users")
			.header(HttpHeaders.AUTHORIZATION, basic(admin, password))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.returnResult();
		assertThat(status(created)).as(created.toString()).isEqualTo(201);
		return username;
	}

	/**
	 * Opens the app, is sent to the sign-in form, signs in and lands on Today at /app.
	 */
	public static void signIn(Browser browser, String base, String username, String password) {
		browser.driver().get(base + "/app");
		browser.await((WebDriver driver) -> driver.getCurrentUrl().endsWith("/login"));
		browser.find("#username").sendKeys(username);
		browser.find("#password").sendKeys(password);
		browser.find("form button").click();
		browser.await((WebDriver driver) -> driver.getTitle().equals("Today - TaskTracker"));
		assertThat(browser.driver().getCurrentUrl()).isEqualTo(base + "/app");
	}

	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
