package org.tasktracker.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;
import org.tasktracker.recurrence.Anchor;
import org.tasktracker.recurrence.RecurrenceRule;
import org.tasktracker.recurrence.RuleWords;
import org.tasktracker.account.UserZones;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.web.EntityTags;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;
import org.tasktracker.web.PageNotFoundException;
import org.tasktracker.web.PreconditionFailedException;
import org.tasktracker.web.WebPage;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The web UI's task views: Today, Inbox, Upcoming, Completed, each project and label, and
 * search, with a sidebar of counts, and the forms that add, complete, reopen and delete
 * tasks. Built on the same services and rules as the API: a quick add is checked as the
 * JSON of {@code POST /tasks} would be. Every change is a form post answered with a
 * redirect back to the view (htmx swaps the page in place; without script the browser
 * loads it).
 */
@Controller
@WebPage
@Hidden
class TaskPages {

	/** At most this many tasks a view. */
	static final int VIEW_LIMIT = 200;

	/** The deleted tasks a session can undo, as JSON by owner and id. */
	private static final SessionUndo DELETED = new SessionUndo(TaskPages.class.getName() + ".deleted");

	private static final int CHART_DAYS = 28;

	private static final int CHART_BAR_STEP = 20;

	private static final int CHART_HEIGHT = 100;

	private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEE", Locale.ENGLISH);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	private static final DateTimeFormatter DAY_IN_YEAR = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

	private static final DateTimeFormatter HISTORY = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm",
			Locale.ENGLISH);

	/**
	 * The element that shows a task's details; an htmx request aimed at it gets it alone.
	 */
	private static final String PANE = "task-pane";

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm",
			Locale.ENGLISH);

	private final TaskService tasks;

	private final TaskRepository repository;

	private final ProjectRepository projects;

	private final LabelRepository labels;

	private final UserZones zones;

	private final DatabaseRetry retry;

	private final JsonMapper json;

	private final Sidebar sidebar;

	TaskPages(TaskService tasks, TaskRepository repository, ProjectRepository projects, LabelRepository labels,
			UserZones zones, DatabaseRetry retry, JsonMapper json, Sidebar sidebar) {
		this.tasks = tasks;
		this.repository = repository;
		this.projects = projects;
		this.labels = labels;
		this.zones = zones;
		this.retry = retry;
		this.json = json;
		this.sidebar = sidebar;
	}

	@GetMapping("/")
	String root() {
		return "redirect:/app";
	}

	/**
	 * Overdue (due before today) and today's tasks, each once: as in Todoist, a task due
	 * earlier today stays under Today, its time shown as late. The sidebar's count is of
	 * the same tasks.
	 */
	@GetMapping({ "/app", "/app/today" })
	String today(@AuthenticationPrincipal Account caller, Model model) {
		LocalDate today = LocalDate.now(this.zones.zoneOf(caller.id()));
		List<Section> sections = List.of(
				new Section("Overdue", list(caller, "completed=false&sort=due&due_to=" + today.minusDays(1)), true),
				new Section("Today", list(caller, "due=today&completed=false&sort=due"), false));
		return view(caller, model, "today", "Today", "/app/today", sections);
	}

	@GetMapping("/app/inbox")
	String inbox(@AuthenticationPrincipal Account caller, Model model) {
		return view(caller, model, "inbox", "Inbox", "/app/inbox",
				List.of(new Section(null, list(caller, manualOrder(null)), false)));
	}

	/**
	 * A project's list, or the Inbox's: its open root tasks in manual order, which a row
	 * dragged or moved by Alt+arrow changes ({@link TaskRowPages#move}); subtasks are in
	 * their parent's pane.
	 */
	static String manualOrder(@Nullable Long project) {
		return "completed=false&parent_id=none&sort=position&project_id=" + ((project != null) ? project : "inbox");
	}

	/**
	 * An agenda: the open tasks due from today on, with no end, under a heading per day
	 * that has some; overdue ones are on Today. A page holds at most {@link #VIEW_LIMIT}
	 * tasks; a link leads on to the next page, from where this one ended.
	 */
	@GetMapping("/app/upcoming")
	String upcoming(@AuthenticationPrincipal Account caller, @RequestParam(required = false) @Nullable LocalDate from,
			@RequestParam(required = false) @Nullable String cursor, Model model) {
		ZoneId zone = this.zones.zoneOf(caller.id());
		LocalDate today = LocalDate.now(zone);
		if (from == null || from.isBefore(today) || cursor == null) {
			// A page further on is asked for with the first page's date, so that its
			// cursor stays valid; one from before today would show overdue tasks.
			from = today;
			cursor = null;
		}
		MultiValueMap<String, String> query = parameters("completed=false&sort=due&due_from=" + from);
		if (cursor != null) {
			query.add("cursor", cursor);
		}
		Collected page = listPage(caller, query);
		if (page.nextAfter != null) {
			MultiValueMap<String, String> asked = parameters("completed=false&sort=due&due_from=" + from);
			asked.add("limit", Integer.toString(VIEW_LIMIT));
			String next = this.tasks.cursor(caller.id(), TaskListQuery.from(asked),
					new PageCursor(page.nextKey, page.nextAfter));
			model.addAttribute("more", "/app/upcoming?from=" + from + "&cursor=" + next);
		}
		List<Section> days = new ArrayList<>();
		LocalDate day = null;
		List<Task> ofDay = new ArrayList<>();
		for (Task task : page.tasks) {
			LocalDate due = dueDay(task, zone);
			if (!due.equals(day)) {
				if (day != null) {
					days.add(new Section(dayHeading(day, today), ofDay, false, dayAnchor(day)));
				}
				day = due;
				ofDay = new ArrayList<>();
			}
			ofDay.add(task);
		}
		if (day != null) {
			days.add(new Section(dayHeading(day, today), ofDay, false, dayAnchor(day)));
		}
		if (from.equals(today) && cursor == null) {
			model.addAttribute("week", weekStrip(today, days, day, (String) model.getAttribute("more")));
		}
		return view(caller, model, "upcoming", "Upcoming", "/app/upcoming", days);
	}

	/** The id of a day's heading on Upcoming, which the week strip links to. */
	private static String dayAnchor(LocalDate day) {
		return "day-" + day;
	}

	/**
	 * The 7 days from today above Upcoming's agenda, each with its tasks on this page and
	 * a link to its heading. A day past the last one this page reaches, when more tasks
	 * follow, links to the next page instead: its count is not known here.
	 */
	private static List<WeekDay> weekStrip(LocalDate today, List<Section> days, @Nullable LocalDate lastShown,
			@Nullable String more) {
		List<WeekDay> week = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			LocalDate date = today.plusDays(i);
			Section shown = days.stream()
				.filter((section) -> dayAnchor(date).equals(section.anchor()))
				.findFirst()
				.orElse(null);
			boolean beyond = more != null && (lastShown == null || date.isAfter(lastShown));
			String href = (shown != null) ? "#" + dayAnchor(date) : beyond ? more : null;
			week.add(new WeekDay(WEEKDAY.format(date), date.getDayOfMonth(), dayHeading(date, today),
					(shown != null) ? shown.tasks().size() : beyond ? -1 : 0, more != null && date.equals(lastShown),
					href, date.equals(today)));
		}
		return week;
	}

	/**
	 * A day of Upcoming's week strip.
	 *
	 * @param weekday "Sun"
	 * @param dayOfMonth 6
	 * @param date the day in words, as its heading says it
	 * @param count its open tasks, or -1 when this page does not reach it
	 * @param partial whether more of its tasks are on the next page (the page's last day)
	 * @param href its heading's anchor, the next page, or null for a day without tasks
	 * @param today whether it is today
	 */
	record WeekDay(String weekday, int dayOfMonth, String date, int count, boolean partial, @Nullable String href,
			boolean today) {

		/**
		 * "3", "49+" (more on the next page), or nothing for a day without tasks here.
		 */
		public String shownCount() {
			return (this.count <= 0) ? "" : this.count + (this.partial ? "+" : "");
		}

		/** The day and its tasks in words, for a screen reader. */
		public String words() {
			String tasks = (this.count < 0) ? "on the next page" : (this.count == 1 && !this.partial) ? "1 task"
					: this.count + (this.partial ? " or more" : "") + " tasks";
			return this.date + ", " + ((this.count == 0) ? "no tasks" : tasks);
		}

	}

	/** The day a task falls due on, in the owner's zone; only for a task with a due. */
	private static LocalDate dueDay(Task task, ZoneId zone) {
		Due due = Objects.requireNonNull(task.due());
		return (due.date() != null) ? LocalDate.parse(due.date())
				: Instant.parse(Objects.requireNonNull(due.datetime())).atZone(zone).toLocalDate();
	}

	/** "Today · Sun 6 Dec", "Tomorrow · Mon 7 Dec", "Tue 8 Dec", "Fri 7 Jan 2028". */
	static String dayHeading(LocalDate day, LocalDate today) {
		String date = (day.getYear() == today.getYear()) ? DAY.format(day) : DAY_IN_YEAR.format(day);
		if (day.equals(today)) {
			return "Today \u00b7 " + date;
		}
		return day.equals(today.plusDays(1)) ? "Tomorrow \u00b7 " + date : date;
	}

	@GetMapping("/app/completed")
	String completed(@AuthenticationPrincipal Account caller, Model model) {
		return view(caller, model, "completed", "Completed", "/app/completed",
				List.of(new Section(null, list(caller, "completed=true&sort=updated&order=desc"), false)));
	}

	@GetMapping("/app/projects/{id}")
	String project(@AuthenticationPrincipal Account caller, @PathVariable long id, Model model) {
		Project project = this.retry.idempotent(() -> this.projects.find(caller.id(), id))
			.orElseThrow(PageNotFoundException::new);
		model.addAttribute("project", project);
		return view(caller, model, "project-" + id, project.name(), "/app/projects/" + id,
				List.of(new Section(null, list(caller, manualOrder(id)), false)));
	}

	@GetMapping("/app/labels/{key}")
	String label(@AuthenticationPrincipal Account caller, @PathVariable String key, Model model) {
		Label label = this.retry.idempotent(() -> this.labels.find(caller.id(), TaskRequests.labelKey(key)))
			.orElseThrow(PageNotFoundException::new);
		LabelLink link = LabelLink.of(label);
		model.addAttribute("label", label);
		model.addAttribute("labelPath", link.path());
		MultiValueMap<String, String> query = parameters("completed=false&sort=due");
		query.add("label", TaskRequests.labelKey(key));
		return view(caller, model, link.view(), "@" + label.name(), link.path(),
				List.of(new Section(null, list(caller, query), false)));
	}

	/**
	 * The search box: tasks holding every word, in the title or the description, narrowed
	 * by Todoist's filters, which become the listing's own ({@link SearchText}).
	 */
	@GetMapping("/app/search")
	String search(@AuthenticationPrincipal Account caller, @RequestParam(defaultValue = "") String q, Model model) {
		String text = q.strip();
		List<Section> sections = List.of();
		List<String> problems = new ArrayList<>();
		if (text.codePointCount(0, text.length()) > TaskListQuery.Q_MAX) {
			problems.add("A search term is at most " + TaskListQuery.Q_MAX + " characters long.");
		}
		else if (!text.isEmpty()) {
			SearchText search = SearchText.parse(text, LocalDate.now(this.zones.zoneOf(caller.id())));
			model.addAttribute("chips", search.chips());
			problems.addAll(search.problems());
			TaskListQuery query = searchQuery(caller, search, problems);
			if (query != null) {
				sections = List.of(new Section(null, list(caller, query), false));
				model.addAttribute("saveable", true);
			}
		}
		if (!problems.isEmpty()) {
			// After a refused form (a filter saved or renamed), its words come first.
			if (model.getAttribute("problems") instanceof List<?> refused) {
				problems.addAll(0, refused.stream().map(String::valueOf).toList());
			}
			model.addAttribute("problems", problems);
		}
		model.addAttribute("q", q);
		return view(caller, model, "search", text.isEmpty() ? "Search" : "Search: " + text, "/app/search", sections);
	}

	/**
	 * The listing a search asks for, with its filters as {@code GET /tasks} takes them,
	 * or null when one of them cannot be applied (then {@code problems} says why).
	 */
	private @Nullable TaskListQuery searchQuery(Account caller, SearchText search, List<String> problems) {
		MultiValueMap<String, String> query = parameters("");
		if (search.project() != null) {
			Long project = projectNamed(caller, search.project());
			if (project == null) {
				problems.add("There is no project named " + search.project() + ".");
			}
			else {
				query.add("project_id", project.toString());
			}
		}
		if (!search.labels().isEmpty()) {
			query.add("label", String.join(",", search.labels()));
		}
		if (!search.priorities().isEmpty()) {
			query.add("priority", String.join(",", search.priorities().stream().map(String::valueOf).toList()));
		}
		if (search.due() != null) {
			query.add("due", search.due());
		}
		if (search.dueOn() != null) {
			query.add("due_from", search.dueOn().toString());
			query.add("due_to", search.dueOn().toString());
		}
		query.add("limit", Integer.toString(VIEW_LIMIT));
		try {
			TaskListQuery listing = TaskListQuery.from(query).searching(search.words());
			return problems.isEmpty() ? listing : null;
		}
		catch (InvalidRequestException ex) {
			ex.getErrors().forEach((error) -> problems.add("Labels to search for: " + error.message() + "."));
			return null;
		}
	}

	/**
	 * Counts of what is open, late and due, and a chart of the tasks completed on each of
	 * the last 28 days in the user's zone.
	 */
	@GetMapping("/app/overview")
	String overview(@AuthenticationPrincipal Account caller, Model model) {
		ZoneId zone = this.zones.zoneOf(caller.id());
		LocalDate today = LocalDate.now(zone);
		LocalDate first = today.minusDays(CHART_DAYS - 1);
		java.util.Map<LocalDate, Integer> done = this.retry
			.idempotent(() -> this.repository.completedPerDay(caller.id(), zone, first.atStartOfDay(zone).toInstant()));
		List<ChartDay> days = new ArrayList<>();
		int most = Math.max(1, done.values().stream().mapToInt(Integer::intValue).max().orElse(0));
		for (int i = 0; i < CHART_DAYS; i++) {
			LocalDate day = first.plusDays(i);
			int count = done.getOrDefault(day, 0);
			days.add(new ChartDay(DAY.format(day), count, i * CHART_BAR_STEP, CHART_HEIGHT * count / most));
		}
		model.addAttribute("chart", days);
		model.addAttribute("chartTotal", days.stream().mapToInt(ChartDay::count).sum());
		model.addAttribute("chartMost", most);
		return view(caller, model, "overview", "Overview", "/app/overview",
				List.of(new Section("Most overdue", list(caller, "due=overdue&sort=due&limit=5"), true)), "overview");
	}

	/** One bar of the overview's chart, placed in SVG units. */
	record ChartDay(String label, int count, int x, int height) {
	}

	/**
	 * What the quick-add field understands, shown as the user types; on a project's or a
	 * label's page, with that project or label (see {@link QuickAddContext}).
	 */
	@GetMapping("/app/quick-add")
	String preview(@AuthenticationPrincipal Account caller, @RequestParam(defaultValue = "") String text,
			QuickAddContext context, Model model) {
		ZoneId zone = this.zones.zoneOf(caller.id());
		QuickAdd parsed = QuickAdd.parse(text, LocalDate.now(zone));
		model.addAttribute("parsed", parsed);
		model.addAttribute("due", describeDue(parsed));
		if (parsed.recurrence() != null) {
			model.addAttribute("repeats", repeats(parsed, zone));
		}
		model.addAttribute("projectFound", parsed.project() == null || projectNamed(caller, parsed.project()) != null);
		if (parsed.project() == null && context.inProject() != null) {
			this.retry.idempotent(() -> this.projects.find(caller.id(), context.inProject()))
				.ifPresent((project) -> model.addAttribute("contextProject", project.name()));
		}
		model.addAttribute("contextLabels", context.labelsBeside(parsed.labels()));
		return "fragments :: preview";
	}

	/**
	 * Where a quick add is typed: the project whose page it is on (a project typed with
	 * {@code #} wins), or the label whose page it is on (added to any typed). Sent by the
	 * quick-add form as hidden fields, checked as any project or label is.
	 *
	 * @param inProject the page's project id, or null
	 * @param withLabel the page's label, or null
	 */
	record QuickAddContext(@Nullable Long inProject, @Nullable String withLabel) {

		/** The page's label, unless it is among the typed ones, in any case. */
		List<String> labelsBeside(List<String> typed) {
			if (this.withLabel == null || this.withLabel.isBlank() || typed.stream()
				.anyMatch((label) -> TaskRequests.labelKey(label).equals(TaskRequests.labelKey(this.withLabel)))) {
				return List.of();
			}
			return List.of(this.withLabel);
		}

	}

	@PostMapping("/app/tasks")
	String add(@AuthenticationPrincipal Account caller, @RequestParam(defaultValue = "") String text,
			QuickAddContext context, @RequestParam(defaultValue = "/app") String back, RedirectAttributes redirect) {
		ZoneId zone = this.zones.zoneOf(caller.id());
		QuickAdd parsed = QuickAdd.parse(text, LocalDate.now(zone));
		List<String> problems = new ArrayList<>();
		ObjectNode body = this.json.createObjectNode();
		body.put("title", parsed.title());
		if (parsed.project() != null) {
			Long project = projectNamed(caller, parsed.project());
			if (project == null) {
				problems.add("There is no project named " + parsed.project() + ".");
			}
			else {
				body.put("project_id", project);
			}
		}
		else if (context.inProject() != null) {
			body.put("project_id", context.inProject());
		}
		var labels = body.putArray("labels");
		context.labelsBeside(parsed.labels()).forEach(labels::add);
		parsed.labels().forEach(labels::add);
		body.put("priority", parsed.priority());
		if (parsed.date() != null) {
			ObjectNode due = body.putObject("due");
			if (parsed.time() != null) {
				due.put("datetime", ZonedDateTime.of(parsed.date(), parsed.time(), zone).toOffsetDateTime().toString());
			}
			else {
				due.put("date", parsed.date().toString());
			}
		}
		if (parsed.recurrence() != null) {
			body.putObject("recurrence")
				.put("rule", parsed.recurrence().rule())
				.put("from", parsed.recurrence().from());
		}
		try {
			NewTask task = TaskRequests.newTask(body, TaskRequests.RuleSubset.CALENDAR);
			if (problems.isEmpty()) {
				Task created = this.tasks.create(caller.id(), task);
				return backTo(back, redirect, "Added: " + created.title());
			}
		}
		catch (InvalidRequestException ex) {
			ex.getErrors().forEach((error) -> problems.add(sentence(error)));
		}
		redirect.addFlashAttribute("problems", problems);
		redirect.addFlashAttribute("typed", text);
		return "redirect:" + safeBack(back);
	}

	@PostMapping("/app/tasks/{id}/complete")
	String complete(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "/app") String back, RedirectAttributes redirect) {
		Task task = this.tasks.complete(caller.id(), id).orElseThrow(PageNotFoundException::new);
		redirect.addFlashAttribute("undoReopen", task.id());
		// A recurring task stays open: the message says where its due went.
		return backTo(back, redirect, TaskRowPages.completedWords(task, this.zones.zoneOf(caller.id())));
	}

	@PostMapping("/app/tasks/{id}/reopen")
	String reopen(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "/app") String back, RedirectAttributes redirect) {
		Task task = this.tasks.reopen(caller.id(), id).orElseThrow(PageNotFoundException::new);
		return backTo(back, redirect, "Reopened: " + task.title());
	}

	/**
	 * Deletes the task and offers to undo it. The task as it was stays in the session
	 * (the last {@value SessionUndo#HELD} deleted), never in the page, so an undo can
	 * only bring back what this user deleted, as it was.
	 */
	@PostMapping("/app/tasks/{id}/delete")
	String delete(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "/app") String back, HttpSession session, RedirectAttributes redirect) {
		List<Task> tree = this.tasks.deleteForUndo(caller.id(), id).orElseThrow(PageNotFoundException::new);
		Task task = tree.get(0);
		DELETED.put(session, caller.id(), id, this.json.writeValueAsString(tree));
		redirect.addFlashAttribute("undoDelete", task.id());
		return backTo(back, redirect, "Deleted: " + task.title());
	}

	/**
	 * Undoes a deletion: the task comes back with its id, dates and fields, if this
	 * session deleted it and it is not back already.
	 */
	@PostMapping("/app/tasks/restore")
	String restore(@AuthenticationPrincipal Account caller, @RequestParam long id,
			@RequestParam(defaultValue = "/app") String back, HttpSession session, RedirectAttributes redirect) {
		String held = DELETED.get(session, caller.id(), id);
		if (held == null) {
			redirect.addFlashAttribute("problems", List.of("That deletion can no longer be undone."));
			return "redirect:" + safeBack(back);
		}
		// A session from before subtasks holds the task alone.
		List<Task> tree = held.startsWith("[") ? List.of(this.json.readValue(held, Task[].class))
				: List.of(this.json.readValue(held, Task.class));
		Task task = tree.get(0);
		try {
			Optional<Task> restored = this.tasks.restoreDeleted(caller.id(), tree);
			DELETED.remove(session, caller.id(), id);
			return backTo(back, redirect,
					restored.isPresent() ? "Restored: " + task.title() : "Already restored: " + task.title());
		}
		catch (InvalidRequestException ex) {
			redirect.addFlashAttribute("problems",
					List.of(ex.getErrors().stream().anyMatch((error) -> "parent_id".equals(error.field()))
							? "It cannot be restored: the task it was a subtask of is gone. Add it again."
							: "It cannot be restored: its project is gone. Add it again to another one."));
			return "redirect:" + safeBack(back);
		}
	}

	/**
	 * A task's details, editable in place: with htmx (a request that targets the pane)
	 * the pane alone; otherwise the view it was opened from ({@code back}) with the pane
	 * beside its list, so that a reload or a shared link shows both. Without
	 * {@code back}, the view where the task is listed: its project, the Inbox, or
	 * Completed.
	 */
	@GetMapping("/app/tasks/{id}")
	String detail(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(required = false) @Nullable String back,
			@RequestHeader(name = "HX-Target", required = false) @Nullable String target, Model model,
			HttpServletResponse response) {
		Optional<Task> found = this.tasks.findById(caller.id(), id);
		if (found.isEmpty() && PANE.equals(target)) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("back", (back != null) ? safeBack(back) : "/app");
			return "task-detail :: gone";
		}
		Task task = found.orElseThrow(PageNotFoundException::new);
		// The pane reads its subtasks, reminders and recurrence for the caller itself.
		model.addAttribute("caller", caller);
		String view = (back != null) ? safeBack(back) : listedIn(task);
		model.addAttribute("detail",
				detail(caller, task, EditForm.of(task, this.zones.zoneOf(caller.id())), List.of(), view));
		return PANE.equals(target) ? "task-detail :: pane" : viewAt(caller, view, model);
	}

	/** The address of the edit form before the detail pane: it opens the pane. */
	@GetMapping("/app/tasks/{id}/edit")
	String edit(@PathVariable long id, @RequestParam(defaultValue = "/app") String back) {
		return "redirect:" + detailPath(id, safeBack(back));
	}

	/** The view a task is listed in: its project, the Inbox, or Completed. */
	static String listedIn(Task task) {
		if (task.completed()) {
			return "/app/completed";
		}
		return (task.projectId() != null) ? "/app/projects/" + task.projectId() : "/app/inbox";
	}

	static String detailPath(long id, String back) {
		return "/app/tasks/" + id + "?back=" + UriUtils.encodeQueryParam(back, StandardCharsets.UTF_8);
	}

	/**
	 * Saves the pane's form, under {@code If-Match} of the version it was drawn from.
	 * When the task changed meanwhile, the save is compared field by field
	 * ({@link EditConflict}): changes that do not overlap are saved together at once;
	 * fields both sides changed are shown, each with what was typed and what it is now,
	 * and nothing is saved until the person chooses ("Keep mine" posts the form again at
	 * the new version, "Use theirs" opens the task as it is).
	 */
	@PostMapping("/app/tasks/{id}")
	String save(@AuthenticationPrincipal Account caller, @PathVariable long id, EditForm form,
			@RequestParam(defaultValue = "/app") String back,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			jakarta.servlet.http.HttpServletResponse response, RedirectAttributes redirect) {
		ZoneId zone = this.zones.zoneOf(caller.id());
		EditForm typed = form.withId(id);
		EditForm tried = typed;
		List<String> problems = new ArrayList<>();
		EditConflict conflict = null;
		Task current = null;
		try {
			// A change elsewhere that the form does not overlap is merged and saved
			// again;
			// a task that keeps changing under a merge is shown as a conflict after
			// three.
			for (int attempt = 1; conflict == null; attempt++) {
				TaskPatch checked = TaskRequests.patch(patch(tried, zone, problems), TaskRequests.RuleSubset.CALENDAR);
				if (!problems.isEmpty()) {
					break;
				}
				try {
					Task task = this.tasks.update(caller.id(), id, checked, tried.ifMatch())
						.orElseThrow(PageNotFoundException::new);
					// The pane stays open on what was saved, beside the view brought up
					// to
					// date.
					redirect.addFlashAttribute("notice", "Saved: " + task.title());
					return "redirect:" + detailPath(id, safeBack(back));
				}
				catch (PreconditionFailedException ex) {
					current = this.tasks.findById(caller.id(), id).orElseThrow(PageNotFoundException::new);
					EditConflict found = EditConflict.between(typed, EditForm.of(current, zone));
					tried = found.merged();
					if (!found.fields().isEmpty() || attempt == 3) {
						conflict = found;
					}
				}
			}
		}
		catch (InvalidRequestException ex) {
			ex.getErrors().forEach((error) -> problems.add(sentence(error)));
		}
		Task task = (current != null) ? current
				: this.tasks.findById(caller.id(), id).orElseThrow(PageNotFoundException::new);
		model.addAttribute("caller", caller);
		TaskDetail detail = detail(caller, task, tried, problems, safeBack(back));
		model.addAttribute("detail", detail);
		if (conflict != null) {
			model.addAttribute("conflict", conflict.shown(detail.projects()));
		}
		// A conflict is the task's state against the request's, not a broken rule.
		response.setStatus((conflict != null) ? HttpServletResponse.SC_CONFLICT : 422);
		if (htmx != null) {
			// The form is in the pane: the refusal replaces the pane alone, and the
			// address stays the task's.
			response.setHeader("HX-Retarget", "#" + PANE);
			response.setHeader("HX-Reswap", "outerHTML");
			response.setHeader("HX-Push-Url", "false");
			return "task-detail :: pane";
		}
		return viewAt(caller, safeBack(back), model);
	}

	/**
	 * The JSON of {@code PATCH /tasks/{id}} that a form's values make, its due read in
	 * the owner's zone; what cannot be put in it is added to {@code problems}.
	 */
	private ObjectNode patch(EditForm form, ZoneId zone, List<String> problems) {
		ObjectNode patch = this.json.createObjectNode();
		patch.put("title", form.title().strip());
		patch.put("description", form.description().isBlank() ? null : form.description());
		if (form.project().isBlank()) {
			patch.putNull("project_id");
		}
		else if (form.project().matches("\\d{1,18}")) {
			patch.put("project_id", Long.parseLong(form.project()));
		}
		else {
			problems.add("The project is not one of yours.");
		}
		var labels = patch.putArray("labels");
		for (String label : form.labels().split(",")) {
			if (!label.isBlank()) {
				labels.add(label.strip());
			}
		}
		patch.put("priority", form.priority());
		if (form.dueDate().isBlank()) {
			patch.putNull("due");
		}
		else {
			try {
				LocalDate date = LocalDate.parse(form.dueDate());
				ObjectNode due = patch.putObject("due");
				if (form.dueTime().isBlank()) {
					due.put("date", date.toString());
				}
				else {
					due.put("datetime",
							ZonedDateTime.of(date, java.time.LocalTime.parse(form.dueTime()), zone)
								.toOffsetDateTime()
								.toString());
				}
			}
			catch (java.time.format.DateTimeParseException ex) {
				problems.add("The due date or time is not a date or time.");
			}
		}
		return patch;
	}

	private TaskDetail detail(Account caller, Task task, EditForm form, List<String> problems, String back) {
		ZoneId zone = this.zones.zoneOf(caller.id());
		List<Project> all = this.retry.idempotent(() -> this.projects.findAll(caller.id(), null));
		String projectName = all.stream()
			.filter((project) -> Objects.equals(project.id(), task.projectId()))
			.map(Project::name)
			.findFirst()
			.orElse("Inbox");
		return new TaskDetail(task.id(), task, form, problems, back, all, projectName,
				HISTORY.format(task.createdAt().atZone(zone)), HISTORY.format(task.updatedAt().atZone(zone)),
				(task.completedAt() != null) ? HISTORY.format(task.completedAt().atZone(zone)) : null);
	}

	/**
	 * The view at {@code back} (one of {@link #safeBack}'s), drawn by its own handler,
	 * for a page that shows a task's details beside the list. An address that is no view,
	 * or a project or label gone since, is Today.
	 */
	private String viewAt(Account caller, String back, Model model) {
		UriComponents uri = UriComponentsBuilder.fromUriString(back).build();
		String path = Objects.toString(uri.getPath(), "");
		java.util.function.Function<String, @Nullable String> param = (name) -> {
			String value = uri.getQueryParams().getFirst(name);
			return (value != null) ? UriUtils.decode(value, StandardCharsets.UTF_8) : null;
		};
		try {
			if (path.matches("/app/projects/\\d{1,18}")) {
				return project(caller, Long.parseLong(path.substring("/app/projects/".length())), model);
			}
			if (path.startsWith("/app/labels/") && path.indexOf('/', "/app/labels/".length()) < 0) {
				return label(caller, UriUtils.decode(path.substring("/app/labels/".length()), StandardCharsets.UTF_8),
						model);
			}
			return switch (path) {
				case "/app/inbox" -> inbox(caller, model);
				case "/app/completed" -> completed(caller, model);
				case "/app/overview" -> overview(caller, model);
				case "/app/search" -> search(caller, Objects.toString(param.apply("q"), ""), model);
				case "/app/upcoming" -> upcoming(caller, dateOrNull(param.apply("from")), param.apply("cursor"), model);
				default -> today(caller, model);
			};
		}
		catch (PageNotFoundException ex) {
			return today(caller, model);
		}
	}

	private static @Nullable LocalDate dateOrNull(@Nullable String text) {
		try {
			return (text != null) ? LocalDate.parse(text) : null;
		}
		catch (java.time.format.DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * What the detail pane shows: the task, the form's values (the task's, or what was
	 * typed into a refused save), the view it was opened from, and its history in the
	 * owner's zone.
	 */
	record TaskDetail(long id, Task task, EditForm form, List<String> problems, String back, List<Project> projects,
			String projectName, String created, String changed, @Nullable String completedAt) {
	}

	/**
	 * What the detail pane's form posts: each field as text, checked as a JSON patch
	 * would be, and the task's version and each field's fingerprint as the form was drawn
	 * ({@link EditConflict#fingerprint}), so that a save after a change elsewhere is
	 * refused and compared rather than written over it.
	 *
	 * @param version the task's version when the form was drawn; null from a client that
	 * did not send one, whose save is not checked
	 * @param base the fields' fingerprint when the form was drawn, or empty
	 */
	record EditForm(long id, String title, String description, String project, String labels, int priority,
			String dueDate, String dueTime, @Nullable Long version, String base) {

		EditForm {
			title = Objects.toString(title, "");
			description = Objects.toString(description, "");
			project = Objects.toString(project, "");
			labels = Objects.toString(labels, "");
			priority = (priority >= 1 && priority <= 4) ? priority : 1;
			dueDate = Objects.toString(dueDate, "");
			dueTime = Objects.toString(dueTime, "");
			base = Objects.toString(base, "");
		}

		/** The task's own values, its due in the owner's zone, at its version. */
		static EditForm of(Task task, ZoneId zone) {
			String dueDate = "";
			String dueTime = "";
			if (task.due() != null && task.due().date() != null) {
				dueDate = task.due().date();
			}
			else if (task.due() != null) {
				ZonedDateTime at = Instant.parse(Objects.requireNonNull(task.due().datetime())).atZone(zone);
				dueDate = at.toLocalDate().toString();
				dueTime = at.toLocalTime().withSecond(0).withNano(0).toString();
			}
			EditForm form = new EditForm(task.id(), task.title(), Objects.toString(task.description(), ""),
					(task.projectId() != null) ? task.projectId().toString() : "", String.join(", ", task.labels()),
					task.priority(), dueDate, dueTime, task.version(), "");
			return form.at(task.version(), EditConflict.fingerprint(form));
		}

		EditForm withId(long taskId) {
			return new EditForm(taskId, this.title, this.description, this.project, this.labels, this.priority,
					this.dueDate, this.dueTime, this.version, this.base);
		}

		/** The same values, to be saved over the task at this version. */
		EditForm at(long taskVersion, String fingerprint) {
			return new EditForm(this.id, this.title, this.description, this.project, this.labels, this.priority,
					this.dueDate, this.dueTime, taskVersion, fingerprint);
		}

		/**
		 * The {@code If-Match} of a save of this form, or null when it has no version.
		 */
		@Nullable EntityTags ifMatch() {
			return (this.version != null) ? new EntityTags(false, List.of(EntityTags.of(this.version))) : null;
		}

	}

	private String view(Account caller, Model model, String current, String heading, String path,
			List<Section> sections) {
		return view(caller, model, current, heading, path, sections, "tasks");
	}

	private String view(Account caller, Model model, String current, String heading, String path,
			List<Section> sections, String template) {
		ZoneId zone = this.zones.zoneOf(caller.id());
		Instant now = Instant.now();
		LocalDate today = LocalDate.ofInstant(now, zone);
		Sidebar.Contents side = this.sidebar.of(caller, zone);
		model.addAttribute("caller", caller);
		model.addAttribute("current", current);
		model.addAttribute("heading", heading);
		model.addAttribute("path", path);
		model.addAttribute("sections", sections.stream().map((section) -> section.shown(zone, today, now)).toList());
		side.addTo(model);
		return template;
	}

	private List<Task> list(Account caller, String query) {
		return list(caller, parameters(query));
	}

	private List<Task> list(Account caller, MultiValueMap<String, String> query) {
		return listPage(caller, query).tasks;
	}

	private Collected listPage(Account caller, MultiValueMap<String, String> query) {
		query.putIfAbsent("limit", List.of(Integer.toString(VIEW_LIMIT)));
		return listPage(caller, TaskListQuery.from(query));
	}

	private List<Task> list(Account caller, TaskListQuery query) {
		return listPage(caller, query).tasks;
	}

	private Collected listPage(Account caller, TaskListQuery query) {
		Collected page = new Collected();
		this.tasks.list(caller.id(), query, page);
		return page;
	}

	/** Asked on every keystroke of quick add: a lookup by name, no tasks counted. */
	private @Nullable Long projectNamed(Account caller, String name) {
		return this.retry.idempotent(() -> this.projects.findIdByName(caller.id(), name)).orElse(null);
	}

	private static MultiValueMap<String, String> parameters(String query) {
		MultiValueMap<String, String> map = new LinkedMultiValueMap<>();
		for (String pair : query.split("&")) {
			if (!pair.isEmpty()) {
				map.add(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
			}
		}
		return map;
	}

	/** After a change: back to the view, with a message saying what was done. */
	private static String backTo(String back, RedirectAttributes redirect, String notice) {
		redirect.addFlashAttribute("notice", notice);
		return "redirect:" + safeBack(back);
	}

	/**
	 * The name by which the sidebar marks the view at {@code back} (one of
	 * {@link #safeBack}'s) as the current one: {@code today}, {@code project-5},
	 * {@code label-home}; for an answer in place that draws the sidebar's lists again.
	 */
	static String currentOf(String back) {
		String path = back.contains("?") ? back.substring(0, back.indexOf('?')) : back;
		if (path.matches("/app/projects/\\d{1,18}")) {
			return "project-" + path.substring("/app/projects/".length());
		}
		if (path.startsWith("/app/labels/")) {
			return "label-" + UriUtils.decode(path.substring("/app/labels/".length()), StandardCharsets.UTF_8);
		}
		return path.equals("/app") ? "today" : path.substring(path.lastIndexOf('/') + 1);
	}

	/**
	 * Back to one of the UI's own pages only: never to another site. A label's page is
	 * percent-encoded ({@link LabelPaths#segment}), {@code ~} and all; a search's words
	 * are a query parameter, which may keep {@code @}, {@code :} and the like as they
	 * are.
	 */
	static String safeBack(String back) {
		return (back.startsWith("/app") && !back.startsWith("/app/tasks")
				&& back.matches("[A-Za-z0-9/_\\-?=&%.~@:!*'(),;+$]*")) ? back : "/app";
	}

	/**
	 * A refusal of a field as a sentence: "The title must not be blank.", or, for a
	 * message that names its own subject ("each label must be at most 50 characters"),
	 * that message. The API's own words stay as they are.
	 */
	static String sentence(FieldError error) {
		String message = error.message();
		if (message.startsWith("each ")) {
			return "E" + message.substring(1) + ".";
		}
		return fieldName(error.field()) + " " + message + ".";
	}

	private static String fieldName(String field) {
		return switch (field) {
			case "title" -> "The title";
			case "project_id" -> "The project";
			case "priority" -> "The priority";
			case "due" -> "The due date";
			case "labels" -> "The labels";
			default -> "The " + field.replace('_', ' ');
		};
	}

	/**
	 * A quick add's recurrence in words, with the first due: "every 3rd Friday, from Dec
	 * 18".
	 */
	private static String repeats(QuickAdd parsed, ZoneId zone) {
		Recurrence recurrence = parsed.recurrence();
		return new RuleWords(LocalDate.now(zone), zone).describe(RecurrenceRule.parse(recurrence.rule()),
				recurrence.fromCompletion() ? Anchor.COMPLETION : Anchor.DUE, parsed.date());
	}

	private static @Nullable String describeDue(QuickAdd parsed) {
		if (parsed.date() == null) {
			return null;
		}
		return (parsed.time() != null) ? DAY_AND_TIME.format(parsed.date().atTime(parsed.time()))
				: DAY.format(parsed.date());
	}

	/**
	 * A label as the sidebar links it: its page's path, with the name percent-encoded as
	 * one segment (Thymeleaf's {@code @{/app/labels/{key}}} would leave {@code ;} and the
	 * other sub-delimiters as they are, and a raw {@code ;} starts path parameters), and
	 * the view name that marks it current.
	 */
	record LabelLink(String name, long openTasks, String view, String path) {

		static LabelLink of(Label label) {
			String key = TaskRequests.labelKey(label.name());
			return new LabelLink(label.name(), label.openTasks(), "label-" + key,
					"/app/labels/" + LabelPaths.segment(key));
		}

	}

	/**
	 * A part of a view: an optional heading, its tasks, and the id of the part when
	 * something links to it (Upcoming's days).
	 */
	record Section(@Nullable String heading, List<Task> tasks, boolean overdue, @Nullable String anchor) {

		Section(@Nullable String heading, List<Task> tasks, boolean overdue) {
			this(heading, tasks, overdue, null);
		}

		ShownSection shown(ZoneId zone, LocalDate today, Instant now) {
			return new ShownSection(this.heading,
					this.tasks.stream().map((task) -> Shown.of(task, zone, today, now)).toList(), this.overdue,
					this.anchor);
		}

	}

	record ShownSection(@Nullable String heading, List<Shown> tasks, boolean overdue, @Nullable String anchor) {
	}

	/**
	 * A task as a row shows it: its due date in words, in the user's zone, and whether it
	 * is late.
	 */
	record Shown(Task task, @Nullable String due, boolean late) {

		static Shown of(Task task, ZoneId zone, LocalDate today, Instant now) {
			Due due = task.due();
			if (due == null) {
				return new Shown(task, null, false);
			}
			if (due.date() != null) {
				LocalDate date = LocalDate.parse(due.date());
				String words = date.equals(today) ? "Today"
						: date.equals(today.plusDays(1)) ? "Tomorrow" : DAY.format(date);
				return new Shown(task, words, !task.completed() && date.isBefore(today));
			}
			Instant at = Instant.parse(due.datetime());
			ZonedDateTime local = at.atZone(zone);
			String words = local.toLocalDate().equals(today) ? "Today " + local.toLocalTime().withNano(0).toString()
					: DAY_AND_TIME.format(local);
			return new Shown(task, words, !task.completed() && at.isBefore(now));
		}

	}

	/** A page of tasks, held whole: a view shows at most {@link #VIEW_LIMIT}. */
	private static final class Collected implements TaskPageSink {

		private final List<Task> tasks = new ArrayList<>();

		/** Where the next page starts, when there is one: see {@link PageCursor}. */
		private @Nullable Long nextKey;

		private @Nullable Long nextAfter;

		@Override
		public void nextKey(@Nullable Long key) {
			this.nextKey = key;
		}

		@Override
		public void begin() {
			this.tasks.clear();
		}

		@Override
		public void add(Task task) {
			this.tasks.add(task);
		}

		@Override
		public void end(@Nullable Long nextAfter) {
			this.nextAfter = nextAfter;
		}

	}

}
