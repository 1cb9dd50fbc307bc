package org.tasktracker.task;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.tasktracker.support.Responses;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.body;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * The web UI's search page and the quick-add preview, as the local user on loopback:
 * words in any order across title and description, Todoist's filters, and priorities
 * shown as Todoist shows them (issue 32, items 4, 5 and 15). Every task carries a marker
 * of its own test, so other tests' tasks never show.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class TaskSearchPagesIntegrationTests {

	private static final Pattern TITLE = Pattern.compile("<a class=\"title\"[^>]*>([^<]*)</a>");

	@Autowired
	private RestTestClient client;

	@Test
	void everyWordMustAppearInTheTitleOrTheDescriptionInAnyOrder() {
		String m = TaskFixtures.uniqueMarker();
		create("{\"title\": \"Call mom " + m + "\"}");
		create("{\"title\": \"Mom birthday " + m + "\", \"description\": \"call the florist\"}");
		// Not "dad": a marker is hexadecimal and may hold it, and then the last search
		// rightly found the two tasks with "mom" and "call".
		create("{\"title\": \"Call uncle " + m + "\"}");
		create("{\"title\": \"" + m + " mom\"}");

		assertThat(titlesFound("mom call " + m)).containsExactlyInAnyOrder("Call mom " + m, "Mom birthday " + m);
		assertThat(titlesFound("CALL " + m + " Mom")).containsExactlyInAnyOrder("Call mom " + m, "Mom birthday " + m);
		assertThat(titlesFound("\"call mom\" " + m)).containsExactly("Call mom " + m);
		assertThat(titlesFound("mom call uncle " + m)).isEmpty();
	}

	@Test
	void theApisQueryStaysOneSubstring() {
		String m = TaskFixtures.uniqueMarker();
		create("{\"title\": \"Call mom " + m + "\"}");

		ExchangeResult words = this.client.get()
			.uri(Responses.raw("/tasks?q=" + encoded(m + " call")))
			.exchange()
			.returnResult();
		ExchangeResult substring = this.client.get()
			.uri(Responses.raw("/tasks?q=" + encoded("mom " + m)))
			.exchange()
			.returnResult();

		assertThat(json(words)).isEmpty();
		assertThat(json(substring)).hasSize(1);
	}

	@Test
	void projectLabelPriorityAndDueFiltersNarrowTheWords() {
		String m = TaskFixtures.uniqueMarker();
		long work = Responses.id(this.client.post()
			.uri("/projects")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"Work" + m + "\"}")
			.exchange()
			.returnResult());
		create("{\"title\": \"Report " + m + "\", \"project_id\": " + work + ", \"priority\": 4, \"labels\": [\"Deep"
				+ m + "\"], \"due\": {\"date\": \"2020-01-01\"}}");
		create("{\"title\": \"Report draft " + m + "\", \"project_id\": " + work
				+ ", \"due\": {\"date\": \"2030-06-15\"}}");
		create("{\"title\": \"Report inbox " + m + "\", \"priority\": 4}");
		create("{\"title\": \"Report low " + m + "\", \"priority\": 2}");

		assertThat(titlesFound("#WORK" + m + " report")).containsExactlyInAnyOrder("Report " + m, "Report draft " + m);
		assertThat(titlesFound("report @deep" + m)).containsExactly("Report " + m);
		assertThat(titlesFound("p1 report " + m)).containsExactlyInAnyOrder("Report " + m, "Report inbox " + m);
		assertThat(titlesFound("p1 p3 " + m)).containsExactlyInAnyOrder("Report " + m, "Report inbox " + m,
				"Report low " + m);
		assertThat(titlesFound("report " + m + " due:overdue")).containsExactly("Report " + m);
		assertThat(titlesFound(m + " due:2030-06-15")).containsExactly("Report draft " + m);
		assertThat(titlesFound(m + " due:6/15/2030")).containsExactly("Report draft " + m);
		assertThat(titlesFound(m + " due:none p1")).containsExactly("Report inbox " + m);
		assertThat(titlesFound("#work" + m)).as("filters without words")
			.containsExactlyInAnyOrder("Report " + m, "Report draft " + m);
	}

	@Test
	void aFilterThatCannotBeAppliedIsSaidAndFindsNothing() {
		String m = TaskFixtures.uniqueMarker();
		create("{\"title\": \"Report " + m + "\"}");

		String unknownProject = page("#nowhere" + m + " report " + m);
		String unknownDue = page("report " + m + " due:someday");

		assertThat(unknownProject).contains("There is no project named nowhere" + m + ".");
		assertThat(titles(unknownProject)).isEmpty();
		assertThat(unknownDue).contains("due:someday is not a date: try due:today");
		assertThat(titles(unknownDue)).isEmpty();
	}

	@Test
	void aTasksPriorityShowsAsTodoistShowsItWithP1UrgentInItsRowAndItsEditForm() {
		String m = TaskFixtures.uniqueMarker();
		long urgent = create("{\"title\": \"Urgent " + m + "\", \"priority\": 4}");
		create("{\"title\": \"Medium " + m + "\", \"priority\": 2}");

		String found = page(m);
		ExchangeResult edit = this.client.get().uri("/app/tasks/" + urgent).exchange().returnResult();

		assertThat(body(edit)).containsPattern(
				"<option value=\"4\" selected=\"selected\">P1 \\(urgent\\)</option>\\s*<option value=\"3\">P2</option>"
						+ "\\s*<option value=\"2\">P3</option>\\s*<option value=\"1\">P4 \\(normal\\)</option>");
		assertThat(found).containsPattern("Urgent " + m + "</a>\\s*<span class=\"priority p4\">P1</span>")
			.containsPattern("Medium " + m + "</a>\\s*<span class=\"priority p2\">P3</span>")
			.doesNotContain(">!4<", ">!2<");
	}

	@Test
	void thePreviewShowsTodoistsPriorityTheDateItReadAndWhatItCouldNotRead() {
		String preview = preview("Pay rent due next friday 2pm p1");
		String warned = preview("Pay rent 20/12 !4");

		assertThat(preview).contains("<strong>Pay rent</strong>", ">P1<", ", 14:00<")
			.doesNotContain("next", "priority 4");
		assertThat(warned).contains("<strong>Pay rent 20/12</strong>", ">P1<",
				"class=\"chip missing\">20/12 is not a date (dates are month/day); it stays in the title<");
	}

	private long create(String task) {
		ExchangeResult created = this.client.post()
			.uri("/tasks")
			.contentType(MediaType.APPLICATION_JSON)
			.body(task)
			.exchange()
			.returnResult();
		assertThat(status(created)).as(body(created)).isEqualTo(201);
		return Responses.id(created);
	}

	private List<String> titlesFound(String search) {
		return titles(page(search));
	}

	private String page(String search) {
		ExchangeResult page = this.client.get()
			.uri(Responses.raw("/app/search?q=" + encoded(search)))
			.exchange()
			.returnResult();
		assertThat(status(page)).isEqualTo(200);
		return body(page);
	}

	private String preview(String text) {
		ExchangeResult preview = this.client.get()
			.uri(Responses.raw("/app/quick-add?text=" + encoded(text)))
			.exchange()
			.returnResult();
		assertThat(status(preview)).isEqualTo(200);
		return body(preview);
	}

	private static List<String> titles(String page) {
		List<String> titles = new ArrayList<>();
		Matcher title = TITLE.matcher(page);
		while (title.find()) {
			titles.add(title.group(1));
		}
		return titles;
	}

	private static String encoded(String text) {
		return UriUtils.encode(text, StandardCharsets.UTF_8);
	}

}
