package org.tasktracker.task;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tasktracker.support.Responses;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;

/**
 * {@code POST /import} of a Todoist CSV export (contract v3, part D): sections as labels,
 * indents as subtasks, priorities and dates as Todoist defines them, into a new project;
 * a bad file names its place and imports nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class TodoistCsvImportIntegrationTests {

	private static final String ZONE = "Pacific/Auckland";

	private static final String HEADER = "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\n";

	@Autowired
	private RestTestClient client;

	@org.springframework.boot.test.web.server.LocalServerPort
	private int port;

	private TreeAndOrderApi api;

	@BeforeEach
	void setUp() {
		this.api = new TreeAndOrderApi(this.client, ZONE);
	}

	@Test
	void readsTodoistsSampleIntoANewProjectFieldByField() throws IOException {
		ExchangeResult response = importCsv(this.api, "Moving", sample(), null);

		assertThat(Responses.status(response)).as(Responses.body(response)).isEqualTo(201);
		JsonNode result = Responses.json(response);
		assertThat(result.get("projects").intValue()).isEqualTo(1);
		assertThat(result.get("tasks").intValue()).isEqualTo(7);
		assertThat(result.get("completions").intValue()).isZero();
		assertThat(result.get("labels").intValue()).as("home, phone, Errands").isEqualTo(3);
		List<String> rows = new ArrayList<>();
		result.get("task_ids").propertyNames().forEach(rows::add);
		assertThat(rows).as("keyed by row, 1 the first after the header")
			.containsExactly("1", "4", "5", "6", "10", "13", "14");
		long project = result.get("project_ids").get("1").longValue();
		JsonNode projectRead = this.api.expect(200, "GET", "/projects/" + project, null);
		assertThat(projectRead.get("name").stringValue()).isEqualTo("Moving");

		LocalDate today = LocalDate.now(ZoneId.of(ZONE));
		JsonNode plan = task(result, 1);
		assertThat(plan.get("title").stringValue()).isEqualTo("Plan the move");
		assertThat(labels(plan)).containsExactly("home");
		assertThat(plan.get("description").stringValue())
			.isEqualTo("Boxes, tape and a van\n\nAsk \"Bob\" about the van");
		assertThat(plan.get("priority").intValue()).as("p1").isEqualTo(4);
		assertThat(plan.get("due").get("date").stringValue()).isEqualTo("2026-12-20");
		assertThat(plan.get("recurrence").isNull()).isTrue();
		assertThat(plan.get("parent_id").isNull()).isTrue();
		assertThat(plan.get("project_id").longValue()).isEqualTo(project);

		JsonNode pack = task(result, 4);
		assertThat(pack.get("title").stringValue()).isEqualTo("Pack the kitchen");
		assertThat(labels(pack)).isEmpty();
		assertThat(pack.get("description").isNull()).isTrue();
		assertThat(pack.get("priority").intValue()).as("p2").isEqualTo(3);
		assertThat(pack.get("due").isNull()).isTrue();
		assertThat(pack.get("parent_id").longValue()).isEqualTo(plan.get("id").longValue());
		assertThat(pack.get("project_id").longValue()).as("a subtask is in its root's project").isEqualTo(project);

		JsonNode wrap = task(result, 5);
		assertThat(wrap.get("title").stringValue()).isEqualTo("Wrap the plates");
		assertThat(wrap.get("description").stringValue()).isEqualTo("Line one\nLine two");
		assertThat(wrap.get("priority").intValue()).as("p3").isEqualTo(2);
		assertThat(wrap.get("due").get("date").stringValue()).as("tomorrow in the caller's zone")
			.isEqualTo(today.plusDays(1).toString());
		assertThat(wrap.get("parent_id").longValue()).isEqualTo(pack.get("id").longValue());

		JsonNode call = task(result, 6);
		assertThat(call.get("title").stringValue()).isEqualTo("Call the landlord");
		assertThat(labels(call)).containsExactly("phone", "home");
		assertThat(call.get("priority").intValue()).as("p4").isEqualTo(1);
		assertThat(call.get("recurrence").get("rule").stringValue()).isEqualTo("FREQ=WEEKLY;BYDAY=MO");
		assertThat(call.get("recurrence").get("from").stringValue()).isEqualTo("due");
		LocalDate monday = LocalDate.parse(call.get("due").get("date").stringValue());
		assertThat(monday.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
		assertThat(monday).isBetween(today, today.plusDays(6));
		assertThat(call.get("parent_id").longValue()).as("back to the second level: a sibling of Pack")
			.isEqualTo(plan.get("id").longValue());

		JsonNode milk = task(result, 10);
		assertThat(milk.get("title").stringValue()).isEqualTo("Buy milk, eggs and café");
		assertThat(labels(milk)).as("the section").containsExactly("Errands");
		assertThat(milk.get("priority").intValue()).as("an empty priority is p1, as Todoist documents it").isEqualTo(4);
		assertThat(milk.get("description").stringValue()).isEqualTo("First note\n\nSecond note, with \"quotes\"");
		assertThat(milk.get("recurrence").get("rule").stringValue()).isEqualTo("FREQ=DAILY");
		ZonedDateTime nine = Instant.parse(milk.get("due").get("datetime").stringValue())
			.atZone(ZoneId.of("Europe/Paris"));
		assertThat(nine.toLocalTime()).as("9am in the row's TIMEZONE").isEqualTo(LocalTime.of(9, 0));
		LocalDate todayInParis = LocalDate.now(ZoneId.of("Europe/Paris"));
		assertThat(nine.toLocalDate()).isBetween(todayInParis, todayInParis.plusDays(1));
		assertThat(milk.get("parent_id").isNull()).isTrue();

		JsonNode books = task(result, 13);
		assertThat(books.get("title").stringValue()).isEqualTo("Return books");
		assertThat(labels(books)).containsExactly("Errands");
		assertThat(books.get("priority").intValue()).isEqualTo(1);
		assertThat(books.get("due").get("date").stringValue())
			.as("the next 20 December in the caller's zone: an unknown TIMEZONE is not used")
			.isEqualTo(next(MonthDay.of(12, 20), today).toString());
		assertThat(books.get("parent_id").isNull()).as("an empty indent is a root").isTrue();

		JsonNode card = task(result, 14);
		assertThat(card.get("title").stringValue()).isEqualTo("Renew the card");
		assertThat(labels(card)).containsExactly("Errands");
		assertThat(card.get("priority").intValue()).isEqualTo(2);
		assertThat(card.get("parent_id").longValue()).isEqualTo(books.get("id").longValue());

		assertThat(titles("project_id=" + project + "&parent_id=none&sort=position")).as("the file's order")
			.containsExactly("Plan the move", "Buy milk, eggs and café", "Return books");
		assertThat(titles("parent_id=" + plan.get("id").longValue() + "&sort=position"))
			.containsExactly("Pack the kitchen", "Call the landlord");
	}

	@Test
	void aProjectNameTheCallerUsesGetsANumberAndAnotherUsersDataIsUntouched() throws IOException {
		this.api.project("Moving");
		TreeAndOrderApi other = new TreeAndOrderApi(this.client, "UTC");
		long theirs = other.project("Moving");
		other.createId("{\"title\": \"Theirs\", \"project_id\": " + theirs + ", \"labels\": [\"home\"]}");
		JsonNode before = other.expect(200, "GET", "/export", null);

		JsonNode result = Responses.json(importCsv(this.api, "Moving", sample(), null));

		long project = result.get("project_ids").get("1").longValue();
		assertThat(this.api.expect(200, "GET", "/projects/" + project, null).get("name").stringValue())
			.isEqualTo("Moving (2)");
		JsonNode after = other.expect(200, "GET", "/export", null);
		assertThat(after.get("projects")).isEqualTo(before.get("projects"));
		assertThat(after.get("tasks")).isEqualTo(before.get("tasks"));
		assertThat(after.get("labels")).isEqualTo(before.get("labels"));
		assertThat(Responses.status(other.send("GET", "/projects/" + project, null))).isEqualTo(404);
	}

	@Test
	void aLabelInTwoSpellingsIsOneLabelSpelledAsTheFileFirstSpellsIt() {
		String csv = HEADER
				+ "task,one @Work,,,,,,,,\ntask,two @work,,,,,,,,\nsection,WORK,,,,,,,,\ntask,three,,,,,,,,\n";

		ExchangeResult response = importCsv(this.api, "Moving", csv.getBytes(StandardCharsets.UTF_8), null);

		assertThat(Responses.status(response)).as(Responses.body(response)).isEqualTo(201);
		JsonNode result = Responses.json(response);
		assertThat(result.get("labels").intValue()).isEqualTo(1);
		assertThat(labels(task(result, 1))).containsExactly("Work");
		assertThat(labels(task(result, 2))).containsExactly("Work");
		assertThat(labels(task(result, 4))).containsExactly("Work");
		assertThat(this.api.expect(200, "GET", "/labels", null)).singleElement()
			.satisfies((label) -> assertThat(label.get("name").stringValue()).isEqualTo("Work"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "\r" })
	void aFileWhoseLastLineHasNoLineBreakIsReadWhole(String end) {
		String csv = HEADER + "task,First,,,,,,,,\ntask,Last,,,,,,,," + end;

		ExchangeResult response = importCsv(this.api, "Moving", csv.getBytes(StandardCharsets.UTF_8), null);

		assertThat(Responses.status(response)).as(Responses.body(response)).isEqualTo(201);
		assertThat(task(Responses.json(response), 2).get("title").stringValue()).isEqualTo("Last");
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("badFiles")
	void aBadFileIsRefusedNamingThePlaceAndImportsNothing(String csv, String places) {
		this.api.createId("{\"title\": \"Before\"}");

		assertInvalid(importCsv(this.api, "Moving", csv.getBytes(StandardCharsets.UTF_8), null), "/import",
				places.split(" "));

		assertNothingImported("Before");
	}

	static Stream<Arguments> badFiles() {
		String tooLong = "x".repeat(201);
		return Stream.of(Arguments.of("", "header"), Arguments.of("TYPE,CONTENT\ntask,Title\n", "header"),
				Arguments.of("task,Title,,,,,,,,\n", "header"),
				Arguments.of(HEADER.replace("DATE_LANG", "DATE_LANG,COLOUR") + "task,Title,,,,,,,,,\n", "header"),
				Arguments.of(HEADER + "task,Fine,,,,,,,,\ntask,\"Broken\"quote,,,,,,,,\n", "rows[2]"),
				Arguments.of(HEADER + "task,Fine,,,,,,,,\ntask,\"Never closed,,,,,,,,\n", "rows[2]"),
				Arguments.of(HEADER + "Task,Title,,,,,,,,\n", "rows[1].TYPE"),
				Arguments.of(HEADER + "project,Title,,,,,,,,\n", "rows[1].TYPE"),
				Arguments.of(HEADER + "task,Title,,5,,,,,,\n", "rows[1].PRIORITY"),
				Arguments.of(HEADER + "task,Title,,p1,,,,,,\n", "rows[1].PRIORITY"),
				Arguments.of(HEADER + "task,Title,,,x,,,,,\n", "rows[1].INDENT"),
				Arguments.of(HEADER + "task,Root,,,1,,,,,\ntask,Jump,,,3,,,,,\n", "rows[2].INDENT"),
				Arguments.of(HEADER + "task,Orphan,,,2,,,,,\n", "rows[1].INDENT"),
				Arguments.of(HEADER + "task,A,,,1,,,,,\ntask,B,,,2,,,,,\ntask,C,,,3,,,,,\ntask,D,,,4,,,,,\n"
						+ "task,E,,,5,,,,,\ntask,F,,,6,,,,,\n", "rows[6].INDENT"),
				Arguments.of(HEADER + "task,Title,,,,,,someday soon,,\n", "rows[1].DATE"),
				Arguments.of(HEADER + "task,Title,,,,,,2026-02-30,,\n", "rows[1].DATE"),
				Arguments.of(HEADER + "task,Title,,,,,,tomorrow,de,\n", "rows[1].DATE_LANG"),
				Arguments.of(HEADER + "task," + tooLong + ",,,,,,,,\n", "rows[1].CONTENT"),
				Arguments.of(HEADER + "task,@only,,,,,,,,\n", "rows[1].CONTENT"),
				Arguments.of(HEADER + "task,Title,\"" + "d".repeat(10_001) + "\",,,,,,,\n", "rows[1].DESCRIPTION"),
				Arguments.of(HEADER + "note,A comment,,,,,,,,\ntask,Title,,,,,,,,\n", "rows[1].TYPE"),
				Arguments.of(HEADER + "section,\"a,b\",,,,,,,,\ntask,Title,,,,,,,,\n", "rows[1].CONTENT"),
				Arguments.of(HEADER + "task,Title,,,,,,,,,extra\n", "rows[1]"),
				Arguments.of(HEADER + "task,Fine,,,,,,,,\ntask,Bad,,9,,,,,,\n\ntask,Also bad,,,,,,never,,\n",
						"rows[2].PRIORITY rows[4].DATE"));
	}

	@Test
	void brokenQuotingNamesTheRowAndTheLineOfTheFile() {
		String csv = HEADER + "task,\"Two\nlines\",,,,,,,,\ntask,\"Broken\"quote,,,,,,,,\n";

		JsonNode problem = assertInvalid(importCsv(this.api, "Moving", csv.getBytes(StandardCharsets.UTF_8), null),
				"/import", "rows[2]");

		assertThat(problem.get("errors").get(0).get("message").stringValue())
			.contains("on line 4, a quoted field's closing quote is followed by other characters")
			.doesNotContainIgnoringCase("encapsulated");
		assertNothingImported();
	}

	@Test
	void aQuoteInsideAFieldNotInQuotesNamesItsRowAndLine() {
		String csv = HEADER + "task,\"Two\nlines, \"\"quoted\"\"\",,,,,,,,\n\ntask,Bu\"y milk,,,,,,,,\n";

		JsonNode problem = assertInvalid(importCsv(this.api, "Moving", csv.getBytes(StandardCharsets.UTF_8), null),
				"/import", "rows[3]");

		assertThat(problem.get("errors").get(0).get("message").stringValue())
			.contains("on line 5, a quote inside a field that is not in quotes");
		assertNothingImported();
	}

	@Test
	void aQuoteNeverClosedNamesTheRowAndTheLineItStartsOnInPlainWords() {
		String csv = HEADER + "task,Fine,,,,,,,,\ntask,\"Never closed,,,,,,,,\ntask,Swallowed,,,,,,,,\n";

		JsonNode problem = assertInvalid(importCsv(this.api, "Moving", csv.getBytes(StandardCharsets.UTF_8), null),
				"/import", "rows[2]");

		assertThat(problem.get("errors").get(0).get("message").stringValue())
			.contains("the quoted field that starts on line 3 is never closed")
			.doesNotContain("EOF", "startline", "encapsulated", "token");
		assertNothingImported();
	}

	@Test
	void bytesThatAreNotUtf8AreRefusedNamingTheRowAndLineNotImportedAsReplacementCharacters() {
		byte[] bad = { 'B', 'a', 'd', ' ', (byte) 0xFF, (byte) 0xFE };
		byte[] csv = concat(
				(HEADER + "task,Fine,,,,,,,,\ntask,\"Two\nlines\",,,,,,,,\ntask,").getBytes(StandardCharsets.UTF_8),
				bad, ",,,,,,,,\ntask,After,,,,,,,,\n".getBytes(StandardCharsets.UTF_8));

		JsonNode problem = assertInvalid(importCsv(this.api, "Moving", csv, null), "/import", "rows[3]");

		assertThat(problem.get("errors").get(0).get("message").stringValue()).contains("line 5", "UTF-8");
		assertNothingImported();
	}

	@Test
	void aCutMultiByteCharacterAtTheEndOrABadHeaderIsRefusedToo() {
		byte[] cut = concat((HEADER + "task,Caf").getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xC3 });
		assertInvalid(importCsv(this.api, "Moving", cut, null), "/import", "rows[1]");

		byte[] header = concat(new byte[] { (byte) 0xC0, (byte) 0xAF }, HEADER.getBytes(StandardCharsets.UTF_8));
		assertInvalid(importCsv(this.api, "Moving", header, null), "/import", "header");

		assertNothingImported();
	}

	@Test
	void aCharsetTheContentTypeNamesIsReadAsThatCharset() throws Exception {
		byte[] csv = concat(HEADER.getBytes(StandardCharsets.ISO_8859_1),
				"task,Caf\u00e9,,,,,,,,\n".getBytes(StandardCharsets.ISO_8859_1));

		ExchangeResult response = this.client.post()
			.uri("/import?project=Moving")
			.header(HttpHeaders.AUTHORIZATION, this.api.bearer)
			.contentType(MediaType.parseMediaType("text/csv; charset=ISO-8859-1"))
			.body(csv)
			.exchange()
			.returnResult();

		assertThat(Responses.status(response)).as(Responses.body(response)).isEqualTo(201);
		assertThat(task(Responses.json(response), 1).get("title").stringValue()).isEqualTo("Caf\u00e9");

		// Sent as written: the test client refuses to send a charset it does not know.
		java.net.http.HttpResponse<String> unknown = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + "/import?project=Moving"))
				.header(HttpHeaders.AUTHORIZATION, this.api.bearer)
				.header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=no-such-charset")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(csv))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(415);
		assertThat(unknown.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
		assertThat(unknown.body()).contains("an unknown charset").doesNotContain("has no Content-Type");
		assertThat(this.api.expect(200, "GET", "/projects", null)).hasSize(1);
	}

	@Test
	void moreThanTwentyThousandTasksAreRefused() {
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 0; i <= ImportDocument.MAX_TASKS; i++) {
			csv.append("task,T,,,,,,,,\n");
		}

		assertInvalid(importCsv(this.api, "Moving", csv.toString().getBytes(StandardCharsets.UTF_8), null), "/import",
				"rows");

		assertNothingImported();
	}

	@Test
	void theProjectParameterIsRequiredAndANameAsPostProjectsTakesIt() throws IOException {
		assertInvalid(importCsv(this.api, null, sample(), null), "/import", "project");
		assertInvalid(importCsv(this.api, "   ", sample(), null), "/import", "project");
		assertInvalid(importCsv(this.api, "p".repeat(101), sample(), null), "/import", "project");
		assertInvalid(
				importCsv(this.api, "", (HEADER + "task,Title,,9,,,,,,\n").getBytes(StandardCharsets.UTF_8), null),
				"/import", "project", "rows[1].PRIORITY");

		assertNothingImported();
	}

	@Test
	void aRepeatWithTheSameKeyReplaysAndAnotherProjectNameIsAnotherImport() throws IOException {
		ExchangeResult first = importCsv(this.api, "Moving", sample(), "csv-1");
		ExchangeResult repeat = importCsv(this.api, "Moving", sample(), "csv-1");
		ExchangeResult otherName = importCsv(this.api, "Moving again", sample(), "csv-1");

		assertThat(Responses.status(first)).as(Responses.body(first)).isEqualTo(201);
		assertThat(first.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
		assertThat(Responses.status(repeat)).isEqualTo(201);
		assertThat(repeat.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(Responses.json(repeat)).isEqualTo(Responses.json(first));
		assertInvalid(otherName, "/import", "Idempotency-Key");
		assertThat(this.api.expect(200, "GET", "/projects", null)).hasSize(1);
		assertThat(this.api.expect(200, "GET", "/export", null).get("tasks")).hasSize(7);
	}

	private ExchangeResult importCsv(TreeAndOrderApi user, @Nullable String project, byte[] csv,
			@Nullable String idempotencyKey) {
		RestTestClient.RequestBodySpec request = this.client.post()
			.uri((uri) -> uri.path("/import")
				.queryParamIfPresent("project", java.util.Optional.ofNullable(project))
				.build())
			.header(HttpHeaders.AUTHORIZATION, user.bearer)
			.contentType(MediaType.parseMediaType("text/csv"));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return request.body(csv).exchange().returnResult();
	}

	/** No project, and only the tasks the caller had. */
	private void assertNothingImported(String... tasksBefore) {
		assertThat(this.api.expect(200, "GET", "/projects", null)).isEmpty();
		List<String> titles = new ArrayList<>();
		this.api.expect(200, "GET", "/export", null)
			.get("tasks")
			.forEach((task) -> titles.add(task.get("title").stringValue()));
		assertThat(titles).containsExactly(tasksBefore);
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			bytes.writeBytes(part);
		}
		return bytes.toByteArray();
	}

	private static byte[] sample() throws IOException {
		try (InputStream in = TodoistCsvImportIntegrationTests.class.getResourceAsStream("/todoist/moving.csv")) {
			return in.readAllBytes();
		}
	}

	private JsonNode task(JsonNode result, int row) {
		return this.api.task(result.get("task_ids").get(Integer.toString(row)).longValue());
	}

	private static List<String> labels(JsonNode task) {
		List<String> labels = new ArrayList<>();
		task.get("labels").forEach((label) -> labels.add(label.stringValue()));
		return labels;
	}

	private List<String> titles(String query) {
		List<String> titles = new ArrayList<>();
		this.api.expect(200, "GET", "/tasks?" + query, null)
			.forEach((task) -> titles.add(task.get("title").stringValue()));
		return titles;
	}

	private static LocalDate next(MonthDay day, LocalDate today) {
		LocalDate date = day.atYear(today.getYear());
		return date.isBefore(today) ? day.atYear(today.getYear() + 1) : date;
	}

}
