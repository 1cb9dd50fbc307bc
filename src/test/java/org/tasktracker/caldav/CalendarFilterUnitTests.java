package org.tasktracker.caldav;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import net.fortuna.ical4j.model.component.VToDo;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.tasktracker.task.published.TaskView;
import org.w3c.dom.Element;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link CalendarFilter}: RFC 4791's filters against the VTODOs {@link VTodos} writes,
 * dates without a zone read in the owner's.
 */
class CalendarFilterUnitTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final Instant CREATED = Instant.parse("2026-01-10T08:00:00Z");

	@Test
	void isNotDefinedMatchesOnlyTasksWithoutTheProperty() throws Exception {
		CalendarFilter open = filter("<c:comp-filter name=\"VTODO\"><c:prop-filter name=\"COMPLETED\">"
				+ "<c:is-not-defined/></c:prop-filter></c:comp-filter>");

		assertThat(open.matches(todo(null, null, null))).isTrue();
		assertThat(open.matches(todo(null, null, Instant.parse("2026-02-01T10:00:00Z")))).isFalse();
	}

	@Test
	void textMatchIsCaselessSubstringAndCanBeNegated() throws Exception {
		CalendarFilter notCompleted = filter("<c:comp-filter name=\"VTODO\"><c:prop-filter name=\"STATUS\">"
				+ "<c:text-match negate-condition=\"yes\">completed</c:text-match></c:prop-filter></c:comp-filter>");
		CalendarFilter octet = filter("<c:comp-filter name=\"VTODO\"><c:prop-filter name=\"SUMMARY\">"
				+ "<c:text-match collation=\"i;octet\">TASK</c:text-match></c:prop-filter></c:comp-filter>");

		assertThat(notCompleted.matches(todo(null, null, null))).isTrue();
		assertThat(notCompleted.matches(todo(null, null, Instant.parse("2026-02-01T10:00:00Z")))).isFalse();
		assertThat(octet.matches(todo(null, null, null))).as("i;octet keeps case").isFalse();
	}

	@Test
	void aTimeRangeOnDueReadsADateInTheOwnersZone() throws Exception {
		// 1 March in Berlin starts at 23:00 UTC on 28 February.
		CalendarFilter lateFebruaryUtc = filter("<c:comp-filter name=\"VTODO\"><c:prop-filter name=\"DUE\">"
				+ "<c:time-range start=\"20260228T220000Z\" end=\"20260228T235900Z\"/></c:prop-filter></c:comp-filter>");

		assertThat(lateFebruaryUtc.matches(todo(LocalDate.parse("2026-03-01"), null, null))).isTrue();
		assertThat(lateFebruaryUtc.matches(todo(LocalDate.parse("2026-03-02"), null, null))).isFalse();
		assertThat(lateFebruaryUtc.matches(todo(null, null, null))).as("no DUE, no match").isFalse();
		assertThat(lateFebruaryUtc.matches(todo(null, Instant.parse("2026-02-28T23:30:00Z"), null))).isTrue();
	}

	@Test
	void aTimeRangeOnTheTaskFollowsRfc4791() throws Exception {
		CalendarFilter march = filter("<c:comp-filter name=\"VTODO\"><c:time-range start=\"20260301T000000Z\" "
				+ "end=\"20260401T000000Z\"/></c:comp-filter>");
		CalendarFilter afterCreation = filter(
				"<c:comp-filter name=\"VTODO\"><c:time-range " + "start=\"20270101T000000Z\"/></c:comp-filter>");
		CalendarFilter beforeCreation = filter(
				"<c:comp-filter name=\"VTODO\"><c:time-range " + "end=\"20260101T000000Z\"/></c:comp-filter>");

		assertThat(march.matches(todo(null, Instant.parse("2026-03-15T10:00:00Z"), null))).isTrue();
		assertThat(march.matches(todo(null, Instant.parse("2026-04-15T10:00:00Z"), null))).isFalse();
		assertThat(afterCreation.matches(todo(null, null, null))).as("open-ended after CREATED").isTrue();
		assertThat(beforeCreation.matches(todo(null, null, null))).as("ends before CREATED").isFalse();
	}

	@Test
	void componentsOtherThanTasksNeverMatch() throws Exception {
		assertThat(filter("<c:comp-filter name=\"VEVENT\"/>").matches(todo(null, null, null))).isFalse();
		assertThat(filter("<c:comp-filter name=\"VEVENT\"><c:is-not-defined/></c:comp-filter>")
			.matches(todo(null, null, null))).isTrue();
		assertThat(filter("").matches(todo(null, null, null))).as("VCALENDAR alone takes all").isTrue();
	}

	@Test
	void refusesFiltersThatAreNotValidOrNotSupported() {
		assertThatThrownBy(() -> CalendarFilter.parse(element(
				"<c:filter xmlns:c=\"urn:ietf:params:xml:ns:caldav\">" + "<c:comp-filter name=\"VTODO\"/></c:filter>"),
				BERLIN))
			.isInstanceOf(DavPreconditionException.class)
			.extracting((refusal) -> ((DavPreconditionException) refusal).element())
			.isEqualTo("valid-filter");
		assertThatThrownBy(() -> filter("<c:comp-filter name=\"VTODO\"><c:prop-filter name=\"DUE\">"
				+ "<c:time-range start=\"tomorrow\"/></c:prop-filter></c:comp-filter>"))
			.isInstanceOf(DavPreconditionException.class);
		assertThatThrownBy(() -> filter("<c:comp-filter name=\"VTODO\"><c:prop-filter name=\"SUMMARY\">"
				+ "<c:text-match collation=\"i;unicode-casemap\">x</c:text-match></c:prop-filter></c:comp-filter>"))
			.isInstanceOf(DavPreconditionException.class)
			.extracting((refusal) -> ((DavPreconditionException) refusal).element())
			.isEqualTo("supported-collation");
		// Refused as it is read, whatever tasks the calendar holds.
		assertThatThrownBy(() -> filter("<c:comp-filter name=\"VTODO\"><c:comp-filter name=\"VALARM\">"
				+ "<c:time-range start=\"20260101T000000Z\"/></c:comp-filter></c:comp-filter>"))
			.isInstanceOf(DavPreconditionException.class)
			.extracting((refusal) -> ((DavPreconditionException) refusal).element())
			.isEqualTo("supported-filter");
	}

	private static CalendarFilter filter(String insideVcalendar) throws Exception {
		return CalendarFilter.parse(element("<c:filter xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
				+ "<c:comp-filter name=\"VCALENDAR\">" + insideVcalendar + "</c:comp-filter></c:filter>"), BERLIN);
	}

	private static Element element(String xml) throws Exception {
		return DavXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
	}

	private static VToDo todo(@Nullable LocalDate dueDate, @Nullable Instant dueAt, @Nullable Instant completedAt) {
		TaskView task = new TaskView(7, "A task", null, completedAt != null, CREATED, CREATED.plus(1, ChronoUnit.DAYS),
				completedAt, null, List.of(), 1, dueDate, dueAt, null, false, null, "1", 1, List.of(), 1);
		return VTodos.of(task, CalendarZone.of(BERLIN));
	}

}
