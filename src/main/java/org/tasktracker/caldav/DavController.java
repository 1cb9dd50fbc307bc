package org.tasktracker.caldav;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.fortuna.ical4j.model.component.VToDo;
import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;
import org.tasktracker.task.published.ChangeFeed;
import org.tasktracker.task.published.TaskView;
import org.tasktracker.web.ProblemWriter;
import org.tasktracker.web.SpooledBody;
import org.w3c.dom.Element;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The CalDAV server's HTTP edge (contract v3, part E): {@code OPTIONS}, {@code PROPFIND}
 * (Depth 0 and 1), {@code GET} and {@code HEAD} of a task, the reports
 * {@code calendar-query}, {@code calendar-multiget} and {@code sync-collection}; and the
 * writes, {@code PUT} and {@code DELETE} of a task ({@link DavWrites}),
 * {@code MKCALENDAR}, {@code PROPPATCH} and {@code DELETE} of a calendar
 * ({@link DavCollections}), which Spring Security lets through only with
 * {@code tasks:write}. Other methods are 405. Another user's paths are 404, as in the
 * API. Request bodies are read with {@link DavXml}; a body that is not XML is a 400
 * problem, a refused precondition a {@code DAV:error}.
 * <p>
 * Every multistatus is written into a {@link SpooledBody} first, so that the database's
 * reads are over before a slow client is waited on, and a failure midway is still a clean
 * error response. Outside the OpenAPI document, like the web UI: it is not JSON.
 */
@Hidden
@Controller
class DavController {

	static final String DAV_CLASSES = "1, 3, calendar-access";

	/** The authority of a token that may change tasks. */
	private static final String WRITE_SCOPE = "SCOPE_tasks:write";

	static final String ALLOW = "OPTIONS, GET, HEAD, PROPFIND, REPORT, PUT, DELETE, MKCALENDAR, PROPPATCH";

	/** The namespace of the words a {@code DAV:error} adds for a human. */
	private static final String DETAIL_NAMESPACE = "urn:x-tasktracker:dav";

	private static final String MULTISTATUS_TYPE = "application/xml; charset=utf-8";

	/** Past this many bytes, a multistatus being written moves to a temporary file. */
	private static final int MEMORY_LIMIT = 256 * 1024;

	/** Changes read from the feed per page of a sync-collection report. */
	private static final int FEED_PAGE = 500;

	/** Tasks read by id per statement of a multiget. */
	private static final int MULTIGET_BATCH = 500;

	private final DavCalendars calendars;

	private final DavWrites writes;

	private final DavCollections collections;

	private final ProblemWriter problems;

	DavController(DavCalendars calendars, DavWrites writes, DavCollections collections, ProblemWriter problems) {
		this.calendars = calendars;
		this.writes = writes;
		this.collections = collections;
		this.problems = problems;
	}

	@RequestMapping(path = { "/dav", "/dav/**" }, method = RequestMethod.OPTIONS)
	void options(HttpServletResponse response) {
		response.setHeader("DAV", DAV_CLASSES);
		response.setHeader(HttpHeaders.ALLOW, ALLOW);
		response.setStatus(HttpStatus.OK.value());
	}

	@RequestMapping(path = { "/dav", "/dav/**" })
	void dav(@AuthenticationPrincipal Account account, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		response.setHeader("DAV", DAV_CLASSES);
		try {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			boolean writes = authentication != null && authentication.getAuthorities()
				.stream()
				.anyMatch((authority) -> WRITE_SCOPE.equals(authority.getAuthority()));
			DavCalendars.Caller caller = this.calendars.caller(account, writes);
			String path = caller.resolve(request.getRequestURI().substring(request.getContextPath().length()));
			DavPaths.Target target = DavPaths.parse(path);
			switch (request.getMethod()) {
				case "PROPFIND" -> propfind(caller, target, request, response);
				case "REPORT" -> report(caller, target, request, response);
				case "GET", "HEAD" -> get(caller, target, request, response);
				case "PUT" -> put(caller, target, request, response);
				case "DELETE" -> delete(caller, target, request, response);
				case "MKCALENDAR" ->
					this.collections.mkcalendar(caller, path, DavXml.parse(request.getInputStream()), response);
				case "PROPPATCH" -> {
					owned(caller, target);
					calendarPreconditions(target, request);
					Element body = DavXml.parse(request.getInputStream());
					this.collections.proppatch(caller, target, body,
							(href, statuses) -> multistatus(response, (out) -> out.statuses(href, statuses)));
				}
				default -> {
					owned(caller, target);
					response.setHeader(HttpHeaders.ALLOW, ALLOW);
					throw new DavProblem(HttpStatus.METHOD_NOT_ALLOWED,
							"Not a method of this server; it takes " + ALLOW);
				}
			}
		}
		catch (DavXml.MalformedXmlException ex) {
			this.problems.write(request, response, HttpStatus.BAD_REQUEST,
					"The body is not well-formed XML, has a DOCTYPE or nests too deep; each is refused");
		}
		catch (DavProblem ex) {
			this.problems.write(request, response, ex.status(), ex.getMessage());
		}
		catch (DavPreconditionException ex) {
			refused(response, ex);
		}
	}

	private void propfind(DavCalendars.Caller caller, DavPaths.Target target, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Element body = DavXml.parse(request.getInputStream());
		if (body != null && !DavXml.is(body, DavXml.DAV, "propfind")) {
			throw new DavProblem(HttpStatus.BAD_REQUEST, "The body of a PROPFIND is a DAV:propfind");
		}
		String depth = request.getHeader("Depth");
		// RFC 4918: no Depth is infinity, which this server does not do (9.1).
		if (depth == null || depth.trim().equalsIgnoreCase("infinity")) {
			throw new DavPreconditionException(HttpStatus.FORBIDDEN, DavXml.DAV, "propfind-finite-depth",
					"Depth: infinity is not supported; send Depth: 0 or 1");
		}
		boolean members = switch (depth.trim()) {
			case "0" -> false;
			case "1" -> true;
			default -> throw new DavProblem(HttpStatus.BAD_REQUEST, "Depth is 0, 1 or infinity");
		};
		PropertyRequest properties = PropertyRequest.of(body);
		owned(caller, target);
		multistatus(response, (out) -> {
			switch (target) {
				case DavPaths.Root root -> out.response(this.calendars.root(caller), properties);
				case DavPaths.Principal principal -> out.response(this.calendars.principal(caller), properties);
				case DavPaths.Home home -> {
					out.response(this.calendars.home(caller), properties);
					if (members) {
						for (DavCalendars.Calendar calendar : this.calendars.calendars(caller)) {
							out.response(this.calendars.calendar(caller, calendar), properties);
						}
					}
				}
				case DavPaths.Calendar path -> {
					DavCalendars.Calendar calendar = calendar(caller, path);
					out.response(this.calendars.calendar(caller, calendar), properties);
					if (members) {
						DavCalendars.Names names = this.calendars.names(caller);
						this.calendars.forEachTask(caller, calendar, names,
								(task) -> unchecked(() -> out.response(resource(caller, names, task), properties)));
					}
				}
				case DavPaths.Resource resource -> {
					DavCalendars.Names names = this.calendars.names(caller);
					out.response(resource(caller, names, task(caller, names, resource)), properties);
				}
				case DavPaths.Unknown unknown -> throw notFound();
			}
		});
	}

	private void report(DavCalendars.Caller caller, DavPaths.Target target, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Element body = DavXml.parse(request.getInputStream());
		if (body == null) {
			throw new DavProblem(HttpStatus.BAD_REQUEST, "A REPORT needs a body naming the report");
		}
		owned(caller, target);
		PropertyRequest properties = PropertyRequest.of(body);
		// Depth is not read: the reports here name tasks, which are the members of a
		// calendar, whatever Depth a client sends (part E says so of sync-collection).
		if (DavXml.is(body, DavXml.CALDAV, "calendar-query") && target instanceof DavPaths.Calendar path) {
			DavCalendars.Calendar calendar = calendar(caller, path);
			CalendarFilter filter = CalendarFilter.parse(DavXml.child(body, DavXml.CALDAV, "filter"),
					caller.zone().owner());
			DavCalendars.Names names = this.calendars.names(caller);
			multistatus(response,
					(out) -> this.calendars.forEachTask(caller, calendar, names, (task) -> unchecked(() -> {
						VToDo todo = DavCalendars.todo(caller, names, task);
						if (filter
							.matches(filter.testsProperties() ? DavCalendars.whole(caller, names, task, todo) : todo)) {
							out.response(this.calendars.resource(caller, names, task, todo), properties);
						}
					})));
		}
		else if (DavXml.is(body, DavXml.CALDAV, "calendar-multiget")
				&& (target instanceof DavPaths.Calendar || target instanceof DavPaths.Home)) {
			if (target instanceof DavPaths.Calendar path) {
				calendar(caller, path);
			}
			multiget(caller, body, properties, request, response);
		}
		else if (DavXml.is(body, DavXml.DAV, "sync-collection") && target instanceof DavPaths.Calendar path) {
			syncCollection(caller, calendar(caller, path), body, properties, response);
		}
		else {
			throw new DavPreconditionException(HttpStatus.FORBIDDEN, DavXml.DAV, "supported-report",
					"Reports taken: calendar-query and sync-collection on a calendar, calendar-multiget");
		}
	}

	/**
	 * RFC 4791, 7.9: each {@code href} a task of the caller's in the calendar it names,
	 * or a 404 response of its own.
	 */
	private void multiget(DavCalendars.Caller caller, Element body, PropertyRequest properties,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		Map<String, DavPaths.@Nullable Resource> hrefs = new LinkedHashMap<>();
		Map<DavPaths.Resource, Long> ids = new HashMap<>();
		DavCalendars.Names names = this.calendars.names(caller);
		Map<String, DavPaths.@Nullable Resource> named = new LinkedHashMap<>();
		for (Element element : DavXml.children(body)) {
			if (DavXml.is(element, DavXml.DAV, "href")) {
				String href = element.getTextContent().trim();
				named.put(href, resourceOf(caller, href, request.getContextPath()));
			}
		}
		Map<String, OptionalLong> taskIds = names
			.taskIds(named.values().stream().filter(java.util.Objects::nonNull).map(DavPaths.Resource::name).toList());
		named.forEach((href, resource) -> {
			OptionalLong id = (resource != null) ? taskIds.get(resource.name()) : OptionalLong.empty();
			if (id.isPresent()) {
				ids.put(resource, id.getAsLong());
			}
			hrefs.put(href, id.isPresent() ? resource : null);
		});
		if (hrefs.isEmpty()) {
			throw new DavProblem(HttpStatus.BAD_REQUEST, "A calendar-multiget names at least one DAV:href");
		}
		List<Long> distinct = ids.values().stream().distinct().toList();
		Map<Long, TaskView> found = new HashMap<>();
		for (int from = 0; from < distinct.size(); from += MULTIGET_BATCH) {
			this.calendars.tasks(caller, distinct.subList(from, Math.min(distinct.size(), from + MULTIGET_BATCH)))
				.forEach((task) -> found.put(task.id(), task));
		}
		// The request names these tasks: their rows (and their parents') are read at
		// once.
		names.load(found.values());
		List<DavCalendars.Calendar> calendars = this.calendars.calendars(caller);
		multistatus(response, (out) -> {
			for (Map.Entry<String, DavPaths.@Nullable Resource> href : hrefs.entrySet()) {
				DavPaths.Resource resource = href.getValue();
				TaskView task = (resource != null) ? found.get(ids.get(resource)) : null;
				// The task must be in the calendar the href names, and that calendar
				// shown.
				if (task != null && java.util.Objects.equals(resource.calendar().projectId(), task.projectId())
						&& calendars.stream().anyMatch((calendar) -> calendar.holds(task))) {
					out.response(resource(caller, names, task), properties);
				}
				else {
					out.missing(href.getKey());
				}
			}
		});
	}

	/**
	 * The resource an {@code href} (a path, or a whole URL) names, if it is one of the
	 * caller's; null otherwise.
	 */
	private static DavPaths.@Nullable Resource resourceOf(DavCalendars.Caller caller, String href, String context) {
		String path;
		try {
			path = new URI(href).getRawPath();
		}
		catch (URISyntaxException ex) {
			return null;
		}
		if (path == null || !path.startsWith(context)) {
			return null;
		}
		if (DavPaths.parse(caller.resolve(path.substring(context.length()))) instanceof DavPaths.Resource resource
				&& caller.owns(resource.calendar().user())) {
			return resource;
		}
		return null;
	}

	/**
	 * RFC 6578 over the change feed of part D: without a token, every task of the
	 * calendar; with one, each task changed since that is in the calendar, and a 404
	 * response for each one deleted or now elsewhere (a client forgets a resource it does
	 * not know). The pages of the feed are read until it has caught up; the token after
	 * the last is the new {@code sync-token}.
	 */
	private void syncCollection(DavCalendars.Caller caller, DavCalendars.Calendar calendar, Element body,
			PropertyRequest properties, HttpServletResponse response) throws IOException {
		Element tokenElement = DavXml.child(body, DavXml.DAV, "sync-token");
		String sent = (tokenElement != null) ? tokenElement.getTextContent().trim() : "";
		String token;
		if (sent.isEmpty()) {
			token = null;
		}
		else if (sent.startsWith(DavCalendars.SYNC_TOKEN_PREFIX)) {
			token = sent.substring(DavCalendars.SYNC_TOKEN_PREFIX.length());
		}
		else {
			throw invalidSyncToken();
		}
		boolean initial = token == null;
		DavCalendars.Names names = this.calendars.names(caller);
		try {
			multistatus(response, (out) -> {
				String next = token;
				ChangeFeed.Changes page;
				do {
					page = this.calendars.changes(caller, next, FEED_PAGE);
					names.load(page.tasks());
					names.loadIds(page.deletedTasks());
					for (TaskView task : page.tasks()) {
						if (calendar.holds(task)) {
							out.response(resource(caller, names, task), properties);
						}
						else if (!initial) {
							out.missing(names.href(calendar.projectId(), task.id()));
						}
					}
					for (long deleted : page.deletedTasks()) {
						// Under the name its client knows: a row outlives its task.
						out.missing(names.href(calendar.projectId(), deleted));
					}
					next = page.next();
				}
				while (page.more());
				out.syncToken(DavCalendars.SYNC_TOKEN_PREFIX + next);
			});
		}
		catch (ChangeFeed.TokenRefusedException ex) {
			throw invalidSyncToken();
		}
	}

	private static DavPreconditionException invalidSyncToken() {
		return new DavPreconditionException(HttpStatus.FORBIDDEN, DavXml.DAV, "valid-sync-token",
				"This sync token is not valid or has expired: sync again without one");
	}

	private void get(DavCalendars.Caller caller, DavPaths.Target target, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		owned(caller, target);
		if (!(target instanceof DavPaths.Resource resource)) {
			response.setHeader(HttpHeaders.ALLOW, "OPTIONS, PROPFIND, REPORT");
			throw new DavProblem(HttpStatus.METHOD_NOT_ALLOWED,
					"A collection is read with PROPFIND and REPORT; GET reads a task's .ics");
		}
		DavCalendars.Names names = this.calendars.names(caller);
		TaskView task = task(caller, names, resource);
		String etag = DavCalendars.etag(task, caller.zone());
		response.setHeader(HttpHeaders.ETAG, etag);
		if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
			response.setStatus(HttpStatus.NOT_MODIFIED.value());
			return;
		}
		DavResources.Resource row = names.row(task.id());
		byte[] ics = DavCalendars
			.ics(task, DavCalendars.todo(caller, names, task), (row != null) ? row.extra() : "", caller.zone())
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		response.setStatus(HttpStatus.OK.value());
		response.setContentType(DavCalendars.CONTENT_TYPE);
		response.setContentLength(ics.length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(ics);
		}
	}

	/**
	 * {@code If-None-Match}: {@code *} or a list of tags, compared weakly (RFC 9110,
	 * 13.1.2).
	 */
	private static boolean matches(@Nullable String ifNoneMatch, String etag) {
		if (ifNoneMatch == null) {
			return false;
		}
		for (String tag : ifNoneMatch.split(",")) {
			String trimmed = tag.trim();
			if (trimmed.equals("*") || (trimmed.startsWith("W/") ? trimmed.substring(2) : trimmed).equals(etag)) {
				return true;
			}
		}
		return false;
	}

	/** Another user's paths are 404, as in the API: their existence is not told. */
	static void owned(DavCalendars.Caller caller, DavPaths.Target target) {
		String user = switch (target) {
			case DavPaths.Root root -> caller.username();
			case DavPaths.Principal principal -> principal.user();
			case DavPaths.Home home -> home.user();
			case DavPaths.Calendar calendar -> calendar.user();
			case DavPaths.Resource resource -> resource.calendar().user();
			case DavPaths.Unknown unknown -> null;
		};
		if (user == null || !caller.owns(user)) {
			throw notFound();
		}
	}

	private DavCalendars.Calendar calendar(DavCalendars.Caller caller, DavPaths.Calendar path) {
		return this.calendars.calendar(caller, path.projectId()).orElseThrow(DavController::notFound);
	}

	private TaskView task(DavCalendars.Caller caller, DavCalendars.Names names, DavPaths.Resource resource) {
		DavCalendars.Calendar calendar = calendar(caller, resource.calendar());
		OptionalLong id = names.taskId(resource.name());
		if (id.isEmpty()) {
			throw notFound();
		}
		return this.calendars.task(caller, calendar, id.getAsLong()).orElseThrow(DavController::notFound);
	}

	private DavNode resource(DavCalendars.Caller caller, DavCalendars.Names names, TaskView task) {
		return this.calendars.resource(caller, names, task, DavCalendars.todo(caller, names, task));
	}

	/**
	 * RFC 4791, 5.3.2: a {@code VTODO} stored under the name the client chose, 201 when
	 * it makes a resource and 204 when it replaces one, with the new {@code ETag}.
	 */
	private void put(DavCalendars.Caller caller, DavPaths.Target target, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		owned(caller, target);
		if (!(target instanceof DavPaths.Resource resource)) {
			throw new DavProblem(HttpStatus.METHOD_NOT_ALLOWED, "A PUT names a resource in a calendar");
		}
		DavCalendars.Calendar calendar = calendar(caller, resource.calendar());
		if (!DavPaths.isResourceName(resource.name())) {
			throw new DavProblem(HttpStatus.BAD_REQUEST, "A resource's name is a file name of at most 255 "
					+ "characters, without a path (/, \\ or ..), a leading dot or control characters");
		}
		String type = request.getContentType();
		if (type == null || !type.toLowerCase(java.util.Locale.ROOT).strip().startsWith("text/calendar")) {
			throw new DavPreconditionException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, DavXml.CALDAV,
					"supported-calendar-data", "A task is sent as text/calendar (iCalendar)");
		}
		String body = body(request);
		DavWrites.Stored stored = this.writes.put(caller, calendar, resource.name(), body, new DavWrites.Preconditions(
				request.getHeader(HttpHeaders.IF_MATCH), request.getHeader(HttpHeaders.IF_NONE_MATCH)));
		if (stored.etag() != null) {
			response.setHeader(HttpHeaders.ETAG, stored.etag());
		}
		response.setStatus(stored.created() ? HttpStatus.CREATED.value() : HttpStatus.NO_CONTENT.value());
	}

	/**
	 * The octets with their folded lines unfolded (a line break followed by a space or a
	 * tab goes), before they are read as UTF-8: RFC 5545 (3.1) folds at 75 octets, which
	 * may fall inside a character, and unfolding must restore the octets. A bare LF
	 * before the space is taken as the line break too, as clients that end lines so fold
	 * them so.
	 */
	static byte[] unfolded(byte[] bytes) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
		for (int i = 0; i < bytes.length; i++) {
			byte b = bytes[i];
			int next = (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') ? i + 2 : (b == '\n') ? i + 1 : -1;
			if (next > 0 && next < bytes.length && (bytes[next] == ' ' || bytes[next] == '\t')) {
				i = next;
				continue;
			}
			out.write(b);
		}
		return out.toByteArray();
	}

	/**
	 * The body of a {@code PUT}, at most {@link DavCalendars#MAX_RESOURCE_SIZE} bytes of
	 * UTF-8, read no further than that.
	 */
	private static String body(HttpServletRequest request) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > DavCalendars.MAX_RESOURCE_SIZE) {
			throw tooLarge();
		}
		byte[] bytes = request.getInputStream().readNBytes(DavCalendars.MAX_RESOURCE_SIZE + 1);
		if (bytes.length > DavCalendars.MAX_RESOURCE_SIZE) {
			throw tooLarge();
		}
		java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
		try {
			String text = utf8.decode(java.nio.ByteBuffer.wrap(unfolded(bytes))).toString();
			// RFC 5545 allows no control characters but tab and line ends; kept as
			// sent, one would also break the XML that reports carry bodies in, as would
			// U+FFFE and U+FFFF.
			if (text.chars()
				.anyMatch((c) -> (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F || c == 0xFFFE
						|| c == 0xFFFF)) {
				throw new DavPreconditionException(HttpStatus.FORBIDDEN, DavXml.CALDAV, "valid-calendar-data",
						"The body holds control characters, which iCalendar does not allow");
			}
			return text;
		}
		catch (java.nio.charset.CharacterCodingException ex) {
			throw new DavPreconditionException(HttpStatus.FORBIDDEN, DavXml.CALDAV, "valid-calendar-data",
					"The body is not UTF-8");
		}
	}

	private static DavPreconditionException tooLarge() {
		return new DavPreconditionException(HttpStatus.FORBIDDEN, DavXml.CALDAV, "max-resource-size",
				"A task's resource is at most " + DavCalendars.MAX_RESOURCE_SIZE + " bytes");
	}

	/**
	 * A resource's task (and its subtasks, as the API deletes them), or a calendar: a
	 * project with its tasks. The Inbox stays.
	 */
	private void delete(DavCalendars.Caller caller, DavPaths.Target target, HttpServletRequest request,
			HttpServletResponse response) {
		owned(caller, target);
		DavWrites.Preconditions preconditions = new DavWrites.Preconditions(request.getHeader(HttpHeaders.IF_MATCH),
				request.getHeader(HttpHeaders.IF_NONE_MATCH));
		switch (target) {
			case DavPaths.Resource resource -> {
				DavCalendars.Calendar calendar = calendar(caller, resource.calendar());
				if (!this.writes.delete(caller, calendar, resource.name(), preconditions)) {
					throw notFound();
				}
			}
			case DavPaths.Calendar path -> {
				DavCalendars.Calendar calendar = calendar(caller, path);
				calendarPreconditions(target, request);
				this.collections.delete(caller, calendar);
			}
			default -> {
				response.setHeader(HttpHeaders.ALLOW, "OPTIONS, PROPFIND");
				throw new DavProblem(HttpStatus.METHOD_NOT_ALLOWED, "Only tasks and calendars are deleted");
			}
		}
		response.setStatus(HttpStatus.NO_CONTENT.value());
	}

	/**
	 * A calendar has no entity tag of its own, so only {@code If-Match: *} holds on it,
	 * and {@code If-None-Match: *} never does: a change conditional on a tag the client
	 * made up, or kept from a task, is a 412 and changes nothing.
	 */
	private static void calendarPreconditions(DavPaths.Target target, HttpServletRequest request) {
		if (!(target instanceof DavPaths.Calendar)) {
			return;
		}
		String ifMatch = request.getHeader(HttpHeaders.IF_MATCH);
		String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
		if ((ifMatch != null && !ifMatch.strip().equals("*"))
				|| (ifNoneMatch != null && ifNoneMatch.strip().equals("*"))) {
			throw DavWrites.stale();
		}
	}

	static DavProblem notFound() {
		return new DavProblem(HttpStatus.NOT_FOUND, "Nothing here");
	}

	/**
	 * Writes a multistatus into a spooled body, then sends it with 207; nothing is sent
	 * if writing it fails.
	 */
	static void multistatus(HttpServletResponse response, Body body) throws IOException {
		SpooledBody spooled = new SpooledBody(MEMORY_LIMIT);
		try {
			Multistatus out = new Multistatus(spooled);
			body.write(out);
			out.finish();
			spooled.close();
			response.setStatus(207);
			response.setContentType(MULTISTATUS_TYPE);
			response.setContentLengthLong(spooled.size());
			spooled.sendTo(response.getOutputStream());
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("The multistatus could not be written", ex);
		}
		catch (UncheckedXml ex) {
			throw new IllegalStateException("The multistatus could not be written", ex.getCause());
		}
		finally {
			spooled.discard();
		}
	}

	/** RFC 4918, 16: the precondition's element in a {@code DAV:error}. */
	static void refused(HttpServletResponse response, DavPreconditionException refusal) throws IOException {
		response.setStatus(refusal.status().value());
		response.setContentType(MULTISTATUS_TYPE);
		try {
			XMLStreamWriter xml = DavXml.writer(response.getOutputStream());
			xml.writeStartDocument("UTF-8", "1.0");
			xml.writeStartElement(DavXml.DAV, "error");
			DavXml.declare(xml);
			if (refusal.href() != null) {
				xml.writeStartElement(refusal.namespace(), refusal.element());
				xml.writeStartElement(DavXml.DAV, "href");
				xml.writeCharacters(refusal.href());
				xml.writeEndElement();
				xml.writeEndElement();
			}
			else {
				xml.writeEmptyElement(refusal.namespace(), refusal.element());
			}
			// A human reading the body learns why; clients read the element.
			xml.writeStartElement("t", "detail", DETAIL_NAMESPACE);
			xml.writeNamespace("t", DETAIL_NAMESPACE);
			xml.writeCharacters(refusal.getMessage());
			xml.writeEndElement();
			xml.writeEndElement();
			xml.writeEndDocument();
			xml.flush();
		}
		catch (XMLStreamException ex) {
			throw new IOException("The error could not be written", ex);
		}
	}

	private static void unchecked(XmlWork work) {
		try {
			work.run();
		}
		catch (XMLStreamException ex) {
			throw new UncheckedXml(ex);
		}
	}

	@FunctionalInterface
	interface Body {

		void write(Multistatus out) throws XMLStreamException;

	}

	@FunctionalInterface
	private interface XmlWork {

		void run() throws XMLStreamException;

	}

	private static final class UncheckedXml extends RuntimeException {

		UncheckedXml(XMLStreamException cause) {
			super(cause);
		}

	}

}
