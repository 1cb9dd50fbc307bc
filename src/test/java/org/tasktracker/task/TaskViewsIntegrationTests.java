package org.tasktracker.task;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.tasktracker.support.PageSession;
import org.tasktracker.support.TestSetupJdbc;
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
 * The task views and the forms around them, through the pages as a browser without script
 * uses them, each test as a user of its own: Today and its sidebar count, Upcoming as an
 * agenda, quick add on a project's or a label's page, a refused edit's words, and the
 * undo of a deletion. The same settings as {@link WebUiBrowserTests}, so that a run of
 * both starts the service once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=ui-admin",
				"tasktracker.auth.admin-password=" + WebUiBrowserTests.PASSWORD })
@AutoConfigureRestTestClient
class TaskViewsIntegrationTests {

	private static final Pattern ROW = Pattern.compile("data-task-id=\"(\\d+)\"");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	@Autowired
	private DataSource dataSource;

	/**
	 * Issue 32: a task due at an hour of today that has passed was listed under Overdue
	 * and under Today, and the sidebar counted it once.
	 */
	@Test
	void aTaskDueEarlierTodayIsListedOnceUnderTodayAndTheSidebarCountsTheRows() {
		User user = newUser(zoneAtMidday());
		LocalDate today = LocalDate.now(user.zone());
		long overdue = user.task("{\"title\": \"Yesterday's\", \"due\": {\"date\": \"" + today.minusDays(1) + "\"}}");
		long passed = user.task("{\"title\": \"An hour ago\", \"due\": {\"datetime\": \""
				+ Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}}");
		long allDay = user.task("{\"title\": \"Today's\", \"due\": {\"date\": \"" + today + "\"}}");
		user.task("{\"title\": \"Tomorrow's\", \"due\": {\"date\": \"" + today.plusDays(1) + "\"}}");

		String page = user.session().get("/app/today").body();

		// Today's by due: an all-day task from the day's start.
		assertThat(rows(page)).containsExactly(overdue, allDay, passed);
		assertThat(page).containsPattern("Today <span class=\"count\">3</span>");
		String todaySection = page.substring(page.indexOf("<h2>Today</h2>"));
		assertThat(rows(todaySection)).containsExactly(allDay, passed);
		assertThat(row(page, passed)).contains("class=\"due late\"");
	}

	/**
	 * Issue 32: Upcoming stopped at 7 days and had no heading per day. Now an agenda from
	 * today on, without overdue or undated tasks.
	 */
	@Test
	void upcomingIsAnAgendaWithAHeadingPerDayAndNoEnd() {
		User user = newUser(zoneAtMidday());
		LocalDate today = LocalDate.now(user.zone());
		user.task("{\"title\": \"Late one\", \"due\": {\"date\": \"" + today.minusDays(2) + "\"}}");
		user.task("{\"title\": \"Undated\"}");
		long todays = user.task("{\"title\": \"Today's\", \"due\": {\"date\": \"" + today + "\"}}");
		long inTwoDays = user.task("{\"title\": \"In two days\", \"due\": {\"date\": \"" + today.plusDays(2) + "\"}}");
		long inTwoWeeks = user
			.task("{\"title\": \"In two weeks\", \"due\": {\"date\": \"" + today.plusDays(14) + "\"}}");
		long nextYear = user.task("{\"title\": \"Next year\", \"due\": {\"datetime\": \""
				+ today.plusYears(1).atTime(10, 0).atZone(user.zone()).toInstant() + "\"}}");

		String page = user.session().get("/app/upcoming").body();

		assertThat(rows(page)).containsExactly(todays, inTwoDays, inTwoWeeks, nextYear);
		assertThat(page).doesNotContain("Next 7 days", "Late one", "Undated", "Later tasks");
		List<String> headings = Pattern.compile("<h2>([^<]*)</h2>")
			.matcher(page)
			.results()
			.map((heading) -> heading.group(1))
			.filter((heading) -> !List.of("Projects", "Labels", "Filters", "Keyboard shortcuts").contains(heading))
			.toList();
		assertThat(headings).containsExactly("Today \u00b7 " + DAY.format(today), heading(today.plusDays(2), today),
				heading(today.plusDays(14), today), heading(today.plusYears(1), today));
	}

	/**
	 * Issue 32: Upcoming's week strip, as Todoist's: the 7 days from today, each with its
	 * count, linking to its heading, today marked; a day without tasks is no link.
	 */
	@Test
	void upcomingHasAWeekStripOfSevenDaysLinkingToEachDaysHeading() {
		User user = newUser(zoneAtMidday());
		LocalDate today = LocalDate.now(user.zone());
		user.task("{\"title\": \"Today one\", \"due\": {\"date\": \"" + today + "\"}}");
		user.task("{\"title\": \"Today two\", \"due\": {\"datetime\": \""
				+ today.atTime(23, 0).atZone(user.zone()).toInstant() + "\"}}");
		user.task("{\"title\": \"Later\", \"due\": {\"date\": \"" + today.plusDays(2) + "\"}}");
		user.task("{\"title\": \"Week after\", \"due\": {\"date\": \"" + today.plusDays(9) + "\"}}");

		String page = user.session().get("/app/upcoming").body();

		List<String> strip = stripDays(page);
		assertThat(strip).hasSize(7);
		for (int i = 0; i < 7; i++) {
			LocalDate day = today.plusDays(i);
			assertThat(strip.get(i)).contains("<span class=\"weekday\">"
					+ day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH) + "</span>",
					"<span class=\"day-number\">" + day.getDayOfMonth() + "</span>");
		}
		assertThat(strip.get(0)).contains("href=\"#day-" + today + "\"", "class=\"today\"", "aria-current=\"date\"",
				">2</span>", "2 tasks");
		assertThat(strip.get(1)).contains("class=\"no-tasks\"", "no tasks").doesNotContain("href", "aria-current");
		assertThat(strip.get(2)).contains("href=\"#day-" + today.plusDays(2) + "\"", ">1</span>", "1 task")
			.doesNotContain("aria-current");
		assertThat(page).contains("id=\"day-" + today + "\"", "id=\"day-" + today.plusDays(2) + "\"",
				"id=\"day-" + today.plusDays(9) + "\"");
		int anchor = page.indexOf("id=\"day-" + today.plusDays(2) + "\"");
		assertThat(page.substring(anchor, page.indexOf("</section>", anchor))).contains("Later")
			.doesNotContain("Today one", "Week after");
		assertThat(page.indexOf("week-strip")).isLessThan(page.indexOf("id=\"day-" + today + "\""));
	}

	/**
	 * Issue 32: "Completed: X" offers an Undo, as Todoist does, which reopens the task
	 * through the reopen route, back on the same view.
	 */
	@Test
	void completingATaskOffersAnUndoThatReopensIt() {
		User user = newUser("Europe/Berlin");
		long id = user.task("{\"title\": \"Water the plants\"}");
		user.session().get("/app/inbox");

		user.session().post("/app/tasks/" + id + "/complete", Map.of("back", "/app/inbox"));

		String view = user.session().get("/app/inbox").body();
		assertThat(view).contains("Completed: Water the plants",
				"action=\"/app/tasks/" + id + "/reopen\" method=\"post\"", "data-undo>Undo</button>");
		assertThat(rows(view)).doesNotContain(id);
		assertThat(user.api("GET", "/tasks/" + id, null).get("completed").booleanValue()).isTrue();

		HttpResponse<String> undone = user.session().post("/app/tasks/" + id + "/reopen", Map.of("back", "/app/inbox"));

		assertThat(undone.headers().firstValue("Location").orElseThrow()).endsWith("/app/inbox");
		String after = user.session().get("/app/inbox").body();
		assertThat(after).contains("Reopened: Water the plants").doesNotContain("data-undo");
		assertThat(rows(after)).containsExactly(id);
		assertThat(user.api("GET", "/tasks/" + id, null).get("completed").booleanValue()).isFalse();
	}

	@Test
	void upcomingPagesOnPast200TasksWithALink() {
		User user = newUser(zoneAtMidday());
		LocalDate today = LocalDate.now(user.zone());
		// Setup straight into the table: 205 tasks through the API would meet the rate
		// limit.
		TestSetupJdbc.client(this.dataSource).sql("""
				INSERT INTO tasks (owner_id, title, due_date, due_sort)
				SELECT :owner, 'Agenda ' || n, CAST(:today AS date) + n / 50,
				       (CAST(:today AS date) + n / 50)::timestamp AT TIME ZONE :zone
				FROM generate_series(1, 205) AS n
				""").param("owner", user.id()).param("today", today).param("zone", user.zone().getId()).update();

		String first = user.session().get("/app/upcoming").body();
		assertThat(rows(first)).hasSize(200);
		assertThat(first).contains("A page shows at most 200 tasks.");
		Matcher more = Pattern.compile("href=\"(/app/upcoming\\?from=[^\"]+)\">Later tasks").matcher(first);
		assertThat(more.find()).isTrue();

		// The week strip: the page's last day holds more on the next page, and the days
		// after it lead there.
		List<String> strip = stripDays(first);
		assertThat(strip).hasSize(7);
		assertThat(strip.get(3)).contains("href=\"#day-" + today.plusDays(3) + "\"", ">50</span>");
		assertThat(strip.get(4)).contains("href=\"#day-" + today.plusDays(4) + "\"", ">1+</span>", "1 or more tasks");
		for (String later : strip.subList(5, 7)) {
			assertThat(later).contains("href=\"" + more.group(1) + "\"", "on the next page")
				.doesNotContain("day-count");
		}
		String second = user.session().get(more.group(1).replace("&amp;", "&")).body();
		assertThat(second).as("the strip is the first page's").doesNotContain("week-strip");
		assertThat(rows(second)).hasSize(5).doesNotContainAnyElementsOf(rows(first));
		assertThat(second).contains("<h2>" + heading(today.plusDays(4), today) + "</h2>").doesNotContain("Later tasks");
	}

	/**
	 * Issue 33: "Write report every monday" became a one-off task titled "Write report
	 * every". Now the preview says the rule in words and the task recurs.
	 */
	@Test
	void aQuickAddWithARecurrencePhraseMakesARecurringTaskAndPreviewsItInWords() {
		User user = newUser("Europe/Berlin");

		assertThat(user.session().get("/app/quick-add?text=Write+report+every+monday").body().replaceAll("\\s+", " "))
			.contains("Write report", "every Monday from ");
		user.session().get("/app/inbox");
		user.session().post("/app/tasks", Map.of("text", "Write report every monday", "back", "/app/inbox"));

		JsonNode task = user.api("GET", "/tasks?q=report", null).get(0);
		assertThat(task.get("title").stringValue()).isEqualTo("Write report");
		assertThat(task.get("recurrence").get("rule").stringValue()).isEqualTo("FREQ=WEEKLY;BYDAY=MO");
		assertThat(LocalDate.parse(task.get("due").get("date").stringValue()).getDayOfWeek())
			.isEqualTo(java.time.DayOfWeek.MONDAY);
	}

	/**
	 * Issue 32: quick add on a project's page put the task in the Inbox. Now a quick add
	 * without a #project of its own goes to the page's project.
	 */
	@Test
	void aQuickAddOnAProjectsPageGoesToThatProjectUnlessItNamesAnother() {
		User user = newUser("Europe/Berlin");
		long errands = user.api("POST", "/projects", "{\"name\": \"Errands\"}").get("id").longValue();
		long other = user.api("POST", "/projects", "{\"name\": \"Other\"}").get("id").longValue();
		String projectPage = "/app/projects/" + errands;
		assertThat(user.session().get(projectPage).body())
			.contains("name=\"inProject\" value=\"" + errands + "\" data-quick-add-context");

		assertThat(
				user.session().get("/app/quick-add?text=Buy+milk&inProject=" + errands).body().replaceAll("\\s+", " "))
			.contains("Buy milk", "#Errands");
		HttpResponse<String> added = user.session()
			.post("/app/tasks", Map.of("text", "Buy milk", "inProject", Long.toString(errands), "back", projectPage));
		user.session()
			.post("/app/tasks",
					Map.of("text", "Post parcel #other", "inProject", Long.toString(errands), "back", projectPage));

		assertThat(added.headers().firstValue("Location").orElseThrow()).endsWith(projectPage);
		assertThat(titles(user.api("GET", "/tasks?project_id=" + errands, null))).containsExactly("Buy milk");
		assertThat(titles(user.api("GET", "/tasks?project_id=" + other, null))).containsExactly("Post parcel");
		assertThat(rows(user.session().get(projectPage).body())).hasSize(1);
	}

	@Test
	void aQuickAddOnALabelsPageCarriesThatLabelBesideTheTypedOnes() {
		User user = newUser("Europe/Berlin");
		user.task("{\"title\": \"Milk\", \"labels\": [\"Groceries\"]}");
		assertThat(user.session().get("/app/labels/groceries").body())
			.contains("name=\"withLabel\" value=\"Groceries\" data-quick-add-context");

		assertThat(user.session().get("/app/quick-add?text=Eggs+@urgent&withLabel=Groceries").body())
			.contains("@Groceries", "@urgent");
		user.session()
			.post("/app/tasks",
					Map.of("text", "Eggs @urgent", "withLabel", "Groceries", "back", "/app/labels/groceries"));
		user.session()
			.post("/app/tasks",
					Map.of("text", "Bread @groceries", "withLabel", "Groceries", "back", "/app/labels/groceries"));

		JsonNode labelled = user.api("GET", "/tasks?label=groceries", null);
		assertThat(titles(labelled)).containsExactly("Milk", "Eggs", "Bread");
		assertThat(labelled.get(1).get("labels").toString()).isEqualTo("[\"Groceries\",\"urgent\"]");
		assertThat(labelled.get(2).get("labels").toString()).isEqualTo("[\"Groceries\"]");
	}

	@Test
	void aQuickAddCannotBePutInAnotherUsersProject() {
		User owner = newUser("Europe/Berlin");
		long theirs = owner.api("POST", "/projects", "{\"name\": \"Private\"}").get("id").longValue();
		User intruder = newUser("Europe/Berlin");
		intruder.session().get("/app/inbox");

		HttpResponse<String> added = intruder.session()
			.post("/app/tasks", Map.of("text", "Sneak in", "inProject", Long.toString(theirs), "back", "/app/inbox"));

		assertThat(intruder.session()
			.get(added.headers().firstValue("Location").orElseThrow().replaceAll("^http://[^/]+", ""))
			.body()).contains("The project is not one of your projects.");
		assertThat(intruder.api("GET", "/tasks", null)).isEmpty();
		assertThat(owner.api("GET", "/tasks", null)).isEmpty();
	}

	/**
	 * Issue 32: the refusal read "A label each label must be at most 50 characters." The
	 * API's own words stay as they were.
	 */
	@Test
	void aRefusedEditSaysWhyInEnglish() {
		User user = newUser("Europe/Berlin");
		long id = user.task("{\"title\": \"Label me\"}");
		user.session().get("/app/tasks/" + id + "?back=/app/inbox");

		HttpResponse<String> refused = user.session()
			.post("/app/tasks/" + id, Map.of("title", "Label me", "labels", "ok, " + "x".repeat(60), "priority", "1",
					"back", "/app/inbox"));

		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("Each label must be at most 50 characters.").doesNotContain("A label");
		assertThat(refused.headers().firstValue("HX-Retarget")).as("only for htmx").isEmpty();
		ExchangeResult api = this.client.patch()
			.uri("/tasks/" + id)
			.header(HttpHeaders.AUTHORIZATION, user.basic())
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"labels\": [\"" + "x".repeat(60) + "\"]}")
			.exchange()
			.returnResult();
		assertThat(json(api).get("detail").stringValue()).isEqualTo("labels: each label must be at most 50 characters");
	}

	/**
	 * Issue 32: a task's details at an address of their own, beside the view they were
	 * opened from, its row marked: every field, the priority as Todoist says it (the
	 * API's 4 is P1), the project, and the history in the owner's zone.
	 */
	@Test
	void aTasksDetailPageShowsTheViewWithTheTaskBesideIt() {
		User user = newUser("Europe/Berlin");
		long project = user.api("POST", "/projects", "{\"name\": \"Home\"}").get("id").longValue();
		long other = user.task("{\"title\": \"Water the plants\", \"project_id\": " + project + "}");
		long id = user.task("{\"title\": \"Pay the rent\", \"description\": \"by transfer\", \"project_id\": " + project
				+ ", \"labels\": [\"money\", \"home\"], \"priority\": 4, \"due\": {\"datetime\": "
				+ "\"2027-01-15T08:30:00Z\"}}");
		JsonNode task = user.api("GET", "/tasks/" + id, null);
		String created = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH)
			.format(Instant.parse(task.get("created_at").stringValue()).atZone(user.zone()));

		HttpResponse<String> response = user.session().get("/app/tasks/" + id + "?back=/app/projects/" + project);

		assertThat(response.statusCode()).isEqualTo(200);
		String page = response.body();
		assertThat(page).contains("<nav class=\"sidebar\"", "<h1>Home</h1>");
		assertThat(rows(page)).containsExactlyInAnyOrder(id, other);
		assertThat(page).contains("class=\"task selected open\" tabindex=\"-1\" data-task-id=\"" + id + "\"",
				"class=\"task\" tabindex=\"-1\" data-task-id=\"" + other + "\"");
		String pane = pane(page);
		assertThat(pane).contains("value=\"Pay the rent\"", ">by transfer</textarea>",
				"type=\"date\" value=\"2027-01-15\"", "type=\"time\" value=\"09:30\"", "value=\"money, home\"",
				"<option value=\"4\" selected=\"selected\">P1 (urgent)</option>",
				"<option value=\"" + project + "\" selected=\"selected\">Home</option>",
				"name=\"back\" value=\"/app/projects/" + project + "\"", "<dd>" + created + "</dd>", "<dd>Not yet</dd>",
				"action=\"/app/tasks/" + id + "/complete\"", "action=\"/app/tasks/" + id + "/delete\"",
				"name=\"_csrf\"");
		// Without a view to go back to, the task's own: its project's.
		assertThat(user.session().get("/app/tasks/" + id).body()).contains("<h1>Home</h1>");
		// The address of the edit form before the pane leads to it.
		assertThat(user.session().get("/app/tasks/" + id + "/edit?back=/app/inbox").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/app/tasks/" + id + "?back=/app/inbox"));
	}

	/**
	 * A task opened from a search comes back beside the same results, after a reload or a
	 * save: the rows carry the search's words in their way back.
	 */
	@Test
	void aTaskOpenedFromASearchStaysBesideItsResults() {
		User user = newUser("Europe/Berlin");
		long found = user.task("{\"title\": \"Renew the passport\"}");
		user.task("{\"title\": \"Water the plants\"}");

		String results = user.session().get("/app/search?q=the%20passport").body();

		assertThat(rows(results)).containsExactly(found);
		assertThat(row(results, found))
			.contains("href=\"/app/tasks/" + found + "?back=/app/search?q%3Dthe%2520passport\"");
		String page = user.session().get("/app/tasks/" + found + "?back=/app/search?q%3Dthe%2520passport").body();
		assertThat(rows(page)).containsExactly(found);
		assertThat(page).contains("<h1>Search: the passport</h1>");
		assertThat(pane(page)).contains("name=\"back\" value=\"/app/search?q=the%20passport\"");

		HttpResponse<String> saved = user.session()
			.post("/app/tasks/" + found, Map.of("title", "Renew the passport soon", "priority", "1", "back",
					"/app/search?q=the%20passport"));
		String location = saved.headers().firstValue("Location").orElseThrow().replaceAll("^http://[^/]+", "");
		assertThat(rows(user.session().get(location).body())).containsExactly(found);
	}

	/** With htmx, the pane alone: no sidebar, no list. */
	@Test
	void anHtmxRequestForThePaneGetsThePaneAlone() {
		User user = newUser("Europe/Berlin");
		long id = user.task("{\"title\": \"Book the tickets\", \"priority\": 2}");

		HttpResponse<String> response = user.session()
			.get("/app/tasks/" + id + "?back=/app/inbox", "HX-Request", "true", "HX-Target", "task-pane");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body().strip()).startsWith("<aside id=\"task-pane\"").endsWith("</aside>");
		assertThat(response.body())
			.contains("data-pane-task=\"" + id + "\"", "value=\"Book the tickets\"",
					"<option value=\"2\" selected=\"selected\">P3</option>")
			.doesNotContain("sidebar", "data-task-id");
	}

	/**
	 * A save goes back to the pane, beside the view brought up to date; a refused one
	 * shows why in the pane, with what was typed: the whole page without script, the pane
	 * alone for htmx.
	 */
	@Test
	void aSaveInThePaneKeepsItOpenAndARefusalShowsInIt() {
		User user = newUser("Europe/Berlin");
		long id = user.task("{\"title\": \"Draft the letter\"}");
		user.session().get("/app/tasks/" + id + "?back=/app/inbox");
		Map<String, String> refusedForm = Map.of("title", "Send the letter", "labels", "ok, " + "x".repeat(60),
				"priority", "3", "dueDate", "2027-02-01", "back", "/app/inbox");

		HttpResponse<String> refused = user.session().post("/app/tasks/" + id, refusedForm);

		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("<nav class=\"sidebar\"", "<h1>Inbox</h1>");
		assertThat(row(refused.body(), id)).contains("Draft the letter");
		assertThat(pane(refused.body())).contains("Each label must be at most 50 characters.",
				"value=\"Send the letter\"", "value=\"ok, " + "x".repeat(60) + "\"", "value=\"2027-02-01\"",
				"<option value=\"3\" selected=\"selected\">P2</option>");

		HttpResponse<String> refusedForHtmx = user.session()
			.post("/app/tasks/" + id, refusedForm, "HX-Request", "true", "HX-Boosted", "true");
		assertThat(refusedForHtmx.statusCode()).isEqualTo(422);
		assertThat(refusedForHtmx.headers().firstValue("HX-Retarget")).hasValue("#task-pane");
		assertThat(refusedForHtmx.headers().firstValue("HX-Reswap")).hasValue("outerHTML");
		assertThat(refusedForHtmx.body().strip()).startsWith("<aside id=\"task-pane\"")
			.contains("Each label must be at most 50 characters.", "value=\"Send the letter\"")
			.doesNotContain("sidebar");
		assertThat(user.api("GET", "/tasks/" + id, null).get("title").stringValue()).isEqualTo("Draft the letter");

		HttpResponse<String> saved = user.session()
			.post("/app/tasks/" + id, Map.of("title", "Send the letter", "labels", "Post", "priority", "4", "dueDate",
					"2027-02-01", "dueTime", "10:00", "back", "/app/inbox"));

		assertThat(saved.statusCode()).isEqualTo(302);
		String location = saved.headers().firstValue("Location").orElseThrow().replaceAll("^http://[^/]+", "");
		assertThat(location).isEqualTo("/app/tasks/" + id + "?back=/app/inbox");
		String page = user.session().get(location).body();
		assertThat(page).contains("Saved: Send the letter");
		assertThat(row(page, id)).contains("Send the letter");
		assertThat(page).contains("class=\"task selected open\" tabindex=\"-1\" data-task-id=\"" + id + "\"");
		assertThat(pane(page)).contains("value=\"Send the letter\"", "type=\"time\" value=\"10:00\"");
		JsonNode task = user.api("GET", "/tasks/" + id, null);
		assertThat(task.get("priority").intValue()).isEqualTo(4);
		assertThat(task.get("due").get("datetime").stringValue()).isEqualTo("2027-02-01T09:00:00Z");
	}

	/** Another user's task is not found, as a missing one is, and stays as it was. */
	@Test
	void anotherUsersTaskIsNotFoundAndCannotBeSaved() {
		User owner = newUser("Europe/Berlin");
		long theirs = owner.task("{\"title\": \"Private\"}");
		User intruder = newUser("Europe/Berlin");
		intruder.session().get("/app/inbox");

		HttpResponse<String> page = intruder.session().get("/app/tasks/" + theirs + "?back=/app/inbox");
		HttpResponse<String> pane = intruder.session()
			.get("/app/tasks/" + theirs, "HX-Request", "true", "HX-Target", "task-pane");
		HttpResponse<String> missing = intruder.session().get("/app/tasks/999999999");
		HttpResponse<String> saved = intruder.session()
			.post("/app/tasks/" + theirs, Map.of("title", "Mine now", "priority", "1", "back", "/app/inbox"));

		for (HttpResponse<String> response : List.of(page, missing, saved)) {
			assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(404);
			assertThat(response.body()).contains("<h1>Not found</h1>").doesNotContain("Private");
		}
		// Opened from a list, the pane says so in place, as for a task deleted elsewhere.
		assertThat(pane.statusCode()).isEqualTo(404);
		assertThat(pane.body()).contains("This task is gone").doesNotContain("Private", "<html");
		assertThat(owner.api("GET", "/tasks/" + theirs, null).get("title").stringValue()).isEqualTo("Private");
	}

	/**
	 * Issue 33: deleting a task deletes its subtasks; undoing it brings the whole tree
	 * back, each task as it was, the counts and the manual order too.
	 */
	@Test
	void undoingTheDeletionOfATaskBringsBackItsSubtasks() {
		User user = newUser("Europe/Berlin");
		long root = user.task("{\"title\": \"Move house\"}");
		long pack = user.task("{\"title\": \"Pack\", \"parent_id\": " + root + "}");
		long books = user.task("{\"title\": \"Books\", \"parent_id\": " + pack + "}");
		long plates = user.task("{\"title\": \"Plates\", \"parent_id\": " + pack + "}");
		user.api("POST", "/tasks/" + plates + "/move", "{\"after\": null}");
		user.api("POST", "/tasks/" + books + "/complete", null);
		List<JsonNode> before = List.of(user.api("GET", "/tasks/" + root, null),
				user.api("GET", "/tasks/" + pack, null), user.api("GET", "/tasks/" + books, null),
				user.api("GET", "/tasks/" + plates, null));
		user.session().get("/app/inbox");

		user.session().post("/app/tasks/" + root + "/delete", Map.of("back", "/app/inbox"));
		assertThat(user.statusOf("/tasks/" + books)).isEqualTo(404);
		user.session().post("/app/tasks/restore", Map.of("id", Long.toString(root), "back", "/app/inbox"));

		List<JsonNode> after = List.of(user.api("GET", "/tasks/" + root, null), user.api("GET", "/tasks/" + pack, null),
				user.api("GET", "/tasks/" + books, null), user.api("GET", "/tasks/" + plates, null));
		assertThat(after.stream().map(TaskViewsIntegrationTests::withoutVersion).toList())
			.isEqualTo(before.stream().map(TaskViewsIntegrationTests::withoutVersion).toList());
		for (int i = 0; i < after.size(); i++) {
			assertThat(after.get(i).get("version").longValue()).as("a version no client saw before the delete")
				.isGreaterThan(before.get(i).get("version").longValue());
		}
	}

	/** A task as answered, but for its version, which a restore moves on. */
	private static JsonNode withoutVersion(JsonNode task) {
		tools.jackson.databind.node.ObjectNode copy = ((tools.jackson.databind.node.ObjectNode) task).deepCopy();
		copy.remove("version");
		return copy;
	}

	/**
	 * Issue 32: undoing a deletion made a new task, with a new id and a new created_at.
	 * Now the task comes back as it was.
	 */
	@Test
	void undoingADeletionBringsBackTheSameTask() {
		User user = newUser("Europe/Berlin");
		long project = user.api("POST", "/projects", "{\"name\": \"Home\"}").get("id").longValue();
		long id = user.task("{\"title\": \"Recycle the boxes\", \"description\": \"the big ones\", \"project_id\": "
				+ project + ", \"labels\": [\"Chores\", \"out\"], \"priority\": 3, \"due\": {\"datetime\": \""
				+ Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "\"}}");
		JsonNode before = user.api("GET", "/tasks/" + id, null);
		user.session().get("/app/projects/" + project);

		HttpResponse<String> deleted = user.session()
			.post("/app/tasks/" + id + "/delete", Map.of("back", "/app/projects/" + project));
		assertThat(deleted.statusCode()).isEqualTo(302);
		String view = user.session().get("/app/projects/" + project).body();
		assertThat(view).contains("Deleted: Recycle the boxes", "name=\"id\" value=\"" + id + "\"");
		assertThat(user.statusOf("/tasks/" + id)).isEqualTo(404);

		user.session().post("/app/tasks/restore", Map.of("id", Long.toString(id), "back", "/app/projects/" + project));

		assertThat(user.session().get("/app/projects/" + project).body()).contains("Restored: Recycle the boxes");
		JsonNode restored = user.api("GET", "/tasks/" + id, null);
		assertThat(withoutVersion(restored)).isEqualTo(withoutVersion(before));
		assertThat(restored.get("version").longValue()).isEqualTo(before.get("version").longValue() + 1);
		assertThat(titles(user.api("GET", "/tasks", null))).containsExactly("Recycle the boxes");

		user.session().post("/app/tasks/restore", Map.of("id", Long.toString(id), "back", "/app/inbox"));
		assertThat(user.session().get("/app/inbox").body()).contains("That deletion can no longer be undone.");
		assertThat(user.api("GET", "/tasks", null)).hasSize(1);
	}

	/**
	 * The undo names only an id: what comes back is what this session deleted, so a user
	 * cannot bring back another user's task, or write over a task that holds the id.
	 */
	@Test
	void anUndoRestoresOnlyWhatThisSessionDeleted() {
		User owner = newUser("Europe/Berlin");
		long theirs = owner.task("{\"title\": \"Theirs\"}");
		owner.session().get("/app/inbox");
		owner.session().post("/app/tasks/" + theirs + "/delete", Map.of("back", "/app/inbox"));
		User intruder = newUser("Europe/Berlin");
		long kept = intruder.task("{\"title\": \"Kept\"}");
		intruder.session().get("/app/inbox");

		for (long id : new long[] { theirs, kept }) {
			intruder.session().post("/app/tasks/restore", Map.of("id", Long.toString(id), "back", "/app/inbox"));
			assertThat(intruder.session().get("/app/inbox").body()).contains("That deletion can no longer be undone.");
		}

		assertThat(titles(intruder.api("GET", "/tasks", null))).containsExactly("Kept");
		assertThat(owner.api("GET", "/tasks", null)).isEmpty();
		assertThat(owner.statusOf("/tasks/" + theirs)).isEqualTo(404);
	}

	/** The zone (a whole-hour offset) where it is now between 11:00 and 13:00. */
	private static ZoneId zoneAtMidday() {
		int offset = 12 - Instant.now().atZone(ZoneOffset.UTC).getHour();
		// Etc/GMT zones count the other way round: Etc/GMT-5 is five hours ahead of UTC.
		return ZoneId.of((offset == 0) ? "Etc/GMT" : "Etc/GMT" + ((offset > 0) ? "-" : "+") + Math.abs(offset));
	}

	/** A day's heading after tomorrow: the year only when it is not this one. */
	private static String heading(LocalDate day, LocalDate today) {
		return (day.getYear() == today.getYear()) ? DAY.format(day)
				: DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH).format(day);
	}

	/** The week strip's days, each its list item's markup. */
	private static List<String> stripDays(String page) {
		int start = page.indexOf("class=\"week-strip\"");
		if (start < 0) {
			return List.of();
		}
		String strip = page.substring(start, page.indexOf("</nav>", start));
		return List.of(strip.split("<li>")).subList(1, strip.split("<li>").length);
	}

	private static List<Long> rows(String page) {
		return ROW.matcher(page).results().map((row) -> Long.valueOf(row.group(1))).toList();
	}

	private static String row(String page, long id) {
		int start = page.indexOf("data-task-id=\"" + id + "\"");
		return page.substring(start, page.indexOf("</li>", start));
	}

	private static String pane(String page) {
		int start = page.indexOf("<aside id=\"task-pane\"");
		assertThat(start).as("the pane").isNotNegative();
		return page.substring(start, page.indexOf("</aside>", start));
	}

	private static List<String> titles(JsonNode tasks) {
		return tasks.valueStream().map((task) -> task.get("title").stringValue()).toList();
	}

	private User newUser(ZoneId zone) {
		return newUser(zone.getId());
	}

	private User newUser(String zone) {
		String name = "views-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000_000;
		ExchangeResult created = this.client.post()
			.uri("/users")
			.header(HttpHeaders.AUTHORIZATION, basic("ui-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + name + "\", \"password\": \"" + WebUiBrowserTests.PASSWORD
					+ "\", \"timezone\": \"" + zone + "\"}")
			.exchange()
			.returnResult();
		assertThat(status(created)).as(created.toString()).isEqualTo(201);
		PageSession session = PageSession.anonymous(this.port);
		assertThat(session.signIn(name, WebUiBrowserTests.PASSWORD)).endsWith("/app");
		return new User(json(created).get("id").longValue(), name, ZoneId.of(zone), session);
	}

	private static String basic(String user) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + WebUiBrowserTests.PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	/** A user of the test's own, signed in to the pages and reached through the API. */
	private final class User {

		private final long id;

		private final String name;

		private final ZoneId zone;

		private final PageSession session;

		User(long id, String name, ZoneId zone, PageSession session) {
			this.id = id;
			this.name = name;
			this.zone = zone;
			this.session = session;
		}

		long id() {
			return this.id;
		}

		ZoneId zone() {
			return this.zone;
		}

		PageSession session() {
			return this.session;
		}

		String basic() {
			return TaskViewsIntegrationTests.basic(this.name);
		}

		long task(String body) {
			return api("POST", "/tasks", body).get("id").longValue();
		}

		JsonNode api(String method, String path, String body) {
			var request = TaskViewsIntegrationTests.this.client.method(HttpMethod.valueOf(method))
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, basic());
			ExchangeResult response = (body != null)
					? request.contentType(MediaType.APPLICATION_JSON).body(body).exchange().returnResult()
					: request.exchange().returnResult();
			assertThat(org.tasktracker.support.Responses.status(response)).as(response.toString()).isLessThan(300);
			return json(response);
		}

		int statusOf(String path) {
			return status(TaskViewsIntegrationTests.this.client.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, basic())
				.exchange()
				.returnResult());
		}

	}

}
