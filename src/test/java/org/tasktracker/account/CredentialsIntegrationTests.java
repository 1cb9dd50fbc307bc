package org.tasktracker.account;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.account.AccountFixtures.basic;
import static org.tasktracker.account.AccountFixtures.bearer;
import static org.tasktracker.account.AccountFixtures.uniqueUsername;
import static org.tasktracker.support.ProblemAssert.assertProblem;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * Passwords and tokens in the default mode, against the findings of issue 31's probe:
 * long passwords, hashes of earlier versions, the local user's tokens, and floods of
 * random tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class CredentialsIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry meters;

	@LocalServerPort
	private int port;

	@Test
	void aPasswordOfTheContractsLongestLengthWorksAndEveryCharacterCounts() {
		String name = uniqueUsername("long");
		String password = "\uD83D\uDE00".repeat(255) + "a";
		ExchangeResult created = this.client.post()
			.uri("/users")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + name + "\", \"password\": \"" + password + "\"}")
			.exchange()
			.returnResult();
		assertThat(status(created)).as(created.toString()).isEqualTo(201);

		assertThat(status(postToken(basic(name, password)))).isEqualTo(201);
		assertProblem(postToken(basic(name, "\uD83D\uDE00".repeat(255) + "b")), 401, "/tokens");
	}

	@Test
	void anEarlierBcryptHashStillSignsInAndIsUpgradedToArgon2id() {
		String name = uniqueUsername("legacy");
		String password = "an old but good password";
		this.jdbc.sql("INSERT INTO users (username, password_hash) VALUES (:name, :hash)")
			.param("name", name)
			.param("hash", "{bcrypt}" + new BCryptPasswordEncoder().encode(password))
			.update();

		assertThat(status(postToken(basic(name, password)))).isEqualTo(201);

		assertThat(storedHash(name)).startsWith("{" + PasswordHashing.ARGON2_ID + "}$argon2id$");
		assertThat(status(postToken(basic(name, password)))).as("with the upgraded hash").isEqualTo(201);
		assertProblem(postToken(basic(name, password + "!")), 401, "/tokens");
	}

	@Test
	void theLocalUserCannotCreateATokenAndSaysWhatToDoInstead() {
		ExchangeResult refused = postToken(null);

		assertProblem(refused, 403, "/tokens");
		assertThat(json(refused).get("detail").stringValue()).startsWith("The local user needs no token")
			.contains("create a user (POST /users)");
		assertThat(json(this.client.get().uri("/tokens").exchange().returnResult())).isEmpty();
	}

	@Test
	void theSettingsPageTellsTheLocalUserWhyItHasNoTokens() {
		String page = org.tasktracker.support.Responses
			.body(this.client.get().uri("/app/settings").exchange().returnResult());

		assertThat(page).contains("the local user cannot have one").doesNotContain("action=\"/app/settings/tokens\"");
	}

	@Test
	void aTokenTheLocalUserHeldBeforeIsRefused() {
		String secret = "tt_" + "L".repeat(20) + System.nanoTime();
		this.jdbc.sql("""
				INSERT INTO api_tokens (owner_id, name, scopes, secret_hash, expires_at)
				VALUES (1, 'old', '{admin,tasks:write}', :hash, now() + interval '365 days')
				""").param("hash", TokenService.hash(secret)).update();

		ExchangeResult refused = this.client.get()
			.uri("/users/me")
			.header(HttpHeaders.AUTHORIZATION, bearer(secret))
			.exchange()
			.returnResult();

		assertProblem(refused, 401, "/users/me");
		assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Bearer realm=\"tasktracker\", error=\"invalid_token\"");
	}

	@Test
	void aFloodOfRandomTokensFromOneAddressCostsTheDatabaseAlmostNothing() throws Exception {
		HttpClient flooder = HttpClient.newBuilder().localAddress(java.net.InetAddress.getByName("127.0.0.9")).build();
		long before = connectionsTaken();
		int unauthorized = 0;
		int limited = 0;
		for (int i = 0; i < 1500; i++) {
			HttpResponse<String> response = flooder
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/tasks"))
					.header("Authorization", "Bearer tt_" + String.format("%040d", i))
					.build(), HttpResponse.BodyHandlers.ofString());
			switch (response.statusCode()) {
				case 401 -> unauthorized++;
				case 429 -> {
					limited++;
					assertThat(response.headers().firstValue("Retry-After")).isPresent();
					assertThat(response.body()).contains("Too many invalid tokens from this address");
				}
				default -> throw new AssertionError(response.statusCode() + " " + response.body());
			}
		}

		assertThat(unauthorized).isEqualTo(TokenService.FAILED_CHECKS_LIMIT);
		assertThat(limited).isEqualTo(1500 - TokenService.FAILED_CHECKS_LIMIT);
		assertThat(connectionsTaken() - before).as("pooled connections taken").isLessThan(300);
		HttpResponse<String> elsewhere = HttpClient.newBuilder()
			.localAddress(java.net.InetAddress.getByName("127.0.0.10"))
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/tasks"))
				.header("Authorization", "Bearer tt_" + "9".repeat(40))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(elsewhere.statusCode()).as("an unknown token from another address meanwhile").isEqualTo(401);
	}

	private long connectionsTaken() {
		Timer usage = this.meters.find("hikaricp.connections.usage").timer();
		assertThat(usage).as("the pool's usage timer").isNotNull();
		return usage.count();
	}

	private String storedHash(String username) {
		return this.jdbc.sql("SELECT password_hash FROM users WHERE username = :name")
			.param("name", username)
			.query(String.class)
			.single();
	}

	private ExchangeResult postToken(String authorization) {
		RestTestClient.RequestBodySpec request = this.client.post().uri("/tokens");
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return request.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"t\", \"scopes\": [\"tasks:read\"]}")
			.exchange()
			.returnResult();
	}

}
