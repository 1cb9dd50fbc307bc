package org.tasktracker.caldav;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;

import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.jspecify.annotations.Nullable;

/**
 * The time zone timed dues are written in: the owner's, with a {@code TZID} and its
 * {@code VTIMEZONE} (ical4j's bundled definition), so that a client expands a recurring
 * task's occurrences across daylight-saving changes as the service does (at the same
 * wall-clock time); UTC for an owner in UTC, or in a zone ical4j has no definition of.
 *
 * @param owner the owner's zone, in which the service judges dates
 * @param definition its {@code VTIMEZONE}; null when timed values are written in UTC
 */
record CalendarZone(ZoneId owner, @Nullable VTimeZone definition) {

	static final CalendarZone UTC = new CalendarZone(ZoneOffset.UTC, null);

	/**
	 * ical4j's registry of the zones it bundles (its own tzdata, never fetched over the
	 * network unless {@code net.fortuna.ical4j.timezone.update.enabled} says so, and it
	 * does not).
	 */
	private static final TimeZoneRegistry REGISTRY = TimeZoneRegistryFactory.getInstance().createRegistry();

	static CalendarZone of(ZoneId owner) {
		if (owner.normalized() instanceof ZoneOffset) {
			// UTC, or a fixed offset: no daylight saving to follow; UTC says it as well.
			return UTC;
		}
		TimeZone known = REGISTRY.getTimeZone(owner.getId());
		if (known == null || known.getVTimeZone() == null) {
			return new CalendarZone(owner, null);
		}
		return new CalendarZone(owner, known.getVTimeZone());
	}

	/**
	 * An instant as a date-time with this zone's {@code TZID}, or in UTC, to the second.
	 */
	Temporal dateTime(Instant instant) {
		Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
		// ical4j writes a ZonedDateTime with a TZID (even Z), an Instant in UTC.
		return (this.definition != null) ? seconds.atZone(this.owner) : seconds;
	}

	/**
	 * The instant an iCalendar value stands for, as the service reads one: a date at its
	 * start and a floating date-time in the owner's zone.
	 */
	Instant instantOf(Temporal value) {
		if (value instanceof LocalDate date) {
			return date.atStartOfDay(this.owner).toInstant();
		}
		if (value instanceof LocalDateTime floating) {
			return floating.atZone(this.owner).toInstant();
		}
		return Instant.from(value);
	}

}
