package org.tasktracker.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;
import static org.tasktracker.support.ProblemAssert.assertProblem;
import static org.tasktracker.support.Responses.raw;

/**
 * The contract's error table over HTTP: every bad input gets its 4xx problem response,
 * leaks nothing, and changes nothing. Requests that no ordinary client builds (chunked
 * bodies, no Content-Type, malformed request lines) go out through the JDK's client or a
 * socket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@Isolated
class ErrorResponsesIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@ParameterizedTest
	@ValueSource(strings = { "{'title': ", "{title: 'x'}", "{'title': 'x'} trailing", "[{'title': 'x'}]",
			"'just a string'", "42", "null", "{'title': 'a', 'title': 'b'}", "" })
	void refusesBodiesThatAreNotAJsonObjectWith400(String body) {
		long before = taskCount();
		JsonNode problem = assertProblem(create(json(body)), 400, "/tasks");
		assertThat(problem.get("detail").stringValue()).isNotBlank();
		assertThat(taskCount()).isEqualTo(before);
	}

	@Test
	void refusesOtherMediaTypesWith415() {
		long before = taskCount();
		ExchangeResult plain = this.client.post()
			.uri("/tasks")
			.contentType(MediaType.TEXT_PLAIN)
			.body(json("{'title': 'x'}"))
			.exchange()
			.returnResult();
		assertProblem(plain, 415, "/tasks");
		assertThat(plain.getResponseHeaders().getFirst(HttpHeaders.ACCEPT)).contains("application/json");
		assertProblem(this.client.patch()
			.uri("/tasks/1")
			.contentType(MediaType.APPLICATION_XML)
			.body("<x/>")
			.exchange()
			.returnResult(), 415, "/tasks/1");

		HttpResponse<String> untyped = send(request("/tasks").POST(BodyPublishers.ofString(json("{'title': 'x'}"))));
		assertThat(untyped.statusCode()).isEqualTo(415);
		assertThat(untyped.headers().firstValue(HttpHeaders.CONTENT_TYPE)).contains("application/problem+json");
		assertThat(untyped.body()).contains("no Content-Type").contains("application/json").doesNotContain("null");
		assertThat(taskCount()).isEqualTo(before);
	}

	@Test
	void refusesBodiesOverOneMebibyteWith413() {
		long before = taskCount();
		String big = json("{'title': 'x', 'description': '" + "a".repeat(1024 * 1024) + "'}");
		JsonNode problem = assertProblem(create(big), 413, "/tasks");
		assertThat(problem.get("detail").stringValue()).contains("1048576");
		assertThat(taskCount()).isEqualTo(before);
	}

	@Test
	void refusesChunkedBodiesOverOneMebibyteWith413() {
		byte[] big = json("{'title': '" + "a".repeat(1024 * 1024) + "'}").getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = send(chunked(big));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("\"status\":413");
	}

	@Test
	void acceptsAChunkedBodyUnderTheLimit() {
		HttpResponse<String> response = send(chunked(json("{'title': 'chunked'}").getBytes(StandardCharsets.UTF_8)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(response.body()).contains("\"title\":\"chunked\"");
	}

	static Stream<Arguments> brokenCreateRules() {
		return Stream.of(Arguments.of("{}", List.of("title")), Arguments.of("{'title': 123}", List.of("title")),
				Arguments.of("{'title': '   '}", List.of("title")),
				Arguments.of("{'title': '" + "x".repeat(201) + "'}", List.of("title")),
				Arguments.of("{'title': 'a\\u0000b'}", List.of("title")),
				Arguments.of("{'title': 'a\\u001fb'}", List.of("title")),
				Arguments.of("{'title': 'a', 'description': '\\u0000'}", List.of("description")),
				Arguments.of("{'title': 'a', 'description': {}}", List.of("description")),
				Arguments.of("{'title': 'a', 'description': '" + "d".repeat(10_001) + "'}", List.of("description")),
				Arguments.of("{'title': 'a', 'completed': 'true'}", List.of("completed")),
				Arguments.of("{'title': 'a', 'id': 1, 'created_at': 'x', 'owner': 1}",
						List.of("id", "created_at", "owner")));
	}

	@ParameterizedTest
	@MethodSource("brokenCreateRules")
	void refusesEachBrokenCreateRuleWith422NamingTheField(String body, List<String> fields) {
		long before = taskCount();
		assertInvalid(create(json(body)), "/tasks", fields.toArray(String[]::new));
		assertThat(taskCount()).isEqualTo(before);
	}

	@Test
	void namesTheProblemInDetailAndErrors() {
		this.client.post().uri("/tasks").contentType(MediaType.APPLICATION_JSON).body("""
				{"title": ""}
				""").exchange().expectStatus().isEqualTo(422).expectBody().json("""
				{
				  "type": "about:blank",
				  "title": "Unprocessable Content",
				  "status": 422,
				  "detail": "title: must not be blank",
				  "instance": "/tasks",
				  "errors": [{"field": "title", "message": "must not be blank"}]
				}
				""");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "0", "-1", "1.5", "99999999999999999999", "%20", "1e3" })
	void refusesIdsThatAreNotPositiveInt64With422(String id) {
		URI task = raw("/tasks/" + id);
		for (ExchangeResult response : List.of(this.client.get().uri(task).exchange().returnResult(),
				this.client.post().uri(raw(task + "/complete")).exchange().returnResult(),
				this.client.post().uri(raw(task + "/reopen")).exchange().returnResult(),
				this.client.delete().uri(task).exchange().returnResult(),
				this.client.patch()
					.uri(task)
					.contentType(MediaType.APPLICATION_JSON)
					.body(json("{'title': 'x'}"))
					.exchange()
					.returnResult())) {
			assertInvalid(response, null, "id");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET /nothing-here", "GET /tasks/1/history", "POST /tasks/1/archive" })
	void answersUnknownPathsWith404(String request) {
		String[] methodAndPath = request.split(" ");
		assertProblem(this.client.method(HttpMethod.valueOf(methodAndPath[0]))
			.uri(methodAndPath[1])
			.exchange()
			.returnResult(), 404, methodAndPath[1]);
	}

	@Test
	void answersWrongMethodsWith405AndAllow() {
		ExchangeResult put = this.client.put()
			.uri("/tasks/1")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.exchange()
			.returnResult();
		assertProblem(put, 405, "/tasks/1");
		assertThat(put.getResponseHeaders().getAllow()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.PATCH,
				HttpMethod.DELETE);

		ExchangeResult deleteAll = this.client.delete().uri("/tasks").exchange().returnResult();
		assertProblem(deleteAll, 405, "/tasks");
		assertThat(deleteAll.getResponseHeaders().getAllow()).containsExactlyInAnyOrder(HttpMethod.GET,
				HttpMethod.POST);

		ExchangeResult getComplete = this.client.get().uri("/tasks/1/complete").exchange().returnResult();
		assertProblem(getComplete, 405, "/tasks/1/complete");
		assertThat(getComplete.getResponseHeaders().getAllow()).containsExactly(HttpMethod.POST);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/tasks?q=%zz", "/tasks?q=\u00fc", "/tasks/%" })
	void answersRequestsTomcatRefusesAsProblems(String target) {
		String response = rawExchange("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 400")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.contains("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,")
			.doesNotContain("Exception", "Tomcat", "<html");
		if (target.equals("/tasks?q=%zz")) {
			// Tomcat read the request line; with a raw non-ASCII byte it stops before the
			// path.
			assertThat(response).as("the path").contains("\"instance\":\"/tasks\"");
		}
	}

	/**
	 * Spring Security's firewall refuses paths that servlet containers and frameworks
	 * read differently (an encoded percent, a semicolon, an encoded dot segment); the
	 * error dispatch that answers it is a problem like every other.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/tasks/1%25", "/tasks/1;x=y", "/tasks/1%3B", "/tasks/%2E%2E/1" })
	void answersRequestsTheFirewallRefusesAsProblems(String path) {
		assertProblem(this.client.get().uri(raw(path)).exchange().returnResult(), 400, path);
	}

	@Test
	void echoesASaneRequestIdAndReplacesOthers() {
		this.client.get()
			.uri("/tasks/abc")
			.header("X-Request-Id", "abc-123")
			.exchange()
			.expectHeader()
			.valueEquals("X-Request-Id", "abc-123");

		String forged = this.client.get()
			.uri("/health/live")
			.header("X-Request-Id", "bad id\u00e9")
			.exchange()
			.returnResult()
			.getResponseHeaders()
			.getFirst("X-Request-Id");
		UUID replaced = UUID.fromString(forged);
		assertThat(replaced.version()).isEqualTo(4);
		assertThat(replaced.variant()).isEqualTo(2);

		assertThat(this.client.get()
			.uri("/health/live")
			.exchange()
			.returnResult()
			.getResponseHeaders()
			.getFirst("X-Request-Id")).isNotEqualTo(replaced.toString());
	}

	private ExchangeResult create(String body) {
		return this.client.post()
			.uri("/tasks")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.returnResult();
	}

	/** JSON written with single quotes, which read more easily inside Java strings. */
	private static String json(String singleQuoted) {
		return singleQuoted.replace('\'', '"');
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	/** A body of unknown length, which the JDK's client sends chunked. */
	private HttpRequest.Builder chunked(byte[] body) {
		return request("/tasks").header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Sends bytes as they are and returns the whole response as text. */
	private String rawExchange(String request) {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private long taskCount() {
		return this.jdbc.sql("SELECT count(*) FROM tasks").query(Long.class).single();
	}

}
