package org.tasktracker.task;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTextTests {

	/** A Wednesday. */
	private static final LocalDate TODAY = LocalDate.parse("2026-12-02");

	@Test
	void readsWordsPhrasesAndTodoistsFilters() {
		SearchText search = SearchText.parse("mom \"call back\" #Work @home @Phone P1 p2 p1 due:tomorrow", TODAY);

		assertThat(search.words()).containsExactly("mom", "call back");
		assertThat(search.project()).isEqualTo("Work");
		assertThat(search.labels()).containsExactly("home", "Phone");
		assertThat(search.priorities()).containsExactly(4, 3);
		assertThat(search.due()).isNull();
		assertThat(search.dueOn()).isEqualTo(LocalDate.parse("2026-12-03"));
		assertThat(search.problems()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			due:today    | today    |
			due:OVERDUE  | overdue  |
			due:week     | upcoming |
			due:upcoming | upcoming |
			due:none     | none     |
			due:friday   |          | 2026-12-04
			due:12/20    |          | 2026-12-20
			due:2027-01-05 |        | 2027-01-05
			""")
	void readsEachKindOfDue(String text, String due, LocalDate dueOn) {
		SearchText search = SearchText.parse(text, TODAY);

		assertThat(search.due()).isEqualTo(due);
		assertThat(search.dueOn()).isEqualTo(dueOn);
		assertThat(search.words()).isEmpty();
		assertThat(search.problems()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			due:someday
			due:
			due:9am
			due:20/12
			""")
	void aDueItCannotReadIsAProblem(String text) {
		SearchText search = SearchText.parse(text, TODAY);

		assertThat(search.due()).isNull();
		assertThat(search.dueOn()).isNull();
		assertThat(search.problems()).singleElement().asString().startsWith(text + " is not a date");
	}

	@Test
	void whatIsNoFilterIsAWord() {
		SearchText search = SearchText.parse("# @ p5 !1 \"\" due", TODAY);

		assertThat(search.words()).containsExactly("#", "@", "p5", "!1", "due");
		assertThat(search.project()).isNull();
		assertThat(search.priorities()).isEmpty();
	}

}
