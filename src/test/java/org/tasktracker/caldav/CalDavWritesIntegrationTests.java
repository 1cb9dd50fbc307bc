package org.tasktracker.caldav;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VToDo;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tasktracker.support.ApiUsers;
import org.tasktracker.support.Responses;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CalDAV server's write side (contract v3, part E; issue 35): {@code PUT} and
 * {@code DELETE} of tasks under the names and UIDs clients choose, with ETags and
 * conditions, the mapping read back (time zones, subtasks before their parents,
 * recurrence, reminders, properties the service does not model), calendars made, changed
 * and deleted, the token's scope, and bad input refused with nothing stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class CalDavWritesIntegrationTests {

	private static final String PASSWORD = "correct horse battery";

	private static final String D = "DAV:";

	private static final String C = "urn:ietf:params:xml:ns:caldav";

	private static final String CALENDAR_TYPE = "text/calendar; charset=utf-8";

	/** Outlook's name for Central Europe's zone, with the definition Outlook sends. */
	private static final String WINDOWS_ZONE = String.join("\r\n", "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
			"BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
			"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD", "BEGIN:DAYLIGHT", "DTSTART:16010101T020000",
			"TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
			"END:VTIMEZONE");

	@Autowired
	private RestTestClient client;

	@Autowired
	private DavResources resources;

	@Autowired
	private JdbcClient jdbc;

	private String username;

	private String basic;

	private String bearer;

	@BeforeEach
	void setUp() {
		this.username = newUser("davw");
		String token = newToken(this.username, "tasks:write");
		this.basic = basic(this.username, token);
		this.bearer = "Bearer " + token;
	}

	@Test
	void putCreatesUnderTheClientsNameThenReplacesUnderItsConditions() throws Exception {
		String href = inbox() + "6F1C-a%20b.ics";
		String first = vtodo("6F1C@client", "SUMMARY:Buy milk", "DESCRIPTION:Two litres", "PRIORITY:1",
				"CATEGORIES:Errands,Home", "DUE;VALUE=DATE:20261224", "X-CLIENT-THING;X-P=1:kept as sent",
				"DTSTART;VALUE=DATE:20261220", "BEGIN:VALARM", "ACTION:AUDIO", "TRIGGER:-PT5M", "END:VALARM");

		ExchangeResult created = put(href, first, Map.of("If-None-Match", "*"));
		assertThat(Responses.status(created)).as(Responses.body(created)).isEqualTo(201);
		String etag = created.getResponseHeaders().getETag();
		assertThat(etag).isNotBlank();

		JsonNode task = onlyTask();
		assertThat(task.get("title").stringValue()).isEqualTo("Buy milk");
		assertThat(task.get("description").stringValue()).isEqualTo("Two litres");
		assertThat(task.get("priority").intValue()).isEqualTo(4);
		assertThat(task.get("labels").toString()).isEqualTo("[\"Errands\",\"Home\"]");
		assertThat(task.get("due").get("date").stringValue()).isEqualTo("2026-12-24");

		ExchangeResult read = dav("GET", href, null, null);
		assertThat(Responses.status(read)).isEqualTo(200);
		assertThat(read.getResponseHeaders().getETag()).isEqualTo(etag);
		VToDo todo = todo(Responses.body(read));
		assertThat(todo.getUid().orElseThrow().getValue()).isEqualTo("6F1C@client");
		assertThat(Responses.body(read)).contains("X-CLIENT-THING;X-P=1:kept as sent", "DTSTART;VALUE=DATE:20261220",
				"ACTION:AUDIO");
		Document listing = multistatus(dav("PROPFIND", inbox(), "1", null));
		assertThat(hrefs(listing)).contains(href);

		assertThat(Responses.status(put(href, first, Map.of("If-None-Match", "*")))).as("exists").isEqualTo(412);
		String second = first.replace("SUMMARY:Buy milk", "SUMMARY:Buy oat milk");
		assertThat(Responses.status(put(href, second, Map.of("If-Match", "\"999-x\"")))).as("stale").isEqualTo(412);
		assertThat(onlyTask().get("title").stringValue()).isEqualTo("Buy milk");

		ExchangeResult replaced = put(href, second, Map.of("If-Match", etag));
		assertThat(Responses.status(replaced)).as(Responses.body(replaced)).isEqualTo(204);
		assertThat(replaced.getResponseHeaders().getETag()).isNotEqualTo(etag);
		assertThat(onlyTask().get("title").stringValue()).isEqualTo("Buy oat milk");

		ExchangeResult onlyUnknownChanged = put(href, second.replace("kept as sent", "changed"), Map.of());
		assertThat(Responses.status(onlyUnknownChanged)).isEqualTo(204);
		assertThat(onlyUnknownChanged.getResponseHeaders().getETag()).as("a new body is a new ETag")
			.isNotEqualTo(replaced.getResponseHeaders().getETag());
		assertThat(Responses.body(dav("GET", href, null, null))).contains("X-CLIENT-THING;X-P=1:changed");
		assertThat(Responses.body(ApiUsers.send(this.client, "GET", "/export.ics", null, this.bearer)))
			.as("the file says what the server serves")
			.contains("UID:6F1C@client", "X-CLIENT-THING;X-P=1:changed");
	}

	@Test
	void readsDueTimesInTheClientsZonesAndAsDates() throws Exception {
		Map<String, String> dues = Map.of("DUE;TZID=W. Europe Standard Time:20260701T090000", "2026-07-01T07:00:00Z",
				"DUE;TZID=America/New_York:20261201T090000", "2026-12-01T14:00:00Z", "DUE:20261201T090000Z",
				"DUE:20261201T090000Z".isEmpty() ? "" : "2026-12-01T09:00:00Z", "DUE:20260601T090000",
				"2026-06-01T07:00:00Z");
		int n = 0;
		for (Map.Entry<String, String> due : dues.entrySet()) {
			String href = inbox() + "zone-" + n++ + ".ics";
			String body = calendar(
					WINDOWS_ZONE + "\r\n" + todoLines("zone-" + n + "@client", "SUMMARY:Due", due.getKey()));
			ExchangeResult created = put(href, body, Map.of());
			assertThat(Responses.status(created)).as(due.getKey() + ": " + Responses.body(created)).isEqualTo(201);
			long id = idOf(href);
			assertThat(api("GET", "/tasks/" + id).get("due").get("datetime").stringValue()).as(due.getKey())
				.isEqualTo(due.getValue());
		}
	}

	@Test
	void aKeptStartIsSentInTheOwnersZoneAndGivesWayToAnEarlierDue() throws Exception {
		String href = inbox() + "started.ics";
		ExchangeResult created = put(href,
				calendar(WINDOWS_ZONE + "\r\n"
						+ todoLines("started@client", "SUMMARY:Started",
								"DTSTART;TZID=W. Europe Standard Time:20270110T090000", "DUE;VALUE=DATE:20270115",
								"EXDATE;TZID=W. Europe Standard Time:20270117T090000,20270124T090000")),
				Map.of());
		assertThat(Responses.status(created)).as(Responses.body(created)).isEqualTo(201);

		// What is sent back names only the owner's zone (Europe/Berlin), the one it
		// carries.
		String sent = Responses.body(dav("GET", href, null, null));
		assertThat(sent)
			.contains("DTSTART;TZID=Europe/Berlin:20270110T090000\r\n",
					"EXDATE;TZID=Europe/Berlin:20270117T090000,20270124T090000\r\n")
			.doesNotContain("W. Europe");
		assertThat(todo(sent).getProperty("DTSTART")).isPresent();

		ExchangeResult rezoned = ApiUsers.send(this.client, "PATCH", "/users/me", "{\"timezone\": \"Europe/London\"}",
				this.bearer);
		assertThat(Responses.status(rezoned)).as(Responses.body(rezoned)).isEqualTo(200);
		assertThat(Responses.body(dav("GET", href, null, null))).as("after the owner moved zones")
			.contains("TZID:Europe/London", "DTSTART;TZID=Europe/London:20270110T080000\r\n",
					"EXDATE;TZID=Europe/London:20270117T080000,20270124T080000\r\n")
			.doesNotContain("Europe/Berlin");

		long id = idOf(href);
		ExchangeResult moved = ApiUsers.send(this.client, "PATCH", "/tasks/" + id,
				"{\"due\": {\"date\": \"2027-01-09\"}}", this.bearer);
		assertThat(Responses.status(moved)).as(Responses.body(moved)).isEqualTo(200);
		String afterMove = Responses.body(dav("GET", href, null, null));
		assertThat(todo(afterMove).getProperty("DTSTART")).as(afterMove).isEmpty();
		assertThat(afterMove).contains("EXDATE;TZID=Europe/London:20270117T080000,20270124T080000\r\n");

		ExchangeResult onTheDay = ApiUsers.send(this.client, "PATCH", "/tasks/" + id,
				"{\"due\": {\"date\": \"2027-01-10\"}}", this.bearer);
		assertThat(Responses.status(onTheDay)).as(Responses.body(onTheDay)).isEqualTo(200);
		assertThat(Responses.body(dav("GET", href, null, null))).as("a date due on the start's day")
			.contains("DTSTART;TZID=Europe/London:20270110T080000\r\n");
	}

	@Test
	void aLineFoldedInsideACharacterIsReadWhole() throws Exception {
		// 50 e-acutes, two octets each, folded at octet 75: inside a character.
		byte[] line = ("SUMMARY:" + "\u00e9".repeat(50)).getBytes(StandardCharsets.UTF_8);
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		body.writeBytes("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Client//EN\r\nBEGIN:VTODO\r\nUID:fold@client\r\n"
			.getBytes(StandardCharsets.UTF_8));
		body.write(line, 0, 75);
		body.writeBytes("\r\n ".getBytes(StandardCharsets.UTF_8));
		body.write(line, 75, line.length - 75);
		body.writeBytes(
				"\r\nDTSTAMP:20261101T000000Z\r\nEND:VTODO\r\nEND:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8));
		assertThat(new String(body.toByteArray(), 0, 200, StandardCharsets.UTF_8)).as("not UTF-8 as sent")
			.contains("\uFFFD");

		ExchangeResult created = this.client.put()
			.uri(URI.create(inbox() + "fold.ics"))
			.header(HttpHeaders.AUTHORIZATION, this.basic)
			.contentType(MediaType.parseMediaType(CALENDAR_TYPE))
			.body(body.toByteArray())
			.exchange()
			.returnResult();
		assertThat(Responses.status(created)).as(Responses.body(created)).isEqualTo(201);
		assertThat(onlyTask().get("title").stringValue()).isEqualTo("\u00e9".repeat(50));
	}

	@Test
	void textXmlCannotCarryIsReplacedInReportsAndRefusedInPuts() throws Exception {
		ExchangeResult task = ApiUsers.send(this.client, "POST", "/tasks",
				"{\"title\": \"odd \\ufffe \\uffff\", \"description\": \"end \\uffff\"}", this.bearer);
		assertThat(Responses.status(task)).isEqualTo(201);
		Document report = multistatus(dav("REPORT", inbox(), "1", "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"" + C
				+ "\"><d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter><c:comp-filter name=\"VCALENDAR\">"
				+ "<c:comp-filter name=\"VTODO\"/></c:comp-filter></c:filter></c:calendar-query>"));
		assertThat(hrefs(report)).as("read as XML").hasSize(1);
		assertThat(report.getDocumentElement().getTextContent()).contains("SUMMARY:odd \uFFFD \uFFFD");

		ExchangeResult refused = put(inbox() + "odd.ics", vtodo("odd@client", "SUMMARY:odd \uFFFF"), Map.of());
		assertThat(Responses.status(refused)).isEqualTo(403);
		assertThat(Responses.body(refused)).contains("valid-calendar-data");
	}

	@Test
	void propFiltersSeeThePropertiesTheServiceKeepsWithoutModellingThem() throws Exception {
		String office = inbox() + "office.ics";
		assertThat(Responses
			.status(put(office, vtodo("office@client", "SUMMARY:Call", "LOCATION:Office", "X-FOO:bar"), Map.of())))
			.isEqualTo(201);
		String home = inbox() + "home.ics";
		assertThat(Responses.status(put(home, vtodo("home@client", "SUMMARY:Sweep"), Map.of()))).isEqualTo(201);

		assertThat(filtered("<c:prop-filter name=\"LOCATION\"/>")).containsExactly(office);
		assertThat(filtered("<c:prop-filter name=\"LOCATION\"><c:text-match>OFF</c:text-match></c:prop-filter>"))
			.containsExactly(office);
		assertThat(filtered("<c:prop-filter name=\"X-FOO\"><c:text-match>baz</c:text-match></c:prop-filter>"))
			.isEmpty();
		assertThat(filtered("<c:prop-filter name=\"LOCATION\"><c:is-not-defined/></c:prop-filter>"))
			.containsExactly(home);
	}

	private List<String> filtered(String propFilter) throws Exception {
		return hrefs(multistatus(dav("REPORT", inbox(), "1", "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"" + C
				+ "\"><d:prop><d:getetag/></d:prop><c:filter><c:comp-filter name=\"VCALENDAR\"><c:comp-filter "
				+ "name=\"VTODO\">" + propFilter + "</c:comp-filter></c:comp-filter></c:filter></c:calendar-query>")));
	}

	@Test
	void aSubtaskThatArrivesBeforeItsParentIsLinkedWhenTheParentDoes() throws Exception {
		String child = inbox() + "child.ics";
		assertThat(Responses.status(put(child,
				vtodo("child@client", "SUMMARY:Pack socks", "RELATED-TO;RELTYPE=PARENT:parent@client"), Map.of())))
			.isEqualTo(201);
		assertThat(Responses.body(dav("GET", child, null, null))).as("the relation is kept meanwhile")
			.contains("RELATED-TO;RELTYPE=PARENT:parent@client");
		long childId = idOf(child);
		assertThat(api("GET", "/tasks/" + childId).get("parent_id").isNull()).isTrue();

		String parent = inbox() + "parent.ics";
		ExchangeResult madeParent = put(parent, vtodo("parent@client", "SUMMARY:Pack for the trip"), Map.of());
		assertThat(Responses.status(madeParent)).isEqualTo(201);
		assertThat(madeParent.getResponseHeaders().getETag()).as("the ETag of the parent with its child")
			.isEqualTo(dav("GET", parent, null, null).getResponseHeaders().getETag());

		long parentId = idOf(parent);
		assertThat(api("GET", "/tasks/" + childId).get("parent_id").longValue()).isEqualTo(parentId);
		assertThat(Responses.body(dav("GET", child, null, null))).contains("RELATED-TO;RELTYPE=PARENT:parent@client");
	}

	@Test
	void aSubtaskPutIntoAnotherCalendarThanItsParentsGoesThereAndGetsNoETag() throws Exception {
		long project = Responses
			.json(ApiUsers.send(this.client, "POST", "/projects", "{\"name\": \"Trip\"}", this.bearer))
			.get("id")
			.longValue();
		String trip = home() + project + "/";
		assertThat(Responses.status(put(trip + "trip.ics", vtodo("trip@client", "SUMMARY:Trip"), Map.of())))
			.isEqualTo(201);

		ExchangeResult child = put(inbox() + "socks.ics",
				vtodo("socks@client", "SUMMARY:Socks", "RELATED-TO;RELTYPE=PARENT:trip@client"), Map.of());

		assertThat(Responses.status(child)).isEqualTo(201);
		assertThat(child.getResponseHeaders().getETag()).as("stored otherwise than sent: in the parent's calendar")
			.isNull();
		assertThat(Responses.status(dav("GET", trip + "socks.ics", null, null))).isEqualTo(200);

		// Put there again, and into a third calendar: it stays under its parent each
		// time.
		long other = Responses
			.json(ApiUsers.send(this.client, "POST", "/projects", "{\"name\": \"Errands\"}", this.bearer))
			.get("id")
			.longValue();
		for (String calendar : List.of(inbox(), inbox(), home() + other + "/")) {
			ExchangeResult again = put(calendar + "socks.ics",
					vtodo("socks@client", "SUMMARY:Socks", "RELATED-TO;RELTYPE=PARENT:trip@client"), Map.of());
			assertThat(Responses.status(again)).as(calendar + ": " + Responses.body(again)).isIn(201, 204);
			JsonNode socks = api("GET", "/tasks?parent_id=" + idOf(trip + "trip.ics")).get(0);
			assertThat(socks.get("title").stringValue()).isEqualTo("Socks");
			assertThat(socks.get("project_id").longValue()).as(calendar).isEqualTo(project);
			assertThat(Responses.status(dav("GET", trip + "socks.ics", null, null))).as(calendar).isEqualTo(200);
		}
	}

	@Test
	void completingAnOccurrenceMovesTheDueAndRulesAndAlarmsRoundTrip() throws Exception {
		String href = inbox() + "weekly.ics";
		String body = vtodo("weekly@client", "SUMMARY:Water plants", "DUE;VALUE=DATE:20261201",
				"RRULE:FREQ=WEEKLY;BYDAY=TU", "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER;RELATED=END:-PT15M",
				"DESCRIPTION:Water plants", "END:VALARM", "BEGIN:VALARM", "ACTION:DISPLAY",
				"TRIGGER;VALUE=DATE-TIME:20261130T080000Z", "END:VALARM");
		assertThat(Responses.status(put(href, body, Map.of()))).isEqualTo(201);
		long id = idOf(href);
		JsonNode task = api("GET", "/tasks/" + id);
		assertThat(task.get("recurrence").get("rule").stringValue()).isEqualTo("FREQ=WEEKLY;BYDAY=TU");
		assertThat(task.get("reminders").toString()).contains("\"before\":\"PT15M\"",
				"\"at\":\"2026-11-30T08:00:00Z\"");
		String read = Responses.body(dav("GET", href, null, null));
		assertThat(read).contains("RRULE:FREQ=WEEKLY;BYDAY=TU", "TRIGGER;RELATED=END:-PT15M");

		ExchangeResult completed = put(href, body.replace("SUMMARY:", "STATUS:COMPLETED\r\nSUMMARY:"), Map.of());
		assertThat(Responses.status(completed)).as(Responses.body(completed)).isEqualTo(204);
		assertThat(completed.getResponseHeaders().getETag()).as("stored otherwise than sent: the client reads it")
			.isNull();
		JsonNode next = api("GET", "/tasks/" + id);
		assertThat(next.get("completed").booleanValue()).as("the series goes on").isFalse();
		assertThat(next.get("due").get("date").stringValue()).isGreaterThan("2026-12-01");
		assertThat(Responses.json(ApiUsers.send(this.client, "GET", "/tasks/" + id + "/completions", null, this.bearer))
			.size()).isEqualTo(1);
		for (int replay = 0; replay < 2; replay++) {
			ExchangeResult again = put(href, body.replace("SUMMARY:", "STATUS:COMPLETED\r\nSUMMARY:"), Map.of());
			assertThat(Responses.status(again)).as("a PUT retried after its answer was lost").isEqualTo(204);
		}
		assertThat(api("GET", "/tasks/" + id).get("due")).as("done already: the due stays").isEqualTo(next.get("due"));
		assertThat(Responses.json(ApiUsers.send(this.client, "GET", "/tasks/" + id + "/completions", null, this.bearer))
			.size()).as("one occurrence, completed once").isEqualTo(1);

		java.time.LocalDate later = java.time.LocalDate.parse(next.get("due").get("date").stringValue()).plusWeeks(1);
		ExchangeResult rolledForward = put(href, body.replace("DUE;VALUE=DATE:20261201",
				"DUE;VALUE=DATE:" + later.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)), Map.of());
		assertThat(Responses.status(rolledForward)).as("Tasks.org rolls the due forward itself").isEqualTo(204);
		assertThat(api("GET", "/tasks/" + id).get("due").get("date").stringValue()).isEqualTo(later.toString());
		assertThat(Responses.json(ApiUsers.send(this.client, "GET", "/tasks/" + id + "/completions", null, this.bearer))
			.size()).as("just a new due: no completion").isEqualTo(1);

		String hourly = inbox() + "hourly.ics";
		assertThat(Responses.status(put(hourly,
				vtodo("hourly@client", "SUMMARY:Stretch", "DUE:20261201T090000Z", "RRULE:FREQ=HOURLY;INTERVAL=2"),
				Map.of())))
			.isEqualTo(201);
		assertThat(api("GET", "/tasks/" + idOf(hourly)).get("recurrence").isNull()).as("outside part C's subset")
			.isTrue();
		assertThat(Responses.body(dav("GET", hourly, null, null))).contains("RRULE:FREQ=HOURLY;INTERVAL=2");

		assertThat(Responses.status(ApiUsers.send(this.client, "PATCH", "/tasks/" + idOf(hourly),
				"{\"recurrence\": {\"rule\": \"FREQ=DAILY\"}}", this.bearer)))
			.isEqualTo(200);
		String recurring = Responses.body(dav("GET", hourly, null, null));
		assertThat(recurring).as("the kept rule gives way to the task's own").contains("RRULE:FREQ=DAILY");
		assertThat(todo(recurring).getProperties("RRULE")).as("one RRULE").hasSize(1);
	}

	@Test
	void aChangedSortOrderMovesTheTaskAmongItsSiblings() throws Exception {
		Map<String, Long> orders = new HashMap<>();
		for (String name : List.of("first", "second", "third")) {
			assertThat(Responses
				.status(put(inbox() + name + ".ics", vtodo(name + "@client", "SUMMARY:" + name), Map.of())))
				.isEqualTo(201);
			String order = todo(Responses.body(dav("GET", inbox() + name + ".ics", null, null)))
				.getProperty(VTodos.SORT_ORDER)
				.orElseThrow()
				.getValue();
			orders.put(name, Long.parseLong(order));
		}
		assertThat(orders.get("first")).isLessThan(orders.get("second"));

		long between = orders.get("first") + (orders.get("second") - orders.get("first")) / 2;
		assertThat(Responses.status(put(inbox() + "third.ics",
				vtodo("third@client", "SUMMARY:third", VTodos.SORT_ORDER + ":" + between), Map.of())))
			.isEqualTo(204);
		assertThat(titles(api("GET", "/tasks?sort=position"))).containsExactly("first", "third", "second");

		assertThat(Responses.status(put(inbox() + "second.ics",
				vtodo("second@client", "SUMMARY:second", VTodos.SORT_ORDER + ":" + (orders.get("first") - 1)),
				Map.of())))
			.isEqualTo(204);
		assertThat(titles(api("GET", "/tasks?sort=position"))).containsExactly("second", "first", "third");
	}

	@Test
	void listingsShowClientsNamesBeyondTheFirstBatchOfACalendar() throws Exception {
		assertThat(Responses.status(put(inbox() + "early.ics", vtodo("early@client", "SUMMARY:Early"), Map.of())))
			.isEqualTo(201);
		for (int i = 0; i < DavCalendars.BATCH + 5; i++) {
			assertThat(Responses
				.status(ApiUsers.send(this.client, "POST", "/tasks", "{\"title\": \"Bulk " + i + "\"}", this.bearer)))
				.isEqualTo(201);
		}
		assertThat(Responses.status(put(inbox() + "late.ics",
				vtodo("late@client", "SUMMARY:Late", "RELATED-TO;RELTYPE=PARENT:early@client", "X-KEPT:yes"),
				Map.of())))
			.isEqualTo(201);

		List<String> listed = hrefs(multistatus(dav("PROPFIND", inbox(), "1", null)));
		assertThat(listed).contains(inbox() + "early.ics", inbox() + "late.ics").hasSize(DavCalendars.BATCH + 8);
		assertThat(listed.stream().filter((href) -> href.contains("@tasktracker"))).hasSize(DavCalendars.BATCH + 5);

		String query = Responses.body(dav("REPORT", inbox(), "1",
				"<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"" + C
						+ "\"><d:prop><d:getetag/><c:calendar-data/></d:prop>"
						+ "<c:filter><c:comp-filter name=\"VCALENDAR\"><c:comp-filter name=\"VTODO\">"
						+ "<c:prop-filter name=\"SUMMARY\"><c:text-match>Late</c:text-match></c:prop-filter>"
						+ "</c:comp-filter></c:comp-filter></c:filter></c:calendar-query>"));
		assertThat(query).contains(inbox() + "late.ics", "UID:late@client", "RELATED-TO;RELTYPE=PARENT:early@client",
				"X-KEPT:yes");
		assertThat(hrefs(multistatus(dav("REPORT", inbox(), "1", sync(""))))).contains(inbox() + "late.ics",
				inbox() + "early.ics");
	}

	@Test
	void replaysThunderbirdWritingATask() throws Exception {
		String calendarProps = "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"" + C
				+ "\" xmlns:cs=\"http://calendarserver.org/ns/\">"
				+ "<d:prop><d:resourcetype/><d:owner/><d:current-user-principal/><d:supported-report-set/>"
				+ "<c:supported-calendar-component-set/><cs:getctag/></d:prop></d:propfind>";
		String ctag = Responses.body(dav("PROPFIND", inbox(), "0", calendarProps));
		String href = inbox() + "0b7c6f53-3b4e-4d0e-9a9c-2f1e6c3a9d11.ics";
		String sent = calendar(String.join("\r\n", "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "BEGIN:STANDARD",
				"DTSTART:19701025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
				"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD", "BEGIN:DAYLIGHT", "DTSTART:19700329T020000",
				"TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
				"END:VTIMEZONE",
				todoLines("0b7c6f53-3b4e-4d0e-9a9c-2f1e6c3a9d11", "CREATED:20261101T000000Z",
						"LAST-MODIFIED:20261101T000000Z", "SUMMARY:Renew passport", "X-MOZ-GENERATION:1",
						"DTSTART;TZID=Europe/Berlin:20261201T080000", "DUE;TZID=Europe/Berlin:20261202T170000",
						"PERCENT-COMPLETE:0")));
		ExchangeResult created = put(href, sent, Map.of("If-None-Match", "*"));
		assertThat(Responses.status(created)).isEqualTo(201);
		assertThat(Responses.body(dav("PROPFIND", inbox(), "0", calendarProps))).as("the ctag moved")
			.isNotEqualTo(ctag);
		Document fetched = multistatus(dav("REPORT", inbox(), "1",
				"<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"" + C + "\"><d:prop><d:getetag/><c:calendar-data/>"
						+ "</d:prop><d:href>" + href + "</d:href></c:calendar-multiget>"));
		assertThat(status(fetched, href)).contains("X-MOZ-GENERATION:1", "DTSTART;TZID=Europe/Berlin:20261201T080000");
		JsonNode task = onlyTask();
		assertThat(task.get("due").get("datetime").stringValue()).isEqualTo("2026-12-02T16:00:00Z");

		String done = sent.replace("X-MOZ-GENERATION:1", "X-MOZ-GENERATION:2")
			.replace("PERCENT-COMPLETE:0", "PERCENT-COMPLETE:100\r\nSTATUS:COMPLETED\r\nCOMPLETED:20261202T100000Z");
		ExchangeResult completed = put(href, done, Map.of("If-Match", created.getResponseHeaders().getETag()));
		assertThat(Responses.status(completed)).isEqualTo(204);
		assertThat(onlyTask().get("completed").booleanValue()).isTrue();
		assertThat(Responses.body(dav("GET", href, null, null))).contains("X-MOZ-GENERATION:2", "STATUS:COMPLETED")
			.doesNotContain("PERCENT-COMPLETE");

		assertThat(Responses
			.status(send("DELETE", href, null, Map.of("If-Match", completed.getResponseHeaders().getETag()))))
			.isEqualTo(204);
		assertThat(taskCount()).isZero();
	}

	@Test
	void replaysAppleRemindersMakingAListAndAReminder() throws Exception {
		ExchangeResult made = dav("MKCALENDAR", home() + "5A4C2E0B-5F0B-4A1E-8E0B-1D5E2C3B4A59/", null,
				"<B:mkcalendar xmlns:B=\"" + C + "\"><A:set xmlns:A=\"DAV:\"><A:prop>"
						+ "<D:calendar-order xmlns:D=\"http://apple.com/ns/ical/\">2</D:calendar-order>"
						+ "<B:supported-calendar-component-set><B:comp name=\"VTODO\"/></B:supported-calendar-component-set>"
						+ "<D:calendar-color xmlns:D=\"http://apple.com/ns/ical/\">#FF2968FF</D:calendar-color>"
						+ "<A:displayname>Errands</A:displayname></A:prop></A:set></B:mkcalendar>");
		assertThat(Responses.status(made)).as(Responses.body(made)).isEqualTo(201);
		String list = home() + "5A4C2E0B-5F0B-4A1E-8E0B-1D5E2C3B4A59/";
		String token = text(multistatus(dav("REPORT", list, "1", sync(""))).getDocumentElement(), D, "sync-token");

		String href = list + "8C1D3E7F-2B4A-4C6D-9E8F-0A1B2C3D4E5F.ics";
		String reminder = vtodo("8C1D3E7F-2B4A-4C6D-9E8F-0A1B2C3D4E5F", "SUMMARY:Pick up parcel",
				"X-APPLE-SORT-ORDER:786543210", "DUE;VALUE=DATE:20261203", "BEGIN:VALARM",
				"X-WR-ALARMUID:1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9", "UID:1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9",
				"TRIGGER;VALUE=DATE-TIME:20261203T080000Z", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "END:VALARM");
		assertThat(Responses.status(put(href, reminder, Map.of("If-None-Match", "*")))).isEqualTo(201);
		JsonNode task = onlyTask();
		assertThat(task.get("reminders").toString()).contains("2026-12-03T08:00:00Z");
		assertThat(task.get("project_id").longValue()).isEqualTo(project("Errands").get("id").longValue());

		Document changes = multistatus(dav("REPORT", list, "1", sync(token)));
		assertThat(hrefs(changes)).containsExactly(href);
		String etag = changes.getElementsByTagNameNS(D, "getetag").item(0).getTextContent().trim();
		assertThat(Responses
			.status(put(href, reminder.replace("SUMMARY:", "STATUS:COMPLETED\r\nSUMMARY:"), Map.of("If-Match", etag))))
			.isEqualTo(204);
		assertThat(onlyTask().get("completed").booleanValue()).isTrue();
	}

	@Test
	void aPutOfTheSameNameIntoAnotherCalendarMovesTheTask() throws Exception {
		long project = Responses
			.id(ApiUsers.send(this.client, "POST", "/projects", "{\"name\": \"Garden\"}", this.bearer));
		String token = text(multistatus(dav("REPORT", inbox(), "1", sync(""))).getDocumentElement(), D, "sync-token");
		String name = "4D2C1B0A-move.ics";
		assertThat(Responses.status(put(inbox() + name, vtodo("move@client", "SUMMARY:Rake leaves"), Map.of())))
			.isEqualTo(201);

		String garden = home() + project + "/";
		ExchangeResult moved = put(garden + name, vtodo("move@client", "SUMMARY:Rake leaves"),
				Map.of("If-None-Match", "*"));
		assertThat(Responses.status(moved)).as("new at this address").isEqualTo(201);
		assertThat(onlyTask().get("project_id").longValue()).isEqualTo(project);
		assertThat(Responses.status(dav("DELETE", inbox() + name, null, null))).as("already gone from there")
			.isEqualTo(404);
		assertThat(status(multistatus(dav("REPORT", inbox(), "1", sync(token))), inbox() + name))
			.as("other devices learn it left the Inbox")
			.contains("HTTP/1.1 404");
		assertThat(taskCount()).isEqualTo(1);
	}

	@Test
	void aPutOfTheSameUidUnderANewNameInAnotherCalendarMovesTheTask() throws Exception {
		long project = Responses
			.id(ApiUsers.send(this.client, "POST", "/projects", "{\"name\": \"Garden\"}", this.bearer));
		String old = inbox() + "first-name.ics";
		assertThat(Responses.status(put(old, vtodo("moved@client", "SUMMARY:Prune roses"), Map.of()))).isEqualTo(201);
		long id = onlyTask().get("id").longValue();

		// todoman's move: a PUT of the same UID under a new name there, then a DELETE
		// here.
		String moved = home() + project + "/new-name.ics";
		ExchangeResult put = put(moved, vtodo("moved@client", "SUMMARY:Prune roses"), Map.of("If-None-Match", "*"));
		assertThat(Responses.status(put)).as(Responses.body(put)).isEqualTo(201);
		assertThat(Responses.status(dav("DELETE", old, null, null))).as("already gone from there").isEqualTo(404);

		JsonNode task = onlyTask();
		assertThat(task.get("id").longValue()).as("the same task, not one made anew").isEqualTo(id);
		assertThat(task.get("project_id").longValue()).isEqualTo(project);
		assertThat(Responses.status(dav("GET", moved, null, null))).isEqualTo(200);
		assertThat(Responses.status(put(inbox() + "second-name.ics", vtodo("moved@client", "SUMMARY:Two"), Map.of())))
			.as("back again under yet another name: a move too")
			.isEqualTo(201);
		assertThat(Responses.status(put(inbox() + "third-name.ics", vtodo("moved@client", "SUMMARY:Two"), Map.of())))
			.as("a second name in the same calendar: a conflict")
			.isEqualTo(403);
	}

	@Test
	void deleteLeavesATombstoneThatSyncReportsUnderTheClientsName() throws Exception {
		Document initial = multistatus(dav("REPORT", inbox(), "1", sync("")));
		String token = text(initial.getDocumentElement(), D, "sync-token");
		String href = inbox() + "doomed.ics";
		ExchangeResult created = put(href, vtodo("doomed@client", "SUMMARY:Doomed"), Map.of());
		long id = idOf(href);

		assertThat(Responses.status(send("DELETE", href, null, Map.of("If-Match", "\"1-stale\"")))).isEqualTo(412);
		assertThat(Responses
			.status(send("DELETE", href, null, Map.of("If-Match", created.getResponseHeaders().getETag()))))
			.isEqualTo(204);

		assertThat(Responses.status(ApiUsers.send(this.client, "GET", "/tasks/" + id, null, this.bearer)))
			.isEqualTo(404);
		assertThat(Responses.status(dav("GET", href, null, null))).isEqualTo(404);
		assertThat(Responses.status(dav("DELETE", href, null, null))).isEqualTo(404);
		Document changes = multistatus(dav("REPORT", inbox(), "1", sync(token)));
		assertThat(status(changes, href)).contains("HTTP/1.1 404");
		assertThat(Responses.status(put(href, vtodo("doomed@client", "SUMMARY:Back again"), Map.of())))
			.as("a name and UID of a deleted task can be used again")
			.isEqualTo(201);
	}

	@Test
	void aDeletedTasksNameIsKeptUntilItsTombstoneGoes() throws Exception {
		String doomed = inbox() + "forgotten.ics";
		put(doomed, vtodo("forgotten@client", "SUMMARY:Forgotten"), Map.of());
		long id = idOf(doomed);
		String kept = inbox() + "kept.ics";
		put(kept, vtodo("kept@client", "SUMMARY:Kept"), Map.of());
		assertThat(Responses.status(send("DELETE", doomed, null, Map.of()))).isEqualTo(204);

		this.resources.purgeForgotten();
		assertThat(namesOfThisUser()).as("while the tombstone lasts")
			.containsExactlyInAnyOrder("forgotten.ics", "kept.ics");

		// What the tombstone purge does once the retention has passed.
		this.jdbc.sql("DELETE FROM tombstones WHERE kind = 'task' AND id = :id").param("id", id).update();
		this.resources.purgeForgotten();
		assertThat(namesOfThisUser()).containsExactly("kept.ics");
		assertThat(Responses.status(dav("GET", kept, null, null))).isEqualTo(200);
	}

	private List<String> namesOfThisUser() {
		return this.jdbc
			.sql("SELECT r.name FROM caldav_resources r JOIN users u ON u.id = r.owner_id WHERE u.username = :user")
			.param("user", this.username)
			.query(String.class)
			.list();
	}

	@Test
	void anotherUsersCalendarsAndResourcesCannotBeWrittenByAnyPath() throws Exception {
		String other = newUser("davw-victim");
		String otherToken = newToken(other, "tasks:write");
		String otherBasic = basic(other, otherToken);
		ExchangeResult made = send("MKCALENDAR", "/dav/calendars/" + other + "/private/", null,
				Map.of(HttpHeaders.AUTHORIZATION, otherBasic));
		assertThat(Responses.status(made)).isEqualTo(201);
		String theirCalendar = "/dav/calendars/" + other + "/private/";
		String theirTask = theirCalendar + "secret.ics";
		ExchangeResult theirs = put(theirTask, vtodo("secret@victim", "SUMMARY:Secret"),
				Map.of(HttpHeaders.AUTHORIZATION, otherBasic));
		assertThat(Responses.status(theirs)).isEqualTo(201);
		String theirEtag = theirs.getResponseHeaders().getETag();
		long theirProject = Responses.json(ApiUsers.send(this.client, "GET", "/projects", null, "Bearer " + otherToken))
			.get(0)
			.get("id")
			.longValue();

		// Their paths with this user's credentials, and their ids under this user's home.
		String mine = home() + theirProject + "/";
		for (ExchangeResult attempt : List.of(put(theirTask, vtodo("secret@victim", "SUMMARY:Mine now"), Map.of()),
				put(mine + "secret.ics", vtodo("secret@victim", "SUMMARY:Mine now"), Map.of()),
				send("DELETE", theirTask, null, Map.of()), send("DELETE", theirCalendar, null, Map.of()),
				send("DELETE", mine, null, Map.of()), dav("PROPPATCH", theirCalendar, null, proppatch("Mine now")),
				dav("PROPPATCH", mine, null, proppatch("Mine now")),
				send("MKCALENDAR", "/dav/calendars/" + other + "/planted/", null, Map.of()),
				dav("GET", theirTask, null, null))) {
			assertThat(Responses.status(attempt)).as(Responses.body(attempt)).isEqualTo(404);
			// Only what the caller sent comes back (the path, as the problem's instance).
			assertThat(Responses.body(attempt)).doesNotContain("Secret", "secret@victim");
		}
		// A UID of theirs is no conflict here: UIDs are per owner, and theirs stays
		// theirs.
		assertThat(Responses.status(put(inbox() + "mine.ics", vtodo("secret@victim", "SUMMARY:Mine"), Map.of())))
			.isEqualTo(201);

		ExchangeResult still = send("GET", theirTask, null, Map.of(HttpHeaders.AUTHORIZATION, otherBasic));
		assertThat(Responses.status(still)).isEqualTo(200);
		assertThat(Responses.body(still)).contains("SUMMARY:Secret");
		assertThat(still.getResponseHeaders().getETag()).isEqualTo(theirEtag);
		Document calendars = multistatus(send("PROPFIND", "/dav/calendars/" + other + "/", null,
				Map.of(HttpHeaders.AUTHORIZATION, otherBasic, "Depth", "1")));
		assertThat(hrefs(calendars)).contains(theirCalendar).noneMatch((href) -> href.contains("planted"));
	}

	private static String proppatch(String name) {
		return "<d:propertyupdate xmlns:d=\"DAV:\"><d:set><d:prop><d:displayname>" + name
				+ "</d:displayname></d:prop></d:set></d:propertyupdate>";
	}

	@Test
	void makesRenamesRecoloursAndDeletesCalendars() throws Exception {
		ExchangeResult made = dav("MKCALENDAR", home() + "groceries/", null,
				"<c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"" + C
						+ "\" xmlns:i=\"http://apple.com/ns/ical/\"><d:set><d:prop>"
						+ "<d:displayname>Groceries</d:displayname><i:calendar-color>#FF8800FF</i:calendar-color>"
						+ "</d:prop></d:set></c:mkcalendar>");
		assertThat(Responses.status(made)).as(Responses.body(made)).isEqualTo(201);
		String calendar = home() + "groceries/";
		assertThat(project("Groceries").get("color").stringValue()).isEqualTo("#ff8800");
		assertThat(hrefs(multistatus(dav("PROPFIND", home(), "1", null)))).as("listed where the client made it")
			.contains(calendar);
		assertThat(Responses.status(dav("MKCALENDAR", calendar, null, null))).isEqualTo(405);
		assertThat(Responses.status(dav("MKCALENDAR", inbox(), null, null))).isEqualTo(405);
		ExchangeResult digits = dav("MKCALENDAR", home() + "900000000000/", null, null);
		assertThat(Responses.status(digits)).isEqualTo(403);
		assertThat(Responses.body(digits)).as("no calendar is there").contains("not only digits");
		ExchangeResult badColour = dav("MKCALENDAR", home() + "paint/", null,
				"<c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"" + C
						+ "\" xmlns:i=\"http://apple.com/ns/ical/\"><d:set><d:prop>"
						+ "<i:calendar-color>red</i:calendar-color></d:prop></d:set></c:mkcalendar>");
		assertThat(Responses.status(badColour)).isEqualTo(403);
		assertThat(Responses.body(badColour)).contains("#RRGGBB");
		assertThat(hrefs(multistatus(dav("PROPFIND", home(), "1", null)))).as("no calendar made")
			.doesNotContain(home() + "paint/");

		ExchangeResult patched = dav("PROPPATCH", calendar, null,
				"<d:propertyupdate xmlns:d=\"DAV:\" xmlns:i=\"http://apple.com/ns/ical/\"><d:set><d:prop>"
						+ "<d:displayname>Food</d:displayname><i:calendar-color>#00AA00</i:calendar-color>"
						+ "</d:prop></d:set></d:propertyupdate>");
		Document answer = multistatus(patched);
		assertThat(Responses.body(patched)).contains("200 OK").doesNotContain("HTTP/1.1 403", "HTTP/1.1 424");
		assertThat(hrefs(answer)).containsExactly(calendar);
		assertThat(project("Food").get("color").stringValue()).isEqualTo("#00aa00");

		ExchangeResult refused = dav("PROPPATCH", calendar, null,
				"<d:propertyupdate xmlns:d=\"DAV:\"><d:set><d:prop><d:displayname>Meals</d:displayname>"
						+ "<d:getetag>x</d:getetag></d:prop></d:set></d:propertyupdate>");
		assertThat(Responses.body(refused)).contains("403 Forbidden", "424 Failed Dependency");
		assertThat(project("Food")).as("all or nothing").isNotNull();

		assertThat(Responses.status(put(calendar + "bread.ics", vtodo("bread@client", "SUMMARY:Bread"), Map.of())))
			.isEqualTo(201);
		assertThat(hrefs(multistatus(dav("PROPFIND", calendar, "1", null)))).containsExactly(calendar,
				calendar + "bread.ics");
		// A calendar has no entity tag: a change conditional on one is refused.
		assertThat(Responses.status(send("DELETE", calendar, null, Map.of("If-Match", "\"1-bogus\"")))).isEqualTo(412);
		assertThat(
				Responses.status(send("PROPPATCH", calendar,
						"<d:propertyupdate xmlns:d=\"DAV:\"><d:set><d:prop><d:displayname>Meals</d:displayname>"
								+ "</d:prop></d:set></d:propertyupdate>",
						Map.of("If-Match", "\"1-bogus\""))))
			.isEqualTo(412);
		assertThat(project("Food")).as("neither deleted nor renamed").isNotNull();
		assertThat(Responses.status(dav("DELETE", calendar, null, null))).isEqualTo(204);
		assertThat(Responses.json(ApiUsers.send(this.client, "GET", "/projects", null, this.bearer)).toString())
			.doesNotContain("Food");
		assertThat(Responses.json(ApiUsers.send(this.client, "GET", "/tasks", null, this.bearer)).size()).isZero();

		ExchangeResult inbox = dav("DELETE", inbox(), null, null);
		assertThat(Responses.status(inbox)).isEqualTo(403);
		assertThat(Responses.status(dav("PROPFIND", inbox(), "0", null))).isEqualTo(207);
	}

	@Test
	void writesNeedTasksWriteAndThePrivilegesSaySo() throws Exception {
		String reader = basic(this.username, newToken(this.username, "tasks:read"));
		ExchangeResult refused = send("PUT", inbox() + "r.ics", vtodo("r@client", "SUMMARY:No"),
				Map.of(HttpHeaders.AUTHORIZATION, reader));
		assertThat(Responses.status(refused)).isEqualTo(403);
		assertThat(Responses.body(refused)).contains("need-privileges", "tasks:write");
		assertThat(taskCount()).isZero();

		String privileges = "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:current-user-privilege-set/></d:prop></d:propfind>";
		ExchangeResult asReader = send("PROPFIND", inbox(), privileges,
				Map.of(HttpHeaders.AUTHORIZATION, reader, "Depth", "0"));
		assertThat(Responses.body(asReader)).contains("read").doesNotContain(":write");
		assertThat(Responses.body(dav("PROPFIND", inbox(), "0", privileges))).contains("write-content", "bind",
				"unbind");
	}

	@Test
	void badInputIsRefusedWithItsPreconditionAndNothingStored() throws Exception {
		String existing = inbox() + "held.ics";
		assertThat(Responses.status(put(existing, vtodo("held@client", "SUMMARY:Held"), Map.of()))).isEqualTo(201);
		Map<String, String[]> refusals = new HashMap<>();
		refusals.put("BEGIN:VCALENDAR\r\nthis is not iCalendar", new String[] { "403", "valid-calendar-data" });
		refusals.put(
				calendar("BEGIN:VEVENT\r\nUID:e@client\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Party\r\nEND:VEVENT"),
				new String[] { "403", "supported-calendar-component" });
		refusals.put(calendar(String.join("\r\n", "BEGIN:VTODO", "SUMMARY:No UID", "END:VTODO")),
				new String[] { "403", "valid-calendar-object-resource" });
		refusals.put(vtodo("held@client", "SUMMARY:Same UID"), new String[] { "403", "no-uid-conflict", existing });
		refusals.put(vtodo("task-900000000000@tasktracker", "SUMMARY:A task not made yet"),
				new String[] { "403", "no-uid-conflict" });
		refusals.put(vtodo("self@client", "SUMMARY:Own parent", "RELATED-TO;RELTYPE=PARENT:self@client"),
				new String[] { "403", "valid-calendar-object-resource" });
		refusals.put(vtodo("twice@client", "SUMMARY:One", "SUMMARY:Two"),
				new String[] { "403", "valid-calendar-object-resource" });
		refusals.put(vtodo("due-twice@client", "SUMMARY:Due", "DUE;VALUE=DATE:20261201", "DUE;VALUE=DATE:20261202"),
				new String[] { "403", "valid-calendar-object-resource" });
		refusals.put(vtodo("early@client", "SUMMARY:Due first", "DTSTART:20261210T090000Z", "DUE:20261205T090000Z"),
				new String[] { "403", "valid-calendar-data" });
		refusals.put(vtodo("x@client", "SUMMARY:" + "x".repeat(300)),
				new String[] { "403", "valid-calendar-object-resource" });
		refusals.put(vtodo("ctl@client", "SUMMARY:Bell", "X-RAW:\u0007"),
				new String[] { "403", "valid-calendar-data" });
		refusals.put(vtodo("big@client", "DESCRIPTION:" + "x".repeat(300_000)),
				new String[] { "403", "max-resource-size" });
		for (Map.Entry<String, String[]> refusal : refusals.entrySet()) {
			ExchangeResult response = put(inbox() + "new.ics", refusal.getKey(), Map.of());
			String[] expected = refusal.getValue();
			assertThat(Responses.status(response)).as(expected[1]).isEqualTo(Integer.parseInt(expected[0]));
			assertThat(Responses.body(response)).as(expected[1])
				.contains(expected[1])
				.doesNotContain("Exception", "org.tasktracker", "SQL", "\tat ");
			if (expected.length > 2) {
				assertThat(Responses.body(response)).contains("href>" + expected[2] + "</");
			}
		}
		ExchangeResult uidChange = put(existing, vtodo("other@client", "SUMMARY:Held"), Map.of());
		assertThat(Responses.status(uidChange)).isEqualTo(403);
		assertThat(Responses.body(uidChange)).contains("no-uid-conflict");

		ExchangeResult json = send("PUT", inbox() + "j.ics", "{\"title\": \"x\"}", Map.of());
		assertThat(Responses.status(json)).isEqualTo(415);
		for (String name : List.of("a%2Fb.ics", "..%2Fx.ics", "%2E%2E.ics", ".hidden.ics")) {
			assertThat(Responses.status(put(inbox() + name, vtodo("n@client", "SUMMARY:N"), Map.of()))).as(name)
				.isIn(400, 404);
		}
		String other = newUser("davw-other");
		assertThat(Responses
			.status(put("/dav/calendars/" + other + "/inbox/x.ics", vtodo("o@client", "SUMMARY:O"), Map.of())))
			.isEqualTo(404);
		assertThat(Responses.status(dav("DELETE", "/dav/calendars/" + other + "/inbox/", null, null))).isEqualTo(404);
		ExchangeResult entities = dav("PROPPATCH", inbox(), null,
				"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
						+ "<d:propertyupdate xmlns:d=\"DAV:\"><d:set><d:prop><d:displayname>&x;</d:displayname>"
						+ "</d:prop></d:set></d:propertyupdate>");
		assertThat(Responses.status(entities)).isEqualTo(400);
		assertThat(Responses.body(entities)).doesNotContain("root:");

		assertThat(taskCount()).as("only the first task").isEqualTo(1);
	}

	// Requests and answers.

	private String home() {
		return "/dav/calendars/" + this.username + "/";
	}

	private String inbox() {
		return home() + "inbox/";
	}

	private ExchangeResult put(String href, String body, Map<String, String> headers) {
		RestTestClient.RequestBodySpec request = this.client.put()
			.uri(URI.create(href))
			.header(HttpHeaders.AUTHORIZATION, headers.getOrDefault(HttpHeaders.AUTHORIZATION, this.basic))
			.contentType(MediaType.parseMediaType(CALENDAR_TYPE));
		headers.forEach((name, value) -> {
			if (!name.equals(HttpHeaders.AUTHORIZATION)) {
				request.header(name, value);
			}
		});
		return request.body(body.getBytes(StandardCharsets.UTF_8)).exchange().returnResult();
	}

	private ExchangeResult dav(String method, String path, @Nullable String depth, @Nullable String body) {
		return send(method, path, body, (depth != null) ? Map.of("Depth", depth) : Map.of());
	}

	private ExchangeResult send(String method, String path, @Nullable String body, Map<String, String> headers) {
		if (method.equals("PUT") && body != null && body.startsWith("BEGIN:")) {
			return put(path, body, headers);
		}
		RestTestClient.RequestBodySpec request = this.client.method(HttpMethod.valueOf(method))
			.uri(URI.create(path))
			.header(HttpHeaders.AUTHORIZATION, headers.getOrDefault(HttpHeaders.AUTHORIZATION, this.basic));
		headers.forEach((name, value) -> {
			if (!name.equals(HttpHeaders.AUTHORIZATION)) {
				request.header(name, value);
			}
		});
		if (body != null) {
			request.contentType(body.startsWith("{") ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_XML)
				.body(body);
		}
		return request.exchange().returnResult();
	}

	private JsonNode api(String method, String path) {
		ExchangeResult response = ApiUsers.send(this.client, method, path, null, this.bearer);
		assertThat(Responses.status(response)).as(Responses.body(response)).isEqualTo(200);
		return Responses.json(response);
	}

	private JsonNode onlyTask() {
		JsonNode tasks = api("GET", "/tasks");
		assertThat(tasks.size()).isEqualTo(1);
		return tasks.get(0);
	}

	private static List<String> titles(JsonNode tasks) {
		List<String> titles = new ArrayList<>();
		tasks.forEach((task) -> titles.add(task.get("title").stringValue()));
		return titles;
	}

	private int taskCount() {
		return api("GET", "/tasks").size();
	}

	private JsonNode project(String name) {
		for (JsonNode project : api("GET", "/projects")) {
			if (project.get("name").stringValue().equals(name)) {
				return project;
			}
		}
		throw new AssertionError("No project " + name);
	}

	/** The id of the task a resource holds, through the API's titles and UIDs. */
	private long idOf(String href) throws Exception {
		Document multistatus = multistatus(dav("REPORT", href.substring(0, href.lastIndexOf('/') + 1), "1",
				"<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"" + C + "\"><d:prop><d:getetag/></d:prop><d:href>"
						+ href + "</d:href></c:calendar-multiget>"));
		assertThat(status(multistatus, href)).as(href).doesNotContain("HTTP/1.1 404");
		long newest = 0;
		String body = Responses.body(dav("GET", href, null, null));
		String summary = todo(body).getProperty(Property.SUMMARY).map(Property::getValue).orElseThrow();
		for (JsonNode task : api("GET", "/tasks")) {
			if (task.get("title").stringValue().equals(summary)) {
				newest = Math.max(newest, task.get("id").longValue());
			}
		}
		assertThat(newest).as(summary).isPositive();
		return newest;
	}

	private String newUser(String prefix) {
		String name = prefix + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000_000;
		ExchangeResult user = ApiUsers.send(this.client, "POST", "/users",
				"{\"username\": \"" + name + "\", \"password\": \"" + PASSWORD + "\", \"timezone\": \"Europe/Berlin\"}",
				null);
		assertThat(Responses.status(user)).as(Responses.body(user)).isEqualTo(201);
		return name;
	}

	private String newToken(String user, String scope) {
		ExchangeResult token = this.client.post()
			.uri("/tokens")
			.headers((headers) -> headers.setBasicAuth(user, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"phone\", \"scopes\": [\"" + scope + "\"]}")
			.exchange()
			.returnResult();
		assertThat(Responses.status(token)).isEqualTo(201);
		return Responses.json(token).get("token").stringValue();
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static String todoLines(String uid, String... lines) {
		return "BEGIN:VTODO\r\nUID:" + uid + "\r\nDTSTAMP:20261101T000000Z\r\n" + String.join("\r\n", lines)
				+ "\r\nEND:VTODO";
	}

	private static String vtodo(String uid, String... lines) {
		return calendar(todoLines(uid, lines));
	}

	private static String calendar(String components) {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Client//EN\r\n" + components + "\r\nEND:VCALENDAR\r\n";
	}

	private static String sync(String token) {
		return "<d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>" + token + "</d:sync-token>"
				+ "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>";
	}

	private static VToDo todo(String ics) throws Exception {
		return (VToDo) new CalendarBuilder().build(new StringReader(ics)).getComponents("VTODO").get(0);
	}

	private static Document multistatus(ExchangeResult response) throws Exception {
		assertThat(Responses.status(response)).as(Responses.body(response)).isEqualTo(207);
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.getResponseBodyContent()));
	}

	private static List<String> hrefs(Document multistatus) {
		List<String> hrefs = new ArrayList<>();
		NodeList responses = multistatus.getElementsByTagNameNS(D, "response");
		for (int i = 0; i < responses.getLength(); i++) {
			hrefs.add(text((Element) responses.item(i), D, "href"));
		}
		return hrefs;
	}

	private static String status(Document multistatus, String href) {
		NodeList responses = multistatus.getElementsByTagNameNS(D, "response");
		for (int i = 0; i < responses.getLength(); i++) {
			Element response = (Element) responses.item(i);
			if (text(response, D, "href").equals(href)) {
				return response.getTextContent();
			}
		}
		throw new AssertionError("No response for " + href);
	}

	private static String text(Element parent, String namespace, String name) {
		for (org.w3c.dom.Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
					&& name.equals(element.getLocalName())) {
				return element.getTextContent().trim();
			}
		}
		throw new AssertionError("No " + name + " in " + parent.getLocalName());
	}

}
