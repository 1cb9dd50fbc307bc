package org.tasktracker.task;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The listing parameters of the contract.
 */
class TaskListQueryTests {

	@Test
	void defaultsToTheFirstHundredOldestFirst() {
		assertThat(TaskListQuery.from(new LinkedMultiValueMap<>()))
			.isEqualTo(new TaskListQuery(null, null, 100, null, false));
	}

	@Test
	void readsEveryParameter() {
		MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
		parameters.add("completed", "false");
		parameters.add("q", "Report");
		parameters.add("limit", "1000");
		parameters.add("after", "9223372036854775807");
		parameters.add("order", "desc");
		parameters.add("unknown", "ignored");

		assertThat(TaskListQuery.from(parameters))
			.isEqualTo(new TaskListQuery(false, "Report", 1000, Long.MAX_VALUE, true));
	}

	@Test
	void treatsAnEmptyQueryAsNoFilter() {
		MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
		parameters.add("q", "");
		assertThat(TaskListQuery.from(parameters).q()).isNull();
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			completed | yes  | must be true or false
			completed | TRUE | must be true or false
			completed | 1    | must be true or false
			limit     | 0    | must be an integer from 1 to 1000
			limit     | 1001 | must be an integer from 1 to 1000
			limit     | ten  | must be an integer from 1 to 1000
			limit     | 1.5  | must be an integer from 1 to 1000
			limit     | -5   | must be an integer from 1 to 1000
			after     | -1   | must be a task id (a non-negative 64-bit integer)
			after     | abc  | must be a task id (a non-negative 64-bit integer)
			after     | 99999999999999999999 | must be a task id (a non-negative 64-bit integer)
			order     | up   | must be asc or desc
			order     | DESC | must be asc or desc
			""")
	void refusesABadValueByName(String name, String value, String message) {
		MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
		parameters.add(name, value);
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> TaskListQuery.from(parameters))
			.satisfies((ex) -> assertThat(ex.getErrors()).containsExactly(new FieldError(name, message)));
	}

	@Test
	void refusesARepeatedParameter() {
		MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
		parameters.add("limit", "1");
		parameters.add("limit", "2");
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> TaskListQuery.from(parameters))
			.satisfies((ex) -> assertThat(ex.getErrors())
				.containsExactly(new FieldError("limit", "must be given at most once")));
	}

	@Test
	void refusesNulAndOverlongSearches() {
		MultiValueMap<String, String> nul = new LinkedMultiValueMap<>();
		nul.add("q", "a\u0000");
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> TaskListQuery.from(nul));
		MultiValueMap<String, String> overlong = new LinkedMultiValueMap<>();
		overlong.add("q", "x".repeat(201));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> TaskListQuery.from(overlong));
	}

	@Test
	void nextPageRepeatsTheFiltersWithTheCursor() {
		TaskListQuery query = new TaskListQuery(true, "50% done/ü", 20, 5L, true);
		assertThat(query.nextPageUrl(42))
			.isEqualTo("/tasks?completed=true&q=50%25%20done%2F%C3%BC&limit=20&order=desc&after=42");
	}

}
