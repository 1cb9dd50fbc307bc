package org.tasktracker.recurrence;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads a recurrence out of quick-add text as a Todoist user types it in English, in any
 * case, and says which characters it took so the title can go without them.
 * <p>
 * The phrase begins with {@code every} ({@code every!} counts from completion),
 * {@code everyday}, {@code daily}, {@code weekly}, {@code monthly}, {@code yearly} or
 * {@code annually}; after {@code every} comes one of
 * <ul>
 * <li>{@code day}, {@code week}, {@code month}, {@code year}; {@code 2 weeks},
 * {@code two weeks} or {@code other week} for an interval;</li>
 * <li>{@code weekday} (Monday to Friday), {@code weekend} (Saturday and Sunday);</li>
 * <li>weekdays, full or short, joined by commas, {@code and} or {@code &}:
 * {@code monday}, {@code mon, thu}, {@code mon and thu};</li>
 * <li>a numbered weekday of the month: {@code 3rd friday}, {@code first monday},
 * {@code last friday}; or a day of the month: {@code 15th}, {@code last day}, either
 * followed by an optional {@code of the month};</li>
 * <li>a day of the year: {@code dec 18}, {@code 18 december}.</li>
 * </ul>
 * A week or weeks may go on with {@code on mon, thu}, a month or months with
 * {@code on the 15th}, {@code on the last day} or {@code on the 3rd friday}, a year with
 * {@code on dec 18}. The phrase may end with {@code for 10 times} ({@code COUNT}) or
 * {@code until} and a date ({@code UNTIL}, that day included): {@code dec 31} or
 * {@code 31 dec} (the next such day from today on, 29 February waiting for a leap year; a
 * four-digit year may follow the month and day), {@code 12/31} (month first, with an
 * optional {@code /2027} or {@code /27}), {@code 2026-12-31}, or a weekday (the next one
 * after today).
 * <p>
 * Anything else after {@code every} ({@code every little thing}, {@code every hour}) is
 * not a phrase, and the text keeps it. Only the first phrase is read. Times of day are
 * left to quick add's own reading.
 */
public final class RecurrencePhrases {

	/** A word, or a comma on its own, since {@code mon,thu} lists two days. */
	private static final Pattern WORD = Pattern.compile("[^\\s,]+|,");

	private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.;:!?)]+$");

	private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");

	private static final Pattern DAY_NUMBER = Pattern.compile("(\\d{1,2})(st|nd|rd|th)?");

	private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Pattern SLASH_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?");

	private static final Pattern YEAR = Pattern.compile("\\d{4}");

	private static final List<String> NUMBER_WORDS = List.of("one", "two", "three", "four", "five", "six", "seven",
			"eight", "nine", "ten", "eleven", "twelve");

	private static final List<String> ORDINAL_WORDS = List.of("first", "second", "third", "fourth", "fifth");

	private static final DateTimeFormatter UNTIL = DateTimeFormatter.BASIC_ISO_DATE;

	private RecurrencePhrases() {
	}

	/**
	 * The first recurrence phrase in the text.
	 * @param text what was typed into quick add
	 * @param today the owner's today, for {@code until} dates and the first due
	 * @return the phrase, or empty when the text has none
	 */
	public static Optional<RecurrencePhrase> find(String text, LocalDate today) {
		List<Token> tokens = tokens(text);
		for (int i = 0; i < tokens.size(); i++) {
			RecurrencePhrase phrase = new Reading(tokens, today).phraseAt(i);
			if (phrase != null) {
				return Optional.of(phrase);
			}
		}
		return Optional.empty();
	}

	/** A word, lower case, and where it stands in the text. */
	private record Token(String word, int start, int end) {
	}

	private static List<Token> tokens(String text) {
		List<Token> tokens = new ArrayList<>();
		Matcher matcher = WORD.matcher(text);
		while (matcher.find()) {
			String word = matcher.group().toLowerCase(Locale.ROOT);
			int end = matcher.end();
			if (!word.equals("every!")) {
				String bare = TRAILING_PUNCTUATION.matcher(word).replaceFirst("");
				if (!bare.isEmpty()) {
					end -= word.length() - bare.length();
					word = bare;
				}
			}
			tokens.add(new Token(word, matcher.start(), end));
		}
		return tokens;
	}

	/** One attempt at reading a phrase from one word on; each part consumes its words. */
	private static final class Reading {

		private final List<Token> tokens;

		private final LocalDate today;

		/** The next word to read. */
		private int next;

		private @Nullable String frequency;

		private int interval = 1;

		private final List<String> days = new ArrayList<>();

		private @Nullable Integer monthDay;

		private @Nullable Integer month;

		private Anchor from = Anchor.DUE;

		private @Nullable String end;

		Reading(List<Token> tokens, LocalDate today) {
			this.tokens = tokens;
			this.today = today;
		}

		@Nullable RecurrencePhrase phraseAt(int first) {
			this.next = first;
			String lead = word(0);
			this.next++;
			switch (lead) {
				case "everyday", "daily" -> this.frequency = "DAILY";
				case "weekly" -> this.frequency = "WEEKLY";
				case "monthly" -> this.frequency = "MONTHLY";
				case "yearly", "annually" -> this.frequency = "YEARLY";
				case "every", "every!" -> {
					this.from = lead.equals("every!") ? Anchor.COMPLETION : Anchor.DUE;
					if (!body()) {
						return null;
					}
				}
				default -> {
					return null;
				}
			}
			ending();
			RecurrenceRule rule;
			try {
				rule = RecurrenceRule.parse(text());
			}
			catch (RuleRefusedException ex) {
				// Words that read like a phrase but make no rule the service accepts.
				return null;
			}
			return new RecurrencePhrase(rule, this.from, this.tokens.get(first).start(),
					this.tokens.get(this.next - 1).end(), Occurrences.firstOnOrAfter(rule, this.today).orElse(null));
		}

		private String text() {
			StringJoiner text = new StringJoiner(";");
			text.add("FREQ=" + this.frequency);
			if (this.interval > 1) {
				text.add("INTERVAL=" + this.interval);
			}
			if (this.month != null) {
				text.add("BYMONTH=" + this.month);
			}
			if (this.monthDay != null) {
				text.add("BYMONTHDAY=" + this.monthDay);
			}
			if (!this.days.isEmpty()) {
				text.add("BYDAY=" + String.join(",", this.days));
			}
			if (this.end != null) {
				text.add(this.end);
			}
			return text.toString();
		}

		/** What follows {@code every}; false when nothing a phrase can hold does. */
		private boolean body() {
			String word = word(0);
			Integer count = word.equals("other") ? Integer.valueOf(2) : count(word);
			String unit = unit(word(1));
			if (count != null && unit != null) {
				this.interval = count;
				this.next += 2;
				this.frequency = unit;
				unitTail();
				return true;
			}
			unit = word.endsWith("s") ? null : unit(word);
			if (unit != null) {
				this.next++;
				this.frequency = unit;
				unitTail();
				return true;
			}
			switch (word) {
				case "weekday", "weekdays", "workday", "workdays" -> {
					this.next++;
					this.frequency = "WEEKLY";
					this.days.addAll(List.of("MO", "TU", "WE", "TH", "FR"));
					return true;
				}
				case "weekend", "weekends" -> {
					this.next++;
					this.frequency = "WEEKLY";
					this.days.addAll(List.of("SA", "SU"));
					return true;
				}
				default -> {
				}
			}
			if (dayList()) {
				this.frequency = "WEEKLY";
				return true;
			}
			// Before the day of the month: "18th of december" is not the 18th.
			if (dayOfYear()) {
				this.frequency = "YEARLY";
				return true;
			}
			if (monthPart()) {
				this.frequency = "MONTHLY";
				return true;
			}
			return false;
		}

		/** {@code on mon, thu} after weeks, {@code on the 15th} after months... */
		private void unitTail() {
			int mark = this.next;
			if (!take("on")) {
				return;
			}
			boolean read = switch (this.frequency) {
				case "WEEKLY" -> dayList();
				case "MONTHLY" -> {
					take("the");
					yield monthPart() || bareMonthDay();
				}
				case "YEARLY" -> dayOfYear();
				default -> false;
			};
			if (!read) {
				this.next = mark;
			}
		}

		/** Weekdays joined by commas, {@code and} or {@code &}. */
		private boolean dayList() {
			DayOfWeek day = weekday(word(0));
			if (day == null) {
				return false;
			}
			List<String> days = new ArrayList<>(List.of(RecurrenceRule.code(day)));
			this.next++;
			while (true) {
				int mark = this.next;
				boolean joined = take(",");
				joined = take("and", "&") || joined;
				DayOfWeek another = joined ? weekday(word(0)) : null;
				if (another == null) {
					this.next = mark;
					break;
				}
				days.add(RecurrenceRule.code(another));
				this.next++;
			}
			this.days.addAll(days);
			return true;
		}

		/**
		 * {@code 3rd friday}, {@code last friday}, {@code last day}, {@code 15th}, each
		 * with an optional {@code of the month}.
		 */
		private boolean monthPart() {
			Integer ordinal = ordinal(word(0));
			DayOfWeek day = weekday(word(1));
			if (ordinal != null && day != null) {
				this.days.add(ordinal + RecurrenceRule.code(day));
				this.next += 2;
			}
			else if (word(0).equals("last") && word(1).equals("day")) {
				this.monthDay = -1;
				this.next += 2;
			}
			else {
				Matcher number = DAY_NUMBER.matcher(word(0));
				if (!number.matches() || number.group(2) == null || !isMonthDay(number.group(1))) {
					return false;
				}
				this.monthDay = Integer.valueOf(number.group(1));
				this.next++;
			}
			int mark = this.next;
			if (take("of")) {
				take("the", "each", "every");
				if (!take("month")) {
					this.next = mark;
				}
			}
			return true;
		}

		/** {@code on the 15}: a bare number, only after {@code on the}. */
		private boolean bareMonthDay() {
			if (!word(0).matches("\\d{1,2}") || !isMonthDay(word(0))) {
				return false;
			}
			this.monthDay = Integer.valueOf(word(0));
			this.next++;
			return true;
		}

		/**
		 * {@code dec 18}, {@code december 18th}, {@code 18 dec},
		 * {@code 18th of december}.
		 */
		private boolean dayOfYear() {
			MonthDay day = monthAndDay();
			if (day == null) {
				return false;
			}
			this.month = day.getMonthValue();
			this.monthDay = day.getDayOfMonth();
			return true;
		}

		/** {@code for 10 times} or {@code until} a date, after an optional comma. */
		private void ending() {
			int mark = this.next;
			take(",");
			if (take("until")) {
				LocalDate until = until();
				if (until != null) {
					this.end = "UNTIL=" + UNTIL.format(until);
					return;
				}
			}
			else if (take("for")) {
				Integer count = count(word(0));
				if (count != null && (word(1).equals("times") || word(1).equals("time"))) {
					this.next += 2;
					this.end = "COUNT=" + count;
					return;
				}
			}
			this.next = mark;
		}

		private @Nullable LocalDate until() {
			String word = word(0);
			LocalDate date = null;
			if (ISO_DATE.matcher(word).matches()) {
				try {
					date = LocalDate.parse(word);
				}
				catch (DateTimeParseException ex) {
					return null;
				}
			}
			Matcher slash = SLASH_DATE.matcher(word);
			if (slash.matches()) {
				date = slashDate(slash);
			}
			DayOfWeek day = weekday(word);
			if (day != null) {
				date = this.today.with(TemporalAdjusters.next(day));
			}
			if (date != null) {
				this.next++;
				return date;
			}
			MonthDay monthDay = monthAndDay();
			if (monthDay == null) {
				return null;
			}
			if (YEAR.matcher(word(0)).matches()) {
				int year = Integer.parseInt(word(0));
				if (!monthDay.isValidYear(year)) {
					return null;
				}
				this.next++;
				return monthDay.atYear(year);
			}
			return onOrAfterToday(monthDay);
		}

		private @Nullable LocalDate slashDate(Matcher slash) {
			int monthNumber = Integer.parseInt(slash.group(1));
			if (monthNumber < 1 || monthNumber > 12 || !isDayOf(Month.of(monthNumber), slash.group(2))) {
				return null;
			}
			MonthDay day = MonthDay.of(monthNumber, Integer.parseInt(slash.group(2)));
			if (slash.group(3) == null) {
				return onOrAfterToday(day);
			}
			int year = Integer.parseInt(slash.group(3)) + ((slash.group(3).length() == 2) ? 2000 : 0);
			return day.isValidYear(year) ? day.atYear(year) : null;
		}

		/** A month and a day in either order, consumed when read. */
		private @Nullable MonthDay monthAndDay() {
			Month month = month(word(0));
			if (month != null && isDayOf(month, word(1))) {
				MonthDay day = MonthDay.of(month, dayNumber(word(1)));
				this.next += 2;
				return day;
			}
			boolean of = word(1).equals("of");
			month = month(word(of ? 2 : 1));
			if (month != null && isDayOf(month, word(0))) {
				MonthDay day = MonthDay.of(month, dayNumber(word(0)));
				this.next += of ? 3 : 2;
				return day;
			}
			return null;
		}

		private LocalDate onOrAfterToday(MonthDay day) {
			for (int year = this.today.getYear();; year++) {
				if (day.isValidYear(year) && !day.atYear(year).isBefore(this.today)) {
					return day.atYear(year);
				}
			}
		}

		/** The word so many words ahead, or an empty one past the end. */
		private String word(int ahead) {
			int i = this.next + ahead;
			return (i < this.tokens.size()) ? this.tokens.get(i).word() : "";
		}

		private boolean take(String... words) {
			for (String word : words) {
				if (word(0).equals(word)) {
					this.next++;
					return true;
				}
			}
			return false;
		}

		private static @Nullable Integer count(String word) {
			int spelled = NUMBER_WORDS.indexOf(word);
			if (spelled >= 0) {
				return spelled + 1;
			}
			if (!NUMBER.matcher(word).matches()) {
				return null;
			}
			int count = Integer.parseInt(word);
			return (count >= 1 && count <= RecurrenceRule.MAX_INTERVAL) ? count : null;
		}

		private static @Nullable String unit(String word) {
			return switch (word) {
				case "day", "days" -> "DAILY";
				case "week", "weeks" -> "WEEKLY";
				case "month", "months" -> "MONTHLY";
				case "year", "years" -> "YEARLY";
				default -> null;
			};
		}

		/** {@code 1st} to {@code 5th}, {@code first} to {@code fifth}, {@code last}. */
		private static @Nullable Integer ordinal(String word) {
			if (word.equals("last")) {
				return -1;
			}
			int spelled = ORDINAL_WORDS.indexOf(word);
			if (spelled >= 0) {
				return spelled + 1;
			}
			Matcher number = DAY_NUMBER.matcher(word);
			if (number.matches() && number.group(2) != null) {
				int ordinal = Integer.parseInt(number.group(1));
				return (ordinal >= 1 && ordinal <= 5) ? ordinal : null;
			}
			return null;
		}

		private static @Nullable DayOfWeek weekday(String word) {
			for (DayOfWeek day : DayOfWeek.values()) {
				String full = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
				if (word.equals(full) || word.equals(full + "s") || word.equals(full.substring(0, 3))) {
					return day;
				}
			}
			return switch (word) {
				case "tues" -> DayOfWeek.TUESDAY;
				case "thur", "thurs" -> DayOfWeek.THURSDAY;
				default -> null;
			};
		}

		private static @Nullable Month month(String word) {
			for (Month month : Month.values()) {
				String full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
				if (word.equals(full) || word.equals(full.substring(0, 3))) {
					return month;
				}
			}
			return word.equals("sept") ? Month.SEPTEMBER : null;
		}

		private static boolean isMonthDay(String digits) {
			int day = Integer.parseInt(digits);
			return day >= 1 && day <= 31;
		}

		private static boolean isDayOf(Month month, String word) {
			Matcher number = DAY_NUMBER.matcher(word);
			if (!number.matches()) {
				return false;
			}
			int day = Integer.parseInt(number.group(1));
			return day >= 1 && day <= month.maxLength();
		}

		private static int dayNumber(String word) {
			Matcher number = DAY_NUMBER.matcher(word);
			number.matches();
			return Integer.parseInt(number.group(1));
		}

	}

}
