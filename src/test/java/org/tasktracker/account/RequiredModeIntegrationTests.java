package org.tasktracker.account;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.account.AccountFixtures.PASSWORD;
import static org.tasktracker.account.AccountFixtures.bearer;
import static org.tasktracker.account.AccountFixtures.createToken;
import static org.tasktracker.account.AccountFixtures.uniqueUsername;
import static org.tasktracker.support.ProblemAssert.assertProblem;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * {@code AUTH_MODE=required} with open registration, a first admin from the settings and
 * a small rate limit: nothing without credentials but the health checks and sign-up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.registration=open",
				"tasktracker.auth.admin-username=Root-Admin", "tasktracker.auth.admin-password=" + PASSWORD,
				"tasktracker.auth.rate-limit=1", "tasktracker.auth.rate-limit-burst=3" })
@AutoConfigureRestTestClient
class RequiredModeIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void refusesRequestsWithoutCredentialsEvenOnLoopback() {
		for (String path : new String[] { "/tasks", "/users/me", "/tokens", "/users", "/nothing-here" }) {
			ExchangeResult response = this.client.get().uri(path).exchange().returnResult();

			assertProblem(response, 401, path);
			assertThat(response.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
				.isEqualTo("Bearer realm=\"tasktracker\"");
		}
	}

	@Test
	void healthAndTheDocumentNeedNoCredentials() {
		for (String path : new String[] { "/health", "/health/live", "/health/ready", "/openapi.json" }) {
			assertThat(status(this.client.get().uri(path).exchange().returnResult())).as(path).isEqualTo(200);
		}
	}

	@Test
	void openRegistrationLetsAnyoneSignUpButNotAsAnAdmin() {
		String name = uniqueUsername("self");
		ExchangeResult created = signUp(name, false);
		assertThat(status(created)).isEqualTo(201);
		assertThat(json(created).get("admin").booleanValue()).isFalse();

		assertProblem(signUp(uniqueUsername("boss"), true), 403, "/users");
	}

	@Test
	void createsTheFirstAdminFromTheSettings() {
		String token = createToken(this.client, "root-admin", "admin", "tasks:read");

		JsonNode me = json(this.client.get()
			.uri("/users/me")
			.header(HttpHeaders.AUTHORIZATION, bearer(token))
			.exchange()
			.returnResult());
		assertThat(me.get("username").stringValue()).isEqualTo("root-admin");
		assertThat(me.get("admin").booleanValue()).isTrue();
		assertThat(status(this.client.get()
			.uri("/users")
			.header(HttpHeaders.AUTHORIZATION, bearer(token))
			.exchange()
			.returnResult())).isEqualTo(200);
	}

	@Test
	void limitsEachUserApartAndSaysWhereItStands() {
		String first = uniqueUsername("busy");
		String second = uniqueUsername("calm");
		assertThat(status(signUp(first, false))).isEqualTo(201);
		assertThat(status(signUp(second, false))).isEqualTo(201);
		String busy = createToken(this.client, first, "tasks:read");
		String calm = createToken(this.client, second, "tasks:read");

		ExchangeResult last = null;
		int allowed = 0;
		for (int i = 0; i < 10 && (last == null || status(last) == 200); i++) {
			last = this.client.get()
				.uri("/tasks")
				.header(HttpHeaders.AUTHORIZATION, bearer(busy))
				.exchange()
				.returnResult();
			if (status(last) == 200) {
				allowed++;
				assertThat(last.getResponseHeaders().getFirst("RateLimit-Limit")).isEqualTo("3");
				assertThat(last.getResponseHeaders().getFirst("RateLimit-Remaining")).isNotNull();
				assertThat(last.getResponseHeaders().getFirst("RateLimit-Reset")).isNotNull();
			}
		}

		// The burst of 3, less the request that created the token, and perhaps one more
		// refilled meanwhile.
		assertThat(allowed).isBetween(2, 3);
		assertProblem(last, 429, "/tasks");
		assertThat(last.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(last.getResponseHeaders().getFirst("RateLimit-Remaining")).isEqualTo("0");
		assertThat(status(this.client.get()
			.uri("/tasks")
			.header(HttpHeaders.AUTHORIZATION, bearer(calm))
			.exchange()
			.returnResult())).as("another user's limit").isEqualTo(200);
	}

	/**
	 * Finding 1 of issue 31: under open registration an admin's read-only token created
	 * admins, as POST /users asked whether the account was an admin and not whether the
	 * request acted with the admin scope. Without that scope the token may do what anyone
	 * may.
	 */
	@Test
	void anAdminsTokenWithoutTheAdminScopeCannotCreateAnAdmin() {
		String reader = newAdmin("reader");
		String token = createToken(this.client, reader, "tasks:read");
		String wouldBeAdmin = uniqueUsername("x");

		ExchangeResult refused = createUser(token, wouldBeAdmin, true);

		assertThat(assertProblem(refused, 403, "/users").get("detail").stringValue())
			.isEqualTo("The token lacks the scope admin");
		assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Bearer error=\"insufficient_scope\", scope=\"admin\"");
		assertThat(usersNamed(wouldBeAdmin)).as("users named %s", wouldBeAdmin).isZero();

		ExchangeResult anyone = createUser(token, uniqueUsername("y"), false);
		assertThat(status(anyone)).as(anyone.toString()).isEqualTo(201);
		assertThat(json(anyone).get("admin").booleanValue()).isFalse();
	}

	@Test
	void anAdminsTokenWithTheAdminScopeCreatesAnAdmin() {
		String manager = newAdmin("manager");
		String token = createToken(this.client, manager, "admin");
		String deputy = uniqueUsername("deputy");

		ExchangeResult created = createUser(token, deputy, true);

		assertThat(status(created)).as(created.toString()).isEqualTo(201);
		assertThat(json(created).get("admin").booleanValue()).isTrue();
		assertThat(
				this.jdbc.sql("SELECT admin FROM users WHERE username = ?").param(deputy).query(Boolean.class).single())
			.isTrue();
	}

	/**
	 * An admin of the test's own: signed up like anyone, then made an admin in the
	 * database. Through the API only the first admin could make one, and its burst of 3
	 * requests is what {@link #createsTheFirstAdminFromTheSettings} spends; each admin
	 * made here needs at most 3 of its own.
	 */
	private String newAdmin(String prefix) {
		String name = uniqueUsername(prefix);
		assertThat(status(signUp(name, false))).isEqualTo(201);
		assertThat(this.jdbc.sql("UPDATE users SET admin = true WHERE username = ?").param(name).update()).isOne();
		return name;
	}

	private ExchangeResult createUser(String token, String username, boolean admin) {
		return this.client.post()
			.uri("/users")
			.header(HttpHeaders.AUTHORIZATION, bearer(token))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD + "\", \"admin\": " + admin + "}")
			.exchange()
			.returnResult();
	}

	private long usersNamed(String username) {
		return this.jdbc.sql("SELECT count(*) FROM users WHERE username = ?")
			.param(username)
			.query(Long.class)
			.single();
	}

	private ExchangeResult signUp(String username, boolean admin) {
		return this.client.post()
			.uri("/users")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD + "\", \"admin\": " + admin + "}")
			.exchange()
			.returnResult();
	}

}
