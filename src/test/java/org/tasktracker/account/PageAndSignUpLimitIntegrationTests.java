package org.tasktracker.account;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.tasktracker.support.PageSession;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.account.AccountFixtures.PASSWORD;
import static org.tasktracker.account.AccountFixtures.uniqueUsername;

/**
 * Limits that the probe of issue 31 found missing: the web UI's pages count against the
 * user's rate limit, and open registration against the client's address. The same
 * settings as {@link RequiredModeIntegrationTests}, so the same context: a rate of one
 * request a second with bursts of three.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.registration=open",
				"tasktracker.auth.admin-username=Root-Admin", "tasktracker.auth.admin-password=" + PASSWORD,
				"tasktracker.auth.rate-limit=1", "tasktracker.auth.rate-limit-burst=3" })
@AutoConfigureRestTestClient
class PageAndSignUpLimitIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void pagesCountAgainstTheUsersRateLimitAndSayHowLongToWait() throws Exception {
		String name = uniqueUsername("clicker");
		assertThat(signUp(client("127.0.0.6"), name).statusCode()).isEqualTo(201);
		PageSession browser = PageSession.anonymous(this.port);
		assertThat(browser.signIn(name, PASSWORD)).endsWith("/app");

		HttpResponse<String> last = null;
		for (int i = 0; i < 20 && (last == null || last.statusCode() == 200); i++) {
			last = browser.get("/app/today");
			assertThat(last.headers().firstValue("RateLimit-Limit")).hasValue("3");
		}

		assertThat(last.statusCode()).isEqualTo(429);
		assertThat(last.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(last.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(last.body()).contains("Slow down a little")
			.contains("Try again in <span>1</span> <span>second</span>");
		assertThat(last.body()).as("the app's look, a way back, and no sidebar: no extra work over the limit")
			.contains("<header class=\"topbar\">", "class=\"card\"", "href=\"/app/today\">Back to Today</a>",
					"href=\"/app/today\">Try again</a>", "href=\"/assets/app.css\"")
			.doesNotContain("class=\"sidebar\"", "<span>" + name + "</span>");
		assertThat(browser.get("/assets/app.css").statusCode()).as("the files pages load are not counted")
			.isEqualTo(200);
	}

	@Test
	void openRegistrationTakesTenAccountsAnHourFromOneAddress() throws Exception {
		HttpClient busy = client("127.0.0.7");
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> created = signUp(busy, uniqueUsername("bulk"));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		}

		HttpResponse<String> refused = signUp(busy, uniqueUsername("bulk"));

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(refused.body()).contains("Too many accounts opened from this address");
		assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3601L);
		assertThat(signUp(client("127.0.0.8"), uniqueUsername("other")).statusCode()).as("another address")
			.isEqualTo(201);
	}

	private static HttpClient client(String localAddress) throws IOException {
		return HttpClient.newBuilder().localAddress(InetAddress.getByName(localAddress)).build();
	}

	private HttpResponse<String> signUp(HttpClient http, String username) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/users"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
