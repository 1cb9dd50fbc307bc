package org.tasktracker.task;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.tasktracker.web.TimestampSerializer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a {@link Task} exactly as Jackson writes the record (the same names, order and
 * nulls), straight from its fields: the bean serializer's per-property reflection and
 * lookups showed as a fifth of a listing's CPU samples ({@code docs/performance.md}).
 * {@code TaskJsonSerializerTests} holds the two to the same text.
 */
final class TaskJsonSerializer extends StdSerializer<Task> {

	private static final SerializableString ID = new SerializedString("id");

	private static final SerializableString TITLE = new SerializedString("title");

	private static final SerializableString DESCRIPTION = new SerializedString("description");

	private static final SerializableString COMPLETED = new SerializedString("completed");

	private static final SerializableString CREATED_AT = new SerializedString("created_at");

	private static final SerializableString UPDATED_AT = new SerializedString("updated_at");

	private static final SerializableString COMPLETED_AT = new SerializedString("completed_at");

	private static final SerializableString PROJECT_ID = new SerializedString("project_id");

	private static final SerializableString LABELS = new SerializedString("labels");

	private static final SerializableString PRIORITY = new SerializedString("priority");

	private static final SerializableString DUE = new SerializedString("due");

	private static final SerializableString DATE = new SerializedString("date");

	private static final SerializableString DATETIME = new SerializedString("datetime");

	private static final SerializableString RECURRENCE = new SerializedString("recurrence");

	private static final SerializableString RULE = new SerializedString("rule");

	private static final SerializableString FROM = new SerializedString("from");

	private static final SerializableString PARENT_ID = new SerializedString("parent_id");

	private static final SerializableString POSITION = new SerializedString("position");

	private static final SerializableString REMINDERS = new SerializedString("reminders");

	private static final SerializableString BEFORE = new SerializedString("before");

	private static final SerializableString AT = new SerializedString("at");

	private static final SerializableString SUBTASKS = new SerializedString("subtasks");

	private static final SerializableString OPEN = new SerializedString("open");

	private static final SerializableString TOTAL = new SerializedString("total");

	private static final SerializableString VERSION = new SerializedString("version");

	TaskJsonSerializer() {
		super(Task.class);
	}

	@Override
	public void serialize(Task task, JsonGenerator json, SerializationContext context) {
		json.writeStartObject(task);
		json.writeName(ID);
		json.writeNumber(task.id());
		json.writeName(TITLE);
		json.writeString(task.title());
		json.writeName(DESCRIPTION);
		writeNullable(json, task.description());
		json.writeName(COMPLETED);
		json.writeBoolean(task.completed());
		json.writeName(CREATED_AT);
		TimestampSerializer.writeTo(json, task.createdAt());
		json.writeName(UPDATED_AT);
		TimestampSerializer.writeTo(json, task.updatedAt());
		json.writeName(COMPLETED_AT);
		writeNullable(json, task.completedAt());
		json.writeName(PROJECT_ID);
		writeNullable(json, task.projectId());
		json.writeName(LABELS);
		json.writeStartArray();
		for (String label : task.labels()) {
			json.writeString(label);
		}
		json.writeEndArray();
		json.writeName(PRIORITY);
		json.writeNumber(task.priority());
		json.writeName(DUE);
		writeDue(json, task.due());
		json.writeName(RECURRENCE);
		writeRecurrence(json, task.recurrence());
		json.writeName(PARENT_ID);
		writeNullable(json, task.parentId());
		json.writeName(POSITION);
		json.writeString(task.position());
		json.writeName(REMINDERS);
		json.writeStartArray();
		for (Reminder reminder : task.reminders()) {
			json.writeStartObject();
			writeIfPresent(json, BEFORE, reminder.before());
			writeIfPresent(json, AT, reminder.at());
			json.writeEndObject();
		}
		json.writeEndArray();
		json.writeName(SUBTASKS);
		json.writeStartObject();
		json.writeName(OPEN);
		json.writeNumber(task.subtasks().open());
		json.writeName(TOTAL);
		json.writeNumber(task.subtasks().total());
		json.writeEndObject();
		json.writeName(VERSION);
		json.writeNumber(task.version());
		json.writeEndObject();
	}

	/** {@link Due} is written without its null member. */
	private static void writeDue(JsonGenerator json, @Nullable Due due) {
		if (due == null) {
			json.writeNull();
			return;
		}
		json.writeStartObject();
		writeIfPresent(json, DATE, due.date());
		writeIfPresent(json, DATETIME, due.datetime());
		json.writeEndObject();
	}

	private static void writeRecurrence(JsonGenerator json, @Nullable Recurrence recurrence) {
		if (recurrence == null) {
			json.writeNull();
			return;
		}
		json.writeStartObject();
		json.writeName(RULE);
		json.writeString(recurrence.rule());
		json.writeName(FROM);
		json.writeString(recurrence.from());
		json.writeEndObject();
	}

	private static void writeIfPresent(JsonGenerator json, SerializableString name, @Nullable String value) {
		if (value != null) {
			json.writeName(name);
			json.writeString(value);
		}
	}

	private static void writeNullable(JsonGenerator json, @Nullable String value) {
		if (value == null) {
			json.writeNull();
		}
		else {
			json.writeString(value);
		}
	}

	private static void writeNullable(JsonGenerator json, @Nullable Long value) {
		if (value == null) {
			json.writeNull();
		}
		else {
			json.writeNumber(value);
		}
	}

	private static void writeNullable(JsonGenerator json, @Nullable Instant value) {
		if (value == null) {
			json.writeNull();
		}
		else {
			TimestampSerializer.writeTo(json, value);
		}
	}

}
