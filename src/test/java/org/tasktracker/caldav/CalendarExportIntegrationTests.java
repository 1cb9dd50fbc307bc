package org.tasktracker.caldav;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VToDo;
import net.fortuna.ical4j.model.property.Categories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tasktracker.support.ApiUsers;
import org.tasktracker.support.Responses;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertProblem;

/**
 * {@code GET /export.ics} (contract v3, part E, issue 35 item 5): the served file, parsed
 * back with ical4j, says each task as the mapping in {@code docs/api.md} says, holds only
 * the caller's tasks, and is a valid calendar when there are none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class CalendarExportIntegrationTests {

	@Autowired
	private RestTestClient client;

	private String bearer;

	@BeforeEach
	void setUp() {
		this.bearer = ApiUsers.newUserBearer(this.client, "ics", "Europe/Berlin");
	}

	@Test
	void servesEachTaskAsAVTodoWithEveryMappedProperty() throws Exception {
		JsonNode dated = create("""
				{"title": "Wrap presents", "description": "Paper, tape;\\nand ribbons", "due": {"date": "2026-12-24"},
				 "priority": 3}""");
		JsonNode timed = create("""
				{"title": "Dentist", "due": {"datetime": "2026-07-02T07:30:00Z"}, "priority": 2}""");
		long doneId = create("{\"title\": \"File taxes\", \"priority\": 4}").get("id").longValue();
		JsonNode done = expect(200, "POST", "/tasks/" + doneId + "/complete", null);
		JsonNode recurring = create("""
				{"title": "Water plants", "due": {"datetime": "2026-12-07T08:00:00Z"},
				 "recurrence": {"rule": "FREQ=WEEKLY;BYDAY=MO,TH", "from": "due"},
				 "reminders": [{"before": "PT15M"}, {"at": "2026-12-07T06:30:00Z"}]}""");
		JsonNode labelled = create("""
				{"title": "Buy milk", "labels": ["Errands", "shops; weekly"]}""");
		JsonNode child = create(
				"{\"title\": \"Fill the can\", \"parent_id\": " + recurring.get("id").longValue() + "}");

		ExchangeResult response = get(this.bearer);

		assertThat(Responses.status(response)).as(Responses.body(response)).isEqualTo(200);
		assertThat(response.getResponseHeaders().getFirst(HttpHeaders.CONTENT_TYPE))
			.isEqualToIgnoringCase("text/calendar;charset=UTF-8");
		assertThat(response.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
			.isEqualTo("attachment; filename=\"tasks.ics\"");
		Calendar calendar = parse(Responses.body(response));
		assertThat(calendar.getVersion().getValue()).isEqualTo("2.0");
		assertThat(calendar.getProductId().getValue()).isEqualTo("-//TaskTracker//TaskTracker//EN");
		Map<String, VToDo> todos = byUid(calendar);
		assertThat(todos).hasSize(6);

		VToDo wrap = todo(todos, dated);
		assertCommon(wrap, dated);
		assertThat(value(wrap, "DESCRIPTION")).contains("Paper, tape;\nand ribbons");
		assertThat(wrap.getProperty("DUE").map(Property::toString)).contains("DUE;VALUE=DATE:20261224\r\n");
		assertThat(value(wrap, "STATUS")).contains("NEEDS-ACTION");
		assertThat(value(wrap, "COMPLETED")).isEmpty();
		assertThat(value(wrap, "PRIORITY")).as("high").contains("5");
		assertThat(value(wrap, "RRULE")).isEmpty();
		assertThat(value(wrap, "RELATED-TO")).isEmpty();
		assertThat(wrap.getComponents("VALARM")).isEmpty();

		VToDo dentist = todo(todos, timed);
		assertCommon(dentist, timed);
		Property due = dentist.getProperty("DUE").orElseThrow();
		assertThat(parameter(due, "TZID")).contains("Europe/Berlin");
		assertThat(due.getValue()).as("09:30 in Berlin in summer").isEqualTo("20260702T093000");
		assertThat(Instant.from((Temporal) dentist.getDue().orElseThrow().getDate())).isEqualTo("2026-07-02T07:30:00Z");
		assertThat(value(dentist, "PRIORITY")).as("medium").contains("9");
		assertThat(calendar.getComponents("VTIMEZONE")).hasSize(1);
		assertThat(value(calendar.getComponents("VTIMEZONE").get(0), "TZID")).contains("Europe/Berlin");

		VToDo taxes = todo(todos, done);
		assertCommon(taxes, done);
		assertThat(value(taxes, "STATUS")).contains("COMPLETED");
		assertThat(taxes.getDateCompleted().orElseThrow().getDate())
			.isEqualTo(seconds(done.get("completed_at").stringValue()));
		assertThat(value(taxes, "PRIORITY")).as("urgent").contains("1");

		VToDo water = todo(todos, recurring);
		assertCommon(water, recurring);
		assertThat(value(water, "RRULE")).contains("FREQ=WEEKLY;BYDAY=MO,TH");
		assertThat(value(water, "PRIORITY")).as("normal: none").isEmpty();
		List<Component> alarms = water.getComponents("VALARM");
		assertThat(alarms).hasSize(2);
		assertThat(alarms).allSatisfy((alarm) -> {
			assertThat(value(alarm, "ACTION")).contains("DISPLAY");
			assertThat(value(alarm, "DESCRIPTION")).contains("Water plants");
		});
		Property before = alarms.get(0).getProperty("TRIGGER").orElseThrow();
		assertThat(parameter(before, "RELATED")).contains("END");
		assertThat(before.getValue()).isEqualTo("-PT15M");
		Property at = alarms.get(1).getProperty("TRIGGER").orElseThrow();
		assertThat(parameter(at, "VALUE")).contains("DATE-TIME");
		assertThat(at.getValue()).isEqualTo("20261207T063000Z");

		VToDo milk = todo(todos, labelled);
		assertCommon(milk, labelled);
		Categories categories = milk.<Categories>getProperty("CATEGORIES").orElseThrow();
		assertThat(categories.getCategories().getTexts()).containsExactlyInAnyOrder("Errands", "shops; weekly");

		VToDo fill = todo(todos, child);
		assertCommon(fill, child);
		Property parent = fill.getProperty("RELATED-TO").orElseThrow();
		assertThat(parent.getValue()).isEqualTo("task-" + recurring.get("id").longValue() + "@tasktracker")
			.isEqualTo(value(water, "UID").orElseThrow());
		assertThat(parameter(parent, "RELTYPE")).contains("PARENT");
	}

	@Test
	void theManualOrderIsTheSortOrderOfSiblings() throws Exception {
		long first = create("{\"title\": \"First\"}").get("id").longValue();
		long second = create("{\"title\": \"Second\"}").get("id").longValue();
		long third = create("{\"title\": \"Third\"}").get("id").longValue();
		expect(200, "POST", "/tasks/" + third + "/move", "{\"after\": " + first + "}");

		Map<String, VToDo> todos = byUid(parse(Responses.body(get(this.bearer))));

		long sortFirst = Long.parseLong(value(todos.get(TaskUids.of(first)), "X-APPLE-SORT-ORDER").orElseThrow());
		long sortSecond = Long.parseLong(value(todos.get(TaskUids.of(second)), "X-APPLE-SORT-ORDER").orElseThrow());
		long sortThird = Long.parseLong(value(todos.get(TaskUids.of(third)), "X-APPLE-SORT-ORDER").orElseThrow());
		assertThat(sortFirst).isLessThan(sortThird);
		assertThat(sortThird).isLessThan(sortSecond);
	}

	@Test
	void anotherUsersTasksNeverAppear() throws Exception {
		create("{\"title\": \"Mine only\"}");
		String other = ApiUsers.newUserBearer(this.client, "ics-other", "UTC");
		long theirs = Responses
			.json(ApiUsers.send(this.client, "POST", "/tasks", "{\"title\": \"Theirs only\"}", other))
			.get("id")
			.longValue();

		ExchangeResult mine = get(this.bearer);

		assertThat(Responses.body(mine)).doesNotContain("Theirs only").doesNotContain(TaskUids.of(theirs));
		assertThat(byUid(parse(Responses.body(mine))).values()).singleElement()
			.satisfies((todo) -> assertThat(value(todo, "SUMMARY")).contains("Mine only"));
		assertThat(byUid(parse(Responses.body(get(other)))).keySet()).containsExactly(TaskUids.of(theirs));
	}

	@Test
	void aUserWithoutTasksGetsAValidEmptyCalendar() throws Exception {
		ExchangeResult response = get(ApiUsers.newUserBearer(this.client, "ics-empty", "UTC"));

		assertThat(Responses.status(response)).isEqualTo(200);
		assertThat(Responses.body(response)).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
		Calendar calendar = parse(Responses.body(response));
		assertThat(calendar.getComponents()).isEmpty();
		assertThat(calendar.getVersion().getValue()).isEqualTo("2.0");
	}

	/**
	 * Without credentials the tests' service acts as the local user; that a token without
	 * tasks:read gets a 403 is in {@code ScopeMatrixIntegrationTests}, row
	 * {@code GET /export.ics}.
	 */
	@Test
	void refusesATokenItDoesNotKnow() {
		ExchangeResult response = get("Bearer tt_not-a-token");

		assertProblem(response, 401, "/export.ics");
		assertThat(Responses.body(response)).doesNotContain("BEGIN:VCALENDAR");
	}

	@Test
	void refusesAClientThatTakesOnlyJson() {
		ExchangeResult response = this.client.get()
			.uri("/export.ics")
			.header(HttpHeaders.AUTHORIZATION, this.bearer)
			.header(HttpHeaders.ACCEPT, "application/json")
			.exchange()
			.returnResult();

		assertThat(Responses.status(response)).isEqualTo(406);
		assertProblem(response, 406, "/export.ics");
	}

	private void assertCommon(VToDo todo, JsonNode task) {
		assertThat(value(todo, "UID")).contains("task-" + task.get("id").longValue() + "@tasktracker");
		assertThat(value(todo, "SUMMARY")).contains(task.get("title").stringValue());
		assertThat(todo.getDateStamp().orElseThrow().getDate()).as("the last change")
			.isEqualTo(seconds(task.get("updated_at").stringValue()));
		assertThat(todo.<net.fortuna.ical4j.model.property.Created>getProperty("CREATED").orElseThrow().getDate())
			.isEqualTo(seconds(task.get("created_at").stringValue()));
		assertThat(todo.<net.fortuna.ical4j.model.property.LastModified>getProperty("LAST-MODIFIED")
			.orElseThrow()
			.getDate()).isEqualTo(seconds(task.get("updated_at").stringValue()));
		assertThat(value(todo, "X-APPLE-SORT-ORDER"))
			.hasValueSatisfying((order) -> assertThat(Long.parseLong(order)).isPositive());
		assertThat(value(todo, "X-TASKTRACKER-PROJECT")).isEmpty();
	}

	private JsonNode create(String body) {
		return expect(201, "POST", "/tasks", body);
	}

	private JsonNode expect(int status, String method, String path, @Nullable String body) {
		ExchangeResult response = ApiUsers.send(this.client, method, path, body, this.bearer);
		assertThat(Responses.status(response)).as(Responses.body(response)).isEqualTo(status);
		// The answer to a write may be older than the task's last change (a parent's
		// counts); the task as it stands now is what the export shows.
		long id = Responses.json(response).get("id").longValue();
		return Responses.json(ApiUsers.send(this.client, "GET", "/tasks/" + id, null, this.bearer));
	}

	private ExchangeResult get(@Nullable String authorization) {
		return ApiUsers.send(this.client, "GET", "/export.ics", null, authorization);
	}

	private static Calendar parse(String body) throws IOException, ParserException {
		return new CalendarBuilder().build(new StringReader(body));
	}

	private static Map<String, VToDo> byUid(Calendar calendar) {
		Map<String, VToDo> todos = new HashMap<>();
		for (VToDo todo : calendar.<VToDo>getComponents("VTODO")) {
			todos.put(value(todo, "UID").orElseThrow(), todo);
		}
		return todos;
	}

	private static VToDo todo(Map<String, VToDo> todos, JsonNode task) {
		VToDo todo = todos.get(TaskUids.of(task.get("id").longValue()));
		assertThat(todo).as(task.toString()).isNotNull();
		return todo;
	}

	private static Optional<String> value(Component component, String property) {
		return component.getProperty(property).map(Property::getValue);
	}

	private static Optional<String> parameter(Property property, String name) {
		return property.getParameter(name).map(Parameter::getValue);
	}

	private static Instant seconds(String instant) {
		return Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS);
	}

}
