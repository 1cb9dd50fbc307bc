package org.tasktracker.task;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.tasktracker.task.TaskPages.EditForm;

/**
 * A save of the detail pane's form refused with a 412: the task changed since the form
 * was drawn. The form carries the version it was drawn from and a fingerprint of each of
 * its fields as drawn ({@link #fingerprint}), so the comparison is three-way: a field is
 * in conflict only when both sides changed it, to different values. A field changed on
 * one side only is taken from that side ({@link #merged}), so a version grown by
 * something the form does not show (a subtask ticked, a reminder added, the row's menu
 * changing another field) saves without asking.
 *
 * @param merged the form to show or save again: the caller's changes over the task as it
 * is now, with the current version and fingerprint
 * @param fields the fields both sides changed, to different values
 * @param yours what the caller typed, to show beside {@code now}
 * @param now the task's current values
 */
record EditConflict(EditForm merged, List<Field> fields, EditForm yours, EditForm now) {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

	/**
	 * The fields of the form as the person sees them: the due's date and time are one.
	 */
	enum Field {

		TITLE("Title", (form) -> form.title().strip()),

		DESCRIPTION("Description",
				(form) -> form.description().isBlank() ? "" : form.description().replace("\r\n", "\n")),

		DUE("Due",
				(form) -> form.dueDate().isBlank() ? ""
						: form.dueDate() + (form.dueTime().isBlank() ? "" : "T" + form.dueTime())),

		PRIORITY("Priority", (form) -> Integer.toString(form.priority())),

		LABELS("Labels",
				(form) -> Arrays.stream(form.labels().split(","))
					.map(String::strip)
					.filter((label) -> !label.isEmpty())
					.map((label) -> label.toLowerCase(Locale.ROOT))
					.collect(Collectors.joining(","))),

		PROJECT("Project", (form) -> form.project().strip());

		private final String label;

		/** The value as saved: two forms that would save the same value agree here. */
		private final Function<EditForm, String> value;

		Field(String label, Function<EditForm, String> value) {
			this.label = label;
			this.value = value;
		}

		String label() {
			return this.label;
		}

	}

	/**
	 * One hash per field, in {@link Field}'s order: what a later save compares with to
	 * tell which side changed a field, without carrying a second copy of a long
	 * description in the page.
	 */
	static String fingerprint(EditForm form) {
		return Arrays.stream(Field.values())
			.map((field) -> hash(field.value.apply(form)))
			.collect(Collectors.joining("."));
	}

	/**
	 * The three-way comparison of what was typed with the task as it is now.
	 * @param yours the form as posted, with the fingerprint it was drawn with (none, from
	 * a page drawn before fingerprints: every field then counts as changed on both sides)
	 * @param now the task's current values, with its version
	 */
	static EditConflict between(EditForm yours, EditForm now) {
		String[] base = yours.base().split("\\.");
		boolean known = base.length == Field.values().length;
		List<Field> both = new ArrayList<>();
		EditForm merged = yours;
		for (Field field : Field.values()) {
			String typed = field.value.apply(yours);
			String current = field.value.apply(now);
			boolean yoursChanged = !known || !hash(typed).equals(base[field.ordinal()]);
			boolean theirsChanged = !known || !hash(current).equals(base[field.ordinal()]);
			if (theirsChanged && !yoursChanged) {
				merged = take(merged, now, field);
			}
			else if (theirsChanged && !typed.equals(current)) {
				both.add(field);
			}
		}
		return new EditConflict(merged.at(now.version(), fingerprint(now)), List.copyOf(both), yours, now);
	}

	/** The conflicting fields in words, each side's value as the form shows it. */
	List<Shown> shown(List<Project> projects) {
		return this.fields.stream()
			.map((field) -> new Shown(field.label(), words(field, this.yours, projects),
					words(field, this.now, projects)))
			.toList();
	}

	/**
	 * A conflicting field as the pane lists it.
	 *
	 * @param name "Title"
	 * @param yours what the person typed, in words
	 * @param now the current value, in words
	 */
	record Shown(String name, String yours, String now) {
	}

	private static EditForm take(EditForm into, EditForm from, Field field) {
		return switch (field) {
			case TITLE -> new EditForm(into.id(), from.title(), into.description(), into.project(), into.labels(),
					into.priority(), into.dueDate(), into.dueTime(), into.version(), into.base());
			case DESCRIPTION -> new EditForm(into.id(), into.title(), from.description(), into.project(), into.labels(),
					into.priority(), into.dueDate(), into.dueTime(), into.version(), into.base());
			case DUE -> new EditForm(into.id(), into.title(), into.description(), into.project(), into.labels(),
					into.priority(), from.dueDate(), from.dueTime(), into.version(), into.base());
			case PRIORITY -> new EditForm(into.id(), into.title(), into.description(), into.project(), into.labels(),
					from.priority(), into.dueDate(), into.dueTime(), into.version(), into.base());
			case LABELS -> new EditForm(into.id(), into.title(), into.description(), into.project(), from.labels(),
					into.priority(), into.dueDate(), into.dueTime(), into.version(), into.base());
			case PROJECT -> new EditForm(into.id(), into.title(), into.description(), from.project(), into.labels(),
					into.priority(), into.dueDate(), into.dueTime(), into.version(), into.base());
		};
	}

	private static String words(Field field, EditForm form, List<Project> projects) {
		return switch (field) {
			case TITLE -> form.title().strip();
			case DESCRIPTION -> form.description().isBlank() ? "None" : form.description();
			case DUE -> dueWords(form);
			case PRIORITY -> "P" + (5 - form.priority())
					+ ((form.priority() == 4) ? " (urgent)" : (form.priority() == 1) ? " (normal)" : "");
			case LABELS -> {
				String labels = Arrays.stream(form.labels().split(","))
					.map(String::strip)
					.filter((label) -> !label.isEmpty())
					.collect(Collectors.joining(", "));
				yield labels.isEmpty() ? "None" : labels;
			}
			case PROJECT -> form.project().isBlank() ? "Inbox"
					: projects.stream()
						.filter((project) -> Objects.toString(project.id()).equals(form.project().strip()))
						.map(Project::name)
						.findFirst()
						.orElse("Another project");
		};
	}

	private static String dueWords(EditForm form) {
		if (form.dueDate().isBlank()) {
			return "No date";
		}
		@Nullable LocalDate date = parsed(form.dueDate(), LocalDate::parse);
		String day = (date != null) ? DAY.format(date) : form.dueDate();
		if (form.dueTime().isBlank()) {
			return day;
		}
		@Nullable LocalTime time = parsed(form.dueTime(), LocalTime::parse);
		return day + ", " + ((time != null) ? time.withSecond(0).withNano(0).toString() : form.dueTime());
	}

	private static <T> @Nullable T parsed(String text, Function<String, T> parser) {
		try {
			return parser.apply(text);
		}
		catch (java.time.format.DateTimeParseException ex) {
			return null;
		}
	}

	private static String hash(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
