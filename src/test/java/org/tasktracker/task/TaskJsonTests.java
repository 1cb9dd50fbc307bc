package org.tasktracker.task;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tasktracker.web.TimestampSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task on the wire: snake_case fields, null written out, timestamps as the contract has
 * them.
 */
class TaskJsonTests {

	private final JsonMapper json = JsonMapper.builder().addModule(TimestampSerializer.module()).build();

	/**
	 * Jackson's own writing of the record, which {@link TaskJsonSerializer} must match.
	 */
	private final JsonMapper byReflection = JsonMapper.builder()
		.addModule(TimestampSerializer.module())
		.addMixIn(Task.class, WrittenByJackson.class)
		.build();

	@JsonSerialize(using = ValueSerializer.None.class)
	private interface WrittenByJackson {

	}

	@Test
	void writesEveryFieldExactlyAsJacksonWritesTheRecord() {
		Instant completed = Instant.parse("2026-11-27T08:00:00.000001Z");
		Task everything = new Task(7, "Pay \"rent\" \u00e9", "line\nbreak", true, TaskFixtures.CREATED, completed,
				completed, 3L, List.of("Home", "Work"), 4, Due.onDate(java.time.LocalDate.parse("2026-12-24")),
				new Recurrence("FREQ=WEEKLY;BYDAY=MO", Recurrence.FROM_COMPLETION), 5L, "0000000000000007V",
				List.of(Reminder.before(java.time.Duration.ofMinutes(15)), Reminder.at(completed)),
				new SubtaskCounts(1, 2), 9);
		Task timed = new Task(8, "Call", null, false, TaskFixtures.CREATED, TaskFixtures.CREATED, null, null, List.of(),
				1, Due.at(completed), null, null, Task.idPosition(8), List.of(), SubtaskCounts.NONE, 1);

		for (Task task : List.of(everything, timed, TaskFixtures.aTask())) {
			assertThat(this.json.writeValueAsString(task)).isEqualTo(this.byReflection.writeValueAsString(task));
		}
		assertThat(this.json.writeValueAsString(List.of(everything, timed)))
			.isEqualTo(this.byReflection.writeValueAsString(List.of(everything, timed)));
	}

	@Test
	void writesEveryTimestampOfATaskAndReadsThemBack() {
		Instant completed = Instant.parse("2026-11-27T08:00:00.000001Z");
		Task task = new Task(1, "Test", null, true, TaskFixtures.CREATED, completed, completed);

		JsonNode written = this.json.valueToTree(task);

		assertThat(written.get("created_at").stringValue()).isEqualTo("2026-11-26T15:04:05.123456Z");
		assertThat(written.get("updated_at").stringValue()).isEqualTo("2026-11-27T08:00:00.000001Z");
		assertThat(written.get("completed_at").stringValue()).isEqualTo("2026-11-27T08:00:00.000001Z");
		assertThat(this.json.readValue(this.json.writeValueAsString(task), Task.class)).isEqualTo(task);
	}

	@Test
	void writesNullForATaskNotCompleted() {
		JsonNode written = this.json.valueToTree(TaskFixtures.aTask());

		assertThat(written.get("completed_at").isNull()).isTrue();
	}

}
