package org.tasktracker.task;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import org.tasktracker.support.ApiUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * Labels in paths (contract v3): every label the API accepts is renamed and deleted by
 * its percent-encoded name; {@code .} and {@code ..}, which no path segment can carry,
 * are refused; and an encoded label segment never reaches another route.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class LabelPathsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private RestTestClient client;

	private String auth;

	@BeforeEach
	void aUserOfItsOwn() {
		this.auth = ApiUsers.newUserBearer(this.client, "paths", "UTC");
	}

	@Test
	void dotAndDotDotAreRefusedAsLabelNames() {
		long id = json(send("POST", "/tasks", """
				{"title": "x", "labels": ["a"]}
				""")).get("id").longValue();

		JsonNode created = assertInvalid(send("POST", "/tasks", """
				{"title": "x", "labels": ["ok", " . "]}
				"""), "/tasks", "labels");
		JsonNode patched = assertInvalid(send("PATCH", "/tasks/" + id, """
				{"labels": [".."]}
				"""), "/tasks/" + id, "labels");
		JsonNode renamed = assertInvalid(send("PATCH", "/labels/a", """
				{"name": ".."}
				"""), "/labels/a", "name");

		assertThat(created.get("errors")).isEqualTo(JSON.readTree("""
				[{"field": "labels", "message": "each label must not be \\".\\" or \\"..\\", which no path can name"}]
				"""));
		assertThat(patched.get("errors")).isEqualTo(created.get("errors"));
		assertThat(renamed.get("errors")).isEqualTo(JSON.readTree("""
				[{"field": "name", "message": "must not be \\".\\" or \\"..\\", which no path can name"}]
				"""));
		assertThat(json(send("GET", "/tasks/" + id, null)).get("labels")).isEqualTo(JSON.readTree("[\"a\"]"));
		JsonNode lookAlikes = json(send("POST", "/tasks", """
				{"title": "x", "labels": [" .a", "a..", "...", ". ."]}
				"""));
		assertThat(lookAlikes.get("labels")).as("only . and .. themselves are refused")
			.isEqualTo(JSON.readTree("[\".a\", \"a..\", \"...\", \". .\"]"));
	}

	private ExchangeResult send(String method, String path, String body) {
		return ApiUsers.send(this.client, method, path, body, this.auth);
	}

}
