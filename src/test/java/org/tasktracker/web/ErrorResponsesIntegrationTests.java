package org.tasktracker.web;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tasktracker.support.ApiClient;
import org.tasktracker.support.ApiClient.Response;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;
import static org.tasktracker.support.ProblemAssert.assertProblem;

/**
 * The contract's error table over HTTP: every bad input gets its 4xx problem response,
 * leaks nothing, and changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorResponsesIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	private ApiClient api;

	@BeforeEach
	void setUp() {
		this.api = new ApiClient(this.port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"title\": ", "{title: \"x\"}", "{\"title\": \"x\"} trailing", "[{\"title\": \"x\"}]",
			"\"just a string\"", "42", "null", "{\"title\": \"a\", \"title\": \"b\"}" })
	void refusesBodiesThatAreNotAJsonObjectWith400(String body) {
		long before = taskCount();
		JsonNode problem = assertProblem(this.api.postJson("/tasks", body), 400, "/tasks");
		assertThat(problem.get("detail").stringValue()).isNotBlank();
		assertThat(taskCount()).isEqualTo(before);
	}

	@Test
	void refusesAnEmptyBodyWith400() {
		assertProblem(this.api.postJson("/tasks", ""), 400, "/tasks");
	}

	@Test
	void refusesOtherMediaTypesWith415() {
		long before = taskCount();
		Response plain = this.api.send("POST", "/tasks", "text/plain", BodyPublishers.ofString("{\"title\": \"x\"}"));
		assertProblem(plain, 415, "/tasks");
		assertThat(plain.header("Accept"))
			.hasValueSatisfying((accept) -> assertThat(accept).contains("application/json"));
		assertProblem(this.api.send("POST", "/tasks", null, BodyPublishers.ofString("{\"title\": \"x\"}")), 415,
				"/tasks");
		assertProblem(this.api.send("PATCH", "/tasks/1", "application/xml", BodyPublishers.ofString("<x/>")), 415,
				"/tasks/1");
		assertThat(taskCount()).isEqualTo(before);
	}

	@Test
	void refusesBodiesOverOneMebibyteWith413() {
		long before = taskCount();
		String big = "{\"title\": \"x\", \"description\": \"" + "a".repeat(1024 * 1024) + "\"}";
		JsonNode problem = assertProblem(this.api.postJson("/tasks", big), 413, "/tasks");
		assertThat(problem.get("detail").stringValue()).contains("1048576");
		assertThat(taskCount()).isEqualTo(before);
	}

	@Test
	void refusesChunkedBodiesOverOneMebibyteWith413() {
		byte[] big = ("{\"title\": \"" + "a".repeat(1024 * 1024) + "\"}").getBytes();
		// An input-stream publisher has no length, so the client sends it chunked.
		Response response = this.api.send("POST", "/tasks", "application/json",
				BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));
		assertProblem(response, 413, "/tasks");
	}

	@Test
	void acceptsAChunkedBodyUnderTheLimit() {
		byte[] body = "{\"title\": \"chunked\"}".getBytes();
		Response response = this.api.send("POST", "/tasks", "application/json",
				BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(response.json().get("title").stringValue()).isEqualTo("chunked");
	}

	@Test
	void refusesEachBrokenCreateRuleWith422NamingTheField() {
		long before = taskCount();
		assertInvalid(this.api.postJson("/tasks", "{}"), "/tasks", "title");
		assertInvalid(this.api.postJson("/tasks", "{\"title\": 123}"), "/tasks", "title");
		assertInvalid(this.api.postJson("/tasks", "{\"title\": \"   \"}"), "/tasks", "title");
		assertInvalid(this.api.postJson("/tasks", "{\"title\": \"" + "x".repeat(201) + "\"}"), "/tasks", "title");
		assertInvalid(this.api.postJson("/tasks", "{\"title\": \"a\\u0000b\"}"), "/tasks", "title");
		assertInvalid(this.api.postJson("/tasks", "{\"title\": \"a\\u001fb\"}"), "/tasks", "title");
		assertInvalid(this.api.postJson("/tasks", "{\"title\": \"a\", \"description\": \"\\u0000\"}"), "/tasks",
				"description");
		assertInvalid(this.api.postJson("/tasks", "{\"title\": \"a\", \"description\": {}}"), "/tasks", "description");
		assertInvalid(
				this.api.postJson("/tasks", "{\"title\": \"a\", \"description\": \"" + "d".repeat(10_001) + "\"}"),
				"/tasks", "description");
		assertInvalid(this.api.postJson("/tasks", "{\"title\": \"a\", \"completed\": \"true\"}"), "/tasks",
				"completed");
		assertInvalid(this.api.postJson("/tasks", "{\"title\": \"a\", \"id\": 1, \"created_at\": \"x\", \"owner\": 1}"),
				"/tasks", "id", "created_at", "owner");
		assertThat(taskCount()).isEqualTo(before);
	}

	@Test
	void namesTheProblemInDetailAndErrors() {
		JsonNode problem = assertInvalid(this.api.postJson("/tasks", "{\"title\": \"\"}"), "/tasks", "title");
		assertThat(problem.get("title").stringValue()).isEqualTo("Unprocessable Content");
		assertThat(problem.get("detail").stringValue()).isEqualTo("title: must not be blank");
		assertThat(problem.get("errors").get(0).get("message").stringValue()).isEqualTo("must not be blank");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "0", "-1", "1.5", "99999999999999999999", "%20", "1e3" })
	void refusesIdsThatAreNotPositiveInt64With422(String id) {
		for (Response response : List.of(this.api.get("/tasks/" + id), this.api.post("/tasks/" + id + "/complete"),
				this.api.post("/tasks/" + id + "/reopen"), this.api.delete("/tasks/" + id),
				this.api.patch("/tasks/" + id, "application/json", "{\"title\": \"x\"}"))) {
			assertInvalid(response, null, "id");
		}
	}

	@Test
	void answersUnknownPathsWith404() {
		assertProblem(this.api.get("/nothing-here"), 404, "/nothing-here");
		assertProblem(this.api.get("/tasks/1/history"), 404, "/tasks/1/history");
		assertProblem(this.api.post("/tasks/1/archive"), 404, "/tasks/1/archive");
	}

	@Test
	void answersWrongMethodsWith405AndAllow() {
		Response put = this.api.send("PUT", "/tasks/1", "application/json", BodyPublishers.ofString("{}"));
		assertProblem(put, 405, "/tasks/1");
		assertThat(allowed(put)).containsExactlyInAnyOrder("GET", "PATCH", "DELETE");

		Response deleteAll = this.api.delete("/tasks");
		assertProblem(deleteAll, 405, "/tasks");
		assertThat(allowed(deleteAll)).containsExactlyInAnyOrder("GET", "POST");

		Response getComplete = this.api.get("/tasks/1/complete");
		assertProblem(getComplete, 405, "/tasks/1/complete");
		assertThat(allowed(getComplete)).containsExactly("POST");
	}

	@Test
	void answersRequestsTomcatRefusesAsProblems() {
		for (String target : List.of("/tasks?q=%zz", "/tasks?q=\u00fc", "/tasks/%")) {
			String response = this.api
				.raw(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			assertThat(response).as(target)
				.startsWith("HTTP/1.1 400")
				.containsIgnoringCase("Content-Type: application/problem+json")
				.contains("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,")
				.doesNotContain("Exception", "Tomcat", "<html");
		}
	}

	@Test
	void echoesASaneRequestIdAndReplacesOthers() {
		Response given = this.api.send(this.api.request("/tasks/abc").header("X-Request-Id", "abc-123"));
		assertThat(given.header("X-Request-Id")).contains("abc-123");

		Response forged = this.api.send(this.api.request("/health/live").header("X-Request-Id", "bad id\u00e9"));
		UUID replaced = UUID.fromString(forged.header("X-Request-Id").orElseThrow());
		assertThat(replaced.version()).isEqualTo(4);
		assertThat(replaced.variant()).isEqualTo(2);

		Response another = this.api.get("/health/live");
		assertThat(another.header("X-Request-Id"))
			.hasValueSatisfying((id) -> assertThat(id).isNotEqualTo(replaced.toString()));
	}

	private static List<String> allowed(Response response) {
		return List.of(response.header("Allow").orElse("").split("\\s*,\\s*"));
	}

	private long taskCount() {
		return this.jdbc.sql("SELECT count(*) FROM tasks").query(Long.class).single();
	}

}
