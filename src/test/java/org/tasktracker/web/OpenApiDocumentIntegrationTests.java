package org.tasktracker.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.tasktracker.support.Responses.json;

/**
 * The served OpenAPI document: exactly the API's operations, each with a stable id; the
 * same as the copy in {@code docs/openapi.json} that clients are generated from; and
 * clean under Redocly's recommended rules where the CLI is installed (CI installs it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class OpenApiDocumentIntegrationTests {

	private static final Path COMMITTED = Path.of("docs/openapi.json");

	private static final Path SERVED = Path.of("target/openapi.json");

	/** Served by the framework, not part of the API. */
	private static final Set<String> NOT_THE_API = Set.of("/openapi.json", "/docs", "/swagger-ui", "/error",
			"/metrics");

	/** The web UI's pages and forms: HTML for people, not the API. */
	private static final Set<String> WEB_UI = Set.of("/app", "/login");

	/** The CalDAV server: WebDAV's methods and XML for calendar apps, not the API. */
	private static final Set<String> DAV = Set.of("/dav", "/.well-known/caldav");

	@Autowired
	private RestTestClient client;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void describesEveryOperationOfTheApiAndNothingElse() {
		JsonNode paths = document().get("paths");
		Set<String> documented = new TreeSet<>();
		paths.properties()
			.forEach((path) -> path.getValue()
				.propertyNames()
				.forEach((method) -> documented.add(method.toUpperCase() + " " + path.getKey())));
		Set<String> served = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : this.mappings.getHandlerMethods().entrySet()) {
			for (String path : mapping.getKey().getPatternValues()) {
				if (path.startsWith("/tasks") || path.startsWith("/health") || path.startsWith("/users")
						|| path.startsWith("/tokens") || path.startsWith("/projects") || path.startsWith("/labels")
						|| path.startsWith("/sync") || path.equals("/export") || path.equals("/export.ics")
						|| path.equals("/import")) {
					mapping.getKey()
						.getMethodsCondition()
						.getMethods()
						.forEach((method) -> served.add(method.name() + " " + path));
				}
				else if (!path.equals("/") && WEB_UI.stream().noneMatch(path::startsWith)
						&& DAV.stream().noneMatch(path::startsWith)) {
					assertThat(NOT_THE_API).as("an endpoint outside the documented API").anyMatch(path::startsWith);
				}
			}
		}
		assertThat(documented).isEqualTo(served);
	}

	@Test
	void listsA415ProblemForEveryOperationThatTakesOnlySomeMediaTypes() {
		JsonNode paths = document().get("paths");
		Set<String> consuming = new TreeSet<>();
		for (RequestMappingInfo mapping : this.mappings.getHandlerMethods().keySet()) {
			if (mapping.getConsumesCondition().isEmpty()) {
				continue;
			}
			for (String path : mapping.getPatternValues()) {
				if (paths.has(path)) {
					mapping.getMethodsCondition()
						.getMethods()
						.forEach((method) -> consuming.add(method.name().toLowerCase() + " " + path));
				}
			}
		}
		assertThat(consuming).as("the operations that take a body").contains("post /import", "post /tasks");
		for (String operation : consuming) {
			String[] methodAndPath = operation.split(" ", 2);
			JsonNode refusal = paths.get(methodAndPath[1]).get(methodAndPath[0]).get("responses").get("415");
			assertThat(refusal).as(operation).isNotNull();
			assertThat(refusal.get("content").get("application/problem+json").get("schema").get("$ref").stringValue())
				.as(operation)
				.isEqualTo("#/components/schemas/Problem");
		}
	}

	@Test
	void namesEveryOperationForGeneratedClients() {
		List<String> ids = new ArrayList<>();
		document().get("paths")
			.forEach((path) -> path.forEach((operation) -> ids.add(operation.get("operationId").stringValue())));
		assertThat(ids).containsExactlyInAnyOrder("listTasks", "createTask", "getTask", "updateTask", "deleteTask",
				"completeTask", "reopenTask", "moveTask", "listTaskCompletions", "getHealth", "getReadiness",
				"getLiveness", "createUser", "listUsers", "getMe", "updateMe", "deleteUser", "createToken",
				"listTokens", "revokeToken", "createProject", "listProjects", "getProject", "updateProject",
				"deleteProject", "listLabels", "renameLabel", "deleteLabel", "sync", "exportData", "exportCalendar",
				"importData");
	}

	@Test
	void isTheDocumentThatClientsAreGeneratedFrom() throws IOException {
		JsonNode served = document();
		Files.createDirectories(SERVED.getParent());
		Files.writeString(SERVED,
				JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(served));
		assertThat(JsonMapper.builder().build().readTree(Files.readString(COMMITTED)))
			.as("docs/openapi.json differs from the served document; if the change is meant, copy %s over it", SERVED)
			.isEqualTo(served);
	}

	@Test
	void lintsCleanWithRedoclysRecommendedRules() throws Exception {
		assumeTrue(onPath("redocly"), "Redocly CLI is not installed (CI installs it)");
		Path document = Files.createTempFile("openapi", ".json");
		Files.writeString(document,
				this.client.get()
					.uri("/openapi.json")
					.exchange()
					.expectBody(String.class)
					.returnResult()
					.getResponseBody());
		ProcessBuilder lint = new ProcessBuilder("redocly", "lint", "--config", "redocly.yaml", "--format", "stylish",
				document.toString())
			.redirectErrorStream(true);
		lint.environment().put("REDOCLY_TELEMETRY", "off");
		lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
		Process process = lint.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).as(output)
			.contains("Your API description is valid")
			.doesNotContainPattern("You have \\d+ warnings?");
	}

	private JsonNode document() {
		return json(this.client.get().uri("/openapi.json").exchange().expectStatus().isOk().returnResult());
	}

	private static boolean onPath(String tool) {
		String path = System.getenv("PATH");
		return path != null && List.of(path.split(java.io.File.pathSeparator))
			.stream()
			.anyMatch((directory) -> Files.isExecutable(Path.of(directory, tool)));
	}

}
