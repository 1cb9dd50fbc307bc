package org.tasktracker.recurrence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule.RfcMode;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 5545 recurrence rule ({@code RRULE} value) in the subset the service accepts:
 * {@code FREQ} (daily to yearly), {@code INTERVAL}, {@code BYDAY}, {@code BYMONTHDAY},
 * {@code BYMONTH}, {@code BYSETPOS}, {@code WKST}, and {@code COUNT} or {@code UNTIL}.
 * Parts a task cannot use (times within a day, week and year-day numbers) are refused
 * rather than ignored, so a stored rule always means what its occurrences show.
 * <p>
 * Beyond RFC 5545's own constraints, two combinations are refused because the standard
 * leaves their meaning open and clients disagree: {@code BYMONTHDAY} with {@code WEEKLY},
 * and a numbered {@code BYDAY} ({@code 3FR}) with {@code BYMONTHDAY}. {@code WKST} is
 * accepted because calendar apps send it; it only changes {@code WEEKLY} rules with an
 * {@code INTERVAL} and several days. The JSON API's subset leaves it out
 * ({@link #parseWithoutWeekStart}).
 * <p>
 * {@code YEARLY} with {@code BYMONTHDAY} but no {@code BYMONTH} falls in the series
 * start's month, as the recurrence libraries read it (RFC 5545's table could be read as
 * every month).
 */
public final class RecurrenceRule {

	static final int MAX_LENGTH = 500;

	static final int MAX_INTERVAL = 1000;

	static final int MAX_COUNT = 1000;

	private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9-]*");

	private static final Pattern NUMBER = Pattern.compile("[+-]?\\d{1,9}");

	private static final Pattern WEEKDAY = Pattern.compile("([+-]?\\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)");

	private static final Pattern UNTIL_VALUE = Pattern.compile("(\\d{8})(?:T(\\d{6})Z)?");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final Set<String> SUPPORTED = Set.of("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY",
			"BYMONTH", "BYSETPOS", "WKST");

	private static final Set<String> UNSUPPORTED = Set.of("BYSECOND", "BYMINUTE", "BYHOUR", "BYWEEKNO", "BYYEARDAY",
			"RSCALE", "SKIP");

	private static final String DAYS = "MO, TU, WE, TH, FR, SA or SU";

	/** How often the rule's periods come. */
	enum Frequency {

		DAILY, WEEKLY, MONTHLY, YEARLY

	}

	/**
	 * One {@code BYDAY} entry.
	 *
	 * @param ordinal which such day in the month or year ({@code -1} the last), or 0 for
	 * every such day
	 * @param day the day of the week
	 */
	record Weekday(int ordinal, DayOfWeek day) {

		String text() {
			return ((this.ordinal != 0) ? Integer.toString(this.ordinal) : "") + code(this.day);
		}

	}

	private final Frequency frequency;

	private final int interval;

	private final List<Integer> months;

	private final List<Integer> monthDays;

	private final List<Weekday> days;

	private final List<Integer> setPositions;

	private final DayOfWeek weekStart;

	private final @Nullable Integer count;

	private final @Nullable LocalDate untilDate;

	private final @Nullable Instant untilInstant;

	private final String text;

	private RecurrenceRule(Frequency frequency, int interval, List<Integer> months, List<Integer> monthDays,
			List<Weekday> days, List<Integer> setPositions, DayOfWeek weekStart, @Nullable Integer count,
			@Nullable LocalDate untilDate, @Nullable Instant untilInstant) {
		this.frequency = frequency;
		this.interval = interval;
		this.months = List.copyOf(months);
		this.monthDays = List.copyOf(monthDays);
		this.days = List.copyOf(days);
		this.setPositions = List.copyOf(setPositions);
		this.weekStart = weekStart;
		this.count = count;
		this.untilDate = untilDate;
		this.untilInstant = untilInstant;
		StringBuilder text = new StringBuilder(periodicText(months, monthDays, days));
		if (count != null) {
			text.append(";COUNT=").append(count);
		}
		if (untilDate != null) {
			text.append(";UNTIL=").append(DATE.format(untilDate));
		}
		if (untilInstant != null) {
			text.append(";UNTIL=").append(DATE_TIME.format(untilInstant));
		}
		this.text = text.toString();
	}

	/**
	 * Reads a rule, names and values in any case.
	 * @param value an {@code RRULE} value such as {@code FREQ=WEEKLY;BYDAY=MO,TH}
	 * @return the rule
	 * @throws RuleRefusedException when the value is not a rule in the accepted subset;
	 * its message names the part
	 */
	public static RecurrenceRule parse(@Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new RuleRefusedException(null, "The rule is empty");
		}
		if (value.length() > MAX_LENGTH) {
			throw new RuleRefusedException(null, "The rule is longer than " + MAX_LENGTH + " characters");
		}
		if (!value.chars().allMatch((c) -> c < 0x80)) {
			// RFC 5545's grammar is ASCII; upper-casing would read a dotless ı as I.
			throw new RuleRefusedException(null, "The rule holds a character outside ASCII");
		}
		Map<String, String> parts = parts(value.strip());
		if (parts.containsKey("COUNT") && parts.containsKey("UNTIL")) {
			throw new RuleRefusedException("COUNT", "COUNT and UNTIL cannot both be given");
		}
		String freq = parts.get("FREQ");
		if (freq == null) {
			throw new RuleRefusedException("FREQ", "FREQ is required");
		}
		Frequency frequency = frequency(freq);
		int interval = parts.containsKey("INTERVAL")
				? whole("INTERVAL", parts.get("INTERVAL"), 1, MAX_INTERVAL, "INTERVAL must be 1-" + MAX_INTERVAL) : 1;
		List<Integer> months = numbers(parts, "BYMONTH", 12, false, "BYMONTH must be 1-12");
		if (frequency == Frequency.WEEKLY && parts.containsKey("BYMONTHDAY")) {
			throw new RuleRefusedException("BYMONTHDAY", "BYMONTHDAY cannot be used with WEEKLY");
		}
		List<Integer> monthDays = numbers(parts, "BYMONTHDAY", 31, true, "BYMONTHDAY must be -31..-1 or 1..31");
		List<Weekday> days = days(parts.get("BYDAY"), frequency, !monthDays.isEmpty());
		List<Integer> setPositions = numbers(parts, "BYSETPOS", 366, true, "BYSETPOS must be -366..-1 or 1..366");
		if (!setPositions.isEmpty() && months.isEmpty() && monthDays.isEmpty() && days.isEmpty()) {
			throw new RuleRefusedException("BYSETPOS", "BYSETPOS needs BYDAY, BYMONTHDAY or BYMONTH as well");
		}
		DayOfWeek weekStart = parts.containsKey("WKST") ? weekStart(parts.get("WKST")) : DayOfWeek.MONDAY;
		Integer count = parts.containsKey("COUNT")
				? whole("COUNT", parts.get("COUNT"), 1, MAX_COUNT, "COUNT must be 1-" + MAX_COUNT) : null;
		LocalDate untilDate = null;
		Instant untilInstant = null;
		if (parts.containsKey("UNTIL")) {
			Matcher until = UNTIL_VALUE.matcher(parts.get("UNTIL"));
			try {
				if (!until.matches()) {
					throw new DateTimeParseException("not a date", parts.get("UNTIL"), 0);
				}
				LocalDate date = LocalDate.parse(until.group(1), DATE);
				if (until.group(2) == null) {
					untilDate = date;
				}
				else {
					untilInstant = date.atTime(LocalTime.parse(until.group(2), TIME)).toInstant(ZoneOffset.UTC);
				}
			}
			catch (DateTimeParseException ex) {
				throw new RuleRefusedException("UNTIL",
						"UNTIL must be a date (20261231) or a UTC date-time (20261231T235959Z)");
			}
		}
		return new RecurrenceRule(frequency, interval, months, monthDays, days, setPositions, weekStart, count,
				untilDate, untilInstant);
	}

	/**
	 * The rule in one canonical form, upper case, parts in a fixed order ({@code FREQ}
	 * first), lists sorted without repeats, defaults ({@code INTERVAL=1},
	 * {@code WKST=MO}) left out: two rules with the same occurrences as typed differently
	 * are stored alike.
	 * @return the canonical {@code RRULE} value
	 */
	public String text() {
		return this.text;
	}

	/**
	 * How many occurrences the series has, the start included.
	 * @return {@code COUNT}, or empty when the rule has none
	 */
	public OptionalInt count() {
		return (this.count != null) ? OptionalInt.of(this.count) : OptionalInt.empty();
	}

	Frequency frequency() {
		return this.frequency;
	}

	int interval() {
		return this.interval;
	}

	List<Integer> months() {
		return this.months;
	}

	List<Integer> monthDays() {
		return this.monthDays;
	}

	List<Weekday> days() {
		return this.days;
	}

	List<Integer> setPositions() {
		return this.setPositions;
	}

	DayOfWeek weekStart() {
		return this.weekStart;
	}

	@Nullable LocalDate untilDate() {
		return this.untilDate;
	}

	@Nullable Instant untilInstant() {
		return this.untilInstant;
	}

	/**
	 * The rule without its end, for the library to expand from the first day of the
	 * start's period ({@link #periodStart(LocalDate)}), with what RFC 5545 takes from the
	 * start written out: its weekday for a weekly rule without {@code BYDAY}, its day of
	 * the month for a monthly or yearly one without {@code BYDAY} or {@code BYMONTHDAY},
	 * its month for a yearly one without {@code BYMONTH} unless it names whole-year
	 * weekdays. Starting the library mid-period loses the period's earlier days before
	 * {@code BYSETPOS} counts them ({@code FREQ=YEARLY;BYMONTH=2,8;BYDAY=3TH;BYSETPOS=2}
	 * from April); a new rule each time, since the library's changes as it makes an
	 * iterator.
	 */
	org.dmfs.rfc5545.recur.RecurrenceRule library(LocalDate start) {
		List<Integer> months = this.months;
		List<Integer> monthDays = this.monthDays;
		List<Weekday> days = this.days;
		switch (this.frequency) {
			case WEEKLY -> days = days.isEmpty() ? List.of(new Weekday(0, start.getDayOfWeek())) : days;
			case MONTHLY ->
				monthDays = (days.isEmpty() && monthDays.isEmpty()) ? List.of(start.getDayOfMonth()) : monthDays;
			case YEARLY -> {
				if (days.isEmpty() && monthDays.isEmpty()) {
					monthDays = List.of(start.getDayOfMonth());
				}
				if (months.isEmpty() && !monthDays.isEmpty()) {
					months = List.of(start.getMonthValue());
				}
			}
			default -> {
			}
		}
		String text = periodicText(months, monthDays, days);
		try {
			return new org.dmfs.rfc5545.recur.RecurrenceRule(text, RfcMode.RFC5545_STRICT);
		}
		catch (InvalidRecurrenceRuleException ex) {
			throw new IllegalStateException("The library refuses " + text, ex);
		}
	}

	/**
	 * The first day of the rule's period (day, week from {@code WKST}, month or year)
	 * that holds the day.
	 */
	LocalDate periodStart(LocalDate day) {
		return switch (this.frequency) {
			case DAILY -> day;
			case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(this.weekStart));
			case MONTHLY -> day.withDayOfMonth(1);
			case YEARLY -> day.withDayOfYear(1);
		};
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof RecurrenceRule rule && rule.text.equals(this.text);
	}

	@Override
	public int hashCode() {
		return this.text.hashCode();
	}

	@Override
	public String toString() {
		return this.text;
	}

	private String periodicText(List<Integer> months, List<Integer> monthDays, List<Weekday> days) {
		StringBuilder text = new StringBuilder("FREQ=").append(this.frequency);
		if (this.interval != 1) {
			text.append(";INTERVAL=").append(this.interval);
		}
		append(text, "BYMONTH", months, String::valueOf);
		append(text, "BYMONTHDAY", monthDays, String::valueOf);
		append(text, "BYDAY", days, Weekday::text);
		append(text, "BYSETPOS", this.setPositions, String::valueOf);
		if (this.weekStart != DayOfWeek.MONDAY) {
			text.append(";WKST=").append(code(this.weekStart));
		}
		return text.toString();
	}

	private static <T> void append(StringBuilder text, String name, List<T> values, Function<T, String> format) {
		if (!values.isEmpty()) {
			StringJoiner joined = new StringJoiner(",", ";" + name + "=", "");
			values.forEach((value) -> joined.add(format.apply(value)));
			text.append(joined);
		}
	}

	private static Map<String, String> parts(String value) {
		Map<String, String> parts = new LinkedHashMap<>();
		for (String part : value.split(";", -1)) {
			if (part.isEmpty()) {
				throw new RuleRefusedException(null,
						"The rule has an empty part: two semicolons in a row or one at an end");
			}
			int equals = part.indexOf('=');
			if (equals <= 0 || equals == part.length() - 1) {
				throw new RuleRefusedException(null,
						"Each part of the rule must be NAME=VALUE, which " + quoted(part) + " is not");
			}
			String name = part.substring(0, equals).toUpperCase(Locale.ROOT);
			if (!NAME.matcher(name).matches()
					|| !(SUPPORTED.contains(name) || UNSUPPORTED.contains(name) || name.startsWith("X-"))) {
				throw new RuleRefusedException(null, quoted(name) + " is not a recurrence rule part");
			}
			if (!SUPPORTED.contains(name)) {
				throw new RuleRefusedException(name, name + " is not supported");
			}
			if (parts.put(name, part.substring(equals + 1).toUpperCase(Locale.ROOT)) != null) {
				throw new RuleRefusedException(name, name + " is given more than once");
			}
		}
		return parts;
	}

	/**
	 * Reads a rule as {@link #parse} does, without {@code WKST}: the subset of the JSON
	 * API (contract v3) leaves it out, while calendar apps send it.
	 * @param value an {@code RRULE} value
	 * @return the rule
	 * @throws RuleRefusedException as {@link #parse} does, and naming {@code WKST} when
	 * it is given
	 */
	public static RecurrenceRule parseWithoutWeekStart(@Nullable String value) {
		RecurrenceRule rule = parse(value);
		if (parts(Objects.requireNonNull(value).strip()).containsKey("WKST")) {
			throw new RuleRefusedException("WKST", "WKST is not supported");
		}
		return rule;
	}

	/** Part of what was sent, short and printable, to name it in a message. */
	private static String quoted(String text) {
		String shown = (text.length() > 20) ? text.substring(0, 20) + "..." : text;
		return "\"" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
	}

	private static Frequency frequency(String value) {
		try {
			return Frequency.valueOf(value);
		}
		catch (IllegalArgumentException ex) {
			throw new RuleRefusedException("FREQ", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
		}
	}

	private static int whole(String name, String value, int min, int max, String message) {
		if (!value.matches("\\d{1,9}")) {
			throw new RuleRefusedException(name, message);
		}
		int number = Integer.parseInt(value);
		if (number < min || number > max) {
			throw new RuleRefusedException(name, message);
		}
		return number;
	}

	/**
	 * A list of numbers from 1 to max, or -max to -1 as well when negatives are allowed.
	 */
	private static List<Integer> numbers(Map<String, String> parts, String name, int max, boolean negative,
			String message) {
		String value = parts.get(name);
		if (value == null) {
			return List.of();
		}
		TreeSet<Integer> numbers = new TreeSet<>();
		for (String item : value.split(",", -1)) {
			if (!NUMBER.matcher(item).matches()) {
				throw new RuleRefusedException(name, message);
			}
			int number = Integer.parseInt(item);
			if (number == 0 || Math.abs(number) > max || (number < 0 && !negative)) {
				throw new RuleRefusedException(name, message);
			}
			numbers.add(number);
		}
		return new ArrayList<>(numbers);
	}

	private static List<Weekday> days(@Nullable String value, Frequency frequency, boolean withMonthDays) {
		if (value == null) {
			return List.of();
		}
		if (frequency == Frequency.DAILY) {
			throw new RuleRefusedException("BYDAY", "BYDAY cannot be used with DAILY");
		}
		TreeSet<Weekday> days = new TreeSet<>(
				Comparator.comparing(Weekday::day).thenComparing(Weekday::ordinal, Comparator.naturalOrder()));
		for (String item : value.split(",", -1)) {
			Matcher matcher = WEEKDAY.matcher(item);
			if (!matcher.matches()) {
				throw new RuleRefusedException("BYDAY",
						"BYDAY must list days (" + DAYS + "), each with an optional number such as 3FR or -1SU");
			}
			int ordinal = (matcher.group(1) != null) ? Integer.parseInt(matcher.group(1)) : 0;
			if (matcher.group(1) != null) {
				if (frequency == Frequency.WEEKLY) {
					throw new RuleRefusedException("BYDAY", "BYDAY with WEEKLY takes days without a number");
				}
				if (withMonthDays) {
					throw new RuleRefusedException("BYDAY", "BYDAY with a number cannot be combined with BYMONTHDAY");
				}
				int max = (frequency == Frequency.MONTHLY) ? 5 : 53;
				if (ordinal == 0 || Math.abs(ordinal) > max) {
					throw new RuleRefusedException("BYDAY",
							"BYDAY numbers must be -" + max + "..-1 or 1.." + max + " with " + frequency);
				}
			}
			days.add(new Weekday(ordinal, day(matcher.group(2))));
		}
		return new ArrayList<>(days);
	}

	private static DayOfWeek weekStart(String value) {
		if (!value.matches("MO|TU|WE|TH|FR|SA|SU")) {
			throw new RuleRefusedException("WKST", "WKST must be " + DAYS);
		}
		return day(value);
	}

	static DayOfWeek day(String code) {
		for (DayOfWeek day : DayOfWeek.values()) {
			if (code(day).equals(code)) {
				return day;
			}
		}
		throw new IllegalArgumentException(code);
	}

	static String code(DayOfWeek day) {
		return day.name().substring(0, 2);
	}

}
