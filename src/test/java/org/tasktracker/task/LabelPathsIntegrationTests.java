package org.tasktracker.task;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.util.UriUtils;

import org.tasktracker.support.ApiUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;
import static org.tasktracker.support.ProblemAssert.assertProblem;
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

	/**
	 * Each label is renamed to itself twice over (so that the new name carries the same
	 * characters, doubled: {@code //}, {@code %%}, {@code ..a..a}), then deleted by that
	 * name, each time through its percent-encoded path segment.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/", "%", ";", "\\", "?", "#", "+", "&", "=", ":", "@", "'", "\"", "<", ">", "|", "a b",
			"..a", "a.", "...", "é", "\uD83D\uDE00", "Café", "../users", "a/../b", "%2F", "%25", "x;y=z", "~*!$()",
			"a\u00A0b", "a\u2028b", "a\u0085b" })
	void everyAcceptedLabelIsRenamedAndDeletedByItsPercentEncodedName(String label) {
		long id = json(send("POST", "/tasks", """
				{"title": "carries it", "labels": ["keep", %s]}
				""".formatted(quoted(label)))).get("id").longValue();
		String renamed = label + label;

		ExchangeResult rename = send("PATCH", "/labels/" + encoded(label), """
				{"name": %s}
				""".formatted(quoted(renamed)));

		assertThat(status(rename)).as(rename.toString()).isEqualTo(200);
		assertThat(json(rename)).isEqualTo(JSON.readTree("""
				{"name": %s, "open_tasks": 1, "tasks": 1}
				""".formatted(quoted(renamed))));
		assertThat(json(send("GET", "/tasks/" + id, null)).get("labels"))
			.isEqualTo(JSON.readTree("[\"keep\", %s]".formatted(quoted(renamed))));

		ExchangeResult delete = send("DELETE", "/labels/" + encoded(renamed), null);

		assertThat(status(delete)).as(delete.toString()).isEqualTo(204);
		assertThat(json(send("GET", "/tasks/" + id, null)).get("labels")).isEqualTo(JSON.readTree("[\"keep\"]"));
		assertThat(json(send("GET", "/labels", null))).isEqualTo(JSON.readTree("""
				[{"name": "keep", "open_tasks": 1, "tasks": 1}]
				"""));
		JsonNode gone = assertProblem(send("DELETE", "/labels/" + encoded(renamed), null), 404,
				"/labels/" + encoded(renamed));
		assertThat(gone.get("detail").stringValue()).as("the segment is decoded once, exactly")
			.isEqualTo("No task carries the label " + renamed);
	}

	@Test
	void aLabelIsFoundInAnyCaseThroughItsEncodedName() {
		send("POST", "/tasks", """
				{"title": "x", "labels": ["Été/Hiver"]}
				""");

		ExchangeResult rename = send("PATCH", "/labels/" + encoded("ÉTÉ/hiver"), """
				{"name": "Saisons"}
				""");

		assertThat(json(rename)).isEqualTo(JSON.readTree("""
				{"name": "Saisons", "open_tasks": 1, "tasks": 1}
				"""));
	}

	/**
	 * Clients that encode only what a path segment cannot carry (sub-delimiters such as
	 * {@code + & = : @ ' ! $ ( ) *} stay as they are) reach the label too; a raw
	 * {@code ;} starts path parameters in Servlet containers, so it is refused rather
	 * than read as a shorter label.
	 */
	@Test
	void subDelimitersMayStayUnencodedButARawSemicolonIsRefused() {
		long id = json(send("POST", "/tasks", """
				{"title": "x", "labels": ["a", "a;b", "a+b&c=d:e@f'g!$(h)*"]}
				""")).get("id").longValue();

		assertThat(status(send("DELETE",
				"/labels/" + UriUtils.encodePathSegment("a+b&c=d:e@f'g!$(h)*", StandardCharsets.UTF_8), null)))
			.isEqualTo(204);
		assertProblem(send("DELETE", "/labels/a;b", null), 400, null);
		assertProblem(send("PATCH", "/labels/a;b", "{\"name\": \"c\"}"), 400, null);

		assertThat(json(send("GET", "/tasks/" + id, null)).get("labels")).isEqualTo(JSON.readTree("[\"a\", \"a;b\"]"));
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

	/**
	 * An encoded slash or dot-dot inside a label's segment stays in that segment: the
	 * request is a label operation, authorised as one, and never reaches {@code /users}
	 * (which this token may not use); dot segments that the server itself would resolve
	 * are refused.
	 */
	@Test
	void anEncodedTraversalInALabelSegmentStaysALabelOperation() {
		assertProblem(send("GET", "/users", null), 403, "/users");

		JsonNode missing = assertProblem(send("DELETE", "/labels/x%2F..%2F..%2Fusers", null), 404,
				"/labels/x%2F..%2F..%2Fusers");
		assertThat(missing.get("detail").stringValue()).isEqualTo("No task carries the label x/../../users");
		assertProblem(send("PATCH", "/labels/..%2Fusers%2F1", "{\"name\": \"admin\"}"), 404, "/labels/..%2Fusers%2F1");

		long id = json(send("POST", "/tasks", """
				{"title": "x", "labels": ["x/../../users", "kept"]}
				""")).get("id").longValue();
		assertThat(status(send("DELETE", "/labels/x%2F..%2F..%2Fusers", null))).isEqualTo(204);
		assertThat(json(send("GET", "/tasks/" + id, null)).get("labels")).isEqualTo(JSON.readTree("[\"kept\"]"));

		assertProblem(send("DELETE", "/labels/%2E%2E%2Fusers", null), 400, null);
		assertProblem(send("DELETE", "/labels/x/../../users", null), 400, null);
		assertProblem(send("DELETE", "/labels/..", null), 400, null);
	}

	/** Only label segments may carry these; every other path keeps the strict rules. */
	@Test
	void encodedSlashesPercentsSemicolonsAndBackslashesStayRefusedElsewhere() {
		long id = json(send("POST", "/tasks", "{\"title\": \"x\"}")).get("id").longValue();

		for (String path : new String[] { "/tasks/" + id + "%2F..", "/tasks%2F" + id, "/users%2Fme",
				"/tasks/" + id + "%25", "/tasks/" + id + "%3B", "/tasks/" + id + "%5C", "/labels%2Fx", "/labels/x%2F/y",
				"/labels/x/y%2F", "/assets/..%2F..%2Fapplication.yml", "/app/projects/1%2F..%2F..%2Fsettings" }) {
			assertProblem(send("GET", path, null), 400, null);
		}
	}

	private ExchangeResult send(String method, String path, String body) {
		return ApiUsers.send(this.client, method, path, body, this.auth);
	}

	/** Everything but the unreserved characters, as a strict client encodes a segment. */
	private static String encoded(String label) {
		return UriUtils.encode(label, StandardCharsets.UTF_8);
	}

	private static String quoted(String text) {
		return JSON.writeValueAsString(text);
	}

}
