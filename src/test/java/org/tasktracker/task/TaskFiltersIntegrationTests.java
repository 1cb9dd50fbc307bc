package org.tasktracker.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import org.tasktracker.support.ApiUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * The listing filters of contract v2 part B, each test as a user of its own, with the
 * dates judged in that user's zone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class TaskFiltersIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Test
	void filtersByProjectLabelAndPriority() {
		String auth = newUser("UTC");
		long project = json(send("POST", "/projects", "{\"name\": \"p\"}", auth)).get("id").longValue();
		long inProject = id(send("POST", "/tasks", "{\"title\": \"a\", \"project_id\": " + project
				+ ", \"labels\": [\"Work\", \"Urgent\"], \"priority\": 4}", auth));
		long inbox = id(send("POST", "/tasks", "{\"title\": \"b\", \"labels\": [\"work\"], \"priority\": 3}", auth));
		long plain = id(send("POST", "/tasks", "{\"title\": \"c\"}", auth));

		assertThat(ids("/tasks?project_id=" + project, auth)).containsExactly(inProject);
		assertThat(ids("/tasks?project_id=inbox", auth)).containsExactly(inbox, plain);
		assertThat(ids("/tasks?label=WORK", auth)).containsExactly(inProject, inbox);
		assertThat(ids("/tasks?label=work,urgent", auth)).containsExactly(inProject);
		assertThat(ids("/tasks?priority=3,4", auth)).containsExactly(inProject, inbox);
		assertThat(ids("/tasks?priority=1&label=work", auth)).isEmpty();
		assertThat(ids("/tasks?label=work&limit=1", auth)).containsExactly(inProject);
		String next = send("GET", "/tasks?label=work&limit=1", null, auth).getResponseHeaders()
			.getFirst(HttpHeaders.LINK);
		assertThat(next).contains("label=work").contains("limit=1");
	}

	@Test
	void judgesTodayInEachUsersZone() {
		Instant now = Instant.now();
		ZoneId early = ZoneId.of("Pacific/Kiritimati");
		ZoneId late = ZoneId.of("Pacific/Pago_Pago");
		LocalDate earlyToday = LocalDate.ofInstant(now, early);
		LocalDate lateToday = LocalDate.ofInstant(now, late);
		assertThat(earlyToday).as("UTC+14 and UTC-11 are never on the same day").isNotEqualTo(lateToday);
		for (ZoneId zone : List.of(early, late)) {
			String auth = newUser(zone.getId());
			long onEarly = id(
					send("POST", "/tasks", "{\"title\": \"e\", \"due\": {\"date\": \"" + earlyToday + "\"}}", auth));
			long onLate = id(
					send("POST", "/tasks", "{\"title\": \"l\", \"due\": {\"date\": \"" + lateToday + "\"}}", auth));
			long none = id(send("POST", "/tasks", "{\"title\": \"n\"}", auth));

			LocalDate today = LocalDate.ofInstant(Instant.now(), zone);
			assertThat(ids("/tasks?due=today", auth)).as(zone.getId())
				.containsExactly(today.equals(earlyToday) ? onEarly : onLate);
			assertThat(ids("/tasks?due=overdue", auth)).as(zone.getId())
				.containsExactlyElementsOf(today.equals(earlyToday) ? List.of(onLate) : List.of());
			assertThat(ids("/tasks?due=upcoming", auth)).as(zone.getId())
				.containsExactlyElementsOf(today.equals(earlyToday) ? List.of(onEarly) : List.of(onEarly, onLate));
			assertThat(ids("/tasks?due=none", auth)).containsExactly(none);
		}
	}

	@Test
	void filtersByDueDatesInclusivelyAndFollowsAZoneChange() {
		String auth = newUser("Europe/London");
		long first = id(send("POST", "/tasks", "{\"title\": \"1\", \"due\": {\"date\": \"2026-03-01\"}}", auth));
		long evening = id(
				send("POST", "/tasks", "{\"title\": \"2\", \"due\": {\"datetime\": \"2026-03-02T23:30:00Z\"}}", auth));
		long third = id(send("POST", "/tasks", "{\"title\": \"3\", \"due\": {\"date\": \"2026-03-03\"}}", auth));

		assertThat(ids("/tasks?due_from=2026-03-01&due_to=2026-03-02", auth)).containsExactly(first, evening);
		assertThat(ids("/tasks?due_from=2026-03-03", auth)).containsExactly(third);

		send("PATCH", "/users/me", "{\"timezone\": \"Asia/Tokyo\"}", auth);

		assertThat(ids("/tasks?due_from=2026-03-03&due_to=2026-03-03", auth)).as("23:30 UTC is 08:30 in Tokyo")
			.containsExactly(evening, third);
	}

	@Test
	void pagesThroughEachSortWithTiesAndTasksWithoutADueDateLast() {
		String auth = newUser("UTC");
		List<Long> created = new ArrayList<>();
		String[] dues = { "{\"date\": \"2026-05-02\"}", "null", "{\"date\": \"2026-05-01\"}",
				"{\"datetime\": \"2026-05-01T00:00:00Z\"}", "null", "{\"date\": \"2026-05-02\"}" };
		for (int i = 0; i < dues.length; i++) {
			created.add(id(send("POST", "/tasks",
					"{\"title\": \"s" + i + "\", \"priority\": " + (1 + i % 2) + ", \"due\": " + dues[i] + "}", auth)));
		}
		// 2026-05-01 as a date and as the instant 00:00Z are the same instant in UTC: a
		// tie.
		List<Long> byDue = List.of(created.get(2), created.get(3), created.get(0), created.get(5), created.get(1),
				created.get(4));
		assertThat(walk("/tasks?sort=due&limit=2", auth)).containsExactlyElementsOf(byDue);
		assertThat(walk("/tasks?sort=due&order=desc&limit=2", auth)).containsExactly(created.get(5), created.get(0),
				created.get(3), created.get(2), created.get(4), created.get(1));
		assertThat(walk("/tasks?sort=priority&limit=4", auth)).containsExactly(created.get(0), created.get(2),
				created.get(4), created.get(1), created.get(3), created.get(5));
		assertThat(walk("/tasks?sort=updated&limit=1", auth)).containsExactlyElementsOf(created);
	}

	@Test
	void refusesAForgedOrForeignCursor() {
		String auth = newUser("UTC");
		for (int i = 0; i < 3; i++) {
			send("POST", "/tasks", "{\"title\": \"c" + i + "\"}", auth);
		}
		String next = send("GET", "/tasks?sort=priority&limit=1", null, auth).getResponseHeaders()
			.getFirst(HttpHeaders.LINK);
		String url = next.substring(1, next.indexOf('>'));
		assertThat(status(send("GET", url, null, auth))).isEqualTo(200);

		assertInvalid(send("GET", url, null, newUser("UTC")), null, "cursor");
		assertInvalid(send("GET", url.replace("sort=priority", "sort=updated"), null, auth), null, "cursor");
		assertInvalid(send("GET", url + "x", null, auth), null, "cursor");
		assertInvalid(send("GET", "/tasks?sort=due&cursor=bm90IGEgY3Vyc29y", null, auth), null, "cursor");
		// The same listing, the place moved: another task's id, then another sort key.
		String cursor = url.substring(url.indexOf("cursor=") + "cursor=".length()).replaceAll("&.*", "");
		String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
		for (String moved : List.of(parts[0] + "|" + parts[1] + "|1|" + parts[3],
				parts[0] + "|0|" + parts[2] + "|" + parts[3])) {
			String forged = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(moved.getBytes(StandardCharsets.UTF_8));
			assertInvalid(send("GET", url.replace(cursor, forged), null, auth), null, "cursor");
		}
		assertInvalid(send("GET", "/tasks?cursor=abc", null, auth), null, "cursor");
		assertInvalid(send("GET", "/tasks?sort=title", null, auth), null, "sort");
	}

	/** Every task of a listing, following its Link from page to page. */
	private List<Long> walk(String first, String auth) {
		List<Long> ids = new ArrayList<>();
		String url = first;
		for (int pages = 0; url != null && pages < 20; pages++) {
			ExchangeResult response = send("GET", url, null, auth);
			assertThat(status(response)).as(url).isEqualTo(200);
			json(response).forEach((task) -> ids.add(task.get("id").longValue()));
			String link = response.getResponseHeaders().getFirst(HttpHeaders.LINK);
			url = (link != null) ? link.substring(1, link.indexOf('>')) : null;
		}
		return ids;
	}

	@ParameterizedTest
	@ValueSource(strings = { "label=", "label=a,,b", "priority=0", "priority=5", "priority=high", "due=tomorrow",
			"due_from=2026-02-30", "due_to=3/4/2026", "due_from=0000-01-01", "project_id=abc", "project_id=0" })
	void refusesABadFilterNamingIt(String parameter) {
		String name = parameter.substring(0, parameter.indexOf('='));
		assertInvalid(send("GET", "/tasks?" + parameter, null, newUser("UTC")), null, name);
	}

	@Test
	void refusesDueFromAfterDueTo() {
		assertInvalid(send("GET", "/tasks?due_from=2026-03-02&due_to=2026-03-01", null, newUser("UTC")), null,
				"due_from");
	}

	private List<Long> ids(String path, String auth) {
		ExchangeResult response = send("GET", path, null, auth);
		assertThat(status(response)).as(path).isEqualTo(200);
		List<Long> ids = new ArrayList<>();
		for (JsonNode task : json(response)) {
			ids.add(task.get("id").longValue());
		}
		return ids;
	}

	private static long id(ExchangeResult response) {
		assertThat(status(response)).as(response.toString()).isEqualTo(201);
		return json(response).get("id").longValue();
	}

	private String newUser(String zone) {
		return ApiUsers.newUserBearer(this.client, "f", zone);
	}

	private ExchangeResult send(String method, String path, String body, String authorization) {
		return ApiUsers.send(this.client, method, path, body, authorization);
	}

}
