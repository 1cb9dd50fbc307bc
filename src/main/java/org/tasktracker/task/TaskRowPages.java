package org.tasktracker.task;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;
import org.tasktracker.account.UserZones;
import org.tasktracker.web.InvalidRequestException;
import org.tasktracker.web.PageNotFoundException;
import org.tasktracker.web.WebPage;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What a row of a list does in place (issues 32 and 33), answered with the row or the
 * list and a message for the page's live region ({@code #notice}), never the whole view:
 * completing a recurring task (the row stays, with its next due, "Moved to Tue 8 Dec" and
 * an Undo), its undo, a move in the manual order of a project or the Inbox (a row
 * dragged, or moved by Alt+arrow), and the row's menu: its priority, its due and its
 * project. A move and a change from the menu can be undone: the task as it was stays in
 * the session ({@link SessionUndo}), and the undo puts back what the change touched. Each
 * answer also draws the sidebar's counts again, as out-of-band swaps. Without script each
 * is answered with a redirect back to the view.
 */
@Controller
@WebPage
@Hidden
class TaskRowPages {

	/** The changes a session can undo: a task as it was, by owner and id. */
	private static final SessionUndo CHANGES = new SessionUndo(TaskRowPages.class.getName() + ".changes");

	private final TaskService tasks;

	private final UserZones zones;

	private final Sidebar sidebar;

	private final JsonMapper json;

	TaskRowPages(TaskService tasks, UserZones zones, Sidebar sidebar, JsonMapper json) {
		this.tasks = tasks;
		this.zones = zones;
		this.sidebar = sidebar;
		this.json = json;
	}

	/**
	 * What a completion says: where a recurring task's due went ("Moved to Tue 8 Dec"),
	 * or "Completed: X".
	 */
	static String completedWords(Task task, ZoneId zone) {
		return (!task.completed() && task.due() != null)
				? "Moved to " + TaskPaneParts.dueWords(task.due(), zone, LocalDate.now(zone))
				: "Completed: " + task.title();
	}

	/**
	 * Completes the task; a recurring one stays open with its due moved to the next
	 * occurrence, and its row says so.
	 */
	@PostMapping("/app/tasks/{id}/row/complete")
	String complete(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "/app") String back,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Optional<Task> completed = this.tasks.complete(caller.id(), id);
		if (completed.isEmpty()) {
			return missing(htmx, model, response);
		}
		Task task = completed.get();
		ZoneId zone = this.zones.zoneOf(caller.id());
		String notice = completedWords(task, zone);
		if (htmx == null) {
			redirect.addFlashAttribute("notice", notice);
			redirect.addFlashAttribute("undoReopen", id);
			return "redirect:" + TaskPages.safeBack(back);
		}
		model.addAttribute("undoRow", id);
		return row(this.sidebar.of(caller), task, zone, back, notice, model);
	}

	/**
	 * The undo of {@link #complete}: reopening a recurring task undoes its last
	 * completion, so its due moves back.
	 */
	@PostMapping("/app/tasks/{id}/row/reopen")
	String reopen(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "/app") String back,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Optional<Task> was = this.tasks.findById(caller.id(), id);
		Optional<Task> reopened = was.flatMap((task) -> this.tasks.reopen(caller.id(), id));
		if (reopened.isEmpty()) {
			return missing(htmx, model, response);
		}
		Task task = reopened.get();
		ZoneId zone = this.zones.zoneOf(caller.id());
		String notice = (task.due() != null && !Objects.equals(task.due(), was.get().due()))
				? "Moved back to " + TaskPaneParts.dueWords(task.due(), zone, LocalDate.now(zone))
				: "Reopened: " + task.title();
		if (htmx == null) {
			redirect.addFlashAttribute("notice", notice);
			return "redirect:" + TaskPages.safeBack(back);
		}
		return row(this.sidebar.of(caller), task, zone, back, notice, model);
	}

	/**
	 * Puts a root task of a project or the Inbox right after another ({@code after}, the
	 * row now above it), or first ({@code after} empty), and answers the list in its new
	 * order, the moved task's place in words for the live region. A sibling that is not
	 * in the same list is refused, and the list comes back as it is.
	 */
	@PostMapping("/app/tasks/{id}/move")
	String move(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "") String after, @RequestParam(defaultValue = "/app") String back,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, HttpSession session,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		Optional<Task> found = this.tasks.findById(caller.id(), id);
		if (found.isEmpty()) {
			return missing(htmx, model, response);
		}
		Placed placed = placeAfter(this.tasks, caller.id(), id, after);
		if (placed.moved().isEmpty()) {
			return missing(htmx, model, response);
		}
		Task task = placed.moved().get();
		if (placed.refusal() == null) {
			remember(session, caller, found.get(), Change.PLACE);
		}
		if (htmx == null) {
			redirect.addFlashAttribute((placed.refusal() != null) ? "problems" : "notice",
					(placed.refusal() != null) ? List.of(placed.refusal()) : "Moved: " + task.title());
			return "redirect:" + TaskPages.safeBack(back);
		}
		ZoneId zone = this.zones.zoneOf(caller.id());
		Instant now = Instant.now();
		LocalDate today = LocalDate.ofInstant(now, zone);
		List<Task> list = ListedTasks.of(this.tasks, caller.id(),
				TaskPages.manualOrder(task.projectId()) + "&limit=" + TaskPages.VIEW_LIMIT);
		model.addAttribute("rows",
				list.stream().map((listed) -> TaskPages.Shown.of(listed, zone, today, now)).toList());
		model.addAttribute("rowBack", TaskPages.safeBack(back));
		if (placed.refusal() != null) {
			response.setStatus(422);
			model.addAttribute("problem", placed.refusal());
		}
		else {
			model.addAttribute("notice", movedWords(task.title(), list.stream().map(Task::id).toList(), id));
			// An icon: the move's words stay exactly its place, for the live region.
			model.addAttribute("undoChange", id);
			model.addAttribute("undoIcon", true);
		}
		return "task-answers :: list";
	}

	/**
	 * A move right after {@code after} (a task's id, or empty for first) in the task's
	 * own list, through {@link TaskService#move}, as {@code POST /tasks/{id}/move} with
	 * {@code after}: the list's rows and the pane's subtasks move so.
	 *
	 * @param moved the task once moved (or as it is, when refused); empty when not found
	 * @param refusal why it did not move, in words, or null
	 */
	record Placed(Optional<Task> moved, @Nullable String refusal) {
	}

	static Placed placeAfter(TaskService tasks, long ownerId, long id, String after) {
		if (!after.isBlank() && !after.matches("\\d{1,18}")) {
			return new Placed(tasks.findById(ownerId, id), "That place is not in this list.");
		}
		try {
			return new Placed(
					tasks.move(ownerId, id,
							new TaskMove(false, null, false, null, true, after.isBlank() ? null : Long.valueOf(after))),
					null);
		}
		catch (InvalidRequestException ex) {
			return new Placed(tasks.findById(ownerId, id),
					"It cannot go there: the task above it must be in the same list.");
		}
	}

	/** "Moved: Bravo, 2 of 3.": a moved task's place in its list, for the live region. */
	static String movedWords(String title, List<Long> list, long id) {
		int place = list.indexOf(id);
		return "Moved: " + title + ((place >= 0) ? ", " + (place + 1) + " of " + list.size() + "." : ".");
	}

	/** The row's menu: a priority, from 4 (P1, urgent) to 1 (P4, normal). */
	@PostMapping("/app/tasks/{id}/row/priority")
	String priority(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "") String priority, @RequestParam(defaultValue = "/app") String back,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, HttpSession session,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		Edit edit = (task, patch) -> {
			patch.set("priority", priority.matches("\\d{1,9}") ? IntNode.valueOf(Integer.parseInt(priority))
					: StringNode.valueOf(priority));
			return null;
		};
		return change(caller, id, back, htmx, session, model, response, redirect, Change.PRIORITY, edit,
				(was, task, side) -> "Priority P" + (5 - task.priority()) + ": " + task.title());
	}

	/**
	 * The row's menu: today, tomorrow, next week (its Monday, as quick add reads it) or
	 * no date. A due with a time keeps its time of day.
	 */
	@PostMapping("/app/tasks/{id}/row/schedule")
	String schedule(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "") String schedule, @RequestParam(defaultValue = "/app") String back,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, HttpSession session,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		ZoneId zone = this.zones.zoneOf(caller.id());
		LocalDate today = LocalDate.now(zone);
		Edit edit = (task, patch) -> {
			if (!List.of("today", "tomorrow", "next-week", "none").contains(schedule)) {
				return "Choose today, tomorrow, next week or no date.";
			}
			LocalDate day = switch (schedule) {
				case "today" -> today;
				case "tomorrow" -> today.plusDays(1);
				case "next-week" -> today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
				default -> null;
			};
			if (day == null) {
				patch.putNull("due");
			}
			else if (task.due() == null || task.due().date() != null) {
				patch.set("due", this.json.valueToTree(Due.onDate(day)));
			}
			else {
				LocalTime time = Instant.parse(task.due().datetime()).atZone(zone).toLocalTime();
				patch.set("due", this.json.valueToTree(Due.at(day.atTime(time).atZone(zone).toInstant())));
			}
			return null;
		};
		return change(caller, id, back, htmx, session, model, response, redirect, Change.DUE, edit,
				(was, task, side) -> (task.due() != null)
						? "Rescheduled to " + TaskPaneParts.dueWords(task.due(), zone, today) : "No date now: "
								+ task.title() + ((was.recurrence() != null) ? "; it no longer repeats." : "."));
	}

	/** The row's menu: another project, or the Inbox ({@code project} empty). */
	@PostMapping("/app/tasks/{id}/row/project")
	String project(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "") String project, @RequestParam(defaultValue = "/app") String back,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, HttpSession session,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		Edit edit = (task, patch) -> {
			if (project.isBlank()) {
				patch.putNull("project_id");
			}
			else if (project.matches("\\d{1,18}")) {
				patch.put("project_id", Long.parseLong(project));
			}
			else {
				return "The project is not one of yours.";
			}
			return null;
		};
		return change(caller, id, back, htmx, session, model, response, redirect, Change.PLACE, edit,
				(was, task,
						side) -> "Moved to " + ((task.projectId() == null) ? "Inbox"
								: side.projects()
									.stream()
									.filter((shown) -> Objects.equals(shown.id(), task.projectId()))
									.map(Project::name)
									.findFirst()
									.orElse("its project")));
	}

	/**
	 * Undoes the latest move or change from the menu of one of the caller's tasks in this
	 * session: what it touched (the due, the priority, or the project, parent and
	 * position) is put back exactly as it was. Answered with the view, as the other undos
	 * are.
	 */
	@PostMapping("/app/tasks/{id}/undo")
	String undo(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "/app") String back, HttpSession session, RedirectAttributes redirect) {
		if (this.tasks.findById(caller.id(), id).isEmpty()) {
			throw new PageNotFoundException();
		}
		String held = CHANGES.get(session, caller.id(), id);
		String view = TaskPages.safeBack(back);
		if (held == null) {
			redirect.addFlashAttribute("problems", List.of("That change can no longer be undone."));
			return "redirect:" + view;
		}
		Change change = this.json.readValue(held, Change.class);
		Task before = change.before();
		Optional<Task> undone;
		try {
			if (Change.PLACE.equals(change.kind())) {
				undone = this.tasks.putBack(caller.id(), id, before.projectId(), before.parentId(), before.position());
			}
			else {
				ObjectNode patch = this.json.createObjectNode();
				if (Change.DUE.equals(change.kind())) {
					// No date ended a series and dropped the reminders before the due:
					// they come back with it.
					patch.set("due",
							(before.due() != null) ? this.json.valueToTree(before.due()) : NullNode.getInstance());
					if (before.recurrence() != null) {
						patch.set("recurrence", this.json.valueToTree(before.recurrence()));
					}
					patch.set("reminders", this.json.valueToTree(before.reminders()));
				}
				else {
					patch.put("priority", before.priority());
				}
				undone = this.tasks.update(caller.id(), id,
						TaskRequests.patch(patch, TaskRequests.RuleSubset.CALENDAR));
			}
		}
		catch (InvalidRequestException ex) {
			redirect.addFlashAttribute("problems",
					List.of("It cannot be undone: the project or the task it was in is gone."));
			return "redirect:" + view;
		}
		CHANGES.remove(session, caller.id(), id);
		if (undone.isEmpty()) {
			redirect.addFlashAttribute("problems", List.of("That task no longer exists."));
			return "redirect:" + view;
		}
		redirect.addFlashAttribute("notice", "Undone: " + undone.get().title());
		return "redirect:" + view;
	}

	/**
	 * A change from the row's menu: writes a field into a patch of the task.
	 */
	@FunctionalInterface
	private interface Edit {

		/**
		 * @return why it cannot be made, in words, or null once the patch holds it
		 */
		@Nullable String write(Task task, ObjectNode patch);

	}

	/** What a change from the row's menu says it did, from the task before and after. */
	@FunctionalInterface
	private interface Words {

		String of(Task was, Task task, Sidebar.Contents side);

	}

	/**
	 * Makes a change from the row's menu as {@code PATCH /tasks/{id}} would, keeps the
	 * task as it was for the undo, and answers the row with the change in words and an
	 * Undo; a task moved out of the project's (or the Inbox's) list on show leaves it. A
	 * refusal leaves the row as it is, its words in the live region.
	 */
	private String change(Account caller, long id, String back, @Nullable String htmx, HttpSession session, Model model,
			HttpServletResponse response, RedirectAttributes redirect, String kind, Edit edit, Words words) {
		Optional<Task> found = this.tasks.findById(caller.id(), id);
		if (found.isEmpty()) {
			return missing(htmx, model, response);
		}
		Task was = found.get();
		ObjectNode patch = this.json.createObjectNode();
		String refusal = edit.write(was, patch);
		Optional<Task> changed = Optional.of(was);
		if (refusal == null) {
			try {
				changed = this.tasks.update(caller.id(), id,
						TaskRequests.patch(patch, TaskRequests.RuleSubset.CALENDAR));
			}
			catch (InvalidRequestException ex) {
				refusal = TaskPages.sentence(ex.getErrors().get(0));
			}
		}
		if (changed.isEmpty()) {
			return missing(htmx, model, response);
		}
		Task task = changed.get();
		String view = TaskPages.safeBack(back);
		Sidebar.Contents side = this.sidebar.of(caller);
		if (refusal == null) {
			remember(session, caller, was, kind);
		}
		if (htmx == null) {
			redirect.addFlashAttribute((refusal != null) ? "problems" : "notice",
					(refusal != null) ? List.of(refusal) : words.of(was, task, side));
			if (refusal == null) {
				redirect.addFlashAttribute("undoChange", id);
			}
			return "redirect:" + view;
		}
		ZoneId zone = this.zones.zoneOf(caller.id());
		if (refusal != null) {
			response.setStatus(422);
			model.addAttribute("problem", refusal);
			return row(side, task, zone, view, null, model);
		}
		model.addAttribute("undoChange", id);
		if (view.equals(TaskPages.listedIn(was)) && !view.equals(TaskPages.listedIn(task))) {
			model.addAttribute("rowBack", view);
			model.addAttribute("notice", words.of(was, task, side));
			sidebarCounts(side, view, model);
			return "task-answers :: left";
		}
		return row(side, task, zone, view, words.of(was, task, side), model);
	}

	/**
	 * What a change touched, and the task as it was before it, kept in the session for
	 * its undo.
	 *
	 * @param kind {@link #DUE}, {@link #PRIORITY} or {@link #PLACE} (project, parent and
	 * position)
	 */
	record Change(String kind, Task before) {

		static final String DUE = "due";

		static final String PRIORITY = "priority";

		static final String PLACE = "place";

	}

	private void remember(HttpSession session, Account caller, Task before, String kind) {
		CHANGES.put(session, caller.id(), before.id(), this.json.writeValueAsString(new Change(kind, before)));
	}

	/**
	 * The sidebar's lists with their counts, for an answer in place to draw again as
	 * out-of-band swaps ({@code fragments :: sidebar-counts}), the view at {@code back}
	 * marked as the current one.
	 */
	static void sidebarCounts(Sidebar.Contents side, String back, Model model) {
		side.addTo(model);
		model.addAttribute("current", TaskPages.currentOf(back));
		model.addAttribute("sidebarCounts", true);
	}

	private static String row(Sidebar.Contents side, Task task, ZoneId zone, String back, @Nullable String notice,
			Model model) {
		Instant now = Instant.now();
		model.addAttribute("row", TaskPages.Shown.of(task, zone, LocalDate.ofInstant(now, zone), now));
		model.addAttribute("rowBack", TaskPages.safeBack(back));
		model.addAttribute("notice", notice);
		sidebarCounts(side, TaskPages.safeBack(back), model);
		return "task-answers :: row";
	}

	/**
	 * Not the caller's task, or gone: for htmx, a 404 whose words go to the live region
	 * (the row is left as it is); otherwise the "Not found" page.
	 */
	private static String missing(@Nullable String htmx, Model model, HttpServletResponse response) {
		if (htmx == null) {
			throw new PageNotFoundException();
		}
		response.setStatus(404);
		response.setHeader("HX-Retarget", "#notice");
		response.setHeader("HX-Reswap", "innerHTML");
		model.addAttribute("problem", "That task no longer exists, or it is not yours.");
		return "task-answers :: missing";
	}

}
