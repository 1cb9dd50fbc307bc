package org.tasktracker.task;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the web UI's search box understands, as Todoist's search and filters read it:
 * words that a task must each hold, in its title or its description, in any order and any
 * case ({@code "a phrase"} in double quotes is one term), and filters that become the
 * listing's own: {@code #project}, {@code @label}, {@code p1} (urgent) to {@code p4}
 * (normal), and {@code due:today}, {@code due:tomorrow}, {@code due:overdue},
 * {@code due:week} (today to 7 days ahead), {@code due:none} or {@code due:} a date as
 * quick add reads one word ({@code due:friday}, {@code due:12/20},
 * {@code due:2026-12-20}). The API's {@code q} stays one substring; this is the UI's.
 *
 * @param words the terms every task found holds, in order
 * @param project the project's name as typed (without {@code #}), or null
 * @param labels the labels every task found carries, as typed (without {@code @})
 * @param priorities the priorities (the API's scale, 4 urgent) a task found has one of
 * @param due {@code today}, {@code overdue}, {@code upcoming} or {@code none} as the
 * listing's {@code due} reads them, or null
 * @param dueOn the one date the tasks found are due on, or null
 * @param problems what could not be read, in words for the page
 */
record SearchText(List<String> words, @Nullable String project, List<String> labels, List<Integer> priorities,
		@Nullable String due, @Nullable LocalDate dueOn, List<String> problems) {

	private static final Pattern TERM = Pattern.compile("\"([^\"]*)\"?|(\\S+)");

	private static final Pattern PRIORITY = Pattern.compile("p([1-4])");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

	/**
	 * What the search was read as, one chip per term and filter, for the search page to
	 * show: the words as typed, {@code #Work}, {@code @home}, {@code P1}, and the due
	 * filter in words. What could not be read is in {@link #problems()}, not here.
	 */
	List<Chip> chips() {
		List<Chip> chips = new ArrayList<>();
		this.words.forEach((word) -> chips.add(new Chip("word", word.contains(" ") ? "\"" + word + "\"" : word)));
		if (this.project != null) {
			chips.add(new Chip("project", "#" + this.project));
		}
		this.labels.forEach((label) -> chips.add(new Chip("label", "@" + label)));
		this.priorities.forEach((priority) -> chips.add(new Chip("priority", "P" + (5 - priority))));
		if (this.due != null) {
			chips.add(new Chip("due", switch (this.due) {
				case "today" -> "due today";
				case "overdue" -> "overdue";
				case "none" -> "no due date";
				default -> "due in the next 7 days";
			}));
		}
		if (this.dueOn != null) {
			chips.add(new Chip("due", "due " + DAY.format(this.dueOn)));
		}
		return chips;
	}

	/**
	 * A part of the search as the page shows it.
	 *
	 * @param kind {@code word}, {@code project}, {@code label}, {@code priority} or
	 * {@code due}
	 * @param text the words on the chip
	 */
	record Chip(String kind, String text) {
	}

	static SearchText parse(String text, LocalDate today) {
		List<String> words = new ArrayList<>();
		String project = null;
		List<String> labels = new ArrayList<>();
		List<Integer> priorities = new ArrayList<>();
		String due = null;
		LocalDate dueOn = null;
		List<String> problems = new ArrayList<>();
		Matcher term = TERM.matcher(text);
		while (term.find()) {
			if (term.group(1) != null) {
				String phrase = term.group(1).strip();
				if (!phrase.isEmpty()) {
					words.add(phrase);
				}
				continue;
			}
			String word = term.group(2);
			String lower = word.toLowerCase(Locale.ROOT);
			Matcher priority = PRIORITY.matcher(lower);
			if (word.length() > 1 && word.startsWith("#")) {
				project = word.substring(1);
			}
			else if (word.length() > 1 && word.startsWith("@")) {
				labels.add(word.substring(1));
			}
			else if (priority.matches()) {
				int value = 5 - Integer.parseInt(priority.group(1));
				if (!priorities.contains(value)) {
					priorities.add(value);
				}
			}
			else if (lower.startsWith("due:")) {
				String when = lower.substring("due:".length());
				due = switch (when) {
					case "today", "overdue", "none" -> when;
					case "week", "upcoming" -> "upcoming";
					default -> null;
				};
				dueOn = null;
				if (due == null) {
					QuickAdd date = QuickAdd.parse(when, today);
					if (date.title().isEmpty() && date.date() != null && date.time() == null) {
						dueOn = date.date();
					}
					else {
						problems.add(word + " is not a date: try due:today, due:tomorrow, due:overdue, due:week, "
								+ "due:none or a date such as due:12/20.");
					}
				}
			}
			else {
				words.add(word);
			}
		}
		return new SearchText(List.copyOf(words), project, List.copyOf(labels), List.copyOf(priorities), due, dueOn,
				List.copyOf(problems));
	}

}
