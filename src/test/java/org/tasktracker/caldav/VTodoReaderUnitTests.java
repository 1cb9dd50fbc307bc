package org.tasktracker.caldav;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.tasktracker.task.published.TaskView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading a client's {@code VTODO} back into a task's fields ({@link VTodoReader}): what
 * is mapped, what is kept as sent, and what is refused with which precondition.
 */
class VTodoReaderUnitTests {

	private static final CalendarZone BERLIN = CalendarZone.of(ZoneId.of("Europe/Berlin"));

	@Test
	void readsTheMappedPropertiesAndKeepsTheRest() {
		VTodoReader.Todo todo = VTodoReader
			.read(calendar("UID:a@client", "SUMMARY:Plan\\, then do", "DESCRIPTION:Line one\\nLine two",
					"STATUS:COMPLETED", "PRIORITY:5", "CATEGORIES:Work,Home", "CATEGORIES:work",
					"DUE;VALUE=DATE:20261224", "RELATED-TO:parent@client", "RELATED-TO;RELTYPE=SIBLING:sister@client",
					"PERCENT-COMPLETE:100", "LOCATION:Office", "X-APPLE-SORT-ORDER:42"), BERLIN);

		assertThat(todo.uid()).isEqualTo("a@client");
		assertThat(todo.title()).isEqualTo("Plan, then do");
		assertThat(todo.description()).isEqualTo("Line one\nLine two");
		assertThat(todo.completed()).isTrue();
		assertThat(todo.priority()).isEqualTo(3);
		assertThat(todo.labels()).containsExactly("Work", "Home");
		assertThat(todo.dueDate()).isEqualTo(LocalDate.of(2026, 12, 24));
		assertThat(todo.parentUid()).isEqualTo("parent@client");
		assertThat(todo.sortOrder()).isEqualTo(42);
		assertThat(todo.extra()).contains("RELATED-TO;RELTYPE=SIBLING:sister@client\r\n", "LOCATION:Office\r\n")
			.doesNotContain("PERCENT-COMPLETE", "SUMMARY", "CATEGORIES");
	}

	@Test
	void readsAFloatingDueInTheOwnersZone() {
		VTodoReader.Todo todo = VTodoReader.read(calendar("UID:f@client", "SUMMARY:F", "DUE:20260701T090000"), BERLIN);

		assertThat(todo.dueAt()).isEqualTo(Instant.parse("2026-07-01T07:00:00Z"));
	}

	@Test
	void mapsPrioritiesAsTasksOrgShowsThem() {
		assertThat(VTodoReader.priority("1")).isEqualTo(4);
		assertThat(VTodoReader.priority("4")).isEqualTo(4);
		assertThat(VTodoReader.priority("5")).isEqualTo(3);
		assertThat(VTodoReader.priority("9")).isEqualTo(2);
		assertThat(VTodoReader.priority("0")).isEqualTo(1);
		assertThat(VTodoReader.priority("high")).isEqualTo(1);
	}

	@Test
	void takesPlainAlarmsAsRemindersAndKeepsOthersWhole() {
		VTodoReader.Todo todo = VTodoReader.read(calendar("UID:r@client", "SUMMARY:R", "DUE:20261201T090000Z",
				"BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER;RELATED=END:-P1D", "END:VALARM", "BEGIN:VALARM",
				"ACTION:DISPLAY", "TRIGGER;VALUE=DATE-TIME:20261130T080000Z", "X-WR-ALARMUID:1", "END:VALARM",
				"BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT5M", "END:VALARM", "BEGIN:VALARM", "ACTION:DISPLAY",
				"TRIGGER;RELATED=END:-PT5M", "ACKNOWLEDGED:20261201T085500Z", "END:VALARM"), BERLIN);

		assertThat(todo.reminders()).containsExactly(new TaskView.Reminder(Duration.ofDays(1), null),
				new TaskView.Reminder(null, Instant.parse("2026-11-30T08:00:00Z")));
		assertThat(todo.extra()).contains("TRIGGER:-PT5M", "ACKNOWLEDGED:20261201T085500Z");
	}

	@Test
	void keepsARuleOutsidePartCsSubsetAsSent() {
		VTodoReader.Todo todo = VTodoReader
			.read(calendar("UID:h@client", "SUMMARY:H", "DUE:20261201T090000Z", "RRULE:FREQ=MINUTELY"), BERLIN);

		assertThat(todo.rule()).isNull();
		assertThat(todo.extra()).contains("RRULE:FREQ=MINUTELY\r\n");
	}

	@Test
	void keepsDateTimesOfNamedZonesInTheOwnersAndDatesAsSent() {
		String sent = calendar("UID:z@client", "SUMMARY:Z", "DTSTART;TZID=America/New_York:20270110T090000",
				"EXDATE;TZID=America/New_York:20270117T090000,20270124T090000", "RDATE;VALUE=DATE:20270201",
				"X-START;TZID=America/New_York:20270110T090000");

		assertThat(VTodoReader.read(sent, BERLIN).extra()).contains("DTSTART;TZID=Europe/Berlin:20270110T150000\r\n",
				"EXDATE;TZID=Europe/Berlin:20270117T150000,20270124T150000\r\n", "RDATE;VALUE=DATE:20270201\r\n",
				"X-START;TZID=America/New_York:20270110T090000\r\n");
		assertThat(VTodoReader.read(sent, CalendarZone.UTC).extra()).contains("DTSTART:20270110T140000Z\r\n",
				"EXDATE:20270117T140000Z,20270124T140000Z\r\n");
	}

	@Test
	void refusesADueBeforeTheStartButNotOnItsDay() {
		assertRefused(calendar("UID:s@client", "DTSTART:20270110T090000Z", "DUE:20270110T085959Z"),
				"valid-calendar-data");
		assertRefused(calendar("UID:s@client", "DTSTART;VALUE=DATE:20270110", "DUE;VALUE=DATE:20270109"),
				"valid-calendar-data");
		assertThat(
				VTodoReader.read(calendar("UID:s@client", "DTSTART:20270110T090000Z", "DUE:20270110T090000Z"), BERLIN)
					.dueAt())
			.isEqualTo(Instant.parse("2027-01-10T09:00:00Z"));
		assertThat(
				VTodoReader.read(calendar("UID:s@client", "DTSTART:20270110T090000", "DUE;VALUE=DATE:20270110"), BERLIN)
					.dueDate())
			.isEqualTo(LocalDate.of(2027, 1, 10));
		assertRefused(calendar("UID:s@client", "DTSTART:20270110T090000Z", "DTSTART:20270111T090000Z"),
				"valid-calendar-object-resource");
	}

	@Test
	void refusesWhatIsNotOneTaskWithAUid() {
		assertRefused("BEGIN:VCALENDAR\r\ngarbage", "valid-calendar-data");
		assertRefused("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:e\r\nDTSTAMP:20260101T000000Z"
				+ "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "supported-calendar-component");
		assertRefused(calendar("SUMMARY:No UID"), "valid-calendar-object-resource");
		assertRefused(calendar("UID:d@client", "DUE:2026-12-01"), "valid-calendar-data");
	}

	private static void assertRefused(String body, String element) {
		assertThatExceptionOfType(DavPreconditionException.class).isThrownBy(() -> VTodoReader.read(body, BERLIN))
			.satisfies((refusal) -> assertThat(refusal.element()).isEqualTo(element));
	}

	private static String calendar(String... lines) {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTODO\r\nDTSTAMP:20261101T000000Z\r\n"
				+ String.join("\r\n", lines) + "\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
	}

}
