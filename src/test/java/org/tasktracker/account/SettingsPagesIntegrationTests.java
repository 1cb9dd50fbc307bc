package org.tasktracker.account;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.tasktracker.support.PageSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.account.AccountFixtures.PASSWORD;
import static org.tasktracker.account.AccountFixtures.uniqueUsername;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * The settings and sign-in pages through plain HTTP: revoking a token and deleting a user
 * ask first, refusals are told in the form's words, each sign-in outcome says what
 * happened, and a sign-in leads to the page first asked for at its own address. Settings
 * and a missing page show in the app's layout, with the sidebar.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=pages-admin",
				"tasktracker.auth.admin-password=" + PASSWORD, "tasktracker.auth.rate-limit=0" })
@AutoConfigureRestTestClient
class SettingsPagesIntegrationTests {

	/** What the API says and a page must not: its field names, arrays, ids. */
	private static final Pattern API_WORDS = Pattern
		.compile("[a-z]+_[a-z]+|expires in days|current password is not|array|does not exist|Token \\d|User \\d");

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void revokingATokenAsksFirstAndNamesIt() {
		String name = createUser(false, null);
		String token = json(this.client.post()
			.uri("/tokens")
			.header(HttpHeaders.AUTHORIZATION, basic(name))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"laptop sync\", \"scopes\": [\"tasks:read\", \"tasks:write\"]}")
			.exchange()
			.returnResult()).get("token").stringValue();
		long id = json(this.client.get()
			.uri("/tokens")
			.header(HttpHeaders.AUTHORIZATION, basic(name))
			.exchange()
			.returnResult()).get(0).get("id").longValue();
		PageSession page = signedIn(name);
		String question = "/app/settings/tokens/" + id + "/revoke";

		assertThat(page.get("/app/settings").body()).contains("action=\"" + question + "\" method=\"get\"");
		assertThat(page.post(question, Map.of()).headers().firstValue("Location").orElseThrow()).endsWith(question);
		assertThat(bearer(token)).as("not revoked in one click").isEqualTo(200);
		assertThat(page.get(question).body()).contains("<h1>Revoke token laptop sync?</h1>",
				"(tasks:read, tasks:write) is refused from then on", "name=\"confirmed\" value=\"true\"",
				"<nav class=\"sidebar\" aria-label=\"Views\">");

		assertThat(messagesAfter(page, page.post(question, Map.of("confirmed", "true")))).contains("Token revoked.");

		assertThat(bearer(token)).isEqualTo(401);
		assertThat(messagesAfter(page, page.post(question, Map.of("confirmed", "true"))))
			.contains("That token no longer exists: it was revoked already.")
			.doesNotContainPattern(API_WORDS);
	}

	@Test
	void deletingAUserAsksFirstAndNamesThem() {
		String admin = createUser(true, null);
		String doomed = createUser(false, "Charles Babbage");
		long id = this.jdbc.sql("SELECT id FROM users WHERE username = :name")
			.param("name", doomed)
			.query(Long.class)
			.single();
		PageSession page = signedIn(admin);
		String question = "/app/settings/users/" + id + "/delete";

		assertThat(page.get("/app/settings").body()).contains("action=\"" + question + "\" method=\"get\"",
				"<td>Charles Babbage</td>");
		assertThat(page.post(question, Map.of()).headers().firstValue("Location").orElseThrow()).endsWith(question);
		assertThat(usersNamed(doomed)).as("not deleted in one click").isOne();
		assertThat(page.get(question).body()).contains(
				"<h1>Delete user " + doomed + " (Charles Babbage) and all they own?</h1>",
				"Their tasks, projects and labels, their API tokens and their sessions go with them.");

		assertThat(messagesAfter(page, page.post(question, Map.of("confirmed", "true"))))
			.contains("User deleted, with all they owned.");

		assertThat(usersNamed(doomed)).isZero();
		assertThat(messagesAfter(page, page.post(question, Map.of("confirmed", "true"))))
			.contains("That user no longer exists.")
			.doesNotContainPattern(API_WORDS);
	}

	@Test
	void refusalsOnTheSettingsPageAreInTheFormsWords() {
		String admin = createUser(true, null);
		PageSession page = signedIn(admin);

		HttpResponse<String> noDays = page.post("/app/settings/tokens",
				Map.of("name", "t", "scopes", "tasks:read", "days", "0"));
		assertThat(messages(noDays.body())).contains("The number of days must be a whole number from 1 to 365.")
			.doesNotContainPattern(API_WORDS);
		HttpResponse<String> noScopes = page.post("/app/settings/tokens", Map.of("name", "t", "days", "9"));
		assertThat(messages(noScopes.body())).contains("Choose at least one scope.").doesNotContainPattern(API_WORDS);
		page.get("/app/settings");
		assertThat(messagesAfter(page,
				page.post("/app/settings/password",
						Map.of("currentPassword", "not the password", "newPassword", "a brand new passphrase"))))
			.contains("That is not the current password.")
			.doesNotContainPattern(API_WORDS);
		assertThat(messagesAfter(page,
				page.post("/app/settings/password", Map.of("currentPassword", PASSWORD, "newPassword", "short"))))
			.contains("The new password must be at least 12 characters.")
			.doesNotContainPattern(API_WORDS);
		assertThat(messagesAfter(page,
				page.post("/app/settings/profile", Map.of("displayName", "d".repeat(101), "timezone", "Mars/Olympus"))))
			.contains("The display name must be at most 100 characters.", "The time zone must be")
			.doesNotContainPattern(API_WORDS);
		assertThat(
				messagesAfter(page, page.post("/app/settings/users", Map.of("username", "a b", "password", "short"))))
			.contains("The username must be", "Their password must be at least 12 characters.")
			.doesNotContainPattern(API_WORDS);
	}

	@Test
	void aDeviceTokenIsMadeInOneStepBesideTheAddressAndUsernameToEnter() throws Exception {
		String name = createUser(false, null);
		PageSession page = signedIn(name);
		String settings = page.get("/app/settings").body();
		assertThat(settings).contains("<code class=\"dav-server-url\">http://localhost:" + this.port + "/</code>",
				"<code class=\"dav-url\">http://localhost:" + this.port + "/dav/</code>", "<code>" + name + "</code>");

		HttpResponse<String> made = page.post("/app/settings/devices", Map.of("name", "phone"));

		assertThat(made.statusCode()).isEqualTo(201);
		Matcher shown = Pattern.compile("id=\"device-token\" type=\"text\" readonly value=\"(tt_[0-9A-Za-z]+)\"")
			.matcher(made.body());
		assertThat(shown.find()).as(made.body()).isTrue();
		String token = shown.group(1);
		HttpResponse<String> propfind = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/dav/"))
				.method("PROPFIND",
						java.net.http.HttpRequest.BodyPublishers
							.ofString("<propfind xmlns=\"DAV:\"><prop><current-user-principal/></prop></propfind>"))
				.header("Depth", "0")
				.header("Content-Type", "application/xml")
				.header(HttpHeaders.AUTHORIZATION,
						"Basic " + Base64.getEncoder()
							.encodeToString((name + ":" + token).getBytes(StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(propfind.statusCode()).as(propfind.body()).isEqualTo(207);
		assertThat(propfind.body()).contains("/dav/principals/");
		ExchangeResult listed = this.client.get()
			.uri("/tokens")
			.header(HttpHeaders.AUTHORIZATION, basic(name))
			.exchange()
			.returnResult();
		assertThat(json(listed).get(0).get("name").stringValue()).isEqualTo("phone");
		assertThat(json(listed).get(0).get("scopes").toString()).isEqualTo("[\"tasks:write\"]");

		HttpResponse<String> unnamed = page.post("/app/settings/devices", Map.of("name", ""));
		assertThat(unnamed.statusCode()).isEqualTo(422);
		assertThat(messages(unnamed.body())).contains("The device&#39;s name must not be blank.")
			.doesNotContainPattern(API_WORDS);
	}

	@Test
	void aSignInLeadsToThePageFirstAskedForAtItsOwnAddress() {
		String name = createUser(false, null);
		PageSession page = PageSession.anonymous(this.port);

		HttpResponse<String> asked = page.get("/app/upcoming");
		assertThat(asked.headers().firstValue("Location").orElseThrow()).endsWith("/login");
		String signedIn = page.signIn(name, PASSWORD);

		assertThat(signedIn).endsWith("/app/upcoming");
		assertThat(page.get("/app/upcoming").statusCode()).isEqualTo(200);
		assertThat(PageSession.anonymous(this.port).signIn(name, PASSWORD)).as("nothing asked for first")
			.endsWith("/app");
	}

	@Test
	void eachSignInOutcomeSaysExactlyWhatHappened() {
		Map<String, String> outcomes = new java.util.LinkedHashMap<>();
		outcomes.put("/login?error", "Wrong username or password.");
		outcomes.put("/login?wait=42", "Too many failed sign-ins from here: try again in 42 seconds.");
		outcomes.put("/login?wait=1", "Too many failed sign-ins from here: try again in 1 second.");
		outcomes.put("/login?wait=soon", "Too many failed sign-ins from here: try again in a minute.");
		outcomes.put("/login?busy", "Too many sign-ins are being checked at once: try again in a second.");
		outcomes.put("/login?ended=deleted", "You were signed out because your account was deleted.");
		outcomes.put("/login?ended=changed",
				"You were signed out because an admin changed your admin rights. Sign in again.");
		outcomes.put("/login?out", "You are signed out.");
		PageSession page = PageSession.anonymous(this.port);
		for (var outcome : outcomes.entrySet()) {
			String said = messages(page.get(outcome.getKey()).body());

			assertThat(said).as(outcome.getKey()).isEqualTo(outcome.getValue());
		}
		assertThat(messages(page.get("/login").body())).isEmpty();
	}

	@Test
	void aSessionOfAUserDeletedElsewhereSaysSo() {
		String name = createUser(false, null);
		PageSession page = signedIn(name);

		// As another instance would: this one is not told, and the session row stays.
		this.jdbc.sql("DELETE FROM users WHERE username = :name").param("name", name).update();

		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(page.get("/app/inbox").headers().firstValue("Location").orElse(""))
				.endsWith("/login?ended=deleted"));
	}

	@Test
	void theSettingsPageShowsTheDisplayName() {
		String name = createUser(false, "Grace Hopper");
		PageSession page = signedIn(name);

		String settings = page.get("/app/settings").body();

		assertThat(settings).contains("Signed in as <strong>Grace Hopper</strong>", "(username " + name + ")",
				"value=\"Grace Hopper\"");
	}

	@Test
	void theSettingsPageIsInTheAppsLayoutWithSettingsCurrent() {
		String name = createUser(false, null);
		api(name, "/projects", "{\"name\": \"Errands\"}");
		api(name, "/tasks", "{\"title\": \"Post the letter\", \"labels\": [\"town\"]}");
		PageSession page = signedIn(name);

		String settings = page.get("/app/settings").body();

		assertThat(settings).contains("<nav class=\"sidebar\" aria-label=\"Views\">", "<span>Errands</span>",
				"<span>@town</span>", "<h1>Settings</h1>", "<div class=\"app\">");
		assertThat(settings).containsPattern("Inbox <span class=\"count\">1</span>")
			.containsPattern(
					"<a href=\"/app/settings\"(?=[^>]* class=\"current\")(?=[^>]* aria-current=\"page\")[^>]*>Settings</a>");
		assertThat(settings).as("only Settings is current").containsOnlyOnce("aria-current=\"page\"");
		assertThat(page.get("/app/today").body()).as("elsewhere Settings is not current")
			.contains("<a href=\"/app/settings\">Settings</a>");
	}

	@Test
	void aMissingPageIsInTheAppsLayoutWithTheSidebarAndAWayBack() {
		String name = createUser(false, null);
		api(name, "/projects", "{\"name\": \"Garden\"}");
		PageSession page = signedIn(name);

		HttpResponse<String> missing = page.get("/app/projects/999999999");

		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body())
			.contains("<h1>Not found</h1>", "There is nothing here, or it is not yours.",
					"<nav class=\"sidebar\" aria-label=\"Views\">", "<span>Garden</span>", "class=\"card\"",
					">Back to Today</a>")
			.containsPattern("<a href=\"/app/today\"[^>]*>Back to Today</a>")
			.doesNotContain("aria-current=\"page\"", "Try again");
	}

	@Test
	void anAddressNoPageHasIsTheSameNotFoundPage() {
		PageSession page = signedIn(createUser(false, null));

		HttpResponse<String> missing = page.get("/app/no-such-view");

		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(missing.body()).contains("<h1>Not found</h1>", "<nav class=\"sidebar\" aria-label=\"Views\">",
				">Back to Today</a>");
		assertThat(page.get("/app/inbox").statusCode()).as("the pages' own addresses still win").isEqualTo(200);
	}

	private void api(String name, String path, String body) {
		ExchangeResult created = this.client.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, basic(name))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.returnResult();
		assertThat(status(created)).as(created.toString()).isEqualTo(201);
	}

	private PageSession signedIn(String name) {
		PageSession page = PageSession.anonymous(this.port);
		assertThat(page.signIn(name, PASSWORD)).endsWith("/app");
		page.get("/app/settings");
		return page;
	}

	/** The messages of the page a post leads to. */
	private static String messagesAfter(PageSession page, HttpResponse<String> posted) {
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
		String location = posted.headers().firstValue("Location").orElseThrow().replaceAll("^https?://[^/]+", "");
		return messages(page.get(location).body());
	}

	/** The text of a page's notices and problems, one a line. */
	private static String messages(String page) {
		StringBuilder found = new StringBuilder();
		Matcher messages = Pattern.compile("(?s)<(div|p) class=\"(?:notice|problems)\"[^>]*>(.*?)</\\1>").matcher(page);
		while (messages.find()) {
			String text = messages.group(2).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
			found.append(found.isEmpty() ? "" : "\n").append(text);
		}
		return found.toString();
	}

	private String createUser(boolean admin, String displayName) {
		String name = uniqueUsername("settings");
		ExchangeResult created = this.client.post()
			.uri("/users")
			.header(HttpHeaders.AUTHORIZATION, basic("pages-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + name + "\", \"password\": \"" + PASSWORD + "\", \"admin\": " + admin
					+ ((displayName != null) ? ", \"display_name\": \"" + displayName + "\"" : "") + "}")
			.exchange()
			.returnResult();
		assertThat(status(created)).as(created.toString()).isEqualTo(201);
		return name;
	}

	private int usersNamed(String name) {
		return this.jdbc.sql("SELECT count(*) FROM users WHERE username = :name")
			.param("name", name)
			.query(Integer.class)
			.single();
	}

	private int bearer(String token) {
		return status(this.client.get()
			.uri("/tasks")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.returnResult());
	}

	private static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

}
