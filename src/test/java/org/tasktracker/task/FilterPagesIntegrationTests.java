package org.tasktracker.task;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.tasktracker.support.PageSession;
import org.tasktracker.support.TestSetupJdbc;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * Saved filters through the pages, as a browser without script uses them, each test as a
 * user of its own (issue 32): a search saved under a name, listed in the sidebar, opened,
 * renamed and deleted after its question; the refusals in words with nothing changed; and
 * another user's filter a 404 on every route. The search page shows the search read as
 * chips. The same settings as {@link TaskViewsIntegrationTests}, so a run of both starts
 * the service once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=ui-admin",
				"tasktracker.auth.admin-password=" + WebUiBrowserTests.PASSWORD })
@AutoConfigureRestTestClient
class FilterPagesIntegrationTests {

	private static final Pattern TITLE = Pattern.compile("<a class=\"title\"[^>]*>([^<]*)</a>");

	private static final Pattern FILTER_LINK = Pattern.compile("<a href=\"/app/filters/(\\d+)\"[^>]*>([^<]*)</a>");

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	@Autowired
	private DataSource dataSource;

	@Test
	void theSearchPageShowsTheSearchAsChipsAndHowToFilter() {
		Signed user = newUser();
		user.task("{\"title\": \"Report\", \"labels\": [\"deep\"], \"priority\": 4}");

		String page = user.session().get(search("report @deep p1 due:none \"big one\"")).body();

		assertThat(chips(page)).containsExactly("report", "\"big one\"", "@deep", "P1", "no due date");
		assertThat(page).contains("placeholder=\"Search: words, #project, @label, p1, due:today ( / )\"",
				"narrow with #project, @label, p1 to p4, due:today", "Save as filter", "name=\"q\" value=\"report");
		assertThat(user.session().get("/app/search").body()).as("no search, nothing to save")
			.doesNotContain("Save as filter</button>", "class=\"search-chips\"");
	}

	@Test
	void aSearchSavedAsAFilterIsInTheSidebarAndOpeningItRunsItsSearch() {
		Signed user = newUser();
		user.task("{\"title\": \"Report\", \"labels\": [\"deep\"]}");
		user.task("{\"title\": \"Report draft\"}");
		user.task("{\"title\": \"Slides\", \"labels\": [\"deep\"]}");
		assertThat(user.session().get("/app/inbox").body()).contains("<h2 id=\"filters-heading\">Filters</h2>",
				"No filters yet");

		HttpResponse<String> saved = user.session()
			.post("/app/filters", Map.of("name", "Deep reports", "q", "report @deep"));

		assertThat(saved.statusCode()).isEqualTo(302);
		String location = saved.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches(".*/app/filters/\\d+");
		String opened = user.session().get(location.substring(location.indexOf("/app/"))).body();
		assertThat(opened).contains("Filter saved: Deep reports", "<h1>Deep reports</h1>", "value=\"report @deep\"",
				"Filter settings");
		assertThat(titles(opened)).containsExactly("Report");
		assertThat(chips(opened)).containsExactly("report", "@deep");
		assertThat(sidebarFilters(user.session().get("/app/today").body())).containsExactly("Deep reports");
		assertThat(opened)
			.containsPattern("<a href=\"/app/filters/\\d+\"[^>]*aria-current=\"page\"[^>]*>Deep reports</a>");
	}

	@Test
	void aFilterIsRenamedAndDeletedOnlyAfterItsQuestion() {
		Signed user = newUser();
		long id = user.filter("Urgent", "p1");
		String page = "/app/filters/" + id;

		user.session().post(page + "/rename", Map.of("name", "Most urgent"));
		assertThat(user.session().get(page).body()).contains("Renamed to Most urgent.", "<h1>Most urgent</h1>");
		assertThat(sidebarFilters(user.session().get("/app/inbox").body())).containsExactly("Most urgent");

		assertThat(user.session().get(page).body()).contains("action=\"" + page + "/delete\" method=\"get\"");
		HttpResponse<String> unconfirmed = user.session().post(page + "/delete", Map.of());
		assertThat(unconfirmed.headers().firstValue("Location").orElseThrow()).endsWith(page + "/delete");
		assertThat(user.session().get(page).statusCode()).as("not deleted in one click").isEqualTo(200);
		HttpResponse<String> asked = user.session().get(page + "/delete");
		assertThat(asked.body()).contains("<h1>Delete filter Most urgent?</h1>", "It searches for: p1",
				"The tasks stay; only the saved search goes.", "name=\"confirmed\" value=\"true\"",
				"href=\"" + page + "\"");

		HttpResponse<String> deleted = user.session().post(page + "/delete", Map.of("confirmed", "true"));
		assertThat(deleted.headers().firstValue("Location").orElseThrow()).endsWith("/app/inbox");
		String inbox = user.session().get("/app/inbox").body();
		assertThat(inbox).contains("Filter deleted: Most urgent.");
		assertThat(sidebarFilters(inbox)).isEmpty();
		assertThat(user.session().get(page).statusCode()).isEqualTo(404);
	}

	@Test
	void aBadNameOrSearchIsRefusedInWordsAndSavesNothing() {
		Signed user = newUser();
		long work = user.filter("Work", "#Work");
		Map<Map<String, String>, String> refusals = Map.of(Map.of("name", "  ", "q", "report"),
				"Name the filter: the name must not be blank.", Map.of("name", "x".repeat(101), "q", "report"),
				"A filter&#39;s name is at most 100 characters long.", Map.of("name", "WORK", "q", "report"),
				"You have a filter named WORK already: choose another name.", Map.of("name", "Empty", "q", " "),
				"There is no search to save: type one first.", Map.of("name", "Long", "q", "y".repeat(201)),
				"A search term is at most 200 characters long.");

		for (var refusal : refusals.entrySet()) {
			HttpResponse<String> posted = user.session().post("/app/filters", refusal.getKey());
			String back = posted.headers().firstValue("Location").orElseThrow();
			assertThat(back).as("%s", refusal.getKey()).contains("/app/search?q=");
			String page = user.session().get(back.substring(back.indexOf("/app/"))).body();
			assertThat(page).as("%s", refusal.getKey()).contains(refusal.getValue());
		}

		assertThat(user.filterNames()).containsExactly("Work");
		assertThat(sidebarFilters(user.session().get("/app/inbox").body())).containsExactly("Work");

		user.session().post("/app/filters/" + work + "/rename", Map.of("name", " "));
		assertThat(user.session().get("/app/filters/" + work).body())
			.contains("Name the filter: the name must not be blank.");
		long other = user.filter("Other", "other");
		user.session().post("/app/filters/" + other + "/rename", Map.of("name", "work"));
		assertThat(user.session().get("/app/filters/" + other).body())
			.contains("You have a filter named work already: choose another name.");
		assertThat(user.filterNames()).containsExactly("Work", "Other");
	}

	@Test
	void aUserKeepsAtMostFiftyFilters() {
		Signed user = newUser();
		TestSetupJdbc.client(this.dataSource).sql("""
				INSERT INTO saved_filters (owner_id, name, query)
				SELECT :owner, 'Filter ' || n, 'word' || n FROM generate_series(1, 49) AS n
				""").param("owner", user.id()).update();

		assertThat(user.session()
			.post("/app/filters", Map.of("name", "Fiftieth", "q", "fifty"))
			.headers()
			.firstValue("Location")
			.orElseThrow()).matches(".*/app/filters/\\d+");
		HttpResponse<String> over = user.session().post("/app/filters", Map.of("name", "One more", "q", "more"));

		String back = over.headers().firstValue("Location").orElseThrow();
		assertThat(user.session().get(back.substring(back.indexOf("/app/"))).body())
			.contains("You have 50 filters, the most there can be: delete one first.", "value=\"One more\"");
		assertThat(user.filterNames()).hasSize(50).contains("Fiftieth").doesNotContain("One more");
		assertThat(sidebarFilters(user.session().get("/app/inbox").body())).hasSize(50);
	}

	@Test
	void anotherUsersFilterIsNotFoundOnEveryRouteAndNothingChanges() {
		Signed owner = newUser();
		long theirs = owner.filter("Private", "secret");
		Signed intruder = newUser();
		intruder.session().get("/app/inbox");
		String page = "/app/filters/" + theirs;

		assertThat(intruder.session().get(page).statusCode()).isEqualTo(404);
		assertThat(intruder.session().get(page + "/delete").statusCode()).isEqualTo(404);
		assertThat(intruder.session().post(page + "/rename", Map.of("name", "Mine now")).statusCode()).isEqualTo(404);
		assertThat(intruder.session().post(page + "/delete", Map.of("confirmed", "true")).statusCode()).isEqualTo(404);
		assertThat(intruder.session().post(page + "/delete", Map.of()).statusCode()).isEqualTo(404);
		assertThat(intruder.session().get(page).body()).doesNotContain("Private", "secret");

		assertThat(owner.filterNames()).containsExactly("Private");
		assertThat(owner.session().get(page).body()).contains("<h1>Private</h1>", "value=\"secret\"");
		assertThat(intruder.filterNames()).isEmpty();
	}

	private static String search(String text) {
		return "/app/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static List<String> titles(String page) {
		return TITLE.matcher(page).results().map((title) -> title.group(1)).toList();
	}

	private static List<String> chips(String page) {
		int start = page.indexOf("class=\"search-chips\"");
		if (start < 0) {
			return List.of();
		}
		String list = page.substring(start, page.indexOf("</ul>", start));
		return Pattern.compile("<li class=\"chip[^\"]*\">([^<]*)</li>")
			.matcher(list)
			.results()
			.map((chip) -> chip.group(1).replace("&quot;", "\""))
			.toList();
	}

	private static List<String> sidebarFilters(String page) {
		int start = page.indexOf("aria-labelledby=\"filters-heading\"");
		String list = page.substring(start, page.indexOf("</ul>", start));
		return FILTER_LINK.matcher(list).results().map((link) -> link.group(2)).toList();
	}

	private Signed newUser() {
		String name = "filters-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000_000;
		ExchangeResult created = this.client.post()
			.uri("/users")
			.header(HttpHeaders.AUTHORIZATION, basic("ui-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + name + "\", \"password\": \"" + WebUiBrowserTests.PASSWORD + "\"}")
			.exchange()
			.returnResult();
		assertThat(status(created)).as(created.toString()).isEqualTo(201);
		PageSession session = PageSession.anonymous(this.port);
		assertThat(session.signIn(name, WebUiBrowserTests.PASSWORD)).endsWith("/app");
		session.get("/app/inbox");
		return new Signed(json(created).get("id").longValue(), name, session);
	}

	private static String basic(String user) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + WebUiBrowserTests.PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	/** A user of the test's own, signed in to the pages. */
	private final class Signed {

		private final long id;

		private final String name;

		private final PageSession session;

		Signed(long id, String name, PageSession session) {
			this.id = id;
			this.name = name;
			this.session = session;
		}

		long id() {
			return this.id;
		}

		PageSession session() {
			return this.session;
		}

		void task(String body) {
			ExchangeResult created = FilterPagesIntegrationTests.this.client.post()
				.uri("/tasks")
				.header(HttpHeaders.AUTHORIZATION, basic(this.name))
				.contentType(MediaType.APPLICATION_JSON)
				.body(body)
				.exchange()
				.returnResult();
			assertThat(status(created)).as(created.toString()).isEqualTo(201);
		}

		/** Saves a filter through the page; its id. */
		long filter(String filterName, String query) {
			HttpResponse<String> saved = this.session.post("/app/filters", Map.of("name", filterName, "q", query));
			String location = saved.headers().firstValue("Location").orElseThrow();
			assertThat(location).matches(".*/app/filters/\\d+");
			this.session.get(location.substring(location.indexOf("/app/")));
			return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		}

		/** The names of the user's filters, as the database holds them. */
		List<String> filterNames() {
			return TestSetupJdbc.client(FilterPagesIntegrationTests.this.dataSource)
				.sql("SELECT name FROM saved_filters WHERE owner_id = :owner ORDER BY id")
				.param("owner", this.id)
				.query(String.class)
				.list();
		}

	}

}
