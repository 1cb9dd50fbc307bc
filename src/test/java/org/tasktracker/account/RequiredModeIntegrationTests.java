package org.tasktracker.account;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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

	private ExchangeResult signUp(String username, boolean admin) {
		return this.client.post()
			.uri("/users")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD + "\", \"admin\": " + admin + "}")
			.exchange()
			.returnResult();
	}

}
