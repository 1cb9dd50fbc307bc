package org.tasktracker.support;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * A browser test's user of its own: made by an admin through the API
 * ({@link BrowserUsers#create}), given a token of scope tasks:write for the API, and
 * signed in to a browser of its own through the sign-in form
 * ({@link BrowserUsers#signIn}). A test arranges its data through {@link #api} and opens
 * pages with {@link #open}, which waits until the page can be used. The API is reached
 * with the token rather than the password, which the service would hash (Argon2id) again
 * on every request.
 */
public final class AppUser implements AutoCloseable {

	/** The password of the users the browser tests make, and of their admins. */
	public static final String PASSWORD = "correct horse battery";

	private final RestTestClient client;

	private final String base;

	private final String username;

	private final String token;

	private final Browser browser;

	private AppUser(RestTestClient client, String base, String username, String token, Browser browser) {
		this.client = client;
		this.base = base;
		this.username = username;
		this.token = token;
		this.browser = browser;
	}

	/**
	 * A user to be made by {@code admin} (whose password is {@link #PASSWORD}) on the
	 * service at {@code port}, named from {@code prefix}.
	 */
	public static Builder madeBy(String admin, RestTestClient client, int port, String prefix) {
		return new Builder(admin, client, port, prefix);
	}

	/** Signs this user in to its browser: {@link Builder#signedIn()} does it at once. */
	public AppUser signIn() {
		signIn(this.browser);
		return this;
	}

	/** Signs this user in to another browser, as a second tab or device would be. */
	public void signIn(Browser other) {
		signIn(other, this.username);
	}

	/** Signs someone else in to another browser: an admin, or a user a test made. */
	public void signIn(Browser other, String user) {
		BrowserUsers.signIn(other, this.base, user, PASSWORD);
	}

	/**
	 * Opens a page of the app in this user's browser and waits until it can be used
	 * ({@link Browser#openApp}).
	 */
	public void open(String path) {
		this.browser.openApp(this.base + path);
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
		RestTestClient.RequestBodySpec request = this.client.method(HttpMethod.valueOf(method))
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token);
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
		return BrowserUsers.basic(this.username, PASSWORD);
	}

	public Browser browser() {
		return this.browser;
	}

	/** The service's address, without a trailing slash. */
	public String base() {
		return this.base;
	}

	public String username() {
		return this.username;
	}

	@Override
	public void close() {
		this.browser.close();
	}

	/** What the user is to be like: all optional but its maker and name. */
	public static final class Builder {

		private final String admin;

		private final RestTestClient client;

		private final int port;

		private final String prefix;

		private @Nullable String timezone;

		private @Nullable String displayName;

		private String tokenName = "browser fixture";

		private String[] browserArguments = new String[0];

		private Builder(String admin, RestTestClient client, int port, String prefix) {
			this.admin = admin;
			this.client = client;
			this.port = port;
			this.prefix = prefix;
		}

		/** The user's time zone; without one, the service's default. */
		public Builder zone(String timezone) {
			this.timezone = timezone;
			return this;
		}

		public Builder displayName(String displayName) {
			this.displayName = displayName;
			return this;
		}

		/** The name of the user's token, as its settings page lists it. */
		public Builder tokenName(String tokenName) {
			this.tokenName = tokenName;
			return this;
		}

		/**
		 * More command-line arguments for the browser ({@link Browser#start(String...)}).
		 */
		public Builder browserArguments(String... arguments) {
			this.browserArguments = arguments;
			return this;
		}

		/**
		 * Starts the browser, makes the user and its token, and leaves the browser signed
		 * out, for a test that arranges data before {@link AppUser#signIn()}.
		 */
		public AppUser created() {
			Browser browser = Browser.start(this.browserArguments);
			try {
				String username = BrowserUsers.create(this.client, this.admin, PASSWORD, this.prefix, this.timezone,
						this.displayName);
				ExchangeResult issued = this.client.post()
					.uri("/tokens")
					.header(HttpHeaders.AUTHORIZATION, BrowserUsers.basic(username, PASSWORD))
					.contentType(MediaType.APPLICATION_JSON)
					.body("{\"name\": \"" + this.tokenName + "\", \"scopes\": [\"tasks:write\"]}")
					.exchange()
					.returnResult();
				assertThat(status(issued)).as(issued.toString()).isEqualTo(201);
				return new AppUser(this.client, "http://localhost:" + this.port, username,
						json(issued).get("token").stringValue(), browser);
			}
			catch (RuntimeException | AssertionError ex) {
				browser.close();
				throw ex;
			}
		}

		/** The user made as {@link #created()} makes it, and signed in to its browser. */
		public AppUser signedIn() {
			AppUser user = created();
			try {
				return user.signIn();
			}
			catch (RuntimeException | AssertionError ex) {
				user.close();
				throw ex;
			}
		}

	}

}
