package org.tasktracker.account;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.account.AccountFixtures.PASSWORD;
import static org.tasktracker.account.AccountFixtures.basic;
import static org.tasktracker.account.AccountFixtures.uniqueUsername;
import static org.tasktracker.support.Responses.status;

/**
 * Failed sign-ins through the web UI's form count against the same limit as failed
 * password checks of the API, in a context of its own: the limit it reaches holds this
 * machine's address for a minute.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=limit-admin",
				"tasktracker.auth.admin-password=" + PASSWORD })
@AutoConfigureRestTestClient
class PageSignInLimitIntegrationTests {

	@Autowired
	private RestTestClient client;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void afterTenFailedSignInsNeitherTheFormNorTheApiTakesTheRightPasswordFromThatAddressOnly() throws Exception {
		String name = uniqueUsername("signin");
		assertThat(status(this.client.post()
			.uri("/users")
			.header(HttpHeaders.AUTHORIZATION, basic("limit-admin", PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + name + "\", \"password\": \"" + PASSWORD + "\"}")
			.exchange()
			.returnResult())).isEqualTo(201);
		for (int i = 0; i < PasswordAttempts.LIMIT; i++) {
			assertThat(signIn(this.http, name, "wrong guess number " + i)).as("failure %d", i).endsWith("/login?error");
		}

		String limited = signIn(this.http, name, PASSWORD);
		assertThat(limited).matches(".*/login\\?wait=[1-6]?[0-9]");
		assertThat(
				this.http
					.send(HttpRequest
						.newBuilder(
								URI.create("http://localhost:" + this.port + limited.replaceAll("^https?://[^/]+", "")))
						.build(), HttpResponse.BodyHandlers.ofString())
					.body())
			.contains("Too many failed sign-ins from here: try again in");
		assertThat(status(this.client.post()
			.uri("/tokens")
			.header(HttpHeaders.AUTHORIZATION, basic(name, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"t\", \"scopes\": [\"tasks:read\"]}")
			.exchange()
			.returnResult())).isEqualTo(429);
		HttpClient elsewhere = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();
		assertThat(signIn(elsewhere, name, PASSWORD)).as("the user, from an address that has not failed")
			.endsWith("/app");
	}

	/** Posts the sign-in form as a browser would, and answers where it leads. */
	private String signIn(HttpClient http, String username, String password) throws Exception {
		String base = "http://localhost:" + this.port;
		HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		String csrf = form.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
		HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Cookie", cookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password="
					+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(posted.statusCode()).isEqualTo(302);
		return posted.headers().firstValue("Location").orElseThrow();
	}

}
