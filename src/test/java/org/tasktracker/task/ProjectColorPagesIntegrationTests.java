package org.tasktracker.task;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tasktracker.support.PageSession;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.json;

/**
 * A project's colour through the pages, as the local user on loopback: chosen from the
 * palette on the project's page, drawn in the sidebar and the heading, removed again, and
 * a value that is not a colour refused in the page's words with nothing changed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ProjectColorPagesIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	@Test
	void aColourChosenOnTheProjectsPageIsDrawnInTheSidebarAndHeadingAndCanBeRemoved() {
		long id = project("Garden " + System.nanoTime() % 100_000);
		PageSession page = PageSession.anonymous(this.port);
		String opened = page.get("/app/projects/" + id).body();
		assertThat(opened).contains("<legend>Colour</legend>", "value=\"#299438\"", "Green");

		HttpResponse<String> saved = page.post("/app/projects/" + id + "/color", Map.of("color", "#299438"));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(projectJson(id).get("color").stringValue()).isEqualTo("#299438");
		String coloured = page.get("/app/projects/" + id).body();
		assertThat(coloured).contains("Colour changed.", "<circle cx=\"5\" cy=\"5\" r=\"5\" fill=\"#299438\"")
			.containsPattern("value=\"#299438\" checked");

		page.post("/app/projects/" + id + "/color", Map.of("color", ""));
		assertThat(projectJson(id).get("color").isNull()).isTrue();
		assertThat(page.get("/app/projects/" + id).body()).contains("Colour removed.")
			.doesNotContain("r=\"5\" fill=\"#299438\"");
	}

	@Test
	void aValueThatIsNotAColourIsRefusedInWordsAndChangesNothing() {
		long id = project("Kitchen " + System.nanoTime() % 100_000);
		PageSession page = PageSession.anonymous(this.port);
		page.get("/app/projects/" + id);
		page.post("/app/projects/" + id + "/color", Map.of("color", "#123456"));
		assertThat(page.get("/app/projects/" + id).body()).contains("Colour changed.");

		page.post("/app/projects/" + id + "/color", Map.of("color", "red\"><script>"));
		String refused = page.get("/app/projects/" + id).body();
		assertThat(refused).contains("Choose one of the colours, or none.").doesNotContain("rrggbb", "<script>");
		assertThat(projectJson(id).get("color").stringValue()).isEqualTo("#123456");
	}

	@Test
	void anotherUsersProjectCannotBeColoured() {
		String admin = "{\"username\": \"tint-" + System.nanoTime() % 1_000_000
				+ "\", \"password\": \"a long enough password\"}";
		JsonNode other = json(this.client.post()
			.uri("/users")
			.contentType(MediaType.APPLICATION_JSON)
			.body(admin)
			.exchange()
			.returnResult());
		String token = json(this.client.post()
			.uri("/tokens")
			.headers((headers) -> headers.setBasicAuth(other.get("username").stringValue(), "a long enough password"))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"t\", \"scopes\": [\"tasks:write\"]}")
			.exchange()
			.returnResult()).get("token").stringValue();
		long theirs = json(this.client.post()
			.uri("/projects")
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"Theirs\", \"color\": \"#808080\"}")
			.exchange()
			.returnResult()).get("id").longValue();
		PageSession page = PageSession.anonymous(this.port);
		page.get("/app/today");

		page.post("/app/projects/" + theirs + "/color", Map.of("color", "#db4035"));

		JsonNode still = json(this.client.get()
			.uri("/projects/" + theirs)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.returnResult());
		assertThat(still.get("color").stringValue()).isEqualTo("#808080");
	}

	private long project(String name) {
		return json(this.client.post()
			.uri("/projects")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"" + name + "\"}")
			.exchange()
			.returnResult()).get("id").longValue();
	}

	private JsonNode projectJson(long id) {
		return json(this.client.get().uri("/projects/" + id).exchange().returnResult());
	}

}
