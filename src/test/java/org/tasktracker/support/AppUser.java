package org.tasktracker.support;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * A browser test class's user of its own, as a JUnit extension in a static
 * {@code @RegisterExtension} field of a {@code @SpringBootTest} on a random port: before
 * the class's tests, an admin makes the user through the API
 * ({@link BrowserUsers#create}), the user gets a token of scope tasks:write, and a
 * browser of its own signs in through the sign-in form ({@link BrowserUsers#signIn});
 * after them, the browser is closed. A test arranges its data through {@link #api}, opens
 * pages with {@link #open}, which waits until the page can be used, and reads them with
 * {@link #find}, {@link #await} and {@link #driver}. The API is reached with the token
 * rather than the password, which the service would hash (Argon2id) again on every
 * request.
 */
public final class AppUser implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	/** The password of the users the browser tests make, and of their admins. */
	public static final String PASSWORD = "correct horse battery";

	private final String admin;

	private final String prefix;

	private @Nullable String timezone;

	private @Nullable String displayName;

	private String tokenName = "browser fixture";

	private String[] browserArguments = new String[0];

	private boolean signInLater;

	private boolean wideAndLightAfterEach;

	private @Nullable Session session;

	private AppUser(String admin, String prefix) {
		this.admin = admin;
		this.prefix = prefix;
	}

	/**
	 * A user to be made by {@code admin} (whose password is {@link #PASSWORD}), named
	 * from {@code prefix}, this JVM and the clock.
	 */
	public static AppUser madeBy(String admin, String prefix) {
		return new AppUser(admin, prefix);
	}

	/** The user's time zone; without one, the service's default. */
	public AppUser zone(String timezone) {
		this.timezone = timezone;
		return this;
	}

	public AppUser displayName(String displayName) {
		this.displayName = displayName;
		return this;
	}

	/** The name of the user's token, as its settings page lists it. */
	public AppUser tokenName(String tokenName) {
		this.tokenName = tokenName;
		return this;
	}

	/** More command-line arguments for the browser ({@link Browser#start(String...)}). */
	public AppUser browserArguments(String... arguments) {
		this.browserArguments = arguments;
		return this;
	}

	/**
	 * Leaves the browser signed out, for a class that arranges its data in its own
	 * {@code @BeforeAll} and then calls {@link #signIn()}.
	 */
	public AppUser signInLater() {
		this.signInLater = true;
		return this;
	}

	/**
	 * After each test, puts the window back to a laptop's size, as
	 * {@link Browser#start()} makes it, and forgets the theme a test chose, for a class
	 * whose tests change either.
	 */
	public AppUser wideAndLightAfterEach() {
		this.wideAndLightAfterEach = true;
		return this;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		ApplicationContext spring = SpringExtension.getApplicationContext(context);
		RestTestClient client = spring.getBean(RestTestClient.class);
		String base = "http://localhost:" + spring.getEnvironment().getRequiredProperty("local.server.port");
		Browser browser = Browser.start(this.browserArguments);
		try {
			String username = BrowserUsers.create(client, this.admin, PASSWORD, this.prefix, this.timezone,
					this.displayName);
			ExchangeResult issued = client.post()
				.uri("/tokens")
				.header(HttpHeaders.AUTHORIZATION, BrowserUsers.basic(username, PASSWORD))
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"name\": \"" + this.tokenName + "\", \"scopes\": [\"tasks:write\"]}")
				.exchange()
				.returnResult();
			assertThat(status(issued)).as(issued.toString()).isEqualTo(201);
			this.session = new Session(client, base, username, json(issued).get("token").stringValue(), browser);
			if (!this.signInLater) {
				signIn();
			}
		}
		catch (RuntimeException | AssertionError ex) {
			browser.close();
			this.session = null;
			throw ex;
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.session == null) {
			return;
		}
		browser().forgetAxe();
		if (this.wideAndLightAfterEach) {
			driver().manage().window().setSize(new Dimension(1280, 900));
			driver().executeScript("localStorage.removeItem('theme')");
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.session != null) {
			this.session.browser().close();
			this.session = null;
		}
	}

	/**
	 * Signs this user in to its browser, which the extension does itself but for
	 * {@link #signInLater()}.
	 */
	public void signIn() {
		signIn(browser());
	}

	/** Signs this user in to another browser, as a second tab or device would be. */
	public void signIn(Browser other) {
		signIn(other, username());
	}

	/** Signs someone else in to another browser: an admin, or a user a test made. */
	public void signIn(Browser other, String user) {
		BrowserUsers.signIn(other, base(), user, PASSWORD);
	}

	/**
	 * Opens a page of the app in this user's browser and waits until it can be used
	 * ({@link Browser#openApp}).
	 */
	public void open(String path) {
		browser().openApp(base() + path);
	}

	public WebElement find(String css) {
		return browser().find(css);
	}

	/** Waits for the condition in this user's browser, as {@link Browser#await} does. */
	public <T> T await(Function<WebDriver, T> condition) {
		return browser().await(condition);
	}

	public ChromeDriver driver() {
		return browser().driver();
	}

	/**
	 * A request as this user with its token, which must succeed.
	 * @return the answer's JSON
	 */
	public JsonNode api(String method, String path, @Nullable String body) {
		ExchangeResult response = call(method, path, body);
		assertThat(status(response)).as(response.toString()).isLessThan(300);
		return json(response);
	}

	/** A request as this user with its token, for a test to look at its status. */
	public ExchangeResult call(String method, String path, @Nullable String body) {
		RestTestClient.RequestBodySpec request = live().client()
			.method(HttpMethod.valueOf(method))
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + live().token());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange().returnResult();
	}

	/**
	 * This user's password as an {@code Authorization} header, for what a token may not
	 * do (issue a token).
	 */
	public String basic() {
		return BrowserUsers.basic(username(), PASSWORD);
	}

	public Browser browser() {
		return live().browser();
	}

	/** The service's address, without a trailing slash. */
	public String base() {
		return live().base();
	}

	public String username() {
		return live().username();
	}

	private Session live() {
		if (this.session == null) {
			throw new IllegalStateException(
					"No user yet: AppUser is a static @RegisterExtension field, ready from the class's @BeforeAll on");
		}
		return this.session;
	}

	/** What the extension made for the class's tests. */
	private record Session(RestTestClient client, String base, String username, String token, Browser browser) {

	}

}
