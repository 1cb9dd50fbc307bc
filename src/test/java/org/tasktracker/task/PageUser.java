package org.tasktracker.task;

import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

import org.tasktracker.support.BrowserUsers;
import org.tasktracker.support.PageSession;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * A user of a page test's own, made by the admin of {@link WebUiBrowserTests}' settings:
 * signed in to the pages as a browser without script ({@link PageSession}) and reached
 * through the API with its password.
 */
final class PageUser {

	private static final Pattern ROW = Pattern.compile("<li[^>]* data-task-id=\"(\\d+)\"");

	private final RestTestClient client;

	private final String name;

	private final ZoneId zone;

	private final PageSession session;

	private PageUser(RestTestClient client, String name, ZoneId zone, PageSession session) {
		this.client = client;
		this.name = name;
		this.zone = zone;
		this.session = session;
	}

	static PageUser create(RestTestClient client, int port, String zone) {
		String name = BrowserUsers.create(client, "ui-admin", WebUiBrowserTests.PASSWORD, "pages-", zone);
		PageSession session = PageSession.anonymous(port);
		assertThat(session.signIn(name, WebUiBrowserTests.PASSWORD)).endsWith("/app");
		// A page read after the sign-in, for its CSRF token: the sign-in changed it.
		session.get("/app/inbox");
		return new PageUser(client, name, ZoneId.of(zone), session);
	}

	ZoneId zone() {
		return this.zone;
	}

	/** The username, for a browser test that signs in as this user too. */
	String name() {
		return this.name;
	}

	PageSession session() {
		return this.session;
	}

	/** A page as htmx asks for a part of it: with {@code HX-Request}, and headers. */
	HttpResponse<String> htmxPost(String path, java.util.Map<String, String> fields, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "HX-Request";
		all[1] = "true";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return this.session.post(path, fields, all);
	}

	long task(String body) {
		return api("POST", "/tasks", body).get("id").longValue();
	}

	JsonNode task(long id) {
		return api("GET", "/tasks/" + id, null);
	}

	JsonNode api(String method, String path, String body) {
		var request = this.client.method(HttpMethod.valueOf(method))
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, BrowserUsers.basic(this.name, WebUiBrowserTests.PASSWORD));
		ExchangeResult response = (body != null)
				? request.contentType(MediaType.APPLICATION_JSON).body(body).exchange().returnResult()
				: request.exchange().returnResult();
		assertThat(status(response)).as(response.toString()).isLessThan(300);
		return json(response);
	}

	/** The ids of the task rows of a page, in their order. */
	static List<Long> rows(String page) {
		return ROW.matcher(page).results().map((row) -> Long.valueOf(row.group(1))).toList();
	}

	/** The markup of a task's row. */
	static String row(String page, long id) {
		int start = page.indexOf("data-task-id=\"" + id + "\"");
		assertThat(start).as("the row of " + id).isNotNegative();
		return page.substring(page.lastIndexOf("<li", start), page.indexOf("</li>", start));
	}

}
