package org.tasktracker.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.jsonFormatVisitors.JsonValueFormat;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a task's timestamps as the contract has them: UTC with microseconds and a
 * {@code Z} suffix, {@code 2026-11-26T15:04:05.123456Z}, the precision PostgreSQL keeps.
 * <p>
 * Digit by digit rather than through {@link #FORMAT}, which showed in profiles of
 * listings (three timestamps a task; {@code docs/performance.md}). Years outside 1-9999
 * still go through it.
 */
public final class TimestampSerializer extends StdSerializer<Instant> {

	/** The format itself; {@link #serialize} writes the same text. */
	static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final int LENGTH = "2026-11-26T15:04:05.123456Z".length();

	TimestampSerializer() {
		super(Instant.class);
	}

	/** Writes every {@link Instant} of the API this way. */
	public static JacksonModule module() {
		return new SimpleModule("tasktracker-timestamps").addSerializer(Instant.class, new TimestampSerializer());
	}

	@Override
	public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
		writeTo(generator, value);
	}

	/**
	 * Writes one timestamp as {@link #serialize} does, for writers that skip the lookup.
	 */
	public static void writeTo(JsonGenerator generator, Instant value) {
		char[] text = new char[LENGTH];
		if (write(value, text)) {
			generator.writeString(text, 0, LENGTH);
		}
		else {
			generator.writeString(FORMAT.format(value));
		}
	}

	@Override
	public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType type) {
		visitStringFormat(visitor, type, JsonValueFormat.DATE_TIME);
	}

	/**
	 * @return false, leaving {@code text} unfinished, when the year has other than four
	 * digits
	 */
	private static boolean write(Instant value, char[] text) {
		LocalDateTime time = LocalDateTime.ofEpochSecond(value.getEpochSecond(), 0, ZoneOffset.UTC);
		int year = time.getYear();
		if (year < 1 || year > 9999) {
			return false;
		}
		digits(text, 0, year, 4);
		text[4] = '-';
		digits(text, 5, time.getMonthValue(), 2);
		text[7] = '-';
		digits(text, 8, time.getDayOfMonth(), 2);
		text[10] = 'T';
		digits(text, 11, time.getHour(), 2);
		text[13] = ':';
		digits(text, 14, time.getMinute(), 2);
		text[16] = ':';
		digits(text, 17, time.getSecond(), 2);
		text[19] = '.';
		digits(text, 20, value.getNano() / 1000, 6);
		text[26] = 'Z';
		return true;
	}

	/** Writes {@code value} as exactly {@code count} decimal digits, zero-padded. */
	private static void digits(char[] text, int offset, int value, int count) {
		int rest = value;
		for (int i = offset + count - 1; i >= offset; i--) {
			text[i] = (char) ('0' + rest % 10);
			rest /= 10;
		}
	}

}
