package org.tasktracker.task;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.apache.commons.csv.CSVException;
import org.junit.jupiter.api.Test;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link TodoistCsv} on its own, at a fixed instant, so that relative dates have one
 * answer: Wednesday 2026-12-30 at 20:00 UTC, already Thursday the 31st in Auckland.
 */
class TodoistCsvUnitTests {

	private static final String HEADER = "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\n";

	private static final Instant NOW = Instant.parse("2026-12-30T20:00:00Z");

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	@Test
	void brokenQuotingTheServiceHasNoWordsForIsNamedByItsLineWithoutTheLibrarysWording() {
		String said = TodoistCsv.brokenQuoting(new CSVException("(line %,d) invalid parse sequence", 1_234), 1_234);

		assertThat(said).isEqualTo("the quoting breaks near line 1234");
	}

	@Test
	void relativeDatesCountFromTodayInTheRowsZoneOrElseTheCallers() {
		ImportDocument document = read(HEADER + "task,Here,,,,,,tomorrow,en,\n"
				+ "task,There,,,,,,tomorrow,en,Pacific/Auckland\n" + "task,Nowhere,,,,,,tomorrow,en,Mars/Olympus\n");

		assertThat(document.tasks()).extracting((entry) -> entry.task().due())
			.containsExactly(Due.onDate(java.time.LocalDate.parse("2026-12-31")),
					Due.onDate(java.time.LocalDate.parse("2027-01-01")),
					Due.onDate(java.time.LocalDate.parse("2026-12-31")));
	}

	@Test
	void aDateWithoutAYearIsItsNextOccurrenceAndATimeIsAnInstantInTheZone() {
		ImportDocument document = read(HEADER + "task,Past,,,,,,Dec 20,,\n" + "task,Timed,,,,,,Jan 4 at 9am,,\n"
				+ "task,Paris,,,,,,Jan 4 at 9am,,Europe/Paris\n");

		assertThat(document.tasks()).extracting((entry) -> entry.task().due())
			.containsExactly(Due.onDate(java.time.LocalDate.parse("2027-12-20")),
					Due.at(Instant.parse("2027-01-04T09:00:00Z")), Due.at(Instant.parse("2027-01-04T08:00:00Z")));
	}

	@Test
	void aRepetitionIsARuleFromItsFirstDayOn() {
		ImportDocument document = read(
				HEADER + "task,Weekly,,,,,,every monday,en,\n" + "task,After,,,,,,every! 3 days,en,\n");

		NewTask weekly = document.tasks().get(0).task();
		assertThat(weekly.recurrence()).isEqualTo(new Recurrence("FREQ=WEEKLY;BYDAY=MO", Recurrence.FROM_DUE));
		assertThat(weekly.due()).isEqualTo(Due.onDate(java.time.LocalDate.parse("2027-01-04")));
		NewTask after = document.tasks().get(1).task();
		assertThat(after.recurrence()).isEqualTo(new Recurrence("FREQ=DAILY;INTERVAL=3", Recurrence.FROM_COMPLETION));
	}

	@Test
	void indentsMakeATreeInTheFileOrderAndASectionStartsAgainFromTheRoot() {
		ImportDocument document = read(HEADER + "task,A,,,1,,,,,\n" + "task,B,,,2,,,,,\n" + "task,C,,,3,,,,,\n"
				+ "task,D,,,2,,,,,\n" + "section,Later,,,,,,,,\n" + "task,E,,,,,,,,\n" + "task,F,,,2,,,,,\n");

		assertThat(document.tasks()).extracting(ImportDocument.TaskEntry::id).containsExactly(1L, 2L, 3L, 4L, 6L, 7L);
		assertThat(document.tasks()).extracting((entry) -> entry.task().parentId())
			.containsExactly(null, 1L, 2L, 1L, null, 6L);
		assertThat(document.tasks()).extracting(ImportDocument.TaskEntry::depth).containsExactly(0, 1, 2, 1, 0, 1);
		assertThat(document.tasks()).extracting((entry) -> entry.task().projectId())
			.containsExactly(1L, null, null, null, 1L, null);
		assertThat(document.tasks().get(5).task().labels()).containsExactly("Later");
	}

	@Test
	void aTaskBelowARefusedOneIsNotRefusedForItsSake() {
		InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
				() -> read(HEADER + "task,Parent,,9,1,,,,,\n" + "note,About it,,,,,,,,\n" + "task,Child,,,2,,,,,\n"));

		assertThat(refused.getErrors()).extracting(FieldError::field).containsExactly("rows[1].PRIORITY");
	}

	@Test
	void aDateWithWordsLeftOverIsRefusedRatherThanGuessed() {
		InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, () -> read(HEADER
				+ "task,A,,,,,,next tuesday-ish,,\n" + "task,B,,,,,,tomorrow #Work,,\n" + "task,C,,,,,,@home,,\n"));

		assertThat(refused.getErrors()).extracting(FieldError::field)
			.containsExactly("rows[1].DATE", "rows[2].DATE", "rows[3].DATE");
	}

	private static ImportDocument read(String csv) {
		ImportDocument document = TodoistCsv.read(new StringReader(csv), "Project", LONDON, NOW);
		assertThat(document.projects()).extracting(ImportDocument.ProjectEntry::name).isEqualTo(List.of("Project"));
		return document;
	}

}
