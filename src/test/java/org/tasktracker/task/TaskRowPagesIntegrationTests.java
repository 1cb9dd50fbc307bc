package org.tasktracker.task;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.task.PageUser.row;
import static org.tasktracker.task.PageUser.rows;

/**
 * Issue 33: rows over plain HTTP. A row shows its subtasks done of all and, for a
 * recurring task, a repeat icon; completing a recurring task in its row answers the row
 * with its next due and "Moved to ..." with an Undo for the live region, and the undo
 * moves it back. A project's list and the Inbox are in manual order, and a move answers
 * the list in its new order. Another user's task is a 404 that changes nothing. The same
 * settings as {@link WebUiBrowserTests}, so that a run of both starts the service once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=ui-admin",
				"tasktracker.auth.admin-password=" + WebUiBrowserTests.PASSWORD })
@AutoConfigureRestTestClient
class TaskRowPagesIntegrationTests {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	@Test
	void aRowShowsItsSubtasksDoneOfAllAndARepeatIconByItsDue() {
		PageUser user = newUser();
		long parent = user.task("{\"title\": \"Pack\"}");
		long socks = user.task("{\"title\": \"Socks\", \"parent_id\": " + parent + "}");
		user.task("{\"title\": \"Shirts\", \"parent_id\": " + parent + "}");
		user.api("POST", "/tasks/" + socks + "/complete", null);
		long daily = user.task("{\"title\": \"Stretch\", \"due\": {\"date\": \"" + LocalDate.now(user.zone())
				+ "\"}, \"recurrence\": {\"rule\": \"FREQ=DAILY\"}}");

		String inbox = user.session().get("/app/inbox").body();

		assertThat(row(inbox, parent)).contains(
				"<span class=\"subtask-count\"><span aria-hidden=\"true\">1/2</span><span class=\"visually-hidden\">, 1 of 2 subtasks done</span></span>")
			.doesNotContain("class=\"repeat\"");
		assertThat(row(inbox, daily))
			.contains("<svg class=\"repeat\" role=\"img\" aria-label=\"Repeats\"", "<title>Repeats: every day</title>",
					"hx-post=\"/app/tasks/" + daily + "/row/complete\"", "hx-target=\"closest li\"")
			.doesNotContain("subtask-count");
		assertThat(row(inbox, parent)).as("a task without recurrence is completed as before").doesNotContain("hx-post");
		assertThat(rows(inbox)).as("subtasks are in their parent's pane").doesNotContain(socks);
	}

	@Test
	void completingARecurringTaskInItsRowMovesItsDueAndItsUndoMovesItBack() {
		PageUser user = newUser();
		LocalDate today = LocalDate.now(user.zone());
		long id = user.task("{\"title\": \"Water the plants\", \"due\": {\"date\": \"" + today
				+ "\"}, \"recurrence\": {\"rule\": \"FREQ=DAILY\"}}");

		HttpResponse<String> completed = user.htmxPost("/app/tasks/" + id + "/row/complete",
				Map.of("back", "/app/today"));

		assertThat(completed.statusCode()).isEqualTo(200);
		assertThat(completed.body().strip()).startsWith("<li class=\"task\"");
		assertThat(row(completed.body(), id)).contains("id=\"row-" + id + "\"", "<span>Tomorrow</span>",
				"hx-post=\"/app/tasks/" + id + "/row/complete\"");
		String notice = completed.body().substring(completed.body().indexOf("<div id=\"notice\""));
		assertThat(notice).contains("hx-swap-oob=\"innerHTML\"", "Moved to " + DAY.format(today.plusDays(1)),
				"hx-post=\"/app/tasks/" + id + "/row/reopen\"", "hx-target=\"#row-" + id + "\"",
				"data-undo>Undo</button>");
		JsonNode task = user.task(id);
		assertThat(task.get("completed").booleanValue()).isFalse();
		assertThat(task.get("due").get("date").stringValue()).isEqualTo(today.plusDays(1).toString());
		assertThat(user.api("GET", "/tasks/" + id + "/completions", null)).hasSize(1);

		HttpResponse<String> undone = user.htmxPost("/app/tasks/" + id + "/row/reopen", Map.of("back", "/app/today"));

		assertThat(undone.statusCode()).isEqualTo(200);
		assertThat(row(undone.body(), id)).contains("<span>Today</span>");
		assertThat(undone.body()).contains("Moved back to " + DAY.format(today)).doesNotContain("data-undo");
		assertThat(user.task(id).get("due").get("date").stringValue()).isEqualTo(today.toString());
		assertThat(user.api("GET", "/tasks/" + id + "/completions", null)).isEmpty();

		// Without script: back to the view, with the message and the undo.
		HttpResponse<String> plain = user.session()
			.post("/app/tasks/" + id + "/row/complete", Map.of("back", "/app/today"));
		assertThat(plain.statusCode()).isEqualTo(302);
		assertThat(user.session().get("/app/today").body()).contains(
				"<div id=\"notice\" class=\"notice-area\" role=\"status\">",
				"Moved to " + DAY.format(today.plusDays(1)), "data-undo>Undo</button>");
	}

	@Test
	void aProjectAndTheInboxListTheirRootTasksInManualOrder() {
		PageUser user = newUser();
		long project = user.api("POST", "/projects", "{\"name\": \"Garden\"}").get("id").longValue();
		long later = user
			.task("{\"title\": \"Later\", \"project_id\": " + project + ", \"due\": {\"date\": \"2027-05-01\"}}");
		long sooner = user
			.task("{\"title\": \"Sooner\", \"project_id\": " + project + ", \"due\": {\"date\": \"2027-01-01\"}}");
		long undated = user.task("{\"title\": \"Undated\", \"project_id\": " + project + "}");
		user.task("{\"title\": \"Child\", \"parent_id\": " + later + "}");
		user.api("POST", "/tasks/" + undated + "/move", "{\"after\": null}");
		long first = user.task("{\"title\": \"First in\"}");
		long second = user.task("{\"title\": \"Second in\"}");
		user.api("POST", "/tasks/" + second + "/move", "{\"after\": null}");

		String page = user.session().get("/app/projects/" + project).body();
		String inbox = user.session().get("/app/inbox").body();

		assertThat(rows(page)).containsExactly(undated, later, sooner);
		assertThat(page).contains(
				"<ul class=\"tasks\" data-reorder=\"/app/projects/" + project + "\" aria-describedby=\"reorder-help\">",
				"id=\"reorder-help\"");
		assertThat(rows(inbox)).containsExactly(second, first);
		assertThat(inbox).contains("data-reorder=\"/app/inbox\"");
		assertThat(user.session().get("/app/today").body()).doesNotContain("data-reorder");
	}

	@Test
	void aMovePutsTheTaskAfterTheRowAboveItAndAnswersTheListInItsNewOrder() {
		PageUser user = newUser();
		long project = user.api("POST", "/projects", "{\"name\": \"Chores\"}").get("id").longValue();
		long a = user.task("{\"title\": \"Dishes\", \"project_id\": " + project + "}");
		long b = user.task("{\"title\": \"Laundry\", \"project_id\": " + project + "}");
		long c = user.task("{\"title\": \"Vacuum\", \"project_id\": " + project + "}");
		String back = "/app/projects/" + project;

		HttpResponse<String> moved = user.htmxPost("/app/tasks/" + a + "/move", Map.of("after", "" + c, "back", back));

		assertThat(moved.statusCode()).isEqualTo(200);
		assertThat(moved.body().strip()).startsWith("<ul class=\"tasks\" data-reorder=\"" + back + "\"");
		assertThat(rows(moved.body())).containsExactly(b, c, a);
		assertThat(moved.body()).contains("<div id=\"notice\" hx-swap-oob=\"innerHTML\">", "Moved: Dishes, 3 of 3.");
		assertThat(rows(user.session().get(back).body())).containsExactly(b, c, a);

		HttpResponse<String> first = user.htmxPost("/app/tasks/" + c + "/move", Map.of("after", "", "back", back));
		assertThat(rows(first.body())).containsExactly(c, b, a);
		assertThat(first.body()).contains("Moved: Vacuum, 1 of 3.");
		assertThat(rows(user.session().get(back).body())).containsExactly(c, b, a);

		// Without script: back to the view.
		HttpResponse<String> plain = user.session()
			.post("/app/tasks/" + a + "/move", Map.of("after", "" + c, "back", back));
		assertThat(plain.statusCode()).isEqualTo(302);
		assertThat(rows(user.session().get(back).body())).containsExactly(c, a, b);
	}

	@Test
	void aMoveAfterATaskOfAnotherListOrAfterNothingReadableIsRefusedAndChangesNothing() {
		PageUser user = newUser();
		long project = user.api("POST", "/projects", "{\"name\": \"Desk\"}").get("id").longValue();
		long a = user.task("{\"title\": \"File\", \"project_id\": " + project + "}");
		long b = user.task("{\"title\": \"Sort\", \"project_id\": " + project + "}");
		long inInbox = user.task("{\"title\": \"Elsewhere\"}");
		String back = "/app/projects/" + project;
		String positions = positions(user, project);

		HttpResponse<String> elsewhere = user.htmxPost("/app/tasks/" + a + "/move",
				Map.of("after", "" + inInbox, "back", back));
		HttpResponse<String> itself = user.htmxPost("/app/tasks/" + a + "/move", Map.of("after", "" + a, "back", back));
		HttpResponse<String> garbage = user.htmxPost("/app/tasks/" + a + "/move", Map.of("after", "b4", "back", back));

		for (HttpResponse<String> refused : List.of(elsewhere, itself, garbage)) {
			assertThat(refused.statusCode()).isEqualTo(422);
			assertThat(rows(refused.body())).containsExactly(a, b);
			assertThat(refused.body()).contains("<div class=\"problems\"><p>");
		}
		assertThat(elsewhere.body()).contains("It cannot go there: the task above it must be in the same list.");
		assertThat(garbage.body()).contains("That place is not in this list.");
		assertThat(positions(user, project)).isEqualTo(positions);
	}

	@Test
	void anotherUsersTaskIsNotFoundOnEveryRowRouteAndNothingChanges() {
		PageUser owner = newUser();
		LocalDate today = LocalDate.now(owner.zone());
		long theirs = owner.task("{\"title\": \"Private\", \"due\": {\"date\": \"" + today
				+ "\"}, \"recurrence\": {\"rule\": \"FREQ=DAILY\"}}");
		long theirOther = owner.task("{\"title\": \"Private too\"}");
		String before = owner.task(theirs).toString();
		PageUser intruder = newUser();
		long mine = intruder.task("{\"title\": \"Mine\"}");
		long mineToo = intruder.task("{\"title\": \"Mine too\"}");
		List<Map.Entry<String, Map<String, String>>> routes = List.of(
				Map.entry("/app/tasks/" + theirs + "/row/complete", Map.of("back", "/app/today")),
				Map.entry("/app/tasks/" + theirs + "/row/reopen", Map.of("back", "/app/today")),
				Map.entry("/app/tasks/" + theirs + "/move", Map.of("after", "" + theirOther, "back", "/app/inbox")),
				Map.entry("/app/tasks/" + theirs + "/move", Map.of("after", "", "back", "/app/inbox")));

		for (Map.Entry<String, Map<String, String>> route : routes) {
			HttpResponse<String> forHtmx = intruder.htmxPost(route.getKey(), route.getValue());
			assertThat(forHtmx.statusCode()).as(route.getKey()).isEqualTo(404);
			assertThat(forHtmx.headers().firstValue("HX-Retarget")).as(route.getKey()).hasValue("#notice");
			assertThat(forHtmx.body()).as(route.getKey())
				.contains("That task no longer exists, or it is not yours.")
				.doesNotContain("Private");
			HttpResponse<String> plain = intruder.session().post(route.getKey(), route.getValue());
			assertThat(plain.statusCode()).as(route.getKey()).isEqualTo(404);
			assertThat(plain.body()).as(route.getKey()).contains("<h1>Not found</h1>").doesNotContain("Private");
		}
		assertThat(owner.task(theirs).toString()).isEqualTo(before);
		assertThat(owner.api("GET", "/tasks/" + theirs + "/completions", null)).isEmpty();

		// Their task as the place to go after: refused, as not in the list.
		String positions = positions(intruder, null);
		HttpResponse<String> after = intruder.htmxPost("/app/tasks/" + mine + "/move",
				Map.of("after", "" + theirOther, "back", "/app/inbox"));
		assertThat(after.statusCode()).isEqualTo(422);
		assertThat(after.body()).doesNotContain("Private");
		assertThat(rows(after.body())).containsExactly(mine, mineToo);
		assertThat(positions(intruder, null)).isEqualTo(positions);
	}

	@Test
	void aRowFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
		PageUser user = newUser();
		long a = user.task("{\"title\": \"One\"}");
		long b = user.task("{\"title\": \"Two\"}");

		HttpResponse<String> forged = user.session()
			.postWithToken("/app/tasks/" + b + "/move", "not-the-token", Map.of("after", "", "back", "/app/inbox"));

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(rows(user.session().get("/app/inbox").body())).containsExactly(a, b);
	}

	private PageUser newUser() {
		return PageUser.create(this.client, this.port, "Europe/Berlin");
	}

	/** The positions of a project's (or the Inbox's) tasks, by id. */
	private static String positions(PageUser user, Long project) {
		JsonNode tasks = user.api("GET", "/tasks?sort=position&project_id=" + ((project != null) ? project : "inbox"),
				null);
		return tasks.valueStream()
			.map((task) -> task.get("id").longValue() + ":" + task.get("position").stringValue())
			.toList()
			.toString();
	}

}
