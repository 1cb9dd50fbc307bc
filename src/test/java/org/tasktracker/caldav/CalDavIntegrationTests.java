package org.tasktracker.caldav;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VToDo;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tasktracker.support.ApiUsers;
import org.tasktracker.support.Responses;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertProblem;

/**
 * The CalDAV server's read side (contract v3, part E; issue 35): discovery from the
 * server's address to the calendars, {@code PROPFIND} bodies, {@code GET} with ETags, the
 * reports, Basic authentication with tokens, isolation and bad input, as a client sends
 * them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class CalDavIntegrationTests {

	private static final String PASSWORD = "correct horse battery";

	private static final String D = "DAV:";

	private static final String C = "urn:ietf:params:xml:ns:caldav";

	private static final String CS = "http://calendarserver.org/ns/";

	private static final String ICAL = "http://apple.com/ns/ical/";

	@Autowired
	private RestTestClient client;

	private String username;

	private String token;

	private String basic;

	private String bearer;

	@BeforeEach
	void setUp() {
		this.username = newUser("dav", false);
		this.token = newToken(this.username, "tasks:write");
		this.basic = basic(this.username, this.token);
		this.bearer = "Bearer " + this.token;
	}

	@Test
	void discoversTheCalendarsFromTheServersAddress() throws Exception {
		long project = Responses.json(api("POST", "/projects", "{\"name\": \"Garden\", \"color\": \"#22aa44\"}"))
			.get("id")
			.longValue();
		long archived = Responses.json(api("POST", "/projects", "{\"name\": \"Old\"}")).get("id").longValue();
		api("PATCH", "/projects/" + archived, "{\"archived\": true}");

		ExchangeResult wellKnown = dav("PROPFIND", "/.well-known/caldav", "0", null, null);
		assertThat(Responses.status(wellKnown)).isEqualTo(301);
		assertThat(wellKnown.getResponseHeaders().getFirst(HttpHeaders.LOCATION)).endsWith("/dav/");
		// A client given only the server's address may ask the root first, with or
		// without its credentials.
		for (String credentials : new String[] { null, this.basic }) {
			ExchangeResult root = dav("PROPFIND", "/", "0", credentials, props("<d:current-user-principal/>"));
			assertThat(Responses.status(root)).isEqualTo(301);
			assertThat(root.getResponseHeaders().getFirst(HttpHeaders.LOCATION)).endsWith("/dav/");
		}
		assertThat(Responses.status(dav("PROPFIND", "/tasks", "0", this.basic, null))).as("only the root")
			.isNotEqualTo(301);

		Document root = multistatus(dav("PROPFIND", "/dav/", "0", this.basic, props("<d:current-user-principal/>")));
		String principal = text(prop(root, "/dav/", D, "current-user-principal"), D, "href");
		assertThat(principal).isEqualTo("/dav/principals/" + this.username + "/");

		Document principalProps = multistatus(dav("PROPFIND", principal, "0", this.basic,
				props("<c:calendar-home-set/><d:principal-URL/><d:resourcetype/>")));
		String home = text(prop(principalProps, principal, C, "calendar-home-set"), D, "href");
		assertThat(home).isEqualTo("/dav/calendars/" + this.username + "/");
		assertThat(text(prop(principalProps, principal, D, "principal-URL"), D, "href")).isEqualTo(principal);
		assertThat(child(prop(principalProps, principal, D, "resourcetype"), D, "principal")).isNotNull();

		Document calendars = multistatus(dav("PROPFIND", home, "1", this.basic,
				props("<d:resourcetype/><d:displayname/><c:supported-calendar-component-set/><cs:getctag/>"
						+ "<d:sync-token/><d:current-user-privilege-set/><ical:calendar-color/><x:unknown/>")));
		String inbox = home + "inbox/";
		String garden = home + project + "/";
		assertThat(hrefs(calendars)).containsExactly(home, inbox, garden);
		for (String calendar : List.of(inbox, garden)) {
			Element type = prop(calendars, calendar, D, "resourcetype");
			assertThat(child(type, D, "collection")).isNotNull();
			assertThat(child(type, C, "calendar")).isNotNull();
			Element components = prop(calendars, calendar, C, "supported-calendar-component-set");
			assertThat(children(components)).singleElement()
				.satisfies((comp) -> assertThat(comp.getAttribute("name")).isEqualTo("VTODO"));
			assertThat(prop(calendars, calendar, CS, "getctag").getTextContent()).isNotBlank();
			assertThat(prop(calendars, calendar, D, "sync-token").getTextContent()).startsWith("urn:");
			assertThat(children(prop(calendars, calendar, D, "current-user-privilege-set")))
				.extracting((privilege) -> children(privilege).get(0).getLocalName())
				.contains("read");
			assertThat(missing(calendars, calendar)).contains("unknown");
		}
		assertThat(prop(calendars, inbox, D, "displayname").getTextContent()).isEqualTo("Inbox");
		assertThat(prop(calendars, garden, D, "displayname").getTextContent()).isEqualTo("Garden");
		assertThat(prop(calendars, garden, ICAL, "calendar-color").getTextContent()).isEqualTo("#22aa44");
		assertThat(missing(calendars, inbox)).as("the Inbox has no colour").contains("calendar-color", "unknown");
		assertThat(missing(calendars, home)).contains("supported-calendar-component-set", "getctag");
	}

	@Test
	void listsACalendarsTasksWithTheirETagsAndChangesItsCtag() throws Exception {
		long inboxTask = create("{\"title\": \"Call Anna\"}");
		long project = Responses.json(api("POST", "/projects", "{\"name\": \"Work\"}")).get("id").longValue();
		long workTask = create("{\"title\": \"Report\", \"project_id\": " + project + "}");
		String inbox = calendar(null);

		Document listing = multistatus(
				dav("PROPFIND", inbox, "1", this.basic, props("<d:getetag/><d:getcontenttype/><cs:getctag/>")));

		String resource = inbox + TaskUids.of(inboxTask) + ".ics";
		assertThat(hrefs(listing)).containsExactly(inbox, resource);
		assertThat(prop(listing, resource, D, "getetag").getTextContent()).startsWith("\"1-");
		assertThat(prop(listing, resource, D, "getcontenttype").getTextContent()).startsWith("text/calendar");
		assertThat(hrefs(multistatus(dav("PROPFIND", calendar(project), "1", this.basic, props("<d:getetag/>")))))
			.containsExactly(calendar(project), calendar(project) + TaskUids.of(workTask) + ".ics");
		String ctag = prop(listing, inbox, CS, "getctag").getTextContent();

		api("PATCH", "/tasks/" + inboxTask, "{\"title\": \"Call Anna back\"}");

		Document after = multistatus(dav("PROPFIND", inbox, "0", this.basic, props("<cs:getctag/>")));
		assertThat(prop(after, inbox, CS, "getctag").getTextContent()).isNotEqualTo(ctag);
		assertThat(hrefs(after)).containsExactly(inbox);
	}

	@Test
	void answersPropnameAndAllprop() throws Exception {
		String inbox = calendar(null);

		Document names = multistatus(dav("PROPFIND", inbox, "0", this.basic,
				"<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:propname/></d:propfind>"));
		Element displayname = prop(names, inbox, D, "displayname");
		assertThat(displayname.getTextContent()).isEmpty();

		Document all = multistatus(dav("PROPFIND", inbox, "0", this.basic, null));
		assertThat(prop(all, inbox, D, "displayname").getTextContent()).isEqualTo("Inbox");
	}

	@Test
	void servesATaskWithItsETagAndAnswers304WhenUnchanged() throws Exception {
		long id = create("{\"title\": \"Buy bread\", \"due\": {\"date\": \"2026-12-24\"}}");
		String path = calendar(null) + TaskUids.of(id) + ".ics";

		ExchangeResult response = dav("GET", path, null, this.basic, null);

		assertThat(Responses.status(response)).isEqualTo(200);
		assertThat(response.getResponseHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).startsWith("text/calendar");
		String etag = response.getResponseHeaders().getETag();
		assertThat(etag).startsWith("\"1-");
		VToDo todo = (VToDo) parse(Responses.body(response)).getComponent("VTODO").orElseThrow();
		assertThat(todo.getProperty("UID").map(Property::getValue)).contains(TaskUids.of(id));
		assertThat(todo.getProperty("SUMMARY").map(Property::getValue)).contains("Buy bread");

		ExchangeResult head = dav("HEAD", path, null, this.basic, null);
		assertThat(Responses.status(head)).isEqualTo(200);
		assertThat(head.getResponseHeaders().getETag()).isEqualTo(etag);
		assertThat(Responses.body(head)).isEmpty();

		ExchangeResult unchanged = send("GET", path, null, this.basic, Map.of(HttpHeaders.IF_NONE_MATCH, etag));
		assertThat(Responses.status(unchanged)).isEqualTo(304);
		assertThat(Responses.body(unchanged)).isEmpty();

		api("PATCH", "/tasks/" + id, "{\"title\": \"Buy rolls\"}");
		ExchangeResult changed = send("GET", path, null, this.basic, Map.of(HttpHeaders.IF_NONE_MATCH, etag));
		assertThat(Responses.status(changed)).isEqualTo(200);
		assertThat(changed.getResponseHeaders().getETag()).isNotEqualTo(etag).startsWith("\"2-");
		assertThat(Responses.body(changed)).contains("SUMMARY:Buy rolls");

		assertThat(
				Responses.status(dav("GET", calendar(null) + "task-999999999@tasktracker.ics", null, this.basic, null)))
			.isEqualTo(404);
		long project = Responses.json(api("POST", "/projects", "{\"name\": \"Elsewhere\"}")).get("id").longValue();
		assertThat(Responses.status(dav("GET", calendar(project) + TaskUids.of(id) + ".ics", null, this.basic, null)))
			.as("a task is only in its own calendar")
			.isEqualTo(404);
	}

	@Test
	void calendarQueryFiltersOpenAndCompletedTasksAndDueTimes() throws Exception {
		long open = create("{\"title\": \"Open\", \"due\": {\"datetime\": \"2026-03-10T09:00:00Z\"}}");
		long later = create("{\"title\": \"Later\", \"due\": {\"date\": \"2026-05-01\"}}");
		long done = create("{\"title\": \"Done\"}");
		api("POST", "/tasks/" + done + "/complete", null);
		String inbox = calendar(null);

		List<String> notCompleted = hrefs(multistatus(dav("REPORT", inbox, "1", this.basic,
				query("<c:comp-filter name=\"VTODO\"><c:prop-filter name=\"COMPLETED\"><c:is-not-defined/>"
						+ "</c:prop-filter></c:comp-filter>"))));
		assertThat(notCompleted).containsExactlyInAnyOrder(resource(open), resource(later));

		List<String> statusNotCompleted = hrefs(multistatus(dav("REPORT", inbox, "1", this.basic,
				query("<c:comp-filter name=\"VTODO\"><c:prop-filter name=\"STATUS\"><c:text-match "
						+ "negate-condition=\"yes\">COMPLETED</c:text-match></c:prop-filter></c:comp-filter>"))));
		assertThat(statusNotCompleted).containsExactlyInAnyOrder(resource(open), resource(later));

		List<String> completed = hrefs(multistatus(dav("REPORT", inbox, "1", this.basic,
				query("<c:comp-filter name=\"VTODO\"><c:prop-filter name=\"STATUS\"><c:text-match>completed"
						+ "</c:text-match></c:prop-filter></c:comp-filter>"))));
		assertThat(completed).containsExactly(resource(done));

		List<String> dueInMarch = hrefs(multistatus(dav("REPORT", inbox, "1", this.basic,
				query("<c:comp-filter name=\"VTODO\"><c:prop-filter name=\"DUE\"><c:time-range "
						+ "start=\"20260301T000000Z\" end=\"20260401T000000Z\"/></c:prop-filter></c:comp-filter>"))));
		assertThat(dueInMarch).containsExactly(resource(open));

		// The VTODO's own range (RFC 4791, 9.9): by DUE, and by CREATED for a task
		// without one.
		List<String> inMay = hrefs(multistatus(dav("REPORT", inbox, "1", this.basic,
				query("<c:comp-filter name=\"VTODO\"><c:time-range start=\"20260430T000000Z\" "
						+ "end=\"20260502T000000Z\"/></c:comp-filter>"))));
		assertThat(inMay).containsExactly(resource(later));

		Document withData = multistatus(dav("REPORT", inbox, "1", this.basic,
				"<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"" + C + "\"><d:prop><d:getetag/><c:calendar-data/>"
						+ "</d:prop><c:filter><c:comp-filter name=\"VCALENDAR\"><c:comp-filter name=\"VTODO\">"
						+ "<c:prop-filter name=\"SUMMARY\"><c:text-match>LATER</c:text-match></c:prop-filter>"
						+ "</c:comp-filter></c:comp-filter></c:filter></c:calendar-query>"));
		assertThat(hrefs(withData)).containsExactly(resource(later));
		assertThat(prop(withData, resource(later), C, "calendar-data").getTextContent()).contains("SUMMARY:Later")
			.contains("DUE;VALUE=DATE:20260501");

		List<String> events = hrefs(
				multistatus(dav("REPORT", inbox, "1", this.basic, query("<c:comp-filter name=\"VEVENT\"/>"))));
		assertThat(events).as("task calendars hold no events").isEmpty();
	}

	/**
	 * Tasks.org's published sequence: the calendar's ctag, a calendar-query for every
	 * task's ETag, then calendar-multiget of those it lacks, 30 at a time.
	 */
	@Test
	void replaysTasksOrgListingEtagsThenFetchingInChunksOf30() throws Exception {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 35; i++) {
			ids.add(create("{\"title\": \"Chunked " + i + "\"}"));
		}
		String inbox = calendar(null);
		Document ctag = multistatus(dav("PROPFIND", inbox, "0", this.basic, props("<cs:getctag/><d:sync-token/>")));
		assertThat(prop(ctag, inbox, CS, "getctag").getTextContent()).isNotBlank();

		Document etags = multistatus(dav("REPORT", inbox, "1", this.basic, query("<c:comp-filter name=\"VTODO\"/>")));
		List<String> hrefs = hrefs(etags);
		assertThat(hrefs).hasSize(35).containsExactlyInAnyOrderElementsOf(ids.stream().map(this::resource).toList());

		List<String> fetched = new ArrayList<>();
		for (int from = 0; from < hrefs.size(); from += 30) {
			StringBuilder body = new StringBuilder("<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"" + C
					+ "\"><d:prop><d:getetag/><c:calendar-data/></d:prop>");
			hrefs.subList(from, Math.min(hrefs.size(), from + 30))
				.forEach((href) -> body.append("<d:href>").append(href).append("</d:href>"));
			Document chunk = multistatus(dav("REPORT", inbox, "1", this.basic, body + "</c:calendar-multiget>"));
			for (String href : hrefs(chunk)) {
				assertThat(prop(chunk, href, D, "getetag").getTextContent())
					.isEqualTo(prop(etags, href, D, "getetag").getTextContent());
				assertThat(prop(chunk, href, C, "calendar-data").getTextContent()).contains("BEGIN:VTODO");
				fetched.add(href);
			}
		}
		assertThat(fetched).containsExactlyElementsOf(hrefs);
	}

	/**
	 * DAVx5's and iOS's: the calendar says it takes sync-collection, which then gives the
	 * ETags; calendar-multiget fetches the bodies.
	 */
	@Test
	void replaysDavx5SyncingByTokens() throws Exception {
		long first = create("{\"title\": \"Synced\"}");
		String inbox = calendar(null);
		Element reports = prop(multistatus(dav("PROPFIND", inbox, "0", this.basic, props("<d:supported-report-set/>"))),
				inbox, D, "supported-report-set");
		List<String> names = new ArrayList<>();
		for (Element supported : children(reports)) {
			names.add(children(child(supported, D, "report")).get(0).getLocalName());
		}
		assertThat(names).contains("sync-collection", "calendar-multiget", "calendar-query");

		Document initial = multistatus(dav("REPORT", inbox, "0", this.basic, sync("")));
		assertThat(hrefs(initial)).containsExactly(resource(first));
		Document bodies = multistatus(dav("REPORT", inbox, "1", this.basic,
				"<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"" + C + "\"><d:prop><c:calendar-data/></d:prop>"
						+ "<d:href>" + resource(first) + "</d:href></c:calendar-multiget>"));
		assertThat(prop(bodies, resource(first), C, "calendar-data").getTextContent()).contains("SUMMARY:Synced");

		long second = create("{\"title\": \"Added later\"}");
		Document next = multistatus(
				dav("REPORT", inbox, "0", this.basic, sync(text(initial.getDocumentElement(), D, "sync-token"))));
		assertThat(hrefs(next)).containsExactly(resource(second));
	}

	@Test
	void aDescriptionWithControlCharactersStillMakesWellFormedXml() throws Exception {
		long id = create("{\"title\": \"Bell\", \"description\": \"ring\\u0007 twice\\rthen wait\"}");

		Document answer = multistatus(dav("REPORT", calendar(null), "1", this.basic,
				"<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"" + C + "\"><d:prop><c:calendar-data/></d:prop>"
						+ "<d:href>" + resource(id) + "</d:href></c:calendar-multiget>"));

		assertThat(prop(answer, resource(id), C, "calendar-data").getTextContent())
			.contains("DESCRIPTION:ring\uFFFD twice\\nthen wait");
	}

	@Test
	void calendarQueryRefusesAFilterItCannotRead() {
		ExchangeResult response = dav("REPORT", calendar(null), "1", this.basic,
				"<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"" + C + "\"><c:filter><c:comp-filter name=\"VTODO\"/>"
						+ "</c:filter></c:calendar-query>");

		assertThat(Responses.status(response)).isEqualTo(403);
		assertThat(Responses.body(response)).contains("valid-filter").contains("urn:ietf:params:xml:ns:caldav");
	}

	@Test
	void multigetAnswersEachHrefAndA404ForWhatIsNotThere() throws Exception {
		long first = create("{\"title\": \"First\"}");
		long second = create("{\"title\": \"Second\"}");
		String otherUser = newUser("dav-other", false);
		String otherBasic = basic(otherUser, newToken(otherUser, "tasks:write"));
		long theirs = Responses
			.json(send("POST", "/tasks", "{\"title\": \"Theirs\"}", "Bearer " + otherBasicToken(otherBasic), Map.of()))
			.get("id")
			.longValue();
		String theirHref = "/dav/calendars/" + otherUser + "/inbox/" + TaskUids.of(theirs) + ".ics";
		String gone = resource(999_999_999L);

		Document answer = multistatus(dav("REPORT", calendar(null), "1", this.basic,
				"<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"" + C + "\"><d:prop><d:getetag/><c:calendar-data/>"
						+ "</d:prop><d:href>" + resource(first) + "</d:href><d:href>http://localhost" + resource(second)
						+ "</d:href><d:href>" + gone + "</d:href><d:href>" + theirHref + "</d:href>"
						+ "</c:calendar-multiget>"));

		assertThat(hrefs(answer)).as("a task is answered at its path, whatever URL named it")
			.containsExactly(resource(first), resource(second), gone, theirHref);
		assertThat(prop(answer, resource(first), C, "calendar-data").getTextContent()).contains("SUMMARY:First");
		assertThat(prop(answer, resource(second), C, "calendar-data").getTextContent()).contains("SUMMARY:Second");
		assertThat(status(answer, gone)).contains("404");
		assertThat(status(answer, theirHref)).contains("404");
		assertThat(Responses.body(dav("REPORT", calendar(null), "1", this.basic,
				"<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"" + C + "\"><d:prop><c:calendar-data/></d:prop>"
						+ "<d:href>" + theirHref + "</d:href></c:calendar-multiget>")))
			.doesNotContain("Theirs");
	}

	@Test
	void syncCollectionSendsEverythingThenOnlyChangesAndDeletions() throws Exception {
		long kept = create("{\"title\": \"Kept\"}");
		long changed = create("{\"title\": \"Changed\"}");
		long deleted = create("{\"title\": \"Deleted\"}");
		String inbox = calendar(null);

		Document initial = multistatus(dav("REPORT", inbox, "1", this.basic, sync("")));
		assertThat(hrefs(initial)).containsExactlyInAnyOrder(resource(kept), resource(changed), resource(deleted));
		String token = text(initial.getDocumentElement(), D, "sync-token");
		assertThat(token).startsWith("urn:");

		api("PATCH", "/tasks/" + changed, "{\"title\": \"Changed again\"}");
		assertThat(Responses.status(api("DELETE", "/tasks/" + deleted, null))).isEqualTo(204);

		Document next = multistatus(dav("REPORT", inbox, "1", this.basic, sync(token)));
		assertThat(hrefs(next)).containsExactlyInAnyOrder(resource(changed), resource(deleted));
		assertThat(prop(next, resource(changed), D, "getetag").getTextContent()).startsWith("\"2-");
		assertThat(status(next, resource(deleted))).contains("404");
		String caughtUp = text(next.getDocumentElement(), D, "sync-token");

		Document nothing = multistatus(dav("REPORT", inbox, "1", this.basic, sync(caughtUp)));
		assertThat(hrefs(nothing)).isEmpty();
	}

	@Test
	void syncCollectionReportsTheTimedDuesAChangeOfZoneRewrites() throws Exception {
		long timed = create("{\"title\": \"Call\", \"due\": {\"datetime\": \"2026-12-10T10:00:00Z\"}}");
		create("{\"title\": \"Whenever\"}");
		String inbox = calendar(null);
		String token = text(multistatus(dav("REPORT", inbox, "1", this.basic, sync(""))).getDocumentElement(), D,
				"sync-token");

		assertThat(Responses.status(api("PATCH", "/users/me", "{\"timezone\": \"Asia/Tokyo\"}"))).isEqualTo(200);

		Document next = multistatus(dav("REPORT", inbox, "1", this.basic, sync(token)));
		assertThat(hrefs(next)).containsExactly(resource(timed));
		ExchangeResult now = dav("GET", resource(timed), null, this.basic, null);
		assertThat(Responses.body(now)).contains("DUE;TZID=Asia/Tokyo:20261210T190000");
		assertThat(prop(next, resource(timed), D, "getetag").getTextContent())
			.isEqualTo(now.getResponseHeaders().getETag());
	}

	@Test
	void syncCollectionRefusesATokenItDidNotGive() {
		ExchangeResult response = dav("REPORT", calendar(null), "1", this.basic, sync("urn:x-tasktracker:sync:bad.x"));

		assertThat(Responses.status(response)).isEqualTo(403);
		assertThat(Responses.body(response)).contains("valid-sync-token");
	}

	@Test
	void challengesWithBasicAndRefusesPasswordsAndOthersTokens() {
		ExchangeResult none = dav("PROPFIND", "/dav/", "0", null, null);
		assertProblem(none, 401, "/dav/");
		assertThat(none.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Basic realm=\"tasktracker\"");

		ExchangeResult password = dav("PROPFIND", "/dav/", "0", basic(this.username, PASSWORD), null);
		assertProblem(password, 401, "/dav/");
		assertThat(password.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Basic realm=\"tasktracker\"");

		String other = newUser("dav-thief", false);
		ExchangeResult underAnotherName = dav("PROPFIND", "/dav/", "0", basic(other, this.token), null);
		assertProblem(underAnotherName, 401, "/dav/");

		ExchangeResult bearer = dav("PROPFIND", "/dav/", "0", this.bearer, null);
		assertThat(Responses.status(bearer)).as("a bearer token is not how DAV clients sign in").isEqualTo(401);
	}

	@Test
	void aTokenWithoutTasksReadIsRefused() {
		String admin = newUser("dav-admin", true);
		String adminOnly = newToken(admin, "admin");

		ExchangeResult response = dav("PROPFIND", "/dav/", "0", basic(admin, adminOnly), null);

		assertProblem(response, 403, "/dav/");
		assertThat(Responses.json(response).get("detail").stringValue()).contains("tasks:read");
		assertThat(Responses.status(dav("PROPFIND", "/dav/", "0", basic(admin, newToken(admin, "tasks:read")), null)))
			.isEqualTo(207);
	}

	@Test
	void anotherUsersPrincipalCalendarsAndTasksAre404() {
		String other = newUser("dav-other", false);
		String otherToken = newToken(other, "tasks:write");
		long theirs = Responses
			.json(send("POST", "/tasks", "{\"title\": \"Theirs\"}", "Bearer " + otherToken, Map.of()))
			.get("id")
			.longValue();
		String home = "/dav/calendars/" + other + "/";

		for (String path : List.of("/dav/principals/" + other + "/", home, home + "inbox/",
				home + "inbox/" + TaskUids.of(theirs) + ".ics")) {
			ExchangeResult propfind = dav("PROPFIND", path, "0", this.basic, null);
			assertProblem(propfind, 404, path);
			assertThat(Responses.body(propfind)).doesNotContain("Theirs");
		}
		ExchangeResult get = dav("GET", home + "inbox/" + TaskUids.of(theirs) + ".ics", null, this.basic, null);
		assertThat(Responses.status(get)).isEqualTo(404);
		assertThat(Responses.body(get)).doesNotContain("Theirs");
		// Their task under one's own calendar's path is not found either.
		assertThat(Responses.status(dav("GET", calendar(null) + TaskUids.of(theirs) + ".ics", null, this.basic, null)))
			.isEqualTo(404);
	}

	@Test
	void malformedXmlIs400AndEntitiesAreNeverExpanded() {
		ExchangeResult broken = dav("PROPFIND", "/dav/", "0", this.basic, "<d:propfind xmlns:d=\"DAV:\"><d:prop>");
		assertProblem(broken, 400, "/dav/");

		ExchangeResult entities = dav("PROPFIND", "/dav/", "0", this.basic,
				"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
						+ "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:displayname>&b;</d:displayname></d:prop>"
						+ "</d:propfind>");
		assertProblem(entities, 400, "/dav/");
		assertThat(Responses.body(entities)).doesNotContain("aaaaa");

		ExchangeResult external = dav("REPORT", calendar(null), "1", this.basic,
				"<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
						+ "<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"" + C + "\"><d:href>&x;</d:href>"
						+ "</c:calendar-multiget>");
		assertProblem(external, 400, calendar(null));
		assertThat(Responses.body(external)).doesNotContain("root:");

		String deep = "<c:comp-filter name=\"VTODO\">".repeat(5000) + "</c:comp-filter>".repeat(5000);
		ExchangeResult nested = dav("REPORT", calendar(null), "1", this.basic, query(deep));
		assertProblem(nested, 400, calendar(null));

		ExchangeResult notPropfind = dav("PROPFIND", "/dav/", "0", this.basic, "<x xmlns=\"urn:x\"/>");
		assertProblem(notPropfind, 400, "/dav/");

		ExchangeResult unknownReport = dav("REPORT", calendar(null), "1", this.basic, "<x:nothing xmlns:x=\"urn:x\"/>");
		assertThat(Responses.status(unknownReport)).isEqualTo(403);
		assertThat(Responses.body(unknownReport)).contains("supported-report");

		ExchangeResult infinity = dav("PROPFIND", "/dav/", "infinity", this.basic, null);
		assertThat(Responses.status(infinity)).isEqualTo(403);
		assertThat(Responses.body(infinity)).contains("propfind-finite-depth");
	}

	@Test
	void oddRequestsAreAnsweredWithoutADefect() {
		long id = create("{\"title\": \"Odd\"}");
		String inbox = calendar(null);
		String multiget = "<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"" + C + "\"><d:prop><d:getetag/></d:prop>"
				+ "<d:href>%%</d:href><d:href>http://[::1</d:href><d:href></d:href><d:href>mailto:a@b</d:href>"
				+ "<d:href>" + inbox + "task-1234567890123456789@tasktracker.ics</d:href></c:calendar-multiget>";
		String[][] requests = {
				{ "PROPFIND", inbox, "1",
						"<d:propfind xmlns:d=\"DAV:\"><d:prop><plain/>" + "<d:getetag/></d:prop></d:propfind>", "207" },
				{ "PROPFIND", inbox, "2", null, "400" }, { "PROPFIND", inbox, "1", "BEGIN:VCALENDAR", "400" },
				{ "PROPFIND", "/dav/principals/%C3%A9/", "0", null, "404" },
				{ "PROPFIND", "/dav/calendars/" + this.username + "/0/", "0", null, "404" },
				{ "PROPFIND", "/dav/calendars/" + this.username + "/123456789012/", "0", null, "404" },
				{ "REPORT", inbox, "1", "<c:calendar-query xmlns:c=\"" + C + "\"/>", "403" },
				{ "REPORT", inbox, "1", "<d:propfind xmlns:d=\"DAV:\"/>", "403" }, { "REPORT", inbox, "1", "", "400" },
				{ "REPORT", inbox, "1", multiget, "207" },
				{ "REPORT", inbox, "1", sync("urn:x-tasktracker:sync:"), "403" },
				{ "REPORT", "/dav/", "0", sync(""), "403" },
				{ "GET", "/dav/principals/" + this.username + "/", null, null, "405" },
				{ "GET", inbox + TaskUids.of(id) + ".ics/", null, null, "404" } };
		for (String[] request : requests) {
			ExchangeResult response = dav(request[0], request[1], request[2], this.basic, request[3]);
			assertThat(Responses.status(response)).as(String.join(" ", request[0], request[1], "" + request[3]))
				.isEqualTo(Integer.parseInt(request[4]));
			assertThat(Responses.body(response)).doesNotContain("Exception", "java.", "\tat ");
		}
	}

	@Test
	void otherMethodsAre405AndOptionsTellsWhatIsTaken() {
		long id = create("{\"title\": \"Stays\"}");
		String resource = resource(id);

		String other = newUser("dav-other", false);
		assertThat(
				Responses.status(dav("MKCALENDAR", "/dav/calendars/" + other + "/new-list/", null, this.basic, null)))
			.as("not under one's own home")
			.isEqualTo(404);
		ExchangeResult move = dav("MOVE", resource, null, this.basic, null);
		assertThat(Responses.status(move)).isEqualTo(405);
		assertThat(move.getResponseHeaders().getFirst(HttpHeaders.ALLOW)).contains("PROPFIND", "PUT");
		assertThat(Responses.status(dav("GET", resource, null, this.basic, null))).isEqualTo(200);

		ExchangeResult options = dav("OPTIONS", "/dav/", null, this.basic, null);
		assertThat(Responses.status(options)).isEqualTo(200);
		assertThat(options.getResponseHeaders().getFirst("DAV")).contains("calendar-access");
		assertThat(options.getResponseHeaders().getFirst(HttpHeaders.ALLOW)).contains("PROPFIND", "REPORT", "PUT",
				"DELETE", "MKCALENDAR", "PROPPATCH");
	}

	// Requests and answers.

	private String otherBasicToken(String basicHeader) {
		String decoded = new String(Base64.getDecoder().decode(basicHeader.substring("Basic ".length())),
				StandardCharsets.UTF_8);
		return decoded.substring(decoded.indexOf(':') + 1);
	}

	private String calendar(@Nullable Long project) {
		return "/dav/calendars/" + this.username + "/" + ((project != null) ? project.toString() : "inbox") + "/";
	}

	private String resource(long taskId) {
		return calendar(null) + TaskUids.of(taskId) + ".ics";
	}

	private long create(String body) {
		ExchangeResult response = api("POST", "/tasks", body);
		assertThat(Responses.status(response)).as(Responses.body(response)).isEqualTo(201);
		return Responses.id(response);
	}

	private ExchangeResult api(String method, String path, @Nullable String body) {
		return ApiUsers.send(this.client, method, path, body, this.bearer);
	}

	private ExchangeResult dav(String method, String path, @Nullable String depth, @Nullable String authorization,
			@Nullable String body) {
		return send(method, path, body, authorization, (depth != null) ? Map.of("Depth", depth) : Map.of());
	}

	private ExchangeResult send(String method, String path, @Nullable String body, @Nullable String authorization,
			Map<String, String> headers) {
		RestTestClient.RequestBodySpec request = this.client.method(HttpMethod.valueOf(method)).uri(URI.create(path));
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		headers.forEach(request::header);
		if (body != null) {
			MediaType type = body.startsWith("{") ? MediaType.APPLICATION_JSON
					: body.startsWith("BEGIN:") ? MediaType.parseMediaType("text/calendar") : MediaType.APPLICATION_XML;
			request.contentType(type).body(body);
		}
		return request.exchange().returnResult();
	}

	private String newUser(String prefix, boolean admin) {
		String name = prefix + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000_000;
		ExchangeResult user = ApiUsers.send(this.client, "POST", "/users", "{\"username\": \"" + name
				+ "\", \"password\": \"" + PASSWORD + "\", \"timezone\": \"Europe/Berlin\", \"admin\": " + admin + "}",
				null);
		assertThat(Responses.status(user)).as(Responses.body(user)).isEqualTo(201);
		return name;
	}

	private String newToken(String user, String... scopes) {
		ExchangeResult token = this.client.post()
			.uri("/tokens")
			.headers((headers) -> headers.setBasicAuth(user, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"phone\", \"scopes\": [\"" + String.join("\", \"", scopes) + "\"]}")
			.exchange()
			.returnResult();
		JsonNode json = Responses.json(token);
		assertThat(Responses.status(token)).as(json.toString()).isEqualTo(201);
		return json.get("token").stringValue();
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static String props(String names) {
		return "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\" xmlns:c=\"" + C
				+ "\" xmlns:cs=\"" + CS + "\" xmlns:ical=\"" + ICAL + "\" xmlns:x=\"urn:example:unknown\"><d:prop>"
				+ names + "</d:prop></d:propfind>";
	}

	private static String query(String vcalendarFilters) {
		return "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"" + C + "\"><d:prop><d:getetag/></d:prop><c:filter>"
				+ "<c:comp-filter name=\"VCALENDAR\">" + vcalendarFilters + "</c:comp-filter></c:filter>"
				+ "</c:calendar-query>";
	}

	private static String sync(String token) {
		return "<d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>" + token + "</d:sync-token>"
				+ "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>";
	}

	private static Document multistatus(ExchangeResult response) throws Exception {
		assertThat(Responses.status(response)).as(Responses.body(response)).isEqualTo(207);
		assertThat(response.getResponseHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).startsWith("application/xml");
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		Document document = factory.newDocumentBuilder()
			.parse(new ByteArrayInputStream(response.getResponseBodyContent()));
		assertThat(document.getDocumentElement().getLocalName()).isEqualTo("multistatus");
		return document;
	}

	private static List<Element> responses(Document multistatus) {
		List<Element> responses = new ArrayList<>();
		NodeList list = multistatus.getElementsByTagNameNS(D, "response");
		for (int i = 0; i < list.getLength(); i++) {
			responses.add((Element) list.item(i));
		}
		return responses;
	}

	private static List<String> hrefs(Document multistatus) {
		return responses(multistatus).stream().map((response) -> text(response, D, "href")).toList();
	}

	private static Element response(Document multistatus, String href) {
		return responses(multistatus).stream()
			.filter((response) -> href.equals(text(response, D, "href")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No response for " + href));
	}

	/** A property of the response's 200 propstat. */
	private static Element prop(Document multistatus, String href, String namespace, String name) {
		for (Element propstat : children(response(multistatus, href))) {
			if (propstat.getLocalName().equals("propstat") && text(propstat, D, "status").contains(" 200 ")) {
				Element property = child(child(propstat, D, "prop"), namespace, name);
				if (property != null) {
					return property;
				}
			}
		}
		throw new AssertionError("No " + name + " in a 200 propstat of " + href);
	}

	/** The names of the properties of the response's 404 propstat. */
	private static List<String> missing(Document multistatus, String href) {
		List<String> names = new ArrayList<>();
		for (Element propstat : children(response(multistatus, href))) {
			if (propstat.getLocalName().equals("propstat") && text(propstat, D, "status").contains(" 404 ")) {
				children(child(propstat, D, "prop")).forEach((property) -> names.add(property.getLocalName()));
			}
		}
		return names;
	}

	private static String status(Document multistatus, String href) {
		return text(response(multistatus, href), D, "status");
	}

	private static String text(Element parent, String namespace, String name) {
		Element child = child(parent, namespace, name);
		assertThat(child).as(name + " in " + parent.getLocalName()).isNotNull();
		return child.getTextContent().trim();
	}

	private static @Nullable Element child(@Nullable Element parent, String namespace, String name) {
		if (parent == null) {
			return null;
		}
		for (Element child : children(parent)) {
			if (namespace.equals(child.getNamespaceURI()) && name.equals(child.getLocalName())) {
				return child;
			}
		}
		return null;
	}

	private static List<Element> children(Element parent) {
		List<Element> children = new ArrayList<>();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element) {
				children.add(element);
			}
		}
		return children;
	}

	private static Calendar parse(String body) throws Exception {
		return new CalendarBuilder().build(new StringReader(body));
	}

}
