package org.tasktracker.caldav;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Locale;

import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * One {@code VCALENDAR} written a component at a time, so that a calendar of any size
 * never stands whole in memory (ical4j's {@code CalendarOutputter} writes a whole
 * {@code Calendar}): each component is made, written with its lines folded at 75 octets
 * ({@link LineFolding}), and dropped. UTF-8, lines ending in CRLF.
 */
final class ICalendarWriter implements Closeable {

	static final String PRODUCT = "-//TaskTracker//TaskTracker//EN";

	private final Writer out;

	private final CalendarZone zone;

	/**
	 * Writes the calendar's start, and the owner zone's {@code VTIMEZONE} when timed
	 * values carry its {@code TZID}.
	 */
	ICalendarWriter(OutputStream out, CalendarZone zone) throws IOException {
		this.zone = zone;
		this.out = new LineFolding(new OutputStreamWriter(out, StandardCharsets.UTF_8));
		this.out.write("BEGIN:VCALENDAR\r\n");
		this.out.write(ImmutableVersion.VERSION_2_0.toString());
		this.out.write(new ProdId(PRODUCT).toString());
		this.out.write(ImmutableCalScale.GREGORIAN.toString());
		if (zone.definition() != null) {
			write(zone.definition());
		}
	}

	void write(CalendarComponent component) throws IOException {
		this.out.write(component.toString());
	}

	/**
	 * Writes a component with {@code extra} (unfolded content lines, each ending in CRLF)
	 * before its end: what a client wrote into it that the service does not model.
	 */
	void write(CalendarComponent component, String extra) throws IOException {
		if (extra.isEmpty()) {
			write(component);
			return;
		}
		String kept = kept(extra, component);
		String text = component.toString();
		int end = text.lastIndexOf("END:" + component.getName());
		this.out.write(text, 0, end);
		this.out.write(kept);
		this.out.write(text, end, text.length() - end);
	}

	/**
	 * The kept lines but those the task's own properties now contradict, with their
	 * date-times in the zone the calendar is written in ({@link KeptDates}). A kept
	 * {@code RRULE} (one outside the subset, kept as the client wrote it while the task
	 * did not recur) gives way once the task recurs by a rule of the service's, so that
	 * no task is written with two. A kept {@code DTSTART} gives way once the due is moved
	 * before it (through the API; a PUT cannot), as RFC 5545 (3.8.2.3) wants a due at or
	 * after the start.
	 */
	private String kept(String extra, CalendarComponent component) {
		boolean recurs = component.getProperty("RRULE").isPresent();
		Temporal due = component.getProperty("DUE")
			.map((property) -> ((DateProperty<?>) property).getDate())
			.orElse(null);
		StringBuilder kept = new StringBuilder(extra.length());
		for (String line : extra.split("(?<=\r\n)")) {
			String upper = line.toUpperCase(Locale.ROOT);
			boolean contradicted = (recurs && (upper.startsWith("RRULE:") || upper.startsWith("RRULE;")))
					|| (due != null && (upper.startsWith("DTSTART:") || upper.startsWith("DTSTART;"))
							&& startsAfter(line, due));
			if (!contradicted) {
				kept.append(upper.contains(";TZID=") ? KeptDates.written(line, this.zone) : line);
			}
		}
		return kept.toString();
	}

	private boolean startsAfter(String line, Temporal due) {
		Temporal start = KeptDates.first(line);
		if (start == null) {
			return false;
		}
		if (due instanceof LocalDate dueDate) {
			return LocalDate.ofInstant(this.zone.instantOf(start), this.zone.owner()).isAfter(dueDate);
		}
		return this.zone.instantOf(start).isAfter(this.zone.instantOf(due));
	}

	/** Ends the calendar and flushes it, without closing the stream under it. */
	void finish() throws IOException {
		this.out.write("END:VCALENDAR\r\n");
		this.out.flush();
	}

	@Override
	public void close() throws IOException {
		this.out.close();
	}

}
