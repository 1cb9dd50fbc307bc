package org.tasktracker.account;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * Users and tokens for HTTP tests, made through the API itself: the test client is on
 * loopback, so it acts as the local user (an admin) when it sends no credentials.
 */
final class AccountFixtures {

	static final String PASSWORD = "correct horse battery";

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private AccountFixtures() {
	}

	/** A username no other test uses. */
	static String uniqueUsername(String prefix) {
		return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + "-"
				+ Long.toString(System.nanoTime() % 1_000_000, 36);
	}

	/** Creates a user with {@link #PASSWORD} as the local user. */
	static User createUser(RestTestClient client, String username, boolean admin) {
		ExchangeResult response = client.post()
			.uri("/users")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD + "\", \"admin\": " + admin + "}")
			.exchange()
			.returnResult();
		assertThat(status(response)).as(response.toString()).isEqualTo(201);
		JsonNode user = json(response);
		return new User(user.get("id").longValue(), user.get("username").stringValue(), null,
				user.get("admin").booleanValue(), user.get("timezone").stringValue(), java.time.Instant.EPOCH);
	}

	/** Creates a token with the user's password, and answers its secret. */
	static String createToken(RestTestClient client, String username, String... scopes) {
		ExchangeResult response = client.post()
			.uri("/tokens")
			.header(HttpHeaders.AUTHORIZATION, basic(username, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"test\", \"scopes\": [\"" + String.join("\", \"", scopes) + "\"]}")
			.exchange()
			.returnResult();
		assertThat(status(response)).as(response.toString()).isEqualTo(201);
		return json(response).get("token").stringValue();
	}

	static String basic(String username, String password) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	static String bearer(String token) {
		return "Bearer " + token;
	}

}
