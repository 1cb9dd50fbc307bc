package org.tasktracker.account;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.account.AccountFixtures.PASSWORD;
import static org.tasktracker.account.AccountFixtures.basic;
import static org.tasktracker.account.AccountFixtures.bearer;
import static org.tasktracker.account.AccountFixtures.createToken;
import static org.tasktracker.account.AccountFixtures.createUser;
import static org.tasktracker.account.AccountFixtures.uniqueUsername;
import static org.tasktracker.support.ProblemAssert.assertInvalid;
import static org.tasktracker.support.ProblemAssert.assertProblem;
import static org.tasktracker.support.Responses.body;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * Users and tokens over HTTP in the default mode ({@code AUTH_MODE=local}): the test
 * client is on loopback, so without credentials it acts as the local user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
@Isolated
class AccountApiIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	private String ada;

	private String adaToken;

	@BeforeEach
	void setUp() {
		this.ada = uniqueUsername("ada");
		createUser(this.client, this.ada, false);
		this.adaToken = createToken(this.client, this.ada, "tasks:read", "tasks:write");
	}

	@Test
	void theLocalUserIsABuiltInAdminWithoutPassword() {
		JsonNode me = json(this.client.get().uri("/users/me").exchange().returnResult());

		assertThat(me.get("id").longValue()).isEqualTo(Account.LOCAL_ID);
		assertThat(me.get("username").stringValue()).isEqualTo("local");
		assertThat(me.get("admin").booleanValue()).isTrue();
		assertThat(me.get("timezone").stringValue()).isEqualTo("UTC");
	}

	@Test
	void createsAUserLowerCasedWithLocationAndNoSecret() {
		String name = uniqueUsername("Grace").toUpperCase();
		ExchangeResult response = this.client.post()
			.uri("/users")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + name + "\", \"password\": \"" + PASSWORD
					+ "\", \"display_name\": \" Grace Hopper \", \"timezone\": \"Europe/London\"}")
			.exchange()
			.returnResult();

		assertThat(status(response)).isEqualTo(201);
		JsonNode user = json(response);
		assertThat(response.getResponseHeaders().getLocation()).hasToString("/users/" + user.get("id").longValue());
		assertThat(user.get("username").stringValue()).isEqualTo(name.toLowerCase());
		assertThat(user.get("display_name").stringValue()).isEqualTo("Grace Hopper");
		assertThat(user.get("timezone").stringValue()).isEqualTo("Europe/London");
		assertThat(user.get("admin").booleanValue()).isFalse();
		assertThat(user.propertyNames()).containsExactlyInAnyOrder("id", "username", "display_name", "admin",
				"timezone", "created_at");
		assertThat(body(response)).doesNotContain(PASSWORD).doesNotContain("$2");
	}

	@Test
	void refusesATakenUsernameInAnyCaseWith409() {
		ExchangeResult response = this.client.post()
			.uri("/users")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + this.ada.toUpperCase() + "\", \"password\": \"" + PASSWORD + "\"}")
			.exchange()
			.returnResult();

		assertThat(assertProblem(response, 409, "/users").get("detail").stringValue()).contains("taken");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"username\": \"ab\", \"password\": \"correct horse battery\"}",
			"{\"username\": \"local\", \"password\": \"correct horse battery\"}",
			"{\"username\": \"has space\", \"password\": \"correct horse battery\"}",
			"{\"username\": \"ümlaut\", \"password\": \"correct horse battery\"}",
			"{\"username\": \"kelvin\\u212a\", \"password\": \"correct horse battery\"}",
			"{\"username\": 7, \"password\": \"correct horse battery\"}" })
	void refusesAUsernameOutOfBoundsAndStoresNothing(String body) {
		long before = userCount();

		assertInvalid(post("/users", body), "/users", "username");

		assertThat(userCount()).isEqualTo(before);
	}

	@Test
	void refusesEveryBrokenFieldOfANewUserAtOnce() {
		String tooLong = "x".repeat(257);
		assertInvalid(post("/users", "{\"username\": \"" + "u".repeat(65) + "\", \"password\": \"short\", "
				+ "\"display_name\": \"a\\u0007b\", \"timezone\": \"Mars/Olympus\", \"admin\": \"yes\", \"id\": 3}"),
				"/users", "username", "password", "display_name", "timezone", "admin", "id");
		assertInvalid(post("/users", "{\"username\": \"okname\", \"password\": \"" + tooLong + "\"}"), "/users",
				"password");
	}

	@Test
	void issuesATokenShownOnceAndStoredOnlyAsAHash() {
		ExchangeResult response = this.client.post()
			.uri("/tokens")
			.header(HttpHeaders.AUTHORIZATION, basic(this.ada, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \" laptop sync \", \"scopes\": [\"tasks:read\"], \"expires_in_days\": 1}")
			.exchange()
			.returnResult();

		assertThat(status(response)).isEqualTo(201);
		JsonNode token = json(response);
		String secret = token.get("token").stringValue();
		assertThat(secret).matches("tt_[0-9A-Za-z]{32,}");
		assertThat(token.get("name").stringValue()).isEqualTo("laptop sync");
		assertThat(token.get("last_used_at").isNull()).isTrue();
		assertThat(Duration.between(java.time.Instant.parse(token.get("created_at").stringValue()),
				java.time.Instant.parse(token.get("expires_at").stringValue())))
			.isEqualTo(Duration.ofDays(1));
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM api_tokens WHERE position(:secret IN encode(secret_hash, 'escape')) > 0")
			.param("secret", secret)
			.query(Long.class)
			.single()).isZero();

		JsonNode listed = json(this.client.get()
			.uri("/tokens")
			.header(HttpHeaders.AUTHORIZATION, bearer(secret))
			.exchange()
			.returnResult());
		assertThat(listed).hasSize(2);
		assertThat(listed.toString()).doesNotContain(secret).doesNotContain(this.adaToken);
		listed.forEach((listedToken) -> assertThat(listedToken.has("token")).isFalse());
	}

	@Test
	void aTokenActsAsItsOwnerAndRecordsWhenItWasLastUsed() {
		JsonNode me = json(get("/users/me", bearer(this.adaToken)));
		assertThat(me.get("username").stringValue()).isEqualTo(this.ada);

		JsonNode tokens = json(get("/tokens", bearer(this.adaToken)));
		assertThat(tokens.get(0).get("last_used_at").isNull()).isFalse();
	}

	@Test
	void aWrongPasswordAndAnUnknownUserGetTheSameBasicChallenge() {
		ExchangeResult wrong = postToken(basic(this.ada, "not the password at all"));
		ExchangeResult unknown = postToken(basic(uniqueUsername("nobody"), PASSWORD));

		for (ExchangeResult response : new ExchangeResult[] { wrong, unknown }) {
			assertProblem(response, 401, "/tokens");
			assertThat(response.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
				.isEqualTo("Basic realm=\"tasktracker\"");
		}
		assertThat(json(wrong).get("detail")).isEqualTo(json(unknown).get("detail"));
	}

	@Test
	void aBearerTokenCannotCreateTokens() {
		assertProblem(postToken(bearer(this.adaToken)), 403, "/tokens");
	}

	@Test
	void aTokenWithoutTheScopeIsRefusedNamingTheScope() {
		String readOnly = createToken(this.client, this.ada, "tasks:read");

		ExchangeResult response = this.client.post()
			.uri("/tasks")
			.header(HttpHeaders.AUTHORIZATION, bearer(readOnly))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"title\": \"not allowed\"}")
			.exchange()
			.returnResult();

		assertProblem(response, 403, "/tasks");
		assertThat(response.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Bearer error=\"insufficient_scope\", scope=\"tasks:write\"");
		assertThat(status(get("/tasks", bearer(readOnly)))).isEqualTo(200);
		assertThat(this.jdbc.sql("SELECT count(*) FROM tasks WHERE title = 'not allowed'").query(Long.class).single())
			.isZero();
	}

	@Test
	void anAdminScopeIsOnlyForAdmins() {
		assertProblem(this.client.post()
			.uri("/tokens")
			.header(HttpHeaders.AUTHORIZATION, basic(this.ada, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"x\", \"scopes\": [\"admin\"]}")
			.exchange()
			.returnResult(), 403, "/tokens");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"name\": \"x\", \"scopes\": [\"tasks:delete\"]}", "{\"name\": \"x\", \"scopes\": []}",
			"{\"name\": \"x\", \"scopes\": \"tasks:read\"}", "{\"name\": \"x\"}" })
	void refusesUnknownOrMissingScopes(String body) {
		assertInvalid(postToken(basic(this.ada, PASSWORD), body), "/tokens", "scopes");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "366", "1.5", "\"30\"", "null" })
	void refusesAnExpiryOutsideOneToThreeHundredSixtyFiveDays(String days) {
		long before = tokenCount();

		assertInvalid(
				postToken(basic(this.ada, PASSWORD),
						"{\"name\": \"x\", \"scopes\": [\"tasks:read\"], \"expires_in_days\": " + days + "}"),
				"/tokens", "expires_in_days");

		assertThat(tokenCount()).isEqualTo(before);
	}

	@Test
	void aRevokedTokenIsRefusedFromThenOn() {
		String token = createToken(this.client, this.ada, "tasks:read");
		long id = json(get("/tokens", bearer(token))).get(1).get("id").longValue();

		ExchangeResult revoked = this.client.delete()
			.uri("/tokens/{id}", id)
			.header(HttpHeaders.AUTHORIZATION, bearer(this.adaToken))
			.exchange()
			.returnResult();

		assertThat(status(revoked)).isEqualTo(204);
		assertInvalidToken(get("/tasks", bearer(token)), "/tasks");
	}

	@Test
	void anExpiredTokenIsRefused() {
		String token = createToken(this.client, this.ada, "tasks:read");

		this.jdbc.sql("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE secret_hash = :hash")
			.param("hash", TokenService.hash(token))
			.update();

		assertInvalidToken(get("/tasks", bearer(token)), "/tasks");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer", "Bearer ", "Bearer tt_a b", "Bearer tt_short",
			"Bearer tt_0123456789abcdef0123456789abcdef0", "bearer xyz", "Token abc" })
	void refusesAMalformedOrUnknownTokenWithoutSayingWhich(String authorization) {
		ExchangeResult response = get("/tasks", authorization);

		JsonNode problem = assertProblem(response, 401, "/tasks");
		assertThat(problem.get("detail").stringValue()).doesNotContainIgnoringCase("expired")
			.doesNotContainIgnoringCase("revoked");
		assertThat(response.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.startsWith("Bearer realm=\"tasktracker\"");
	}

	@Test
	void refusesNonAsciiAndOverlongCredentials() {
		ExchangeResult nonAscii = this.client.get()
			.uri("/tasks")
			.header(HttpHeaders.AUTHORIZATION, "Bearer tt_ÄÖÜ0123456789abcdef0123456789abcdef")
			.exchange()
			.returnResult();
		assertProblem(nonAscii, 401, "/tasks");

		ExchangeResult overlong = this.client.get()
			.uri("/tasks")
			.header(HttpHeaders.AUTHORIZATION, "Bearer tt_" + "a".repeat(10_240))
			.exchange()
			.returnResult();
		assertThat(status(overlong)).isBetween(400, 431);
		assertThat(body(overlong)).doesNotContain("aaaaaaaaaa");
	}

	@Test
	void refusesTwoAuthorizationHeaders() {
		ExchangeResult response = this.client.get()
			.uri("/tasks")
			.header(HttpHeaders.AUTHORIZATION, bearer(this.adaToken), basic(this.ada, PASSWORD))
			.exchange()
			.returnResult();

		assertProblem(response, 400, "/tasks");
		assertThat(response.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Bearer realm=\"tasktracker\", error=\"invalid_request\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Basic bm9jb2xvbg==", "Basic !!!not-base64!!!", "Basic " })
	void refusesMalformedBasicCredentials(String authorization) {
		ExchangeResult response = postToken(authorization);

		assertProblem(response, 401, "/tokens");
		assertThat(response.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Basic realm=\"tasktracker\"");
	}

	@Test
	void anotherUsersTokenIsANotFound() {
		String bob = uniqueUsername("bob");
		createUser(this.client, bob, false);
		String bobToken = createToken(this.client, bob, "tasks:read", "tasks:write");
		long adaTokenId = json(get("/tokens", bearer(this.adaToken))).get(0).get("id").longValue();

		ExchangeResult response = this.client.delete()
			.uri("/tokens/{id}", adaTokenId)
			.header(HttpHeaders.AUTHORIZATION, bearer(bobToken))
			.exchange()
			.returnResult();

		assertProblem(response, 404, "/tokens/" + adaTokenId);
		assertThat(status(get("/tasks", bearer(this.adaToken)))).isEqualTo(200);
		assertThat(json(get("/tokens", bearer(bobToken)))).hasSize(1);
	}

	@Test
	void onlyAdminsManageUsers() {
		ExchangeResult list = get("/users", bearer(this.adaToken));
		assertProblem(list, 403, "/users");
		assertThat(list.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isNull();
		assertProblem(post("/users", "{\"username\": \"x" + this.ada + "\", \"password\": \"" + PASSWORD + "\"}",
				bearer(this.adaToken)), 403, "/users");
		assertProblem(delete("/users/" + Account.LOCAL_ID, bearer(this.adaToken)), 403, "/users/" + Account.LOCAL_ID);

		JsonNode users = json(get("/users", null));
		assertThat(users.get(0).get("username").stringValue()).isEqualTo("local");
		long previous = 0;
		for (JsonNode user : users) {
			assertThat(user.get("id").longValue()).isGreaterThan(previous);
			previous = user.get("id").longValue();
		}
	}

	@Test
	void anAdminTokenNeedsTheAdminScopeForUserManagement() {
		String admin = uniqueUsername("admin");
		createUser(this.client, admin, true);
		String tasksOnly = createToken(this.client, admin, "tasks:read");
		String adminScope = createToken(this.client, admin, "admin");

		ExchangeResult refused = get("/users", bearer(tasksOnly));
		assertProblem(refused, 403, "/users");
		assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Bearer error=\"insufficient_scope\", scope=\"admin\"");
		assertThat(status(get("/users", bearer(adminScope)))).isEqualTo(200);
	}

	@Test
	void theLocalUserAndOneselfCannotBeDeleted() {
		String admin = uniqueUsername("admin");
		User created = createUser(this.client, admin, true);
		String token = createToken(this.client, admin, "admin");

		assertProblem(delete("/users/" + Account.LOCAL_ID, bearer(token)), 409, "/users/" + Account.LOCAL_ID);
		assertProblem(delete("/users/" + created.id(), bearer(token)), 409, "/users/" + created.id());
		assertProblem(delete("/users/" + Long.MAX_VALUE, bearer(token)), 404, "/users/" + Long.MAX_VALUE);
		assertInvalid(delete("/users/abc", bearer(token)), "/users/abc", "id");
	}

	@Test
	void deletingAUserDeletesItsTasksAndTokens() {
		String bob = uniqueUsername("bob");
		User created = createUser(this.client, bob, false);
		String bobToken = createToken(this.client, bob, "tasks:write");
		ExchangeResult task = post("/tasks", "{\"title\": \"bob's\"}", bearer(bobToken));
		assertThat(status(task)).isEqualTo(201);

		assertThat(status(delete("/users/" + created.id(), null))).isEqualTo(204);

		assertInvalidToken(get("/tasks", bearer(bobToken)), "/tasks");
		assertThat(this.jdbc.sql("SELECT count(*) FROM tasks WHERE owner_id = :id")
			.param("id", created.id())
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM api_tokens WHERE owner_id = :id")
			.param("id", created.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void changesOnesOwnUserAndPasswordWithTheCurrentOne() {
		ExchangeResult changed = patch("/users/me",
				"{\"display_name\": \"Ada L.\", \"timezone\": \"Pacific/Kiritimati\", \"password\": \"a brand new password\", "
						+ "\"current_password\": \"" + PASSWORD + "\"}",
				bearer(this.adaToken));

		assertThat(status(changed)).as(body(changed)).isEqualTo(200);
		assertThat(json(changed).get("display_name").stringValue()).isEqualTo("Ada L.");
		assertThat(json(changed).get("timezone").stringValue()).isEqualTo("Pacific/Kiritimati");
		assertThat(status(postToken(basic(this.ada, "a brand new password")))).isEqualTo(201);
		assertThat(status(patch("/users/me", "{\"display_name\": null}", bearer(this.adaToken)))).isEqualTo(200);
		assertThat(json(get("/users/me", bearer(this.adaToken))).get("display_name").isNull()).isTrue();
	}

	@Test
	void refusesAPasswordChangeWithoutTheRightCurrentPassword() {
		assertInvalid(patch("/users/me", "{\"password\": \"a brand new password\"}", bearer(this.adaToken)),
				"/users/me", "current_password");
		assertInvalid(patch("/users/me",
				"{\"password\": \"a brand new password\", \"current_password\": \"wrong wrong wrong\"}",
				bearer(this.adaToken)), "/users/me", "current_password");
		assertInvalid(patch("/users/me", "{\"timezone\": \"Nowhere/Else\"}", bearer(this.adaToken)), "/users/me",
				"timezone");
		assertThat(status(postToken(basic(this.ada, PASSWORD)))).isEqualTo(201);
	}

	@Test
	void theLocalUserHasNoPasswordToChangeOrSignInWith() {
		assertProblem(patch("/users/me", "{\"password\": \"a brand new password\", \"current_password\": \"x\"}", null),
				403, "/users/me");
		assertProblem(postToken(basic("local", "")), 401, "/tokens");
	}

	@Test
	void neverLogsAPasswordOrAToken(CapturedOutput output) {
		postToken(basic(this.ada, "a wrong password here"));
		get("/tasks", bearer(this.adaToken));

		assertThat(output.getAll()).doesNotContain(PASSWORD)
			.doesNotContain("a wrong password here")
			.doesNotContain(this.adaToken);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Forwarded", "X-Forwarded-For", "X-Real-IP" })
	void aForwardedRequestOnLoopbackNeedsCredentials(String header) {
		ExchangeResult response = this.client.get()
			.uri("/tasks")
			.header(header, "203.0.113.9")
			.exchange()
			.returnResult();

		assertThat(assertProblem(response, 401, "/tasks").get("detail").stringValue()).contains("proxy");
		assertThat(response.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Bearer realm=\"tasktracker\"");
		assertThat(status(this.client.get()
			.uri("/tasks")
			.header(header, "203.0.113.9")
			.header(HttpHeaders.AUTHORIZATION, bearer(this.adaToken))
			.exchange()
			.returnResult())).as("credentials are accepted in every mode").isEqualTo(200);
	}

	@Test
	void aPageOfAnotherSiteGetsNothingWithoutCredentials() {
		assertProblem(this.client.get()
			.uri("/tasks")
			.header(HttpHeaders.ORIGIN, "http://evil.example")
			.exchange()
			.returnResult(), 401, "/tasks");
		assertProblem(this.client.get().uri("/tasks").header("Sec-Fetch-Site", "cross-site").exchange().returnResult(),
				401, "/tasks");
		assertProblem(this.client.post()
			.uri("/tasks")
			.header("Sec-Fetch-Site", "cross-site")
			.header(HttpHeaders.AUTHORIZATION, basic(this.ada, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"title\": \"planted\"}")
			.exchange()
			.returnResult(), 401, "/tasks");
		assertThat(status(
				this.client.get().uri("/tasks").header("Sec-Fetch-Site", "same-origin").exchange().returnResult()))
			.isEqualTo(200);
	}

	private static void assertInvalidToken(ExchangeResult response, String instance) {
		assertProblem(response, 401, instance);
		assertThat(response.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Bearer realm=\"tasktracker\", error=\"invalid_token\"");
	}

	private ExchangeResult postToken(String authorization) {
		return postToken(authorization, "{\"name\": \"t\", \"scopes\": [\"tasks:read\"]}");
	}

	private ExchangeResult postToken(String authorization, String body) {
		return post("/tokens", body, authorization);
	}

	private ExchangeResult post(String path, String body) {
		return post(path, body, null);
	}

	private ExchangeResult post(String path, String body, String authorization) {
		return this.client.post().uri(path).headers((headers) -> {
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
		}).contentType(MediaType.APPLICATION_JSON).body(body).exchange().returnResult();
	}

	private ExchangeResult patch(String path, String body, String authorization) {
		return this.client.patch().uri(path).headers((headers) -> {
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
		}).contentType(MediaType.APPLICATION_JSON).body(body).exchange().returnResult();
	}

	private ExchangeResult get(String path, String authorization) {
		return this.client.get().uri(path).headers((headers) -> {
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
		}).exchange().returnResult();
	}

	private ExchangeResult delete(String path, String authorization) {
		return this.client.delete().uri(path).headers((headers) -> {
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
		}).exchange().returnResult();
	}

	private long userCount() {
		return this.jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
	}

	private long tokenCount() {
		return this.jdbc.sql("SELECT count(*) FROM api_tokens").query(Long.class).single();
	}

}
