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

	/**
	 * Issue 32: a row's menu of more actions. Without script its button is a link to the
	 * task's page; the view holds the menu (priorities, days, projects) for app.js.
	 */
	@Test
	void aRowsMoreActionsAreALinkToItsPageAndTheViewHoldsTheMenu() {
		PageUser user = newUser();
		long project = user.api("POST", "/projects", "{\"name\": \"Errands\"}").get("id").longValue();
		long id = user.task("{\"title\": \"Post the letter\", \"priority\": 3, \"project_id\": " + project + "}");

		String page = user.session().get("/app/projects/" + project).body();

		assertThat(row(page, id)).contains(
				"<a class=\"more icon\" href=\"/app/tasks/" + id + "?back=/app/projects/" + project
						+ "\" data-row-menu",
				"aria-label=\"More actions for Post the letter\" data-priority=\"3\" data-project=\"" + project + "\"");
		String menu = page.substring(page.indexOf("<template id=\"row-menu\">"));
		assertThat(menu).contains("role=\"menu\"", "data-menu-action=\"priority\" data-value=\"4\">P1 urgent</button>",
				"data-value=\"next-week\">Next week</button>", "data-value=\"none\">No date</button>",
				"data-menu-action=\"project\" data-value=\"\">Inbox</button>",
				"data-menu-action=\"project\" data-value=\"" + project + "\">Errands</button>",
				"data-menu-action=\"delete\"");
	}

	/**
	 * Issue 32: the menu changes a task's due, priority and project in place, answering
	 * the row with the change in words and an Undo, and the undo puts back exactly what
	 * was there: the due with its time, the priority, the project and the position key.
	 */
	@Test
	void theMenusChangesAnswerTheRowAndTheirUndoPutsBackExactlyWhatWasThere() {
		PageUser user = newUser();
		LocalDate today = LocalDate.now(user.zone());
		long work = user.api("POST", "/projects", "{\"name\": \"Work\"}").get("id").longValue();
		long home = user.api("POST", "/projects", "{\"name\": \"Home\"}").get("id").longValue();
		user.task("{\"title\": \"Earlier\", \"project_id\": " + work + "}");
		long id = user.task("{\"title\": \"Send the report\", \"priority\": 2, \"project_id\": " + work
				+ ", \"due\": {\"datetime\": \"" + today.atTime(14, 30).atZone(user.zone()).toInstant() + "\"}}");
		user.api("POST", "/tasks/" + id + "/move", "{\"after\": null}");
		JsonNode before = user.task(id);
		String back = "/app/projects/" + work;

		HttpResponse<String> rescheduled = user.htmxPost("/app/tasks/" + id + "/row/schedule",
				Map.of("schedule", "tomorrow", "back", back));

		assertThat(rescheduled.statusCode()).isEqualTo(200);
		assertThat(rescheduled.body().strip()).startsWith("<li class=\"task\"");
		assertThat(row(rescheduled.body(), id)).contains("<span>" + DAY.format(today.plusDays(1)) + ", 14:30</span>");
		assertThat(rescheduled.body()).contains("Rescheduled to " + DAY.format(today.plusDays(1)) + ", 14:30",
				"action=\"/app/tasks/" + id + "/undo\"", "data-undo>Undo</button>");
		assertThat(java.time.Instant.parse(user.task(id).get("due").get("datetime").stringValue()))
			.isEqualTo(today.plusDays(1).atTime(14, 30).atZone(user.zone()).toInstant());

		HttpResponse<String> undone = user.session().post("/app/tasks/" + id + "/undo", Map.of("back", back));
		assertThat(undone.statusCode()).isEqualTo(302);
		assertThat(user.task(id).get("due")).isEqualTo(before.get("due"));
		assertThat(user.session().get(back).body()).contains("Undone: Send the report");

		HttpResponse<String> urgent = user.htmxPost("/app/tasks/" + id + "/row/priority",
				Map.of("priority", "4", "back", back));
		assertThat(urgent.statusCode()).isEqualTo(200);
		assertThat(row(urgent.body(), id)).contains("<span class=\"priority p4\">P1</span>");
		assertThat(user.task(id).get("priority").intValue()).isEqualTo(4);
		user.session().post("/app/tasks/" + id + "/undo", Map.of("back", back));
		assertThat(user.task(id).get("priority").intValue()).isEqualTo(2);

		// Moved to another project from its own project's page: the row leaves the list.
		HttpResponse<String> moved = user.htmxPost("/app/tasks/" + id + "/row/project",
				Map.of("project", "" + home, "back", back));
		assertThat(moved.statusCode()).isEqualTo(200);
		assertThat(rows(moved.body())).isEmpty();
		assertThat(moved.body()).contains("Moved to Home", "action=\"/app/tasks/" + id + "/undo\"");
		assertThat(user.task(id).get("project_id").longValue()).isEqualTo(home);
		user.session().post("/app/tasks/" + id + "/undo", Map.of("back", back));
		JsonNode after = user.task(id);
		for (String field : List.of("due", "priority", "project_id", "parent_id", "position", "title")) {
			assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
		}
		assertThat(rows(user.session().get(back).body()).get(0)).isEqualTo(id);

		// An undo used once is gone.
		user.session().post("/app/tasks/" + id + "/undo", Map.of("back", back));
		assertThat(user.session().get(back).body()).contains("That change can no longer be undone.");
	}

	@Test
	void aDraggedRowsMoveIsUndoneToItsPositionKey() {
		PageUser user = newUser();
		long project = user.api("POST", "/projects", "{\"name\": \"Shelf\"}").get("id").longValue();
		long a = user.task("{\"title\": \"Books\", \"project_id\": " + project + "}");
		long b = user.task("{\"title\": \"Plants\", \"project_id\": " + project + "}");
		long c = user.task("{\"title\": \"Lamp\", \"project_id\": " + project + "}");
		String back = "/app/projects/" + project;
		String positions = positions(user, project);

		HttpResponse<String> moved = user.htmxPost("/app/tasks/" + a + "/move", Map.of("after", "" + c, "back", back));

		assertThat(moved.body()).contains("Moved: Books, 3 of 3.", "action=\"/app/tasks/" + a + "/undo\"",
				"class=\"undo-icon\" data-undo aria-label=\"Undo\"");
		assertThat(rows(user.session().get(back).body())).containsExactly(b, c, a);
		user.session().post("/app/tasks/" + a + "/undo", Map.of("back", back));
		assertThat(positions(user, project)).isEqualTo(positions);
		assertThat(rows(user.session().get(back).body())).containsExactly(a, b, c);
	}

	@Test
	void aChangeTheApiRefusesLeavesTheRowAsItWasWithTheReasonInWords() {
		PageUser user = newUser();
		LocalDate today = LocalDate.now(user.zone());
		long id = user.task("{\"title\": \"Stretch\", \"due\": {\"date\": \"" + today
				+ "\"}, \"recurrence\": {\"rule\": \"FREQ=DAILY\"}, \"reminders\": [{\"before\": \"PT1H\"}]}");
		long theirProject = newUser().api("POST", "/projects", "{\"name\": \"Theirs\"}").get("id").longValue();
		String before = user.task(id).toString();
		List<Map.Entry<String, Map<String, String>>> refused = List.of(
				Map.entry("/app/tasks/" + id + "/row/priority", Map.of("priority", "9", "back", "/app/today")),
				Map.entry("/app/tasks/" + id + "/row/priority", Map.of("priority", "high", "back", "/app/today")),
				Map.entry("/app/tasks/" + id + "/row/schedule", Map.of("schedule", "someday", "back", "/app/today")),
				Map.entry("/app/tasks/" + id + "/row/project", Map.of("project", "work", "back", "/app/today")),
				Map.entry("/app/tasks/" + id + "/row/project",
						Map.of("project", "" + theirProject, "back", "/app/today")));

		for (Map.Entry<String, Map<String, String>> change : refused) {
			HttpResponse<String> answer = user.htmxPost(change.getKey(), change.getValue());
			assertThat(answer.statusCode()).as(change.toString()).isEqualTo(422);
			assertThat(row(answer.body(), id)).as(change.toString()).contains("<span>Today</span>");
			assertThat(answer.body()).as(change.toString())
				.contains("<div class=\"problems\"><p>")
				.doesNotContain("data-undo");
		}
		assertThat(user.task(id).toString()).isEqualTo(before);

		// No date ends a series, as the API's due of null does; its undo brings both
		// back.
		JsonNode was = user.task(id);
		HttpResponse<String> undated = user.htmxPost("/app/tasks/" + id + "/row/schedule",
				Map.of("schedule", "none", "back", "/app/today"));
		assertThat(undated.statusCode()).isEqualTo(200);
		assertThat(undated.body()).contains("No date now: Stretch; it no longer repeats.");
		assertThat(user.task(id).get("recurrence").isNull()).isTrue();
		user.session().post("/app/tasks/" + id + "/undo", Map.of("back", "/app/today"));
		JsonNode undone = user.task(id);
		for (String field : List.of("due", "recurrence", "reminders", "priority", "project_id")) {
			assertThat(undone.get(field)).as(field).isEqualTo(was.get(field));
		}
	}

	@Test
	void anotherUsersTaskIsNotFoundOnEveryMenuRouteAndItsUndoAndNothingChanges() {
		PageUser owner = newUser();
		long project = owner.api("POST", "/projects", "{\"name\": \"Secret\"}").get("id").longValue();
		long theirs = owner.task("{\"title\": \"Private\", \"priority\": 2, \"project_id\": " + project + "}");
		String before = owner.task(theirs).toString();
		PageUser intruder = newUser();
		intruder.session().get("/app/inbox");
		List<Map.Entry<String, Map<String, String>>> routes = List.of(
				Map.entry("/app/tasks/" + theirs + "/row/priority", Map.of("priority", "4", "back", "/app/today")),
				Map.entry("/app/tasks/" + theirs + "/row/schedule", Map.of("schedule", "today", "back", "/app/today")),
				Map.entry("/app/tasks/" + theirs + "/row/project", Map.of("project", "", "back", "/app/today")));

		for (Map.Entry<String, Map<String, String>> route : routes) {
			HttpResponse<String> forHtmx = intruder.htmxPost(route.getKey(), route.getValue());
			assertThat(forHtmx.statusCode()).as(route.getKey()).isEqualTo(404);
			assertThat(forHtmx.body()).as(route.getKey())
				.contains("That task no longer exists, or it is not yours.")
				.doesNotContain("Private");
			HttpResponse<String> plain = intruder.session().post(route.getKey(), route.getValue());
			assertThat(plain.statusCode()).as(route.getKey()).isEqualTo(404);
			assertThat(plain.body()).as(route.getKey()).contains("<h1>Not found</h1>");
		}
		// The owner's own change, and the intruder's try at its undo.
		owner.session().get("/app/inbox");
		owner.htmxPost("/app/tasks/" + theirs + "/row/priority", Map.of("priority", "4", "back", "/app/today"));
		String changed = owner.task(theirs).toString();
		HttpResponse<String> undo = intruder.session()
			.post("/app/tasks/" + theirs + "/undo", Map.of("back", "/app/today"));
		assertThat(undo.statusCode()).isEqualTo(404);
		assertThat(undo.body()).contains("<h1>Not found</h1>").doesNotContain("Private");
		assertThat(owner.task(theirs).toString()).isEqualTo(changed).isNotEqualTo(before);

		HttpResponse<String> forged = owner.session()
			.postWithToken("/app/tasks/" + theirs + "/row/priority", "not-the-token",
					Map.of("priority", "1", "back", "/app/today"));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(owner.task(theirs).toString()).isEqualTo(changed);
	}

	/**
	 * Issue 32: an answer in place draws the sidebar's counts again (out-of-band), so
	 * that Today's count follows a recurring task completed from its row.
	 */
	@Test
	void anAnswerInPlaceBringsTheSidebarsCountsWithIt() {
		PageUser user = newUser();
		LocalDate today = LocalDate.now(user.zone());
		long project = user.api("POST", "/projects", "{\"name\": \"Health\"}").get("id").longValue();
		long id = user.task("{\"title\": \"Walk\", \"project_id\": " + project + ", \"due\": {\"date\": \"" + today
				+ "\"}, \"recurrence\": {\"rule\": \"FREQ=DAILY\"}}");
		assertThat(user.session().get("/app/today").body()).contains("Today <span class=\"count\">1</span>");

		HttpResponse<String> completed = user.htmxPost("/app/tasks/" + id + "/row/complete",
				Map.of("back", "/app/today"));

		String views = completed.body().substring(completed.body().indexOf("<ul id=\"sidebar-views\""));
		assertThat(views).startsWith("<ul id=\"sidebar-views\" hx-swap-oob=\"true\">")
			.contains("Today <span class=\"count\">0</span>", "href=\"/app/today\" aria-current=\"page\"");
		assertThat(completed.body()).contains(
				"<ul id=\"sidebar-projects\" aria-labelledby=\"projects-heading\" hx-swap-oob=\"true\">",
				"<span>Health</span> <span class=\"count\">1</span>", "<ul id=\"sidebar-labels\"");

		HttpResponse<String> toInbox = user.htmxPost("/app/tasks/" + id + "/row/project",
				Map.of("project", "", "back", "/app/today"));
		assertThat(toInbox.body()).contains("Inbox <span class=\"count\">1</span>",
				"<span>Health</span> <span class=\"count\">0</span>");
	}

	/**
	 * Issue 32: without script, a recurring task completed from its row (or its pane)
	 * says where its due went, as the answer in place does, not "Completed".
	 */
	@Test
	void withoutScriptARecurringTaskCompletedFromTheViewSaysWhereItMoved() {
		PageUser user = newUser();
		LocalDate today = LocalDate.now(user.zone());
		long id = user.task("{\"title\": \"Feed the cat\", \"due\": {\"date\": \"" + today
				+ "\"}, \"recurrence\": {\"rule\": \"FREQ=DAILY\"}}");
		long once = user.task("{\"title\": \"Once only\"}");
		String action = row(user.session().get("/app/today").body(), id);
		assertThat(action).contains("action=\"/app/tasks/" + id + "/complete\"");

		HttpResponse<String> plain = user.session()
			.post("/app/tasks/" + id + "/complete", Map.of("back", "/app/today"));

		assertThat(plain.statusCode()).isEqualTo(302);
		String page = user.session().get("/app/today").body();
		assertThat(page).contains("Moved to " + DAY.format(today.plusDays(1)), "data-undo>Undo</button>")
			.doesNotContain("Completed: Feed the cat");
		user.session().post("/app/tasks/" + once + "/complete", Map.of("back", "/app/inbox"));
		assertThat(user.session().get("/app/inbox").body()).contains("Completed: Once only");
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
