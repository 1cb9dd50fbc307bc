package org.tasktracker.ops;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.json;

/**
 * {@code FORWARD_HEADERS=native} with the default {@code AUTH_MODE=local}: the client's
 * scheme comes from the proxy, and a request through a proxy never acts as the local
 * user, even when its {@code X-Forwarded-For} names loopback (Tomcat then removes the
 * header).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.forward-headers-strategy=native")
@AutoConfigureRestTestClient
class ForwardedHeadersIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Test
	void aRequestWithoutAProxyOnLoopbackStillActsAsTheLocalUser() {
		assertThat(
				json(this.client.get().uri("/users/me").exchange().expectStatus().isOk().returnResult()).get("username")
					.stringValue())
			.isEqualTo("local");
	}

	@Test
	void aRequestForwardedForALoopbackClientNeedsCredentials() {
		this.client.get()
			.uri("/users/me")
			.header("X-Forwarded-For", "127.0.0.1")
			.header("X-Forwarded-Proto", "http")
			.header(HttpHeaders.HOST, "localhost")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.get()
			.uri("/users/me")
			.header("X-Forwarded-For", "127.0.0.1, 10.0.0.2")
			.header(HttpHeaders.HOST, "localhost")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void aRequestForwardedForAnotherClientNeedsCredentials() {
		this.client.get()
			.uri("/users/me")
			.header("X-Forwarded-For", "203.0.113.9")
			.header(HttpHeaders.HOST, "localhost")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void takesTheSchemeFromTheProxy() {
		String cookie = this.client.get()
			.uri("/login")
			.header("X-Forwarded-For", "203.0.113.9")
			.header("X-Forwarded-Proto", "https")
			.header(HttpHeaders.HOST, "tasks.example.org")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult()
			.getResponseHeaders()
			.getFirst(HttpHeaders.SET_COOKIE);
		assertThat(cookie).as("the session cookie of a page served over https").contains("Secure");
	}

}
