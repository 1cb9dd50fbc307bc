package org.tasktracker.task;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The body rules of the contract's task table, on parsed JSON.
 */
class TaskRequestsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void trimsTheTitleAndKeepsTheDescriptionAsSent() {
		NewTask task = newTask(body("""
				{"title": "\\u00a0 Write it \\n", "description": " x "}
				"""));

		assertThat(task).isEqualTo(new NewTask("Write it", " x "));
	}

	@Test
	void acceptsAMissingOrNullDescription() {
		assertThat(newTask(body("""
				{"title": "a"}
				""")).description()).isNull();
		assertThat(newTask(body("""
				{"title": "a", "description": null}
				""")).description()).isNull();
	}

	@Test
	void countsTitleLengthInCodePoints() {
		String twoHundredEmoji = "\uD83D\uDE00".repeat(200);
		assertThat(newTask(body(new NewTask(twoHundredEmoji, null))).title()).isEqualTo(twoHundredEmoji);
		assertThat(errorsOf(new NewTask(twoHundredEmoji + "x", null)))
			.containsExactly(new FieldError("title", "must be at most 200 characters"));
	}

	@Test
	void countsDescriptionLengthInCodePoints() {
		String atLimit = "\u00e9".repeat(10_000);
		assertThat(newTask(body(new NewTask("a", atLimit))).description()).hasSize(10_000);
		assertThat(errorsOf(new NewTask("a", atLimit + "e")))
			.containsExactly(new FieldError("description", "must be at most 10000 characters"));
	}

	@ParameterizedTest(name = "{0} -> {1}: {2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					{}                                      | title       | is required
					{"title": null}                         | title       | must not be null
					{"title": 123}                          | title       | must be a string
					{"title": true}                         | title       | must be a string
					{"title": ["a"]}                        | title       | must be a string
					{"title": ""}                           | title       | must not be blank
					{"title": "   \\t "}                    | title       | must not be blank
					{"title": "a\\u0001b"}                  | title       | must not contain control characters
					{"title": "a\\u007fb"}                  | title       | must not contain control characters
					{"title": "a\\nb"}                      | title       | must not contain control characters
					{"title": "a\\u0000b"}                  | title       | must not contain U+0000
					{"title": "a\\ud800b"}                  | title       | must not contain unpaired surrogates
					{"title": "a", "description": {}}       | description | must be a string or null
					{"title": "a", "description": 5}        | description | must be a string or null
					{"title": "a", "description": "\\u0000"} | description | must not contain U+0000
					{"title": "a", "id": 3}                 | id          | is read-only
					{"title": "a", "created_at": "x"}       | created_at  | is read-only
					{"title": "a", "updated_at": "x"}       | updated_at  | is read-only
					{"title": "a", "completed_at": null}    | completed_at | is read-only
					{"title": "a", "Title": "b"}            | Title       | is not a known field
					{"title": "a", "completed": false}      | completed   | cannot be set on creation; use POST /tasks/{id}/complete
					""")
	void refusesABrokenCreateRuleByName(String requestBody, String field, String message) {
		assertThat(errorsOf(requestBody)).containsExactly(new FieldError(field, message));
	}

	@Test
	void reportsEveryBrokenRuleAtOnce() {
		assertThat(errorsOf("""
				{"title": 1, "description": 2, "id": 3}
				""")).extracting(FieldError::field).containsExactlyInAnyOrder("title", "description", "id");
	}

	@Test
	void allowsDescriptionsWithLineBreaks() {
		assertThat(newTask(body(new NewTask("a", "line\nline\ttab"))).description()).isEqualTo("line\nline\ttab");
	}

	@Test
	void readsAMergePatchNamingOnlyWhatChanges() {
		assertThat(patch(body("{}")).isEmpty()).isTrue();
		assertThat(patch(body("""
				{"description": null}
				"""))).isEqualTo(new TaskPatch(null, true, null, null));
		assertThat(patch(body("""
				{"title": " b ", "completed": true}
				"""))).isEqualTo(new TaskPatch("b", false, null, true));
	}

	@ParameterizedTest(name = "{0} -> {1}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			{"completed": "true"} | completed   | must be a boolean
			{"completed": 1}      | completed   | must be a boolean
			{"completed": null}   | completed   | must not be null
			{"title": null}       | title       | must not be null
			{"title": " "}        | title       | must not be blank
			{"description": []}   | description | must be a string or null
			{"id": 1}             | id          | is read-only
			{"version": 9}        | version     | is read-only
			{"tags": []}          | tags        | is not a known field
			""")
	void refusesABrokenPatchRuleByName(String requestBody, String field, String message) {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> patch(body(requestBody)))
			.satisfies((ex) -> assertThat(ex.getErrors()).containsExactly(new FieldError(field, message)));
	}

	private java.util.List<FieldError> errorsOf(NewTask requestBody) {
		return errorsOf(this.json.writeValueAsString(requestBody));
	}

	private java.util.List<FieldError> errorsOf(String requestBody) {
		try {
			newTask(body(requestBody));
		}
		catch (InvalidRequestException ex) {
			return ex.getErrors();
		}
		throw new AssertionError("Expected " + requestBody + " to be refused");
	}

	private static NewTask newTask(JsonNode body) {
		return TaskRequests.newTask(body, TaskRequests.RuleSubset.API);
	}

	private static TaskPatch patch(JsonNode body) {
		return TaskRequests.patch(body, TaskRequests.RuleSubset.API);
	}

	private JsonNode body(String text) {
		return this.json.readTree(text);
	}

	/** A request body as a client would write this task. */
	private JsonNode body(NewTask task) {
		return this.json.valueToTree(task);
	}

}
