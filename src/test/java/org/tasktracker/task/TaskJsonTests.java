package org.tasktracker.task;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.tasktracker.web.TimestampSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task on the wire: snake_case fields, null written out, timestamps as the contract has
 * them.
 */
class TaskJsonTests {

	private final JsonMapper json = JsonMapper.builder().addModule(TimestampSerializer.module()).build();

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
