package org.tasktracker.caldav;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import org.jspecify.annotations.Nullable;

/**
 * Date-times in properties the service keeps without modelling them ({@code DTSTART},
 * {@code EXDATE}, {@code RDATE}), held so that the calendar they are sent back in stays
 * valid: RFC 5545 (3.2.19) wants a {@code VTIMEZONE} for every {@code TZID}, and the
 * service sends only the owner zone's. A value in a named zone is kept in the owner's
 * zone (so that a client expands a rule from it across daylight-saving changes as from
 * the due), or in UTC when the owner's zone is written in UTC; one kept in a zone the
 * owner has since left is moved to the new one when written.
 */
final class KeptDates {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private KeptDates() {
	}

	/** A property a client sent, as the content line to keep (ending in CRLF). */
	static String read(Property property, CalendarZone zone) {
		if (property.getParameter(Parameter.TZID).isEmpty()) {
			return property.toString();
		}
		List<? extends Temporal> values = switch (property) {
			case DateProperty<?> date -> List.of(date.getDate());
			case DateListProperty<?> dates -> dates.getDates();
			default -> List.of();
		};
		if (values.isEmpty() || !values.stream().allMatch((value) -> value.isSupported(ChronoField.INSTANT_SECONDS))) {
			// Not a date-time property (an X- one), or dates: as it came.
			return property.toString();
		}
		List<String> parameters = new ArrayList<>();
		for (Parameter parameter : property.getParameters()) {
			if (!parameter.getName().equalsIgnoreCase(Parameter.TZID)) {
				parameters.add(parameter.toString());
			}
		}
		return line(property.getName(), parameters, values.stream().map(Instant::from).toList(), zone);
	}

	/**
	 * A kept line as it is sent: as it is, unless its values are in a named zone that is
	 * not the one the calendar is written in.
	 */
	static String written(String line, CalendarZone zone) {
		Line kept = Line.of(line);
		if (kept == null || kept.zoneId() == null || kept.zoneId().equals(writtenZone(zone))) {
			return line;
		}
		List<Instant> instants = new ArrayList<>();
		for (Temporal value : kept.values()) {
			if (!value.isSupported(ChronoField.INSTANT_SECONDS)) {
				return line;
			}
			instants.add(Instant.from(value));
		}
		return (instants.isEmpty()) ? line : line(kept.name(), kept.parameters(), instants, zone);
	}

	/**
	 * The first value of a kept line: a date, a floating date-time, or an instant; null
	 * when it holds none this service can read.
	 */
	static @Nullable Temporal first(String line) {
		Line kept = Line.of(line);
		List<Temporal> values = (kept != null) ? kept.values() : List.of();
		return values.isEmpty() ? null : values.get(0);
	}

	private static @Nullable String writtenZone(CalendarZone zone) {
		return (zone.definition() != null) ? zone.owner().getId() : null;
	}

	private static String line(String name, List<String> parameters, List<Instant> values, CalendarZone zone) {
		String zoneId = writtenZone(zone);
		StringBuilder line = new StringBuilder(name);
		parameters.forEach((parameter) -> line.append(';').append(parameter));
		if (zoneId != null) {
			line.append(";TZID=").append(zoneId);
		}
		line.append(':');
		for (int i = 0; i < values.size(); i++) {
			line.append((i == 0) ? "" : ",")
				.append((zoneId != null) ? LOCAL.format(values.get(i).atZone(zone.owner()))
						: UTC.format(values.get(i)));
		}
		return line.append("\r\n").toString();
	}

	/**
	 * A content line taken apart: its name, its parameters but {@code TZID}, the zone
	 * that names, and its values.
	 */
	private record Line(String name, List<String> parameters, @Nullable String zoneId, List<String> texts) {

		static @Nullable Line of(String line) {
			String text = line.strip();
			int colon = -1;
			List<Integer> semicolons = new ArrayList<>();
			boolean quoted = false;
			for (int i = 0; i < text.length() && colon < 0; i++) {
				char c = text.charAt(i);
				if (c == '"') {
					quoted = !quoted;
				}
				else if (!quoted && c == ';') {
					semicolons.add(i);
				}
				else if (!quoted && c == ':') {
					colon = i;
				}
			}
			if (colon < 0) {
				return null;
			}
			semicolons.add(colon);
			String name = text.substring(0, semicolons.get(0));
			List<String> parameters = new ArrayList<>();
			String zoneId = null;
			for (int i = 0; i + 1 < semicolons.size(); i++) {
				String parameter = text.substring(semicolons.get(i) + 1, semicolons.get(i + 1));
				if (parameter.toUpperCase(Locale.ROOT).startsWith("TZID=")) {
					zoneId = parameter.substring(5);
				}
				else {
					parameters.add(parameter);
				}
			}
			return new Line(name, parameters, zoneId, List.of(text.substring(colon + 1).split(",", -1)));
		}

		/** Its values; empty when one cannot be read. */
		List<Temporal> values() {
			List<Temporal> values = new ArrayList<>();
			try {
				ZoneId named = (this.zoneId != null) ? ZoneId.of(this.zoneId) : null;
				for (String text : this.texts) {
					if (text.length() == 8) {
						values.add(LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE));
					}
					else if (text.endsWith("Z") || text.endsWith("z")) {
						values.add(Instant.from(UTC.parse(text.toUpperCase(Locale.ROOT))));
					}
					else {
						LocalDateTime local = LocalDateTime.parse(text.toUpperCase(Locale.ROOT), LOCAL);
						values.add((named != null) ? local.atZone(named).toInstant() : local);
					}
				}
			}
			catch (DateTimeException ex) {
				return List.of();
			}
			return values;
		}

	}

}
