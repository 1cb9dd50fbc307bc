package org.tasktracker.task;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import org.tasktracker.support.ApiUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;
import static org.tasktracker.support.ProblemAssert.assertProblem;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * Projects and labels over HTTP, each test as a user of its own so that the listings are
 * its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ProjectsAndLabelsIntegrationTests {

	@Autowired
	private RestTestClient client;

	private String auth;

	private String otherAuth;

	@BeforeEach
	void twoUsers() {
		this.auth = newUserToken("pl");
		this.otherAuth = newUserToken("other");
	}

	@Test
	void createsListsRenamesArchivesAndCountsOpenTasks() {
		ExchangeResult created = send("POST", "/projects", "{\"name\": \"  Home \"}", this.auth);
		assertThat(status(created)).isEqualTo(201);
		JsonNode home = json(created);
		long id = home.get("id").longValue();
		assertThat(created.getResponseHeaders().getLocation()).hasToString("/projects/" + id);
		assertThat(home.get("name").stringValue()).isEqualTo("Home");
		assertThat(home.get("archived").booleanValue()).isFalse();
		assertThat(home.get("open_tasks").longValue()).isZero();
		send("POST", "/projects", "{\"name\": \"away\"}", this.auth);
		send("POST", "/tasks", "{\"title\": \"in home\", \"project_id\": " + id + "}", this.auth);
		long done = json(send("POST", "/tasks", "{\"title\": \"done\", \"project_id\": " + id + "}", this.auth))
			.get("id")
			.longValue();
		send("POST", "/tasks/" + done + "/complete", null, this.auth);

		JsonNode listed = json(send("GET", "/projects", null, this.auth));
		assertThat(listed).extracting((project) -> project.get("name").stringValue()).containsExactly("away", "Home");
		assertThat(json(send("GET", "/projects/" + id, null, this.auth)).get("open_tasks").longValue()).isEqualTo(1);

		JsonNode archived = json(
				send("PATCH", "/projects/" + id, "{\"archived\": true, \"name\": \"House\"}", this.auth));
		assertThat(archived.get("archived").booleanValue()).isTrue();
		assertThat(archived.get("name").stringValue()).isEqualTo("House");
		assertThat(json(send("GET", "/projects?archived=true", null, this.auth))).hasSize(1);
		assertThat(json(send("GET", "/projects?archived=false", null, this.auth))).hasSize(1);
	}

	@Test
	void refusesADuplicateNameInAnyCaseAndBadNames() {
		send("POST", "/projects", "{\"name\": \"Work\"}", this.auth);

		assertProblem(send("POST", "/projects", "{\"name\": \"WORK\"}", this.auth), 409, "/projects");
		assertThat(status(send("POST", "/projects", "{\"name\": \"work\"}", this.otherAuth)))
			.as("names are unique per user")
			.isEqualTo(201);
		assertInvalid(send("POST", "/projects", "{\"name\": \" \"}", this.auth), "/projects", "name");
		assertInvalid(send("POST", "/projects", "{\"name\": \"" + "x".repeat(101) + "\"}", this.auth), "/projects",
				"name");
		assertInvalid(send("POST", "/projects", "{}", this.auth), "/projects", "name");
		assertInvalid(send("POST", "/projects", "{\"name\": \"a\", \"archived\": true}", this.auth), "/projects",
				"archived");
	}

	@Test
	void aProjectHasAColourThatIsSetChangedKeptAndCleared() {
		JsonNode created = json(send("POST", "/projects", "{\"name\": \"Paint\", \"color\": \"#DB4035\"}", this.auth));
		long id = created.get("id").longValue();
		assertThat(created.get("color").stringValue()).as("stored in lower case").isEqualTo("#db4035");
		assertThat(json(send("POST", "/projects", "{\"name\": \"Plain\"}", this.auth)).get("color").isNull())
			.as("no colour is null, and present")
			.isTrue();

		JsonNode renamed = json(send("PATCH", "/projects/" + id, "{\"name\": \"Paints\"}", this.auth));
		assertThat(renamed.get("color").stringValue()).as("a patch without color keeps it").isEqualTo("#db4035");
		JsonNode recoloured = json(send("PATCH", "/projects/" + id, "{\"color\": \"#14aaf5\"}", this.auth));
		assertThat(recoloured.get("color").stringValue()).isEqualTo("#14aaf5");
		assertThat(recoloured.get("updated_at").stringValue())
			.isGreaterThanOrEqualTo(renamed.get("updated_at").stringValue());
		JsonNode cleared = json(send("PATCH", "/projects/" + id, "{\"color\": null}", this.auth));
		assertThat(cleared.get("color").isNull()).isTrue();
		assertThat(json(send("GET", "/projects/" + id, null, this.auth)).get("color").isNull()).isTrue();
	}

	@Test
	void refusesAColourThatIsNotSixHexDigitsAndChangesNothing() {
		long id = json(send("POST", "/projects", "{\"name\": \"Kept\", \"color\": \"#112233\"}", this.auth)).get("id")
			.longValue();
		for (String bad : new String[] { "\"red\"", "\"#123\"", "\"#1122334\"", "\"112233\"", "\"#11223g\"", "12",
				"\"#11223344\"", "[\"#112233\"]" }) {
			assertInvalid(
					send("PATCH", "/projects/" + id, "{\"name\": \"Changed\", \"color\": " + bad + "}", this.auth),
					"/projects/" + id, "color");
			assertInvalid(send("POST", "/projects", "{\"name\": \"New\", \"color\": " + bad + "}", this.auth),
					"/projects", "color");
		}
		JsonNode kept = json(send("GET", "/projects/" + id, null, this.auth));
		assertThat(kept.get("name").stringValue()).isEqualTo("Kept");
		assertThat(kept.get("color").stringValue()).isEqualTo("#112233");
		assertThat(json(send("GET", "/projects", null, this.auth))).hasSize(1);
	}

	@Test
	void deletesAProjectOnlyWithItsTasksWhenAsked() {
		long id = json(send("POST", "/projects", "{\"name\": \"full\"}", this.auth)).get("id").longValue();
		long task = json(send("POST", "/tasks", "{\"title\": \"inside\", \"project_id\": " + id + "}", this.auth))
			.get("id")
			.longValue();

		assertProblem(send("DELETE", "/projects/" + id, null, this.auth), 409, "/projects/" + id);
		assertThat(status(send("DELETE", "/projects/" + id + "?with_tasks=true", null, this.auth))).isEqualTo(204);
		assertThat(status(send("GET", "/tasks/" + task, null, this.auth))).isEqualTo(404);
		assertThat(status(send("GET", "/projects/" + id, null, this.auth))).isEqualTo(404);
	}

	@Test
	void anotherUsersProjectIsMissingEverywhere() {
		long theirs = json(send("POST", "/projects", "{\"name\": \"theirs\"}", this.otherAuth)).get("id").longValue();
		String path = "/projects/" + theirs;

		assertProblem(send("GET", path, null, this.auth), 404, path);
		assertProblem(send("PATCH", path, "{\"name\": \"mine\"}", this.auth), 404, path);
		assertProblem(send("DELETE", path + "?with_tasks=true", null, this.auth), 404, path);
		assertThat(json(send("GET", "/projects", null, this.auth))).isEmpty();
		JsonNode refused = assertInvalid(
				send("POST", "/tasks", "{\"title\": \"x\", \"project_id\": " + theirs + "}", this.auth), "/tasks",
				"project_id");
		JsonNode missing = assertInvalid(
				send("POST", "/tasks", "{\"title\": \"x\", \"project_id\": " + Long.MAX_VALUE + "}", this.auth),
				"/tasks", "project_id");
		assertThat(refused.get("detail")).isEqualTo(missing.get("detail"));
		assertThat(json(send("GET", path, null, this.otherAuth)).get("name").stringValue()).isEqualTo("theirs");
	}

	@Test
	void listsLabelsWithCountsRenamesMergesAndDeletes() {
		send("POST", "/tasks", "{\"title\": \"1\", \"labels\": [\"Work\", \"home\"]}", this.auth);
		long done = json(send("POST", "/tasks", "{\"title\": \"2\", \"labels\": [\"work\"]}", this.auth)).get("id")
			.longValue();
		send("POST", "/tasks/" + done + "/complete", null, this.auth);
		send("POST", "/tasks", "{\"title\": \"theirs\", \"labels\": [\"secret\"]}", this.otherAuth);

		assertThat(json(send("GET", "/labels", null, this.auth)).toString()).isEqualTo(
				"[{\"name\":\"home\",\"open_tasks\":1,\"tasks\":1},{\"name\":\"Work\",\"open_tasks\":1,\"tasks\":2}]");

		JsonNode renamed = json(send("PATCH", "/labels/WORK", "{\"name\": \"Job\"}", this.auth));
		assertThat(renamed.toString()).isEqualTo("{\"name\":\"Job\",\"open_tasks\":1,\"tasks\":2}");
		JsonNode merged = json(send("PATCH", "/labels/home", "{\"name\": \"job\"}", this.auth));
		assertThat(merged.get("tasks").longValue()).isEqualTo(2);
		JsonNode task = json(send("GET", "/tasks?limit=1", null, this.auth)).get(0);
		assertThat(task.get("labels").toString()).isEqualTo("[\"job\"]");

		assertThat(status(send("DELETE", "/labels/JOB", null, this.auth))).isEqualTo(204);
		assertThat(json(send("GET", "/labels", null, this.auth))).isEmpty();
		assertProblem(send("DELETE", "/labels/job", null, this.auth), 404, "/labels/job");
		assertProblem(send("DELETE", "/labels/secret", null, this.auth), 404, "/labels/secret");
		assertProblem(send("PATCH", "/labels/secret", "{\"name\": \"mine\"}", this.auth), 404, "/labels/secret");
		assertInvalid(send("PATCH", "/labels/anything", "{\"name\": \"a,b\"}", this.auth), "/labels/anything", "name");
		assertThat(json(send("GET", "/labels", null, this.otherAuth)).get(0).get("name").stringValue())
			.isEqualTo("secret");
	}

	private String newUserToken(String prefix) {
		return ApiUsers.newUserBearer(this.client, prefix, "UTC");
	}

	private ExchangeResult send(String method, String path, String body, String authorization) {
		return ApiUsers.send(this.client, method, path, body, authorization);
	}

}
