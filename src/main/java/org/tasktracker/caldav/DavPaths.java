package org.tasktracker.caldav;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriUtils;

/**
 * The CalDAV server's paths ({@code docs/design/caldav.md}, "Paths"), parsed from a
 * request's raw path and written into {@code href}s:
 * <ul>
 * <li>{@code /dav/}: the root, where discovery starts ({@code /.well-known/caldav} leads
 * here);</li>
 * <li>{@code /dav/principals/<username>/}: the user's principal;</li>
 * <li>{@code /dav/calendars/<username>/}: the calendar home;</li>
 * <li>{@code /dav/calendars/<username>/inbox/}: the Inbox, the tasks of no project;</li>
 * <li>{@code /dav/calendars/<username>/<project-id>/}: one per project not archived;</li>
 * <li>{@code .../<name>} in a calendar: a task, under the name a client gave it
 * ({@link DavResources}), else named by its derived UID ({@link TaskUids}).</li>
 * </ul>
 * A project is named by its id, not its name: names change with a rename, and a
 * calendar's address must not. A project a client made with {@code MKCALENDAR} answers
 * under the name it made it at instead ({@link DavCalendars.Caller#resolve}).
 */
final class DavPaths {

	static final String ROOT = "/dav/";

	static final String INBOX = "inbox";

	private static final Pattern RESOURCE = Pattern.compile("task-([0-9]{1,18})@tasktracker\\.ics");

	private static final Pattern PROJECT = Pattern.compile("[1-9][0-9]{0,17}");

	private DavPaths() {
	}

	/**
	 * What a path names; {@link Unknown} for anything not of these shapes (answered 404).
	 * @param path the request's path after the context path, still percent-encoded
	 */
	static Target parse(String path) {
		if (!path.equals("/dav") && !path.startsWith(ROOT)) {
			return new Unknown();
		}
		List<String> segments = new ArrayList<>();
		for (String raw : path.substring("/dav".length()).split("/", -1)) {
			if (raw.isEmpty()) {
				continue;
			}
			try {
				segments.add(UriUtils.decode(raw, StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				return new Unknown();
			}
		}
		if (path.contains("//")) {
			return new Unknown();
		}
		return switch (segments.size()) {
			case 0 -> new Root();
			case 2 -> switch (segments.get(0)) {
				case "principals" -> new Principal(segments.get(1));
				case "calendars" -> new Home(segments.get(1));
				default -> new Unknown();
			};
			case 3 -> segments.get(0).equals("calendars") ? calendar(segments.get(1), segments.get(2)) : new Unknown();
			case 4 -> {
				if (!segments.get(0).equals("calendars") || path.endsWith("/")) {
					yield new Unknown();
				}
				Target calendar = calendar(segments.get(1), segments.get(2));
				yield (calendar instanceof Calendar in) ? new Resource(in, segments.get(3)) : new Unknown();
			}
			default -> new Unknown();
		};
	}

	private static Target calendar(String user, String segment) {
		if (segment.equals(INBOX)) {
			return new Calendar(user, null);
		}
		if (PROJECT.matcher(segment).matches()) {
			return new Calendar(user, Long.parseLong(segment));
		}
		return new Unknown();
	}

	/** The task a resource name names, if it has the shape of a task's name. */
	static OptionalLong taskId(String name) {
		Matcher matcher = RESOURCE.matcher(name);
		return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
	}

	static String principal(String user) {
		return "/dav/principals/" + segment(user) + "/";
	}

	static String home(String user) {
		return "/dav/calendars/" + segment(user) + "/";
	}

	static String calendar(String user, @Nullable Long projectId) {
		return home(user) + ((projectId != null) ? projectId.toString() : INBOX) + "/";
	}

	static String resource(String user, @Nullable Long projectId, long taskId) {
		return resource(user, projectId, derivedName(taskId));
	}

	/** A resource under the name a client gave it. */
	static String resource(String user, @Nullable Long projectId, String name) {
		return calendar(user, projectId) + segment(name);
	}

	/** The name of a task's resource until a client names it: its derived UID. */
	static String derivedName(long taskId) {
		return TaskUids.of(taskId) + ".ics";
	}

	/**
	 * Whether a client may name a resource so: a file name of at most 255 characters,
	 * with no path in it (no {@code /}, {@code \}, {@code ..} or leading dot) and no
	 * control characters.
	 */
	static boolean isResourceName(String name) {
		if (name.isEmpty() || name.length() > 255 || name.startsWith(".") || name.contains("..") || name.contains("/")
				|| name.contains("\\")) {
			return false;
		}
		return name.chars().noneMatch((c) -> c < 0x20 || c == 0x7F);
	}

	static String segment(String text) {
		return UriUtils.encodePathSegment(text, StandardCharsets.UTF_8);
	}

	/** What a DAV path names. */
	sealed interface Target permits Root, Principal, Home, Calendar, Resource, Unknown {

	}

	record Root() implements Target {
	}

	record Principal(String user) implements Target {
	}

	record Home(String user) implements Target {
	}

	/**
	 * @param projectId null for the Inbox
	 */
	record Calendar(String user, @Nullable Long projectId) implements Target {
	}

	record Resource(Calendar calendar, String name) implements Target {
	}

	record Unknown() implements Target {
	}

}
