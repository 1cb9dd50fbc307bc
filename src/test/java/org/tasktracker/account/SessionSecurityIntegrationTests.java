package org.tasktracker.account;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tasktracker.support.PageSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.account.AccountFixtures.PASSWORD;
import static org.tasktracker.account.AccountFixtures.basic;
import static org.tasktracker.account.AccountFixtures.uniqueUsername;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * Web UI sessions against what the security probe of issue 31 did with them: a session
 * must end with its user, a new password must end the user's other sessions, nothing
 * typed as a password may be kept anywhere, and a new session's first pages may load at
 * once. {@code AUTH_MODE=required}, so a session is the only way in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=session-admin",
				"tasktracker.auth.admin-password=" + PASSWORD, "tasktracker.auth.rate-limit=0" })
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class SessionSecurityIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void aDeletedAdminsSessionCanNoLongerManageUsers() {
		String doomed = uniqueUsername("doomed");
		long doomedId = createUser(doomed, true);
		PageSession session = PageSession.anonymous(this.port);
		assertThat(session.signIn(doomed, PASSWORD)).endsWith("/app");
		assertThat(session.get("/app/settings").statusCode()).isEqualTo(200);

		deleteUser(doomedId);

		HttpResponse<String> settings = session.get("/app/settings");
		assertThat(settings.statusCode()).isEqualTo(302);
		assertThat(settings.headers().firstValue("Location").orElseThrow()).as("the session is gone")
			.endsWith("/login");
		String intruder = uniqueUsername("intruder");
		HttpResponse<String> added = session.post("/app/settings/users",
				Map.of("username", intruder, "password", PASSWORD, "admin", "true"));
		// Refused: its CSRF token belonged to the session that is gone.
		assertThat(added.statusCode()).isEqualTo(403);
		assertThat(this.jdbc.sql("SELECT count(*) FROM users WHERE username = :name")
			.param("name", intruder)
			.query(Integer.class)
			.single()).isZero();
		assertThat(sessionsOf(doomed)).isZero();
	}

	@Test
	void aSessionEndsWithinASecondWhenItsUserChangesElsewhere() {
		String admin = uniqueUsername("demoted");
		long id = createUser(admin, true);
		PageSession session = PageSession.anonymous(this.port);
		session.signIn(admin, PASSWORD);
		assertThat(session.get("/app/settings").statusCode()).isEqualTo(200);

		// As another instance would change it: this instance is not told.
		this.jdbc.sql("UPDATE users SET admin = false WHERE id = :id").param("id", id).update();

		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(session.get("/app/settings").headers().firstValue("Location").orElse(""))
				.endsWith("/login?ended=changed"));
		assertThat(session.get("/app/settings").statusCode()).as("the session is gone").isEqualTo(302);
		assertThat(session.get("/login?ended=changed").body())
			.contains("You were signed out because an admin changed your admin rights.");
	}

	@Test
	void aNewPasswordEndsTheUsersOtherSessionsAndSaysSo() {
		String name = uniqueUsername("changer");
		createUser(name, false);
		PageSession here = PageSession.anonymous(this.port);
		PageSession there = PageSession.anonymous(this.port);
		here.signIn(name, PASSWORD);
		there.signIn(name, PASSWORD);
		assertThat(there.get("/app/settings").statusCode()).isEqualTo(200);
		here.get("/app/settings");
		String cookieBefore = here.cookie();
		String newPassword = "a brand new passphrase";

		HttpResponse<String> changed = here.post("/app/settings/password",
				Map.of("currentPassword", PASSWORD, "newPassword", newPassword));

		assertThat(changed.headers().firstValue("Location").orElseThrow()).endsWith("/app/settings");
		assertThat(here.cookie()).as("the session's id rotates").isNotEqualTo(cookieBefore);
		assertThat(here.get("/app/settings").body())
			.contains("Password changed. Your one other session was signed out.");
		HttpResponse<String> minted = there.post("/app/settings/tokens",
				Map.of("name", "stolen", "scopes", "tasks:write", "days", "365"));
		assertThat(minted.statusCode()).isIn(302, 403);
		assertThat(json(this.client.get()
			.uri("/tokens")
			.header(HttpHeaders.AUTHORIZATION, basic(name, newPassword))
			.exchange()
			.returnResult())).as("no token was made").isEmpty();
		assertThat(there.get("/app/settings").statusCode()).isEqualTo(302);
		assertThat(sessionsOf(name)).isEqualTo(1);
	}

	@Test
	void keepsNothingTypedAsAPasswordInTheDatabaseOrTheLog(CapturedOutput output) {
		String name = uniqueUsername("typist");
		createUser(name, false);
		String wrong = "wrong-guess-" + System.nanoTime();
		PageSession browser = PageSession.anonymous(this.port, "127.0.0.5");
		for (int i = 0; i < 3; i++) {
			assertThat(browser.signIn(name, wrong + i)).endsWith("/login?error");
		}
		assertThat(browser.get("/login?error").body()).contains("Wrong username or password.");
		assertThat(status(this.client.post()
			.uri("/tokens")
			.header(HttpHeaders.AUTHORIZATION, basic(name, wrong + "b"))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"t\", \"scopes\": [\"tasks:read\"]}")
			.exchange()
			.returnResult())).isEqualTo(401);
		assertThat(browser.signIn(name, PASSWORD)).endsWith("/app");
		assertThat(browser.get("/app/settings").statusCode()).isEqualTo(200);

		List<String> typed = new ArrayList<>(List.of(PASSWORD, wrong + "b"));
		for (int i = 0; i < 3; i++) {
			typed.add(wrong + i);
		}
		String everything = everyRowAsText();
		assertThat(everything).as("the sessions were written").contains(name);
		for (String password : typed) {
			assertThat(everything).doesNotContain(password)
				.doesNotContain(HexFormat.of().formatHex(password.getBytes(StandardCharsets.UTF_8)));
			assertThat(output.getAll()).doesNotContain(password);
		}
	}

	@Test
	void aNewSessionsFirstPagesLoadAtOnceAndShareOneCsrfToken() throws Exception {
		String name = uniqueUsername("eager");
		createUser(name, false);
		PageSession session = PageSession.anonymous(this.port);
		assertThat(session.signIn(name, PASSWORD)).endsWith("/app");
		List<Callable<HttpResponse<String>>> loads = new ArrayList<>();
		String[] pages = { "/app/today", "/app/inbox", "/app/upcoming", "/app/settings" };
		for (int i = 0; i < 16; i++) {
			PageSession tab = session.copy();
			String page = pages[i % pages.length];
			loads.add(() -> tab.get(page));
		}

		List<String> tokens = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
			for (Future<HttpResponse<String>> load : threads.invokeAll(loads)) {
				HttpResponse<String> page = load.get();
				assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
				java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
					.matcher(page.body());
				if (token.find()) {
					tokens.add(token.group(1));
				}
			}
		}

		assertThat(tokens).isNotEmpty();
		// Each page masks the token afresh; every one of them must be accepted.
		for (String token : tokens.subList(0, Math.min(4, tokens.size()))) {
			PageSession tab = session.copy();
			HttpResponse<String> saved = tab.postWithToken("/app/settings/profile", token,
					Map.of("displayName", "Eager", "timezone", "UTC"));
			assertThat(saved.statusCode()).as("a form of a page loaded at once").isEqualTo(302);
		}
	}

	private long createUser(String username, boolean admin) {
		ExchangeResult created = this.client.post()
			.uri("/users")
			.header(HttpHeaders.AUTHORIZATION, basic("session-admin", PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD + "\", \"admin\": " + admin + "}")
			.exchange()
			.returnResult();
		assertThat(status(created)).as(created.toString()).isEqualTo(201);
		return json(created).get("id").longValue();
	}

	private void deleteUser(long id) {
		assertThat(status(this.client.delete()
			.uri("/users/" + id)
			.header(HttpHeaders.AUTHORIZATION, basic("session-admin", PASSWORD))
			.exchange()
			.returnResult())).isEqualTo(204);
	}

	private int sessionsOf(String username) {
		return this.jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :name")
			.param("name", username)
			.query(Integer.class)
			.single();
	}

	/** Every row of every table of the service, as PostgreSQL writes a row as text. */
	private String everyRowAsText() {
		List<String> tables = this.jdbc
			.sql("SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
			.query(String.class)
			.list();
		StringBuilder text = new StringBuilder();
		for (String table : tables) {
			this.jdbc.sql("SELECT t::text FROM " + table + " t")
				.query(String.class)
				.list()
				.forEach((row) -> text.append(row).append('\n'));
		}
		return text.toString();
	}

}
