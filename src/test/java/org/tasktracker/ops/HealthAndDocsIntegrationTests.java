package org.tasktracker.ops;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tasktracker.support.ApiClient;
import org.tasktracker.support.ApiClient.Response;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health checks and the API documentation, as FastAPI offered them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthAndDocsIntegrationTests {

	@LocalServerPort
	private int port;

	private ApiClient api;

	@BeforeEach
	void setUp() {
		this.api = new ApiClient(this.port);
	}

	@Test
	void reportsUpWhileTheDatabaseAnswersStatusFirst() {
		for (String path : new String[] { "/health", "/health/ready" }) {
			Response response = this.api.get(path);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.contentType()).startsWith("application/json");
			assertThat(response.json().get("status").stringValue()).isEqualTo("UP");
			assertThat(response.json().get("checks").get("database").stringValue()).isEqualTo("UP");
			assertThat(response.body()).as("status comes first").startsWith("{\"status\":\"UP\",");
		}
	}

	@Test
	void reportsLiveness() {
		Response response = this.api.get("/health/live");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("status").stringValue()).isEqualTo("UP");
	}

	@Test
	void servesTheOpenApiDocumentOfEveryEndpoint() {
		Response response = this.api.get("/openapi.json");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode document = response.json();
		assertThat(document.get("openapi").stringValue()).startsWith("3.");
		assertThat(document.get("paths").propertyNames()).contains("/tasks", "/tasks/{id}", "/tasks/{id}/complete",
				"/tasks/{id}/reopen", "/health", "/health/live", "/health/ready");
		JsonNode task = document.get("components").get("schemas").get("Task");
		assertThat(task.get("properties").propertyNames()).contains("id", "title", "description", "completed",
				"created_at", "updated_at", "completed_at");
	}

	@Test
	void servesAnInteractivePageAtDocs() {
		Response redirect = this.api.get("/docs");
		assertThat(redirect.status()).isEqualTo(302);
		String location = redirect.header("Location").orElseThrow();
		Response page = this.api.get(java.net.URI.create(location).getPath());
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.body()).contains("swagger-ui");
	}

}
