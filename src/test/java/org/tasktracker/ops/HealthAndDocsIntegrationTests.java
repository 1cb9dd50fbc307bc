package org.tasktracker.ops;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.json;

/**
 * Health checks and the API documentation, as FastAPI offered them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class HealthAndDocsIntegrationTests {

	@Autowired
	private RestTestClient client;

	@ParameterizedTest
	@ValueSource(strings = { "/health", "/health/ready" })
	void reportsUpWhileTheDatabaseAnswersStatusFirst(String path) {
		String body = this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).as("status comes first").isEqualTo("""
				{"status":"UP","checks":{"database":"UP"}}""");
	}

	@Test
	void reportsLiveness() {
		this.client.get().uri("/health/live").exchange().expectStatus().isOk().expectBody().json("""
				{"status": "UP"}
				""");
	}

	@Test
	void servesTheOpenApiDocumentOfEveryEndpoint() {
		JsonNode document = json(this.client.get()
			.uri("/openapi.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.returnResult());

		assertThat(document.get("openapi").stringValue()).startsWith("3.");
		assertThat(document.get("paths").propertyNames()).contains("/tasks", "/tasks/{id}", "/tasks/{id}/complete",
				"/tasks/{id}/reopen", "/health", "/health/live", "/health/ready");
		JsonNode task = document.get("components").get("schemas").get("Task");
		assertThat(task.get("properties").propertyNames()).contains("id", "title", "description", "completed",
				"created_at", "updated_at", "completed_at");
	}

	@Test
	void servesAnInteractivePageAtDocsThatLoadsTheDocument() {
		String page = this.client.get()
			.uri("/docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("<div id=\"swagger-ui\">");
		java.util.regex.Matcher files = java.util.regex.Pattern.compile("(?:href|src)=\"(/swagger-ui/[^\"]+)\"")
			.matcher(page);
		int found = 0;
		String initializer = null;
		while (files.find()) {
			found++;
			String body = this.client.get()
				.uri(files.group(1))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			if (files.group(1).endsWith("swagger-initializer.js")) {
				initializer = body;
			}
		}
		assertThat(found).as("the page's styles and scripts").isEqualTo(5);
		assertThat(initializer).as("swagger-ui is pointed at the service's document").contains("/openapi.json");
	}

}
