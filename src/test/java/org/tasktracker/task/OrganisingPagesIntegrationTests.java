package org.tasktracker.task;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tasktracker.support.PageSession;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * The project and label pages through plain HTTP, as a signed-in user of their own:
 * deleting a project or removing a label asks first and names what will go, a refusal is
 * told in the page's words, archived projects are in the sidebar, and the sidebar names
 * the user by the display name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=pages-admin",
				"tasktracker.auth.admin-password=" + OrganisingPagesIntegrationTests.PASSWORD,
				"tasktracker.auth.rate-limit=0" })
@AutoConfigureRestTestClient
class OrganisingPagesIntegrationTests {

	static final String PASSWORD = "correct horse battery";

	/** What the API says and a page must not: its parameter names, its ids. */
	private static final Pattern API_WORDS = Pattern.compile("with_tasks|[a-z]+_[a-z]+|does not exist|=true");

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	private String username;

	private PageSession page;

	@BeforeEach
	void signIn() {
		this.username = "org-" + ProcessHandle.current().pid() + "-"
				+ Long.toString(System.nanoTime() % 10_000_000, 36);
		ExchangeResult created = this.client.post()
			.uri("/users")
			.header(HttpHeaders.AUTHORIZATION, basic("pages-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + this.username + "\", \"password\": \"" + PASSWORD + "\"}")
			.exchange()
			.returnResult();
		assertThat(status(created)).as(created.toString()).isEqualTo(201);
		this.page = PageSession.anonymous(this.port);
		assertThat(this.page.signIn(this.username, PASSWORD)).endsWith("/app");
		// The session's CSRF token, for the forms
		this.page.get("/app/inbox");
	}

	@Test
	void archivedProjectsAreInTheSidebarAndComeBackWithOneClick() {
		long project = api("POST", "/projects", "{\"name\": \"Old things\"}").get("id").longValue();
		assertThat(this.page.get("/app/inbox").body()).doesNotContain("Archived (");

		this.page.post("/app/projects/" + project + "/archive", Map.of("archived", "true"));

		String inbox = this.page.get("/app/inbox").body();
		String archived = section(inbox, "<details class=\"archived\"", "</details>");
		assertThat(archived).contains("Archived (1)", "href=\"/app/projects/" + project + "\"", "Old things",
				"action=\"/app/projects/" + project + "/archive\"", "name=\"archived\" value=\"false\"");
		assertThat(archived).as("collapsed").doesNotContain(" open");
		assertThat(section(this.page.get("/app/projects/" + project).body(), "<details class=\"archived\"", ">"))
			.as("open on the archived project's own page")
			.contains("open");

		this.page.post("/app/projects/" + project + "/archive", Map.of("archived", "false"));

		assertThat(api("GET", "/projects/" + project, null).get("archived").booleanValue()).isFalse();
		assertThat(this.page.get("/app/inbox").body()).doesNotContain("Archived (");
	}

	@Test
	void theSidebarNamesTheUserByTheDisplayNameOrElseTheUsername() {
		assertThat(account(this.page.get("/app/inbox").body())).contains("<span>" + this.username + "</span>");

		this.page.get("/app/settings");
		this.page.post("/app/settings/profile", Map.of("displayName", "Ada Lovelace", "timezone", "UTC"));

		assertThat(account(this.page.get("/app/inbox").body())).contains("<span>Ada Lovelace</span>")
			.doesNotContain(this.username);
		assertThat(account(this.page.get("/app/overview").body())).contains("<span>Ada Lovelace</span>");
		assertThat(this.page.get("/app/settings").body()).contains("Signed in as <strong>Ada Lovelace</strong>",
				"(username " + this.username + ")");
	}

	/** The messages of the page a post leads to. */
	private String messagesAfter(HttpResponse<String> posted) {
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
		String location = posted.headers().firstValue("Location").orElseThrow().replaceAll("^https?://[^/]+", "");
		return problemsAndNotices(this.page.get(location).body());
	}

	private static String account(String page) {
		return section(page, "<div class=\"account\">", "</div>");
	}

	/** The page's messages: its notices and its problems. */
	private static String problemsAndNotices(String page) {
		StringBuilder found = new StringBuilder();
		Matcher messages = Pattern.compile("(?s)<div class=\"(?:notice|problems)\"[^>]*>(.*?)</div>").matcher(page);
		while (messages.find()) {
			found.append(messages.group(1).replaceAll("<[^>]+>", " ").strip()).append('\n');
		}
		return found.toString();
	}

	private static String section(String page, String start, String end) {
		int from = page.indexOf(start);
		assertThat(from).as("%s in the page", start).isNotNegative();
		return page.substring(from, page.indexOf(end, from) + end.length());
	}

	private JsonNode task(long id) {
		return api("GET", "/tasks/" + id, null);
	}

	private JsonNode api(String method, String path, String body) {
		ExchangeResult response = apiCall(method, path, body);
		assertThat(status(response)).as(response.toString()).isLessThan(300);
		return json(response);
	}

	private ExchangeResult apiCall(String method, String path, String body) {
		var request = this.client.method(HttpMethod.valueOf(method))
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, basic(this.username));
		return (body != null) ? request.contentType(MediaType.APPLICATION_JSON).body(body).exchange().returnResult()
				: request.exchange().returnResult();
	}

	private static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

}
