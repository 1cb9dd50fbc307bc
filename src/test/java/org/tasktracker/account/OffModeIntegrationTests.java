package org.tasktracker.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertProblem;
import static org.tasktracker.support.Responses.json;

/**
 * {@code AUTH_MODE=off}: the local user from anywhere, through proxies and under any
 * name, but never for a page of another site.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tasktracker.auth.mode=off")
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class OffModeIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Test
	void actsAsTheLocalUserThroughAProxyAndUnderAnyName() {
		assertThat(json(this.client.get()
			.uri("/users/me")
			.header("X-Forwarded-For", "198.51.100.1")
			.header(HttpHeaders.HOST, "tasks.example.org")
			.exchange()
			.returnResult()).get("username").stringValue()).isEqualTo("local");
	}

	@Test
	void warnsAtStart(CapturedOutput output) {
		assertThat(output.getAll()).contains("WARN").contains("AUTH_MODE=off");
	}

	@Test
	void refusesAPageOfAnotherSite() {
		assertProblem(this.client.get()
			.uri("/users/me")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.exchange()
			.returnResult(), 401, "/users/me");
		assertProblem(
				this.client.get().uri("/users/me").header("Sec-Fetch-Site", "cross-site").exchange().returnResult(),
				401, "/users/me");
	}

}
