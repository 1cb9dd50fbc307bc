package org.tasktracker.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;
import org.tasktracker.TaskTrackerApplication;
import org.tasktracker.database.NotificationListener;
import org.tasktracker.support.PageSession;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the service on one database, as behind a load balancer: what one
 * instance is told holds on the other. A revoked token, a deleted user, a changed
 * password and an ended session are refused by the other instance at once (it caches a
 * live token for a minute while it listens, so only the notification can refuse it within
 * the wait); and the rate limit, the failed-password limit and the unknown-token limit
 * count the requests of both.
 */
class TwoInstancesIntegrationTests {

	private static final String ADMIN = "two-instances-admin";

	private static final String ADMIN_PASSWORD = "two instances admin password";

	private static final String PASSWORD = "correct horse battery";

	private static final int RATE = 5;

	private static final int BURST = 10;

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"(tt_[0-9A-Za-z]+)\"");

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	private static int sequence;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startTwoInstances() {
		first = start();
		second = start();
		for (ConfigurableApplicationContext instance : List.of(first, second)) {
			NotificationListener listener = instance.getBean("accountChangesListener", NotificationListener.class);
			await().atMost(Duration.ofSeconds(30)).until(listener::listening);
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(TaskTrackerApplication.class).run("--server.port=0",
				"--tasktracker.auth.mode=required", "--tasktracker.auth.shared-limits=true",
				"--tasktracker.auth.admin-username=" + ADMIN, "--tasktracker.auth.admin-password=" + ADMIN_PASSWORD,
				"--tasktracker.auth.rate-limit=" + RATE, "--tasktracker.auth.rate-limit-burst=" + BURST);
	}

	@AfterAll
	static void stopThem() {
		for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] { first, second }) {
			if (instance != null) {
				instance.close();
			}
		}
	}

	@Test
	void aTokenRevokedOnOneInstanceIsRefusedByTheOther() {
		String user = newUser();
		String token = newToken(user);
		assertThat(send(second, "GET", "/tasks", bearer(token)).statusCode()).isEqualTo(200);
		long tokenId = tokenIds(user).getFirst();

		assertThat(send(first, "DELETE", "/tokens/" + tokenId, basic(user, PASSWORD)).statusCode()).isEqualTo(204);

		awaitRefused(() -> send(second, "GET", "/tasks", bearer(token)));
	}

	@Test
	void aUserDeletedOnOneInstanceIsRefusedByTheOther() {
		String user = newUser();
		String token = newToken(user);
		assertThat(send(second, "GET", "/tasks", bearer(token)).statusCode()).isEqualTo(200);
		long userId = userId(user);

		assertThat(send(first, "DELETE", "/users/" + userId, basic(ADMIN, ADMIN_PASSWORD)).statusCode()).isEqualTo(204);

		awaitRefused(() -> send(second, "GET", "/tasks", bearer(token)));
	}

	@Test
	void aPasswordChangedOnOneInstanceEndsTheWebSessionsOnTheOtherAndTheOldPasswordThere() {
		String user = newUser();
		PageSession onFirst = PageSession.anonymous(port(first));
		assertThat(onFirst.signIn(user, PASSWORD)).endsWith("/app");
		PageSession onSecond = onFirst.on(port(second));
		assertThat(onSecond.get("/app/settings").statusCode()).isEqualTo(200);

		HttpResponse<String> changed = send(first, "PATCH", "/users/me", basic(user, PASSWORD),
				"{\"password\": \"a brand new password\", \"current_password\": \"" + PASSWORD + "\"}");
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

		assertThat(onSecond.get("/app/settings").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).as("the session signed in on the first instance")
				.contains("/login"));
		assertThat(send(second, "GET", "/tokens", basic(user, PASSWORD)).statusCode()).isEqualTo(401);
		assertThat(send(second, "GET", "/tokens", basic(user, "a brand new password")).statusCode()).isEqualTo(200);
	}

	@Test
	void aSessionSignedOutOnOneInstanceIsEndedOnTheOther() {
		String user = newUser();
		PageSession onFirst = PageSession.anonymous(port(first));
		assertThat(onFirst.signIn(user, PASSWORD)).endsWith("/app");
		PageSession onSecond = onFirst.on(port(second));
		assertThat(onSecond.get("/app/settings").statusCode()).isEqualTo(200);

		onFirst.get("/app/settings");
		assertThat(onFirst.post("/logout", Map.of()).statusCode()).isEqualTo(302);

		assertThat(onSecond.get("/app/settings").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("/login"));
	}

	/**
	 * One client sends as fast as it can, to each instance in turn: two instances that
	 * counted apart would let through twice the rate and two bursts.
	 */
	@Test
	void theRateLimitCountsTheRequestsOfBothInstances() {
		String user = newUser();
		String token = newToken(user);
		// Both instances have reconciled with each other, as they do within a tenth of a
		// second of their first counted request; the test does not wait on the clock.
		send(first, "GET", "/tasks", bearer(token));
		send(second, "GET", "/tasks", bearer(token));
		first.getBean(RateLimits.class).reconcile();
		second.getBean(RateLimits.class).reconcile();
		first.getBean(RateLimits.class).reconcile();

		int allowed = 0;
		int sent = 0;
		long start = System.nanoTime();
		long elapsed;
		do {
			HttpResponse<String> response = send((sent % 2 == 0) ? first : second, "GET", "/tasks?limit=1",
					bearer(token));
			assertThat(response.statusCode()).isIn(200, 429);
			allowed += (response.statusCode() == 200) ? 1 : 0;
			sent++;
			elapsed = System.nanoTime() - start;
		}
		while (elapsed < Duration.ofSeconds(4).toNanos());

		double seconds = elapsed / 1e9;
		double configured = BURST + RATE * seconds;
		assertThat(sent).as("the client outpaced the limit").isGreaterThan(3 * (int) configured);
		assertThat((double) allowed).as("allowed of %d in %.1f s", sent, seconds)
			.isLessThanOrEqualTo(1.1 * configured + BURST)
			.isGreaterThanOrEqualTo(RATE * seconds * 0.8);
	}

	/**
	 * Failures alternate between the instances: each sees half, but the limit is reached
	 * at the same count as on one instance. From an address of its own, so that the other
	 * tests' sign-ins stay allowed.
	 */
	@Test
	void failedPasswordsOnBothInstancesCountAsOne() {
		String user = newUser();
		String address = "127.0.0.2";
		int attempts = 0;
		int status;
		do {
			status = send((attempts % 2 == 0) ? first : second, "GET", "/tokens",
					basic(user, "wrong guess " + attempts), null, address)
				.statusCode();
			attempts++;
		}
		while (status == 401 && attempts < 2 * PasswordAttempts.LIMIT + 2);

		assertThat(status).isEqualTo(429);
		assertThat(attempts).as("the first refusal").isEqualTo(PasswordAttempts.LIMIT + 1);
		assertThat(send(first, "GET", "/tokens", basic(user, PASSWORD), null, address).statusCode()).isEqualTo(429);
		assertThat(send(second, "GET", "/tokens", basic(user, PASSWORD), null, address).statusCode()).isEqualTo(429);
	}

	@Test
	void unknownTokensOnBothInstancesCountAsOne() {
		String address = "127.0.0.3";
		int attempts = 0;
		int status;
		do {
			status = send((attempts % 2 == 0) ? first : second, "GET", "/tasks",
					bearer("tt_" + String.format("%040d", attempts)), null, address)
				.statusCode();
			attempts++;
		}
		while (status == 401 && attempts < 2 * TokenService.FAILED_CHECKS_LIMIT + 2);

		assertThat(status).isEqualTo(429);
		assertThat(attempts).as("the first refusal").isEqualTo(TokenService.FAILED_CHECKS_LIMIT + 1);
	}

	private void awaitRefused(Supplier<HttpResponse<String>> request) {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> request.get().statusCode() == 401);
	}

	private String newUser() {
		String name = "two-" + ProcessHandle.current().pid() + "-" + (++sequence);
		HttpResponse<String> created = send(first, "POST", "/users", basic(ADMIN, ADMIN_PASSWORD),
				"{\"username\": \"" + name + "\", \"password\": \"" + PASSWORD + "\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return name;
	}

	private String newToken(String user) {
		HttpResponse<String> created = send(first, "POST", "/tokens", basic(user, PASSWORD),
				"{\"name\": \"t\", \"scopes\": [\"tasks:write\"]}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		Matcher token = TOKEN.matcher(created.body());
		assertThat(token.find()).isTrue();
		return token.group(1);
	}

	private List<Long> tokenIds(String user) {
		return ID.matcher(send(first, "GET", "/tokens", basic(user, PASSWORD)).body())
			.results()
			.map((found) -> Long.parseLong(found.group(1)))
			.toList();
	}

	private long userId(String user) {
		Matcher id = ID.matcher(send(first, "GET", "/users/me", basic(user, PASSWORD)).body());
		assertThat(id.find()).isTrue();
		return Long.parseLong(id.group(1));
	}

	private HttpResponse<String> send(ConfigurableApplicationContext instance, String method, String path,
			String authorization) {
		return send(instance, method, path, authorization, null);
	}

	private HttpResponse<String> send(ConfigurableApplicationContext instance, String method, String path,
			String authorization, @Nullable String body) {
		return send(instance, method, path, authorization, body, null);
	}

	private HttpResponse<String> send(ConfigurableApplicationContext instance, String method, String path,
			String authorization, @Nullable String body, @Nullable String localAddress) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(instance) + path))
			.header("Authorization", authorization)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		try {
			HttpClient client = (localAddress != null)
					? HttpClient.newBuilder().localAddress(InetAddress.getByName(localAddress)).build() : this.http;
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int port(ConfigurableApplicationContext instance) {
		return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

}
