package org.tasktracker.account;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.account.AccountFixtures.PASSWORD;
import static org.tasktracker.account.AccountFixtures.basic;
import static org.tasktracker.account.AccountFixtures.createUser;
import static org.tasktracker.account.AccountFixtures.uniqueUsername;
import static org.tasktracker.support.ProblemAssert.assertProblem;
import static org.tasktracker.support.Responses.status;

/**
 * Failed password checks over HTTP, in a context of its own: the limit it reaches holds
 * this machine's address for a minute.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "tasktracker.auth.rate-limit-burst=201")
@AutoConfigureRestTestClient
class PasswordLimitIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Test
	void afterTenFailuresEvenTheRightPasswordWaitsForTheMinute() {
		String name = uniqueUsername("guessed");
		createUser(this.client, name, false);
		for (int i = 0; i < PasswordAttempts.LIMIT; i++) {
			assertThat(status(createToken(basic(name, "wrong guess number " + i)))).isEqualTo(401);
		}

		ExchangeResult refused = createToken(basic(name, PASSWORD));

		assertProblem(refused, 429, "/tokens");
		assertThat(Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
	}

	private ExchangeResult createToken(String authorization) {
		return this.client.post()
			.uri("/tokens")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"t\", \"scopes\": [\"tasks:read\"]}")
			.exchange()
			.returnResult();
	}

}
