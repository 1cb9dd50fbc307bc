package org.tasktracker.caldav;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VToDo;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tasktracker.task.published.TaskView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasks as VTODOs, without the service: the choices the mapping makes (priorities, the
 * kind of {@code UNTIL}, zones) and the lines it writes. The served file is checked
 * property by property in {@link CalendarExportIntegrationTests}.
 */
class VTodosUnitTests {

	private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	@ParameterizedTest
	@CsvSource({ "4, 1", "3, 5", "2, 9", "1, 0" })
	void pairsPrioritiesAsTasksOrgAndTodoistDo(int service, int iCalendar) {
		assertThat(VTodos.priority(service)).isEqualTo(iCalendar);
	}

	@Test
	void leavesOutThePriorityOfANormalTask() {
		assertThat(VTodos.of(task(1, null, null, null), CalendarZone.UTC).getProperty("PRIORITY")).isEmpty();
	}

	@Test
	void makesADateUntilOfATimedTaskTheEndOfThatDayInTheOwnersZone() {
		CalendarZone berlin = CalendarZone.of(ZoneId.of("Europe/Berlin"));
		TaskView task = task(1, null, Instant.parse("2026-03-02T08:00:00Z"), "FREQ=DAILY;UNTIL=20260331");

		assertThat(VTodos.rule(task, berlin)).isEqualTo("FREQ=DAILY;UNTIL=20260331T215959Z");
	}

	@Test
	void makesADateTimeUntilOfAnAllDayTaskTheDayItFallsOnInTheOwnersZone() {
		CalendarZone tokyo = CalendarZone.of(ZoneId.of("Asia/Tokyo"));
		TaskView task = task(1, LocalDate.parse("2026-03-02"), null, "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260330T200000Z");

		assertThat(VTodos.rule(task, tokyo)).isEqualTo("FREQ=WEEKLY;BYDAY=MO;UNTIL=20260331");
	}

	@Test
	void keepsAnUntilOfTheDuesKind() {
		TaskView task = task(1, LocalDate.parse("2026-03-02"), null, "FREQ=MONTHLY;UNTIL=20261231");

		assertThat(VTodos.rule(task, CalendarZone.UTC)).isEqualTo("FREQ=MONTHLY;UNTIL=20261231");
	}

	@Test
	void writesTimedDuesInUtcForAnOwnerInUtcOrAFixedOffset() throws Exception {
		for (String zone : List.of("UTC", "Etc/UTC", "+02:00")) {
			CalendarZone calendarZone = CalendarZone.of(ZoneId.of(zone));
			String written = write(calendarZone, task(1, null, Instant.parse("2026-03-02T08:00:00Z"), null));

			assertThat(calendarZone.definition()).as(zone).isNull();
			assertThat(written).as(zone).contains("\r\nDUE:20260302T080000Z\r\n").doesNotContain("VTIMEZONE");
		}
	}

	@Test
	void writesTimedDuesWithTheOwnersZoneAndItsDefinition() throws Exception {
		String written = write(CalendarZone.of(ZoneId.of("America/New_York")),
				task(1, null, Instant.parse("2026-07-02T13:00:00Z"), "FREQ=DAILY"));

		assertThat(written).contains("\r\nDUE;TZID=America/New_York:20260702T090000\r\n")
			.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n");
		VToDo todo = parse(written).getComponent("VTODO").map(VToDo.class::cast).orElseThrow();
		assertThat(Instant.from(todo.getDue().orElseThrow().getDate())).isEqualTo("2026-07-02T13:00:00Z");
	}

	@Test
	void foldsLinesAtSeventyFiveOctetsNeverInsideACharacter() throws Exception {
		String title = "Купить молоко и хлеб по дороге домой 🥛🍞 " + "ж".repeat(150);
		String written = write(CalendarZone.UTC, new TaskView(1, title, null, false, NOW, NOW, null, null, List.of(), 1,
				null, null, null, false, null, "1", 1, List.of(), 1));

		assertThat(Arrays.stream(written.split("\r\n"))).allSatisfy(
				(line) -> assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75));
		assertThat(written).doesNotContain("\uFFFD");
		VToDo todo = parse(written).getComponent("VTODO").map(VToDo.class::cast).orElseThrow();
		assertThat(todo.getSummary().getValue()).isEqualTo(title);
	}

	@Test
	void writesControlCharactersSoThatEveryLineAndTheXmlAroundItHold() throws Exception {
		String description = "bell\u0007 escape\u001B delete\u007F tab\t crlf\r\nlone cr\rend";
		String written = write(CalendarZone.UTC, new TaskView(1, "A\u0001b", description, false, NOW, NOW, null, null,
				List.of("x\u0002y"), 1, null, null, null, false, null, "1", 1, List.of(), 1));

		assertThat(written.chars().filter((c) -> (c < 0x20 && c != '\r' && c != '\n' && c != '\t') || c == 0x7F))
			.isEmpty();
		assertThat(written.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
		VToDo todo = parse(written).getComponent("VTODO").map(VToDo.class::cast).orElseThrow();
		assertThat(todo.getSummary().getValue()).isEqualTo("A\uFFFDb");
		assertThat(todo.getDescription().getValue())
			.isEqualTo("bell\uFFFD escape\uFFFD delete\uFFFD tab\t crlf\nlone cr\nend");
		assertThat(written).contains("CATEGORIES:x\uFFFDy\r\n");
	}

	@Test
	void writesACalendarWithoutTasksThatParses() throws Exception {
		Calendar calendar = parse(write(CalendarZone.UTC));

		assertThat(calendar.getComponents()).isEmpty();
		assertThat(calendar.getProductId().getValue()).isEqualTo(ICalendarWriter.PRODUCT);
		assertThat(calendar.getVersion().getValue()).isEqualTo("2.0");
	}

	@Test
	void writesAReminderBeforeTheDueAndOneAtAnInstant() throws Exception {
		TaskView task = new TaskView(1, "Call", null, false, NOW, NOW, null, null, List.of(), 1,
				LocalDate.parse("2026-12-24"), null, null, false, null, "1", 1,
				List.of(new TaskView.Reminder(Duration.ofHours(2), null),
						new TaskView.Reminder(null, Instant.parse("2026-12-23T18:00:00Z"))),
				1);

		String written = write(CalendarZone.UTC, task);

		assertThat(written)
			.contains("BEGIN:VALARM\r\nTRIGGER;RELATED=END:-PT2H\r\nACTION:DISPLAY\r\n"
					+ "DESCRIPTION:Call\r\nEND:VALARM\r\n")
			.contains("BEGIN:VALARM\r\nTRIGGER;VALUE=DATE-TIME:20261223T180000Z\r\nACTION:DISPLAY\r\n");
	}

	private static TaskView task(int priority, @Nullable LocalDate date, @Nullable Instant at, @Nullable String rule) {
		return new TaskView(1, "A task", null, false, NOW, NOW, null, null, List.of(), priority, date, at, rule, false,
				null, "1", 1, List.of(), 1);
	}

	private static String write(CalendarZone zone, TaskView... tasks) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ICalendarWriter calendar = new ICalendarWriter(out, zone)) {
			for (TaskView task : tasks) {
				calendar.write(VTodos.of(task, zone));
			}
			calendar.finish();
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static Calendar parse(String calendar) throws IOException, ParserException {
		return new CalendarBuilder().build(new StringReader(calendar));
	}

}
