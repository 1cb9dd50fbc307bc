package org.tasktracker.task;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
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
 * Issue 34: the detail pane's form carries the version it was drawn from, and a save
 * after a change elsewhere (here through the API) is refused with the fields both sides
 * changed, each with what was typed and what it is now, until the person chooses: Keep
 * mine saves the form again at the new version, Use theirs opens the task as it is.
 * Changes that do not overlap are saved together. The same settings as
 * {@link WebUiBrowserTests}, so that a run of both starts the service once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=ui-admin",
				"tasktracker.auth.admin-password=" + WebUiBrowserTests.PASSWORD })
@AutoConfigureRestTestClient
class TaskEditConflictPagesIntegrationTests {

	private static final Pattern HIDDEN = Pattern.compile("name=\"(version|base)\" value=\"([^\"]*)\"");

	private static final Pattern CONFLICT = Pattern.compile(
			"<dt>([^<]+)</dt>\\s*<dd><span class=\"conflict-side\">Yours:</span> <span class=\"conflict-yours\">([^<]*)</span></dd>\\s*"
					+ "<dd><span class=\"conflict-side\">Now:</span> <span class=\"conflict-now\">([^<]*)</span></dd>");

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	@Test
	void theFormCarriesTheVersionItWasDrawnFrom() {
		PageUser user = newUser();
		long id = user.task("{\"title\": \"Pay the rent\"}");
		user.api("PATCH", "/tasks/" + id, "{\"priority\": 2}");

		Map<String, String> hidden = hidden(pane(user, id));

		assertThat(hidden).containsEntry("version", Long.toString(user.task(id).get("version").longValue()))
			.containsKey("base");
		assertThat(hidden.get("base")).matches("[0-9a-f]{12}(\\.[0-9a-f]{12}){5}");
	}

	@Test
	void aStaleSaveIsRefusedWithTheFieldsBothSidesChangedAndSavesNothingUntilThePersonChooses() {
		PageUser user = newUser();
		long id = user.task("{\"title\": \"Pay the rent\", \"labels\": [\"home\"]}");
		Map<String, String> form = form(pane(user, id), "Pay the rent", "1", "home");
		user.api("PATCH", "/tasks/" + id, "{\"title\": \"Pay the rent today\", \"priority\": 4}");
		JsonNode before = user.task(id);

		form.putAll(Map.of("title", "Pay rent by transfer", "priority", "3"));
		HttpResponse<String> forHtmx = user.htmxPost("/app/tasks/" + id, form, "HX-Boosted", "true");

		assertThat(forHtmx.statusCode()).isEqualTo(409);
		assertThat(forHtmx.headers().firstValue("HX-Retarget")).hasValue("#task-pane");
		assertThat(forHtmx.headers().firstValue("HX-Reswap")).hasValue("outerHTML");
		assertThat(forHtmx.body().strip()).startsWith("<aside id=\"task-pane\"")
			.contains("This task was changed elsewhere while you edited it.", "Nothing is saved yet.",
					">Keep mine</button>", ">Use theirs</a>")
			.doesNotContain("sidebar");
		assertThat(conflicts(forHtmx.body())).containsExactly(
				List.of("Title", "Pay rent by transfer", "Pay the rent today"),
				List.of("Priority", "P2", "P1 (urgent)"));
		assertThat(user.task(id)).as("nothing saved").isEqualTo(before);

		// Without script, the same in the whole page, beside the view.
		HttpResponse<String> plain = user.session().post("/app/tasks/" + id, form);
		assertThat(plain.statusCode()).isEqualTo(409);
		assertThat(plain.body()).contains("<h1>Inbox</h1>", "This task was changed elsewhere while you edited it.");
		assertThat(conflicts(plain.body())).hasSize(2);
		assertThat(user.task(id)).isEqualTo(before);

		// The form shown keeps what was typed, at the task's new version.
		Map<String, String> shown = hidden(forHtmx.body());
		assertThat(shown).containsEntry("version", Long.toString(before.get("version").longValue()));
		assertThat(forHtmx.body()).contains("value=\"Pay rent by transfer\"",
				"<option value=\"3\" selected=\"selected\">");

		// Use theirs: the task as it is now, nothing written.
		Matcher theirs = Pattern.compile("id=\"use-theirs-" + id + "\"\\s+href=\"([^\"]+)\"").matcher(forHtmx.body());
		assertThat(theirs.find()).isTrue();
		assertThat(theirs.group(1)).isEqualTo("/app/tasks/" + id + "?back=/app/inbox");
		String now = pane(user.session().get(theirs.group(1), "HX-Request", "true", "HX-Target", "task-pane").body());
		assertThat(now).contains("value=\"Pay the rent today\"").doesNotContain("conflict-fields");
		assertThat(user.task(id)).isEqualTo(before);

		// Keep mine: the form shown, posted as it is.
		Map<String, String> keep = new HashMap<>(form);
		keep.putAll(shown);
		HttpResponse<String> kept = user.htmxPost("/app/tasks/" + id, keep, "HX-Boosted", "true");
		assertThat(kept.statusCode()).isEqualTo(302);
		JsonNode saved = user.task(id);
		assertThat(saved.get("title").stringValue()).isEqualTo("Pay rent by transfer");
		assertThat(saved.get("priority").intValue()).isEqualTo(3);
		assertThat(saved.get("labels").toString()).isEqualTo("[\"home\"]");
		assertThat(saved.get("version").longValue()).isGreaterThan(before.get("version").longValue());
	}

	@Test
	void useTheirsAfterAStaleSaveLeavesTheApisValues() {
		PageUser user = newUser();
		long id = user.task("{\"title\": \"Water the plants\", \"description\": \"The ferns\"}");
		Map<String, String> form = form(pane(user, id), "Water the plants", "1", "");
		user.api("PATCH", "/tasks/" + id,
				"{\"description\": \"The ferns and the palm\", \"due\": {\"date\": \"2027-03-01\"}, \"labels\": [\"garden\"]}");
		JsonNode before = user.task(id);

		form.putAll(Map.of("description", "Only the ferns", "dueDate", "2027-03-02", "labels", "home"));
		HttpResponse<String> refused = user.htmxPost("/app/tasks/" + id, form);

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(conflicts(refused.body())).containsExactly(
				List.of("Description", "Only the ferns", "The ferns and the palm"),
				List.of("Due", "Tue 2 Mar 2027", "Mon 1 Mar 2027"), List.of("Labels", "home", "garden"));
		// Use theirs is a link to the task's pane: following it changes nothing.
		HttpResponse<String> theirs = user.session().get("/app/tasks/" + id + "?back=/app/inbox");
		assertThat(theirs.statusCode()).isEqualTo(200);
		assertThat(pane(theirs.body())).contains("The ferns and the palm</textarea>", "value=\"2027-03-01\"",
				"value=\"garden\"");
		assertThat(user.task(id)).isEqualTo(before);
	}

	@Test
	void changesElsewhereThatTheFormDoesNotOverlapAreSavedWithTheTypedOnes() {
		PageUser user = newUser();
		long id = user.task("{\"title\": \"Book the dentist\", \"due\": {\"date\": \"2027-01-10\"}}");
		Map<String, String> form = form(pane(user, id), "Book the dentist", "1", "");
		// Elsewhere: a new due, a reminder and a subtask; the form changes the title
		// only.
		user.api("PATCH", "/tasks/" + id,
				"{\"due\": {\"date\": \"2027-01-12\"}, \"reminders\": [{\"before\": \"P1D\"}]}");
		user.task("{\"title\": \"Find the card\", \"parent_id\": " + id + "}");

		form.put("title", "Book the dentist for a check-up");
		HttpResponse<String> saved = user.htmxPost("/app/tasks/" + id, form, "HX-Boosted", "true");

		assertThat(saved.statusCode()).isEqualTo(302);
		JsonNode task = user.task(id);
		assertThat(task.get("title").stringValue()).isEqualTo("Book the dentist for a check-up");
		assertThat(task.get("due").toString()).isEqualTo("{\"date\":\"2027-01-12\"}");
		assertThat(task.get("reminders").toString()).isEqualTo("[{\"before\":\"P1D\"}]");

		// Both sides making the same change is no conflict either.
		Map<String, String> again = form(pane(user, id), "Book the dentist for a check-up", "1", "");
		user.api("PATCH", "/tasks/" + id, "{\"priority\": 4}");
		again.put("priority", "4");
		assertThat(user.htmxPost("/app/tasks/" + id, again).statusCode()).isEqualTo(302);
		assertThat(user.task(id).get("priority").intValue()).isEqualTo(4);
	}

	@Test
	void anotherUsersTaskIsNotFoundWhateverTheVersionAndNothingChanges() {
		PageUser owner = newUser();
		long theirs = owner.task("{\"title\": \"Private\"}");
		Map<String, String> form = form(pane(owner, theirs), "Private", "1", "");
		PageUser intruder = newUser();
		intruder.session().get("/app/inbox");
		JsonNode before = owner.task(theirs);

		form.put("title", "Mine now");
		HttpResponse<String> current = intruder.session().post("/app/tasks/" + theirs, form);
		form.put("version", "1000");
		HttpResponse<String> stale = intruder.session().post("/app/tasks/" + theirs, form);
		HttpResponse<String> forHtmx = intruder.htmxPost("/app/tasks/" + theirs, form);

		for (HttpResponse<String> response : List.of(current, stale, forHtmx)) {
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.body()).contains("Not found").doesNotContain("Private", "conflict");
		}
		assertThat(owner.task(theirs)).isEqualTo(before);
	}

	@Test
	void aSaveWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
		PageUser user = newUser();
		long id = user.task("{\"title\": \"Guarded\"}");
		Map<String, String> form = form(pane(user, id), "Guarded", "1", "");
		JsonNode before = user.task(id);

		form.put("title", "Sneaked in");
		HttpResponse<String> forged = user.session().postWithToken("/app/tasks/" + id, "not-the-token", form);

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(user.task(id)).isEqualTo(before);
	}

	private PageUser newUser() {
		return PageUser.create(this.client, this.port, "Europe/Berlin");
	}

	/** The pane alone, as htmx asks for it; its CSRF token is the session's from then. */
	private static String pane(PageUser user, long id) {
		HttpResponse<String> response = user.session()
			.get("/app/tasks/" + id + "?back=/app/inbox", "HX-Request", "true", "HX-Target", "task-pane");
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static String pane(String page) {
		int start = page.indexOf("<aside id=\"task-pane\"");
		assertThat(start).isNotNegative();
		return page.substring(start, page.indexOf("</aside>", start));
	}

	/**
	 * The form as the browser would post it unchanged: the fields and the hidden ones.
	 */
	private static Map<String, String> form(String pane, String title, String priority, String labels) {
		Map<String, String> form = new HashMap<>(hidden(pane));
		form.putAll(Map.of("title", title, "description", "", "dueDate", "", "dueTime", "", "priority", priority,
				"project", "", "labels", labels, "back", "/app/inbox"));
		Matcher description = Pattern.compile("name=\"description\"[^>]*>([^<]*)</textarea>").matcher(pane);
		if (description.find()) {
			form.put("description", description.group(1));
		}
		Matcher due = Pattern.compile("name=\"dueDate\" type=\"date\" value=\"([^\"]*)\"").matcher(pane);
		if (due.find()) {
			form.put("dueDate", due.group(1));
		}
		return form;
	}

	private static Map<String, String> hidden(String html) {
		Map<String, String> fields = new HashMap<>();
		HIDDEN.matcher(html).results().forEach((field) -> fields.put(field.group(1), field.group(2)));
		return fields;
	}

	/** Each conflicting field as the answer lists it: its name, yours, now. */
	private static List<List<String>> conflicts(String html) {
		return CONFLICT.matcher(html)
			.results()
			.map((field) -> List.of(field.group(1), field.group(2), field.group(3)))
			.toList();
	}

}
