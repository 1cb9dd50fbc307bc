package org.tasktracker.task;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;
import org.tasktracker.web.EntityTags;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A task as stored and as sent on the wire. Its timestamps are written as every
 * {@link Instant} of the API is: UTC with microseconds and a {@code Z} suffix. Every
 * field is always present; the schema says which may be null.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonSerialize(using = TaskJsonSerializer.class)
@Schema(name = "Task")
record Task(@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", description = "Never reused") long id,
		@Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = 200) String title,
		@Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, maxLength = 10000) @Nullable String description,
		@Schema(requiredMode = RequiredMode.REQUIRED) boolean completed,
		@Schema(requiredMode = RequiredMode.REQUIRED) @JsonProperty("created_at") Instant createdAt,
		@Schema(requiredMode = RequiredMode.REQUIRED) @JsonProperty("updated_at") Instant updatedAt,
		@Schema(requiredMode = RequiredMode.REQUIRED, nullable = true,
				description = "Set when the task is first completed; null while it is open") @JsonProperty("completed_at") @Nullable Instant completedAt,
		@Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, minimum = "1",
				description = "The task's project; null for the Inbox") @JsonProperty("project_id") @Nullable Long projectId,
		@ArraySchema(maxItems = 20, schema = @Schema(minLength = 1, maxLength = 50), arraySchema = @Schema(
				requiredMode = RequiredMode.REQUIRED,
				description = "In the order given, each spelled as the user first used it")) List<String> labels,
		@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = "4",
				description = "1 normal, 2 medium, 3 high, 4 urgent") int priority,
		@Schema(requiredMode = RequiredMode.REQUIRED, nullable = true) @Nullable Due due,
		@Schema(requiredMode = RequiredMode.REQUIRED, nullable = true) @Nullable Recurrence recurrence,
		@Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, minimum = "1",
				description = "The task this one is a subtask of; null for a root task") @JsonProperty("parent_id") @Nullable Long parentId,
		@Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 64, accessMode = Schema.AccessMode.READ_ONLY,
				description = "Opaque: siblings sorted by position, then id, are in manual order") String position,
		@ArraySchema(maxItems = 5,
				arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED)) List<Reminder> reminders,
		@Schema(requiredMode = RequiredMode.REQUIRED, accessMode = Schema.AccessMode.READ_ONLY) SubtaskCounts subtasks,
		@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", accessMode = Schema.AccessMode.READ_ONLY,
				description = "Grows with every change to the task; its ETag is this number in quotes") long version) {

	/** A task with the v1 fields, and the later ones at their defaults. */
	Task(long id, String title, @Nullable String description, boolean completed, Instant createdAt, Instant updatedAt,
			@Nullable Instant completedAt) {
		this(id, title, description, completed, createdAt, updatedAt, completedAt, null, List.of(), 1, null);
	}

	/** A task with the v1 and v2 fields, and the v3 ones at their defaults. */
	Task(long id, String title, @Nullable String description, boolean completed, Instant createdAt, Instant updatedAt,
			@Nullable Instant completedAt, @Nullable Long projectId, List<String> labels, int priority,
			@Nullable Due due) {
		this(id, title, description, completed, createdAt, updatedAt, completedAt, projectId, labels, priority, due,
				null, null, idPosition(id), List.of(), SubtaskCounts.NONE, 1);
	}

	/** The same task with other spellings of its labels. */
	Task withLabels(List<String> spelled) {
		return new Task(this.id, this.title, this.description, this.completed, this.createdAt, this.updatedAt,
				this.completedAt, this.projectId, spelled, this.priority, this.due, this.recurrence, this.parentId,
				this.position, this.reminders, this.subtasks, this.version);
	}

	/** The task's ETag: its version, as a strong entity tag. */
	String etag() {
		return EntityTags.of(this.version);
	}

	/** The position of a task never moved: its id's, so that new tasks go last. */
	static String idPosition(long id) {
		String hex = Long.toHexString(id);
		return "0".repeat(Math.max(0, 16 - hex.length())) + hex + "1";
	}

}
