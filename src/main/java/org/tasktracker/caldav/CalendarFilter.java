package org.tasktracker.caldav;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VToDo;
import net.fortuna.ical4j.model.property.DateProperty;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

import org.springframework.http.HttpStatus;

/**
 * A {@code calendar-query}'s {@code CALDAV:filter} (RFC 4791, 9.7), tested against each
 * task's {@code VTODO} as {@link VTodos} writes it: {@code comp-filter}s,
 * {@code prop-filter}s and {@code param-filter}s with {@code is-not-defined},
 * {@code text-match} (substring, {@code i;ascii-casemap} or {@code i;octet}, with
 * {@code negate-condition}) and {@code time-range} on date properties ({@code DUE},
 * {@code COMPLETED}, ...) and on the {@code VTODO} itself (RFC 4791, 9.9). A date without
 * a time, or a time without a zone, is read in the owner's zone, as the service reads
 * them. What it cannot test (a time-range on an alarm, a prop-filter on the calendar
 * itself) is refused with {@code CALDAV:supported-filter} rather than answered wrongly.
 */
final class CalendarFilter {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
		.withZone(java.time.ZoneOffset.UTC);

	private final @Nullable CompFilter todo;

	private final boolean matchesNothing;

	private final ZoneId zone;

	private CalendarFilter(@Nullable CompFilter todo, boolean matchesNothing, ZoneId zone) {
		this.todo = todo;
		this.matchesNothing = matchesNothing;
		this.zone = zone;
	}

	/**
	 * @param filter the {@code CALDAV:filter} element; RFC 4791 requires one
	 * @throws DavPreconditionException {@code valid-filter} or {@code supported-filter}
	 */
	static CalendarFilter parse(@Nullable Element filter, ZoneId zone) {
		if (filter == null) {
			throw DavPreconditionException.validFilter("A calendar-query needs a filter");
		}
		List<Element> top = DavXml.children(filter);
		if (top.size() != 1 || !DavXml.is(top.get(0), DavXml.CALDAV, "comp-filter")
				|| !"VCALENDAR".equals(top.get(0).getAttribute("name"))) {
			throw DavPreconditionException.validFilter("The filter must hold one comp-filter named VCALENDAR");
		}
		CompFilter calendar = comp(top.get(0));
		if (calendar.isNotDefined) {
			return new CalendarFilter(null, true, zone);
		}
		if (calendar.range != null || !calendar.props.isEmpty()) {
			throw DavPreconditionException.supportedFilter("Only components of VCALENDAR can be filtered");
		}
		CompFilter todo = null;
		boolean nothing = false;
		for (CompFilter component : calendar.comps) {
			if (component.name.equals("VTODO")) {
				if (component.isNotDefined) {
					nothing = true;
				}
				else {
					todo = component;
				}
			}
			else if (!component.isNotDefined) {
				// Every calendar here holds tasks only: nothing has a VEVENT, say.
				nothing = true;
			}
		}
		return new CalendarFilter(todo, nothing, zone);
	}

	/** Whether a {@code prop-filter} or a nested {@code comp-filter} tests the task. */
	boolean testsProperties() {
		return this.todo != null && (!this.todo.props.isEmpty() || !this.todo.comps.isEmpty());
	}

	boolean matches(VToDo task) {
		if (this.matchesNothing) {
			return false;
		}
		return this.todo == null || matchesComponent(this.todo, task);
	}

	private boolean matchesComponent(CompFilter filter, Component component) {
		if (filter.range != null && !overlaps(filter.range, component)) {
			return false;
		}
		for (PropFilter prop : filter.props) {
			if (!matchesProperty(prop, component)) {
				return false;
			}
		}
		for (CompFilter nested : filter.comps) {
			List<Component> found = (component instanceof VToDo todo) ? todo.getComponents(nested.name) : List.of();
			boolean any = found.stream().anyMatch((sub) -> matchesComponent(nested, sub));
			if (nested.isNotDefined ? !found.isEmpty() : !any) {
				return false;
			}
		}
		return true;
	}

	private boolean matchesProperty(PropFilter filter, Component component) {
		List<Property> found = component.getProperties(filter.name);
		if (filter.isNotDefined) {
			return found.isEmpty();
		}
		return found.stream().anyMatch((property) -> matchesOne(filter, property));
	}

	private boolean matchesOne(PropFilter filter, Property property) {
		if (filter.range != null) {
			Instant value = instant(property);
			if (value == null || !filter.range.contains(value)) {
				return false;
			}
		}
		if (filter.text != null && !filter.text.matches(property.getValue())) {
			return false;
		}
		for (ParamFilter param : filter.params) {
			java.util.Optional<Parameter> parameter = property.getParameter(param.name);
			if (param.isNotDefined ? parameter.isPresent()
					: parameter.isEmpty() || (param.text != null && !param.text.matches(parameter.get().getValue()))) {
				return false;
			}
		}
		return true;
	}

	/** RFC 4791, 9.9, for a VTODO: by its DTSTART, DUE, COMPLETED and CREATED. */
	private boolean overlaps(TimeRange range, Component component) {
		if (!(component instanceof VToDo)) {
			throw DavPreconditionException.supportedFilter("A time-range is taken on VTODO and its properties only");
		}
		Instant start = (range.start != null) ? range.start : Instant.MIN;
		Instant end = (range.end != null) ? range.end : Instant.MAX;
		Instant dtStart = first(component, "DTSTART");
		Instant due = first(component, "DUE");
		Instant completed = first(component, "COMPLETED");
		Instant created = first(component, "CREATED");
		if (dtStart != null && due != null) {
			return (start.isBefore(due) || !start.isAfter(dtStart)) && (end.isAfter(dtStart) || !end.isBefore(due));
		}
		if (dtStart != null) {
			return !start.isAfter(dtStart) && end.isAfter(dtStart);
		}
		if (due != null) {
			return !start.isAfter(due) && !end.isBefore(due);
		}
		if (completed != null && created != null) {
			return (!start.isAfter(created) || !start.isAfter(completed))
					&& (!end.isBefore(created) || !end.isBefore(completed));
		}
		if (completed != null) {
			return !start.isAfter(completed) && !end.isBefore(completed);
		}
		if (created != null) {
			return end.isAfter(created);
		}
		return true;
	}

	private @Nullable Instant first(Component component, String name) {
		return component.getProperty(name).map(this::instant).orElse(null);
	}

	private @Nullable Instant instant(Property property) {
		if (!(property instanceof DateProperty<?> date) || date.getDate() == null) {
			return null;
		}
		Temporal value = date.getDate();
		return switch (value) {
			case Instant instant -> instant;
			case ZonedDateTime zoned -> zoned.toInstant();
			case OffsetDateTime offset -> offset.toInstant();
			case LocalDateTime local -> local.atZone(this.zone).toInstant();
			case LocalDate day -> day.atStartOfDay(this.zone).toInstant();
			default -> null;
		};
	}

	private static CompFilter comp(Element element) {
		String name = name(element);
		boolean isNotDefined = false;
		TimeRange range = null;
		List<PropFilter> props = new ArrayList<>();
		List<CompFilter> comps = new ArrayList<>();
		for (Element child : DavXml.children(element)) {
			if (DavXml.is(child, DavXml.CALDAV, "is-not-defined")) {
				isNotDefined = true;
			}
			else if (DavXml.is(child, DavXml.CALDAV, "time-range")) {
				range = range(child);
			}
			else if (DavXml.is(child, DavXml.CALDAV, "prop-filter")) {
				props.add(prop(child));
			}
			else if (DavXml.is(child, DavXml.CALDAV, "comp-filter")) {
				comps.add(comp(child));
			}
			else {
				throw DavPreconditionException.validFilter("Unexpected element in a comp-filter");
			}
		}
		// Refused as it is read, not as tasks are matched: whether a calendar holds an
		// alarm must not decide between an answer and a refusal.
		if (range != null && !name.equalsIgnoreCase("VTODO") && !name.equalsIgnoreCase("VCALENDAR")) {
			throw DavPreconditionException.supportedFilter("A time-range is taken on VTODO and its properties only");
		}
		return new CompFilter(name, isNotDefined, range, props, comps);
	}

	private static PropFilter prop(Element element) {
		String name = name(element);
		boolean isNotDefined = false;
		TimeRange range = null;
		TextMatch text = null;
		List<ParamFilter> params = new ArrayList<>();
		for (Element child : DavXml.children(element)) {
			if (DavXml.is(child, DavXml.CALDAV, "is-not-defined")) {
				isNotDefined = true;
			}
			else if (DavXml.is(child, DavXml.CALDAV, "time-range")) {
				range = range(child);
			}
			else if (DavXml.is(child, DavXml.CALDAV, "text-match")) {
				text = text(child);
			}
			else if (DavXml.is(child, DavXml.CALDAV, "param-filter")) {
				params.add(param(child));
			}
			else {
				throw DavPreconditionException.validFilter("Unexpected element in a prop-filter");
			}
		}
		return new PropFilter(name, isNotDefined, range, text, params);
	}

	private static ParamFilter param(Element element) {
		String name = name(element);
		boolean isNotDefined = false;
		TextMatch text = null;
		for (Element child : DavXml.children(element)) {
			if (DavXml.is(child, DavXml.CALDAV, "is-not-defined")) {
				isNotDefined = true;
			}
			else if (DavXml.is(child, DavXml.CALDAV, "text-match")) {
				text = text(child);
			}
			else {
				throw DavPreconditionException.validFilter("Unexpected element in a param-filter");
			}
		}
		return new ParamFilter(name, isNotDefined, text);
	}

	private static String name(Element element) {
		String name = element.getAttribute("name");
		if (name.isBlank()) {
			throw DavPreconditionException.validFilter("A filter without a name");
		}
		return name.toUpperCase(Locale.ROOT);
	}

	private static TextMatch text(Element element) {
		String collation = element.hasAttribute("collation") ? element.getAttribute("collation") : "i;ascii-casemap";
		if (!collation.equals("i;ascii-casemap") && !collation.equals("i;octet")) {
			throw new DavPreconditionException(HttpStatus.FORBIDDEN, DavXml.CALDAV, "supported-collation",
					"Collations taken: i;ascii-casemap, i;octet");
		}
		return new TextMatch(element.getTextContent(), "yes".equals(element.getAttribute("negate-condition")),
				collation.equals("i;ascii-casemap"));
	}

	private static TimeRange range(Element element) {
		Instant start = time(element, "start");
		Instant end = time(element, "end");
		if (start == null && end == null) {
			throw DavPreconditionException.validFilter("A time-range needs a start or an end");
		}
		return new TimeRange(start, end);
	}

	private static @Nullable Instant time(Element element, String attribute) {
		if (!element.hasAttribute(attribute)) {
			return null;
		}
		try {
			return Instant.from(UTC.parse(element.getAttribute(attribute)));
		}
		catch (DateTimeParseException ex) {
			throw DavPreconditionException
				.validFilter("A time-range's " + attribute + " must be a UTC date-time such as 20261224T000000Z");
		}
	}

	private record CompFilter(String name, boolean isNotDefined, @Nullable TimeRange range, List<PropFilter> props,
			List<CompFilter> comps) {
	}

	private record PropFilter(String name, boolean isNotDefined, @Nullable TimeRange range, @Nullable TextMatch text,
			List<ParamFilter> params) {
	}

	private record ParamFilter(String name, boolean isNotDefined, @Nullable TextMatch text) {
	}

	private record TextMatch(String text, boolean negate, boolean caseless) {

		boolean matches(@Nullable String value) {
			String in = (value != null) ? value : "";
			boolean found = this.caseless ? asciiLower(in).contains(asciiLower(this.text)) : in.contains(this.text);
			return found != this.negate;
		}

		/** i;ascii-casemap folds A-Z only (RFC 4790). */
		private static String asciiLower(String text) {
			StringBuilder folded = new StringBuilder(text.length());
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				folded.append((c >= 'A' && c <= 'Z') ? (char) (c + 32) : c);
			}
			return folded.toString();
		}

	}

	/** [start, end) as RFC 4791 reads it; either may be open. */
	private record TimeRange(@Nullable Instant start, @Nullable Instant end) {

		boolean contains(Instant value) {
			return (this.start == null || !value.isBefore(this.start))
					&& (this.end == null || value.isBefore(this.end));
		}

	}

}
