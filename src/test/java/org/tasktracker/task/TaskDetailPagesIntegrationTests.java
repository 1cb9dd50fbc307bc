package org.tasktracker.task;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 33: a task's detail pane shows and changes its subtasks and reminders, and shows
 * its recurrence and last completions, through the pages over plain HTTP: with
 * {@code HX-Request} each form is answered with its part of the pane (and the task's row
 * when the page shows it), without it with a redirect to the pane. Refusals are words in
 * the part with a 422; another user's task is a 404 that changes nothing. The same
 * settings as {@link WebUiBrowserTests}, so that a run of both starts the service once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=ui-admin",
				"tasktracker.auth.admin-password=" + WebUiBrowserTests.PASSWORD })
@AutoConfigureRestTestClient
class TaskDetailPagesIntegrationTests {

	private static final Pattern SUBTASK = Pattern.compile("data-subtask-id=\"(\\d+)\"");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	@Test
	void thePaneListsTheSubtasksInManualOrderAndASubtasksPaneNamesTheTasksAboveIt() {
		PageUser user = newUser();
		long parent = user.task("{\"title\": \"Move house\"}");
		long boxes = user.task("{\"title\": \"Buy boxes\", \"parent_id\": " + parent + "}");
		long van = user.task("{\"title\": \"Book the van\", \"parent_id\": " + parent + "}");
		long keys = user.task("{\"title\": \"Hand over the keys\", \"parent_id\": " + van + "}");
		user.api("POST", "/tasks/" + van + "/move", "{\"after\": null}");
		user.api("POST", "/tasks/" + boxes + "/complete", null);

		String pane = pane(user, parent);

		assertThat(subtasks(pane)).containsExactly(van, boxes);
		assertThat(pane).contains("Subtasks <span class=\"quiet\" aria-hidden=\"true\">1/2</span>",
				"<span class=\"visually-hidden\">, 1 of 2 done</span>");
		assertThat(subtask(pane, boxes)).contains("role=\"checkbox\"", "aria-checked=\"true\"",
				"action=\"/app/tasks/" + parent + "/subtasks/" + boxes + "/reopen\"");
		assertThat(subtask(pane, van)).contains("aria-checked=\"false\"", "aria-label=\"Book the van\"",
				"hx-post=\"/app/tasks/" + parent + "/subtasks/" + van + "/complete\"",
				"href=\"/app/tasks/" + van + "?back=/app/inbox\"", "<span aria-hidden=\"true\">0/1</span>");
		assertThat(pane).contains("id=\"subtask-title\"").doesNotContain("pane-above");

		String deepest = pane(user, keys);
		assertThat(deepest).contains("Subtask of", "href=\"/app/tasks/" + parent + "?back=/app/inbox\"",
				"data-pane-link hx-get=\"/app/tasks/" + parent + "?back=/app/inbox\">Move house</a>",
				"data-pane-link hx-get=\"/app/tasks/" + van + "?back=/app/inbox\">Book the van</a>");
		assertThat(deepest.indexOf(">Move house<")).isLessThan(deepest.indexOf(">Book the van<"));
	}

	@Test
	void addingASubtaskAnswersTheSubtasksWithItAndTheRowWhenThePageShowsIt() {
		PageUser user = newUser();
		long parent = user.task("{\"title\": \"Plan the trip\"}");
		user.session().get("/app/inbox");

		HttpResponse<String> added = user.htmxPost("/app/tasks/" + parent + "/subtasks",
				Map.of("title", "  Book the train  ", "back", "/app/inbox"), TaskDetailPages.ROW_SHOWN, "true");

		assertThat(added.statusCode()).isEqualTo(200);
		JsonNode children = user.api("GET", "/tasks?parent_id=" + parent, null);
		assertThat(children).hasSize(1);
		long child = children.get(0).get("id").longValue();
		assertThat(children.get(0).get("title").stringValue()).isEqualTo("Book the train");
		assertThat(added.body().strip()).startsWith("<section id=\"pane-subtasks\"");
		assertThat(subtasks(added.body())).containsExactly(child);
		assertThat(PageUser.row(added.body(), parent)).contains("id=\"row-" + parent + "\"", "hx-swap-oob=\"true\"",
				"<span aria-hidden=\"true\">0/1</span>", "0 of 1 subtasks done");

		HttpResponse<String> second = user.htmxPost("/app/tasks/" + parent + "/subtasks",
				Map.of("title", "Pack", "back", "/app/inbox"));
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(subtasks(second.body())).hasSize(2).startsWith(child);
		assertThat(second.body()).as("no row when the page does not show it").doesNotContain("data-task-id");

		// Without script: back to the pane, which lists it.
		HttpResponse<String> plain = user.session()
			.post("/app/tasks/" + parent + "/subtasks", Map.of("title", "Print the tickets", "back", "/app/inbox"));
		assertThat(plain.statusCode()).isEqualTo(302);
		assertThat(plain.headers().firstValue("Location").orElseThrow())
			.endsWith("/app/tasks/" + parent + "?back=/app/inbox");
		assertThat(pane(user, parent)).contains(">Print the tickets</a>");
		assertThat(user.task(parent).get("subtasks").toString()).isEqualTo("{\"open\":3,\"total\":3}");
	}

	@Test
	void aTooLongOrBlankSubtaskTitleAndAFifthLevelAreRefusedInWordsInThePane() {
		PageUser user = newUser();
		long parent = user.task("{\"title\": \"Write the book\"}");
		String long201 = "x".repeat(201);

		HttpResponse<String> tooLong = user.htmxPost("/app/tasks/" + parent + "/subtasks",
				Map.of("title", long201, "back", "/app/inbox"));
		HttpResponse<String> blank = user.htmxPost("/app/tasks/" + parent + "/subtasks",
				Map.of("title", "   ", "back", "/app/inbox"));

		assertThat(tooLong.statusCode()).isEqualTo(422);
		assertThat(tooLong.body().strip()).startsWith("<section id=\"pane-subtasks\"")
			.contains("role=\"alert\"", "The subtask&#39;s title must be at most 200 characters.",
					"value=\"" + long201 + "\"");
		assertThat(blank.statusCode()).isEqualTo(422);
		assertThat(blank.body()).contains("The subtask&#39;s title must not be blank.");
		assertThat(user.api("GET", "/tasks?parent_id=" + parent, null)).isEmpty();

		// Without script, the refusal is on the pane the redirect leads to.
		HttpResponse<String> plain = user.session()
			.post("/app/tasks/" + parent + "/subtasks", Map.of("title", long201, "back", "/app/inbox"));
		assertThat(plain.statusCode()).isEqualTo(302);
		assertThat(pane(user.session().get("/app/tasks/" + parent + "?back=/app/inbox").body()))
			.contains("The subtask&#39;s title must be at most 200 characters.");

		long level = parent;
		for (int depth = 1; depth <= 4; depth++) {
			level = user.task("{\"title\": \"Level " + depth + "\", \"parent_id\": " + level + "}");
		}
		assertThat(pane(user, level)).contains("This task is four levels down: it cannot have subtasks.")
			.doesNotContain("id=\"subtask-title\"");
		HttpResponse<String> fifth = user.htmxPost("/app/tasks/" + level + "/subtasks",
				Map.of("title", "Level 5", "back", "/app/inbox"));
		assertThat(fifth.statusCode()).isEqualTo(422);
		assertThat(fifth.body()).contains("This task is 4 levels down already: it cannot have subtasks.");
		assertThat(user.api("GET", "/tasks?parent_id=" + level, null)).isEmpty();
	}

	@Test
	void tickingASubtaskCompletesAndReopensItInPlace() {
		PageUser user = newUser();
		long parent = user.task("{\"title\": \"Clean the flat\"}");
		long kitchen = user.task("{\"title\": \"Kitchen\", \"parent_id\": " + parent + "}");
		long bath = user.task("{\"title\": \"Bath\", \"parent_id\": " + parent + "}");
		user.session().get("/app/inbox");

		HttpResponse<String> ticked = user.htmxPost("/app/tasks/" + parent + "/subtasks/" + kitchen + "/complete",
				Map.of("back", "/app/inbox"), TaskDetailPages.ROW_SHOWN, "true");

		assertThat(ticked.statusCode()).isEqualTo(200);
		assertThat(subtask(ticked.body(), kitchen)).contains("aria-checked=\"true\"");
		assertThat(subtask(ticked.body(), bath)).contains("aria-checked=\"false\"");
		assertThat(PageUser.row(ticked.body(), parent)).contains("<span aria-hidden=\"true\">1/2</span>");
		assertThat(user.task(kitchen).get("completed").booleanValue()).isTrue();

		HttpResponse<String> unticked = user.htmxPost("/app/tasks/" + parent + "/subtasks/" + kitchen + "/reopen",
				Map.of("back", "/app/inbox"));
		assertThat(unticked.statusCode()).isEqualTo(200);
		assertThat(subtask(unticked.body(), kitchen)).contains("aria-checked=\"false\"");
		assertThat(user.task(kitchen).get("completed").booleanValue()).isFalse();

		// A subtask named under another parent is not found there, and stays as it was.
		long other = user.task("{\"title\": \"Other\"}");
		HttpResponse<String> elsewhere = user.htmxPost("/app/tasks/" + other + "/subtasks/" + kitchen + "/complete",
				Map.of("back", "/app/inbox"));
		assertThat(elsewhere.statusCode()).isEqualTo(404);
		assertThat(user.task(kitchen).get("completed").booleanValue()).isFalse();
	}

	@Test
	void remindersAreShownInWordsInTheUsersZoneAddedAndRemoved() {
		PageUser user = newUser();
		LocalDate day = LocalDate.now(user.zone()).plusDays(3);
		long id = user.task("{\"title\": \"Dentist\", \"due\": {\"datetime\": \""
				+ day.atTime(9, 0).atZone(user.zone()).toInstant() + "\"}, \"reminders\": [{\"before\": \"P1DT2H\"}]}");

		assertThat(reminders(pane(user, id))).containsExactly("1 day 2 hours before");

		HttpResponse<String> before = user.htmxPost("/app/tasks/" + id + "/reminders",
				Map.of("before", "PT15M", "back", "/app/inbox"));
		HttpResponse<String> at = user.htmxPost("/app/tasks/" + id + "/reminders",
				Map.of("at", day.minusDays(1) + "T20:00", "back", "/app/inbox"));
		HttpResponse<String> due = user.htmxPost("/app/tasks/" + id + "/reminders",
				Map.of("before", "PT0S", "back", "/app/inbox"));

		assertThat(before.statusCode()).isEqualTo(200);
		assertThat(before.body().strip()).startsWith("<section id=\"pane-reminders\"");
		assertThat(at.statusCode()).isEqualTo(200);
		String atWords = dayWords(day.minusDays(1)) + ", 20:00";
		assertThat(reminders(due.body())).containsExactly("1 day 2 hours before", "15 minutes before", atWords,
				"At the due time");
		String stored = day.minusDays(1).atTime(20, 0).atZone(user.zone()).toInstant().toString();
		assertThat(user.task(id).get("reminders").toString()).isEqualTo(
				"[{\"before\":\"P1DT2H\"},{\"before\":\"PT15M\"},{\"at\":\"" + stored + "\"},{\"before\":\"PT0S\"}]");

		HttpResponse<String> removed = user.htmxPost("/app/tasks/" + id + "/reminders/remove",
				Map.of("reminder", stored, "back", "/app/inbox"));
		assertThat(removed.statusCode()).isEqualTo(200);
		assertThat(reminders(removed.body())).containsExactly("1 day 2 hours before", "15 minutes before",
				"At the due time");
		assertThat(removed.body()).contains("Remove<span class=\"visually-hidden\"> the reminder 15 minutes before");

		// Without script: the redirect to the pane.
		HttpResponse<String> plain = user.session()
			.post("/app/tasks/" + id + "/reminders/remove", Map.of("reminder", "PT15M", "back", "/app/inbox"));
		assertThat(plain.statusCode()).isEqualTo(302);
		assertThat(reminders(pane(user, id))).containsExactly("1 day 2 hours before", "At the due time");
	}

	@Test
	void aSixthReminderAMalformedDateAndABeforeWithoutADueAreRefusedInThePane() {
		PageUser user = newUser();
		long id = user.task("{\"title\": \"Renew the passport\", \"due\": {\"date\": \"2027-03-01\"}, "
				+ "\"reminders\": [{\"before\": \"PT0S\"}, {\"before\": \"PT15M\"}, {\"before\": \"PT1H\"}, "
				+ "{\"before\": \"P1D\"}, {\"before\": \"P2D\"}]}");
		String reminders = user.task(id).get("reminders").toString();

		HttpResponse<String> sixth = user.htmxPost("/app/tasks/" + id + "/reminders",
				Map.of("before", "P3D", "back", "/app/inbox"));
		HttpResponse<String> malformed = user.htmxPost("/app/tasks/" + id + "/reminders",
				Map.of("at", "2027-02-30T25:61", "back", "/app/inbox"));
		HttpResponse<String> twice = user.htmxPost("/app/tasks/" + id + "/reminders",
				Map.of("before", "PT15M", "back", "/app/inbox"));
		HttpResponse<String> nothing = user.htmxPost("/app/tasks/" + id + "/reminders", Map.of("back", "/app/inbox"));
		HttpResponse<String> forged = user.htmxPost("/app/tasks/" + id + "/reminders",
				Map.of("before", "soon", "back", "/app/inbox"));

		assertThat(sixth.statusCode()).isEqualTo(422);
		assertThat(sixth.body().strip()).startsWith("<section id=\"pane-reminders\"")
			.contains("role=\"alert\"", "A task holds at most 5 reminders: remove one first.");
		assertThat(malformed.statusCode()).isEqualTo(422);
		assertThat(malformed.body()).contains("The reminder&#39;s date and time is not one: choose a day and a time.",
				"value=\"2027-02-30T25:61\"");
		assertThat(twice.statusCode()).isEqualTo(422);
		assertThat(twice.body()).contains("That reminder is set already.");
		assertThat(nothing.statusCode()).isEqualTo(422);
		assertThat(nothing.body()).contains("Choose when to be reminded");
		assertThat(forged.statusCode()).isEqualTo(422);
		assertThat(forged.body()).contains("A reminder before the due is a time of up to 366 days before it.");
		assertThat(user.task(id).get("reminders").toString()).isEqualTo(reminders);

		long undated = user.task("{\"title\": \"Someday\"}");
		assertThat(pane(user, undated)).contains("No reminders.", "id=\"reminder-at\"")
			.doesNotContain("id=\"reminder-before\"");
		HttpResponse<String> beforeNothing = user.htmxPost("/app/tasks/" + undated + "/reminders",
				Map.of("before", "PT15M", "back", "/app/inbox"));
		assertThat(beforeNothing.statusCode()).isEqualTo(422);
		assertThat(beforeNothing.body()).contains("A reminder before the due needs a due date: set one first.");
		assertThat(user.task(undated).get("reminders")).isEmpty();
	}

	@Test
	void thePaneShowsTheRecurrenceAndTheLastTenCompletions() {
		PageUser user = newUser();
		LocalDate today = LocalDate.now(user.zone());
		long id = user.task("{\"title\": \"Water the plants\", \"due\": {\"date\": \"" + today.minusDays(1)
				+ "\"}, \"recurrence\": {\"rule\": \"FREQ=DAILY\", \"from\": \"completion\"}}");
		assertThat(pane(user, id)).contains("<h3 id=\"repeats-heading\">Repeats</h3>", "every day",
				"&middot; from completion", "Not completed yet.");

		for (int i = 0; i < 11; i++) {
			user.api("POST", "/tasks/" + id + "/complete", null);
		}

		String pane = pane(user, id);
		List<String> completions = Pattern.compile("<ol class=\"completions\"[^>]*>(.*?)</ol>", Pattern.DOTALL)
			.matcher(pane)
			.results()
			.flatMap((list) -> Pattern.compile("<li>([^<]*)</li>").matcher(list.group(1)).results())
			.map((item) -> item.group(1))
			.toList();
		assertThat(completions).hasSize(10);
		assertThat(completions.get(completions.size() - 1))
			.startsWith("due " + dayWords(today.plusDays(1)) + " \u00b7 done ");
		assertThat(completions.get(0)).matches("due .* \u00b7 done " + dayWords(today) + ", \\d\\d:\\d\\d");
		assertThat(pane(user, user.task("{\"title\": \"Once\"}"))).doesNotContain("repeats-heading");
	}

	@Test
	void anotherUsersTaskIsNotFoundOnEveryPaneRouteAndNothingChanges() {
		PageUser owner = newUser();
		long theirs = owner.task("{\"title\": \"Private\", \"due\": {\"date\": \"2027-01-01\"}, "
				+ "\"reminders\": [{\"before\": \"PT15M\"}]}");
		long theirChild = owner.task("{\"title\": \"Private child\", \"parent_id\": " + theirs + "}");
		PageUser intruder = newUser();
		long mine = intruder.task("{\"title\": \"Mine\"}");
		intruder.session().get("/app/inbox");
		Map<String, Map<String, String>> routes = Map.of("/app/tasks/" + theirs + "/subtasks",
				Map.of("title", "Mine now", "back", "/app/inbox"),
				"/app/tasks/" + theirs + "/subtasks/" + theirChild + "/complete", Map.of("back", "/app/inbox"),
				"/app/tasks/" + mine + "/subtasks/" + theirChild + "/complete", Map.of("back", "/app/inbox"),
				"/app/tasks/" + theirs + "/subtasks/" + theirChild + "/reopen", Map.of("back", "/app/inbox"),
				"/app/tasks/" + theirs + "/reminders", Map.of("before", "PT1H", "back", "/app/inbox"),
				"/app/tasks/" + theirs + "/reminders/remove", Map.of("reminder", "PT15M", "back", "/app/inbox"));

		for (Map.Entry<String, Map<String, String>> route : routes.entrySet()) {
			HttpResponse<String> forHtmx = intruder.htmxPost(route.getKey(), route.getValue());
			assertThat(forHtmx.statusCode()).as(route.getKey()).isEqualTo(404);
			assertThat(forHtmx.headers().firstValue("HX-Retarget")).as(route.getKey()).hasValue("#task-pane");
			assertThat(forHtmx.body()).as(route.getKey())
				.contains("That task no longer exists, or it is not yours.")
				.doesNotContain("Private");
			HttpResponse<String> plain = intruder.session().post(route.getKey(), route.getValue());
			assertThat(plain.statusCode()).as(route.getKey()).isEqualTo(404);
			assertThat(plain.body()).as(route.getKey()).contains("<h1>Not found</h1>").doesNotContain("Private");
		}
		JsonNode task = owner.task(theirs);
		assertThat(task.get("subtasks").toString()).isEqualTo("{\"open\":1,\"total\":1}");
		assertThat(task.get("reminders").toString()).isEqualTo("[{\"before\":\"PT15M\"}]");
		assertThat(owner.task(theirChild).get("completed").booleanValue()).isFalse();
		assertThat(intruder.api("GET", "/tasks?parent_id=" + mine, null)).isEmpty();
	}

	@Test
	void aPaneFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
		PageUser user = newUser();
		long id = user.task("{\"title\": \"Guarded\"}");
		user.session().get("/app/inbox");

		HttpResponse<String> forged = user.session()
			.postWithToken("/app/tasks/" + id + "/subtasks", "not-the-token", Map.of("title", "Sneaked in"));
		HttpResponse<String> reminder = user.session()
			.postWithToken("/app/tasks/" + id + "/reminders", "not-the-token", Map.of("at", "2027-01-01T09:00"));

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(reminder.statusCode()).isEqualTo(403);
		assertThat(user.api("GET", "/tasks?parent_id=" + id, null)).isEmpty();
		assertThat(user.task(id).get("reminders")).isEmpty();
	}

	/**
	 * Issue 32: a pane opened on a task deleted elsewhere swapped the whole not-found
	 * page into the pane. Now the pane says the task is gone; a full page is still the
	 * app's not-found page.
	 */
	@Test
	void aTaskDeletedElsewhereOpensAsAGonePaneNotAWholePage() {
		PageUser user = newUser();
		long id = user.task("{\"title\": \"Short-lived\"}");
		user.api("DELETE", "/tasks/" + id, null);

		HttpResponse<String> pane = user.session()
			.get("/app/tasks/" + id + "?back=/app/inbox", "HX-Request", "true", "HX-Target", "task-pane");
		HttpResponse<String> page = user.session().get("/app/tasks/" + id + "?back=/app/inbox");

		assertThat(pane.statusCode()).isEqualTo(404);
		assertThat(pane.body()).contains("<aside id=\"task-pane\"", "This task is gone", "href=\"/app/inbox\"")
			.doesNotContain("<html", "class=\"sidebar\"");
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("<html", "class=\"sidebar\"");
	}

	/**
	 * Issue 33: subtasks are reordered in the pane as rows are in a list: a move puts one
	 * right after another, or first, through the API's move, and the answer is the
	 * subtasks in their new order with the place in words for the pane's live region.
	 * Each has Move up and Move down buttons, which post the same form without script.
	 */
	@Test
	void subtasksMoveAfterAnotherOrFirstAndTheAnswerSaysWhereTheMovedOneIs() {
		PageUser user = newUser();
		long parent = user.task("{\"title\": \"Bake a cake\"}");
		long flour = user.task("{\"title\": \"Flour\", \"parent_id\": " + parent + "}");
		long eggs = user.task("{\"title\": \"Eggs\", \"parent_id\": " + parent + "}");
		long sugar = user.task("{\"title\": \"Sugar\", \"parent_id\": " + parent + "}");
		String move = "/app/tasks/" + parent + "/subtasks/";

		String pane = pane(user, parent);
		assertThat(pane).contains("data-reorder=\"/app/inbox\" data-reorder-target=\"#pane-subtasks\"",
				"id=\"subtask-reorder-help\"", "<p id=\"pane-notice\" class=\"pane-notice\" role=\"status\"></p>");
		assertThat(subtask(pane, flour))
			.contains("data-move-path=\"" + move + flour + "/move\"", "aria-label=\"Move Flour down\"",
					"name=\"after\" value=\"" + eggs + "\"")
			.doesNotContain("Move Flour up");
		assertThat(subtask(pane, sugar))
			.contains("aria-label=\"Move Sugar up\"", "name=\"after\" value=\"" + flour + "\"")
			.doesNotContain("Move Sugar down");
		assertThat(subtask(pane, eggs)).contains("aria-label=\"Move Eggs up\"", "name=\"after\" value=\"\"");

		HttpResponse<String> last = user.htmxPost(move + flour + "/move",
				Map.of("after", "" + sugar, "back", "/app/inbox"));

		assertThat(last.statusCode()).isEqualTo(200);
		assertThat(last.body().strip()).startsWith("<section id=\"pane-subtasks\"");
		assertThat(subtasks(last.body())).containsExactly(eggs, sugar, flour);
		assertThat(last.body()).contains("<p id=\"pane-notice\" hx-swap-oob=\"innerHTML\">Moved: Flour, 3 of 3.</p>");
		assertThat(order(user, parent)).containsExactly(eggs, sugar, flour);

		HttpResponse<String> first = user.htmxPost(move + sugar + "/move", Map.of("after", "", "back", "/app/inbox"));
		assertThat(subtasks(first.body())).containsExactly(sugar, eggs, flour);
		assertThat(first.body()).contains("Moved: Sugar, 1 of 3.");
		assertThat(order(user, parent)).containsExactly(sugar, eggs, flour);

		// Without script: Move down is a form that leads back to the pane.
		HttpResponse<String> plain = user.session()
			.post(move + sugar + "/move", Map.of("after", "" + eggs, "back", "/app/inbox"));
		assertThat(plain.statusCode()).isEqualTo(302);
		assertThat(plain.headers().firstValue("Location").orElseThrow())
			.endsWith("/app/tasks/" + parent + "?back=/app/inbox");
		assertThat(order(user, parent)).containsExactly(eggs, sugar, flour);
		assertThat(subtasks(pane(user.session().get("/app/tasks/" + parent + "?back=/app/inbox").body())))
			.containsExactly(eggs, sugar, flour);
	}

	@Test
	void aSubtaskMovedAfterATaskOfAnotherParentOrAfterNothingReadableIsRefusedAndNothingMoves() {
		PageUser user = newUser();
		long parent = user.task("{\"title\": \"Garden\"}");
		long weed = user.task("{\"title\": \"Weed\", \"parent_id\": " + parent + "}");
		long mow = user.task("{\"title\": \"Mow\", \"parent_id\": " + parent + "}");
		long elsewhere = user.task("{\"title\": \"Elsewhere\"}");
		String positions = user.api("GET", "/tasks?parent_id=" + parent + "&sort=position", null).toString();
		String move = "/app/tasks/" + parent + "/subtasks/" + weed + "/move";

		HttpResponse<String> other = user.htmxPost(move, Map.of("after", "" + elsewhere, "back", "/app/inbox"));
		HttpResponse<String> garbage = user.htmxPost(move, Map.of("after", "x1", "back", "/app/inbox"));

		for (HttpResponse<String> refused : List.of(other, garbage)) {
			assertThat(refused.statusCode()).isEqualTo(422);
			assertThat(subtasks(refused.body())).containsExactly(weed, mow);
			assertThat(refused.body()).contains("<div class=\"problems\" role=\"alert\">")
				.contains("<p id=\"pane-notice\" hx-swap-oob=\"innerHTML\"></p>");
		}
		assertThat(other.body()).contains("It cannot go there: the task above it must be in the same list.");
		assertThat(garbage.body()).contains("That place is not in this list.");
		assertThat(user.api("GET", "/tasks?parent_id=" + parent + "&sort=position", null).toString())
			.isEqualTo(positions);
	}

	@Test
	void anotherUsersSubtaskCannotBeMovedNorServeAsAPlaceAndNothingMoves() {
		PageUser owner = newUser();
		long theirs = owner.task("{\"title\": \"Private\"}");
		long theirFirst = owner.task("{\"title\": \"Private one\", \"parent_id\": " + theirs + "}");
		long theirSecond = owner.task("{\"title\": \"Private two\", \"parent_id\": " + theirs + "}");
		String before = owner.api("GET", "/tasks?parent_id=" + theirs + "&sort=position", null).toString();
		PageUser intruder = newUser();
		long mine = intruder.task("{\"title\": \"Mine\"}");
		long myChild = intruder.task("{\"title\": \"My child\", \"parent_id\": " + mine + "}");
		intruder.session().get("/app/inbox");
		Map<String, Map<String, String>> routes = Map.of("/app/tasks/" + theirs + "/subtasks/" + theirSecond + "/move",
				Map.of("after", "", "back", "/app/inbox"), "/app/tasks/" + mine + "/subtasks/" + theirSecond + "/move",
				Map.of("after", "", "back", "/app/inbox"));

		for (Map.Entry<String, Map<String, String>> route : routes.entrySet()) {
			HttpResponse<String> forHtmx = intruder.htmxPost(route.getKey(), route.getValue());
			assertThat(forHtmx.statusCode()).as(route.getKey()).isEqualTo(404);
			assertThat(forHtmx.headers().firstValue("HX-Retarget")).as(route.getKey()).hasValue("#task-pane");
			assertThat(forHtmx.body()).as(route.getKey()).doesNotContain("Private");
			HttpResponse<String> plain = intruder.session().post(route.getKey(), route.getValue());
			assertThat(plain.statusCode()).as(route.getKey()).isEqualTo(404);
			assertThat(plain.body()).as(route.getKey()).contains("<h1>Not found</h1>").doesNotContain("Private");
		}
		HttpResponse<String> afterTheirs = intruder.htmxPost("/app/tasks/" + mine + "/subtasks/" + myChild + "/move",
				Map.of("after", "" + theirFirst, "back", "/app/inbox"));
		assertThat(afterTheirs.statusCode()).isEqualTo(422);
		assertThat(afterTheirs.body()).doesNotContain("Private");
		assertThat(owner.api("GET", "/tasks?parent_id=" + theirs + "&sort=position", null).toString())
			.isEqualTo(before);

		HttpResponse<String> forged = intruder.session()
			.postWithToken("/app/tasks/" + mine + "/subtasks/" + myChild + "/move", "not-the-token",
					Map.of("after", "", "back", "/app/inbox"));
		assertThat(forged.statusCode()).isEqualTo(403);
	}

	/** The ids of a task's subtasks in manual order, from the API. */
	private static List<Long> order(PageUser user, long parent) {
		return user.api("GET", "/tasks?parent_id=" + parent + "&sort=position", null)
			.valueStream()
			.map((task) -> task.get("id").longValue())
			.toList();
	}

	private PageUser newUser() {
		return PageUser.create(this.client, this.port, "Europe/Berlin");
	}

	/** The pane alone, as htmx asks for it. */
	private static String pane(PageUser user, long id) {
		HttpResponse<String> response = user.session()
			.get("/app/tasks/" + id + "?back=/app/inbox", "HX-Request", "true", "HX-Target", "task-pane");
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static String pane(String page) {
		int start = page.indexOf("<aside id=\"task-pane\"");
		assertThat(start).as("the pane").isNotNegative();
		return page.substring(start, page.indexOf("</aside>", start));
	}

	private static List<Long> subtasks(String html) {
		return SUBTASK.matcher(html).results().map((found) -> Long.valueOf(found.group(1))).toList();
	}

	private static String subtask(String html, long id) {
		int start = html.indexOf("data-subtask-id=\"" + id + "\"");
		assertThat(start).as("subtask " + id).isNotNegative();
		return html.substring(start, html.indexOf("</li>", start));
	}

	private static List<String> reminders(String html) {
		int start = html.indexOf("<ul class=\"reminder-list\">");
		if (start < 0) {
			return List.of();
		}
		String list = html.substring(start, html.indexOf("</ul>", start));
		return Pattern.compile("<li>\\s*<span>([^<]*)</span>")
			.matcher(list)
			.results()
			.map((found) -> found.group(1))
			.toList();
	}

	private static String dayWords(LocalDate day) {
		return (day.getYear() == LocalDate.now().getYear()) ? DAY.format(day)
				: DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH).format(day);
	}

}
