package org.tasktracker.support;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.test.web.servlet.client.ExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape every error body must have (RFC 9457 problem+json), and what it must never
 * carry.
 */
public final class ProblemAssert {

	private ProblemAssert() {
	}

	/**
	 * Asserts that the response is a problem with this status, for this request path,
	 * that leaks nothing of the implementation.
	 * @return the parsed problem, for further assertions
	 */
	public static JsonNode assertProblem(ExchangeResult response, int status, String instance) {
		assertThat(Responses.status(response)).as(response.toString()).isEqualTo(status);
		assertThat(String.valueOf(response.getResponseHeaders().getContentType())).as(response.toString())
			.startsWith("application/problem+json");
		JsonNode problem = Responses.json(response);
		assertThat(problem.get("type").stringValue()).isEqualTo("about:blank");
		assertThat(problem.get("status").intValue()).isEqualTo(status);
		assertThat(problem.get("title").stringValue()).isNotBlank();
		if (instance != null) {
			assertThat(problem.get("instance").stringValue()).isEqualTo(instance);
		}
		assertThat(Responses.body(response)).as("leaks implementation details")
			.doesNotContainIgnoringCase("exception")
			.doesNotContain("java.", "org.", "springframework", "SQL", "select ", "insert ", "jdbc", "postgres",
					"\tat ");
		return problem;
	}

	/** Asserts a 422 whose {@code errors} name exactly these fields, in any order. */
	public static JsonNode assertInvalid(ExchangeResult response, String instance, String... fields) {
		JsonNode problem = assertProblem(response, 422, instance);
		List<String> named = new ArrayList<>();
		for (JsonNode error : problem.get("errors")) {
			named.add(error.get("field").stringValue());
			assertThat(error.get("message").stringValue()).isNotBlank();
			assertThat(problem.get("detail").stringValue()).contains(error.get("field").stringValue() + ": ");
		}
		assertThat(named).containsExactlyInAnyOrder(fields);
		return problem;
	}

}
