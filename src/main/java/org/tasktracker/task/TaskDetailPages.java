package org.tasktracker.task;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;
import org.tasktracker.account.UserZones;
import org.tasktracker.web.InvalidRequestException;
import org.tasktracker.web.PageNotFoundException;
import org.tasktracker.web.RefusalWords;
import org.tasktracker.web.WebPage;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The parts of a task's detail pane that change in place (issue 33): its subtasks (add
 * one, tick one) and its reminders (add, remove). Each form posts here; htmx swaps the
 * part it came from with the answer, and the task's row in the list beside it when the
 * page shows that row (app.js says so in {@value #ROW_SHOWN}), so a tick changes its
 * "1/2". A refusal is said in the part, with a 422 and what was typed. Without script the
 * post is answered with a redirect to the pane, with the refusal carried along. Checked
 * as the API's JSON would be, through {@link TaskRequests} and {@link TaskService}.
 */
@Controller
@WebPage
@Hidden
class TaskDetailPages {

	/**
	 * Sent by app.js with a request from the pane when the list beside it shows the
	 * pane's task: the answer then brings that row up to date too. Without it the row is
	 * left out, as htmx would log an error for a row it cannot find.
	 */
	static final String ROW_SHOWN = "X-Pane-Row-Shown";

	private static final RefusalWords.Words SUBTASK_WORDS = new RefusalWords.Words(
			Map.of("title", "The subtask's title"),
			Map.of("parent_id: would make a fifth level of subtasks; at most " + TaskLifecycle.MAX_DEPTH
					+ " levels lie below a root task",
					"This task is " + TaskLifecycle.MAX_DEPTH + " levels down already: it cannot have subtasks.",
					"parent_id: is not one of your tasks", "This task no longer exists."),
			null);

	private static final RefusalWords.Words REMINDER_WORDS = new RefusalWords.Words(Map.of("reminders", "A reminder"),
			Map.of("reminders: must hold at most " + TaskRequests.REMINDERS_MAX + " reminders",
					"A task holds at most " + TaskRequests.REMINDERS_MAX + " reminders: remove one first.",
					"reminders: a reminder before the due needs a due",
					"A reminder before the due needs a due date: set one first."),
			null);

	private final TaskService tasks;

	private final TaskPaneParts parts;

	private final UserZones zones;

	private final JsonMapper json;

	private final Sidebar sidebar;

	TaskDetailPages(TaskService tasks, TaskPaneParts parts, UserZones zones, JsonMapper json, Sidebar sidebar) {
		this.tasks = tasks;
		this.parts = parts;
		this.zones = zones;
		this.json = json;
		this.sidebar = sidebar;
	}

	/** Adds a subtask, last among the task's subtasks. */
	@PostMapping("/app/tasks/{id}/subtasks")
	String addSubtask(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "/app") String back,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
			@RequestHeader(name = ROW_SHOWN, required = false) @Nullable String rowShown, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Optional<Task> parent = this.tasks.findById(caller.id(), id);
		if (parent.isEmpty()) {
			return gone(htmx, back, model, response);
		}
		List<String> problems = new ArrayList<>();
		ObjectNode body = this.json.createObjectNode();
		body.put("title", title);
		body.put("parent_id", id);
		try {
			this.tasks.create(caller.id(), TaskRequests.newTask(body, TaskRequests.RuleSubset.CALENDAR));
		}
		catch (InvalidRequestException ex) {
			problems.addAll(RefusalWords.of(ex, SUBTASK_WORDS));
		}
		if (htmx == null) {
			if (!problems.isEmpty()) {
				redirect.addFlashAttribute("subtaskProblems", problems);
				redirect.addFlashAttribute("typedSubtask", title);
			}
			return "redirect:" + TaskPages.detailPath(id, TaskPages.safeBack(back));
		}
		if (!problems.isEmpty()) {
			model.addAttribute("subtaskProblems", problems);
			model.addAttribute("typedSubtask", title);
			response.setStatus(422);
		}
		return subtasksAnswer(caller, id, back, rowShown, model);
	}

	@PostMapping("/app/tasks/{id}/subtasks/{subtaskId}/complete")
	String completeSubtask(@AuthenticationPrincipal Account caller, @PathVariable long id, @PathVariable long subtaskId,
			@RequestParam(defaultValue = "/app") String back,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
			@RequestHeader(name = ROW_SHOWN, required = false) @Nullable String rowShown, Model model,
			HttpServletResponse response) {
		return tick(caller, id, subtaskId, true, back, htmx, rowShown, model, response);
	}

	@PostMapping("/app/tasks/{id}/subtasks/{subtaskId}/reopen")
	String reopenSubtask(@AuthenticationPrincipal Account caller, @PathVariable long id, @PathVariable long subtaskId,
			@RequestParam(defaultValue = "/app") String back,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
			@RequestHeader(name = ROW_SHOWN, required = false) @Nullable String rowShown, Model model,
			HttpServletResponse response) {
		return tick(caller, id, subtaskId, false, back, htmx, rowShown, model, response);
	}

	/**
	 * Completes or reopens one of the task's subtasks (and, completing, its own open
	 * subtasks, as the API does). A subtask of another task is not found here.
	 */
	private String tick(Account caller, long id, long subtaskId, boolean complete, String back, @Nullable String htmx,
			@Nullable String rowShown, Model model, HttpServletResponse response) {
		if (subtaskOf(caller, id, subtaskId).isEmpty()) {
			return gone(htmx, back, model, response);
		}
		Optional<Task> changed = complete ? this.tasks.complete(caller.id(), subtaskId)
				: this.tasks.reopen(caller.id(), subtaskId);
		if (changed.isEmpty()) {
			return gone(htmx, back, model, response);
		}
		if (htmx == null) {
			return "redirect:" + TaskPages.detailPath(id, TaskPages.safeBack(back));
		}
		return subtasksAnswer(caller, id, back, rowShown, model);
	}

	/**
	 * Moves one of the task's subtasks right after another ({@code after}, the subtask
	 * now above it) or first ({@code after} empty), as a row of a list moves
	 * ({@link TaskRowPages#placeAfter}): dragged, by Alt+arrow, or by its Move up and
	 * Move down buttons, which post the same form without script. The answer is the
	 * subtasks in their new order, and the moved one's place in words for the pane's live
	 * region. A place among another task's subtasks is refused, and nothing moves.
	 */
	@PostMapping("/app/tasks/{id}/subtasks/{subtaskId}/move")
	String moveSubtask(@AuthenticationPrincipal Account caller, @PathVariable long id, @PathVariable long subtaskId,
			@RequestParam(defaultValue = "") String after, @RequestParam(defaultValue = "/app") String back,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
			@RequestHeader(name = ROW_SHOWN, required = false) @Nullable String rowShown, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (subtaskOf(caller, id, subtaskId).isEmpty()) {
			return gone(htmx, back, model, response);
		}
		TaskRowPages.Placed placed = TaskRowPages.placeAfter(this.tasks, caller.id(), subtaskId, after);
		if (placed.moved().isEmpty()) {
			return gone(htmx, back, model, response);
		}
		List<String> problems = (placed.refusal() != null) ? List.of(placed.refusal()) : List.of();
		if (htmx == null) {
			if (!problems.isEmpty()) {
				redirect.addFlashAttribute("subtaskProblems", problems);
			}
			return "redirect:" + TaskPages.detailPath(id, TaskPages.safeBack(back));
		}
		if (!problems.isEmpty()) {
			model.addAttribute("subtaskProblems", problems);
			response.setStatus(422);
		}
		String answer = subtasksAnswer(caller, id, back, rowShown, model);
		if (problems.isEmpty() && model.getAttribute("parts") instanceof TaskPaneParts.Parts shown) {
			model.addAttribute("paneNotice", TaskRowPages.movedWords(placed.moved().get().title(),
					shown.subtasks().stream().map(TaskPaneParts.Subtask::id).toList(), subtaskId));
		}
		return answer;
	}

	/** One of the caller's tasks that is a direct subtask of task {@code id}. */
	private Optional<Task> subtaskOf(Account caller, long id, long subtaskId) {
		return this.tasks.findById(caller.id(), subtaskId)
			.filter((found) -> found.parentId() != null && found.parentId() == id);
	}

	/**
	 * Adds a reminder: a time before the due (one of the pane's choices, or any duration
	 * the API takes) or, when {@code at} is given, a date and time in the owner's zone.
	 */
	@PostMapping("/app/tasks/{id}/reminders")
	String addReminder(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(required = false) @Nullable String before,
			@RequestParam(required = false) @Nullable String at, @RequestParam(defaultValue = "/app") String back,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Optional<Task> found = this.tasks.findById(caller.id(), id);
		if (found.isEmpty()) {
			return gone(htmx, back, model, response);
		}
		Task task = found.get();
		List<String> problems = new ArrayList<>();
		Reminder added = null;
		if (at != null && !at.isBlank()) {
			try {
				added = Reminder.at(LocalDateTime.parse(at.strip()).atZone(this.zones.zoneOf(caller.id())).toInstant());
			}
			catch (DateTimeParseException ex) {
				problems.add("The reminder's date and time is not one: choose a day and a time.");
			}
		}
		else if (before != null && TaskRequests.duration(before.strip()) != null) {
			added = new Reminder(before.strip().toUpperCase(Locale.ROOT), null);
		}
		else if (before != null && !before.isBlank()) {
			// Not one of the pane's choices: a forged or stale form.
			problems.add("A reminder before the due is a time of up to 366 days before it.");
		}
		else {
			problems.add("Choose when to be reminded: a time before the due, or a date and time.");
		}
		if (added != null && task.reminders().contains(added)) {
			problems.add("That reminder is set already.");
		}
		else if (added != null) {
			ObjectNode patch = this.json.createObjectNode();
			ArrayNode reminders = patch.putArray("reminders");
			task.reminders().forEach((reminder) -> reminders.add(this.json.valueToTree(reminder)));
			reminders.add(this.json.valueToTree(added));
			try {
				if (this.tasks.update(caller.id(), id, TaskRequests.patch(patch, TaskRequests.RuleSubset.CALENDAR))
					.isEmpty()) {
					return gone(htmx, back, model, response);
				}
			}
			catch (InvalidRequestException ex) {
				problems.addAll(RefusalWords.of(ex, REMINDER_WORDS));
			}
		}
		return remindersAnswer(caller, id, back, problems, (at != null) ? at : "", htmx, model, response, redirect);
	}

	/** Removes a reminder, named by its stored form; one gone already is no refusal. */
	@PostMapping("/app/tasks/{id}/reminders/remove")
	String removeReminder(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "") String reminder, @RequestParam(defaultValue = "/app") String back,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Optional<Task> found = this.tasks.findById(caller.id(), id);
		if (found.isEmpty()) {
			return gone(htmx, back, model, response);
		}
		List<Reminder> kept = found.get()
			.reminders()
			.stream()
			.filter((held) -> !held.stored().equals(reminder))
			.toList();
		if (kept.size() < found.get().reminders().size()) {
			ObjectNode patch = this.json.createObjectNode();
			ArrayNode reminders = patch.putArray("reminders");
			kept.forEach((held) -> reminders.add(this.json.valueToTree(held)));
			if (this.tasks.update(caller.id(), id, TaskRequests.patch(patch, TaskRequests.RuleSubset.CALENDAR))
				.isEmpty()) {
				return gone(htmx, back, model, response);
			}
		}
		return remindersAnswer(caller, id, back, List.of(), "", htmx, model, response, redirect);
	}

	private String subtasksAnswer(Account caller, long id, String back, @Nullable String rowShown, Model model) {
		Task task = this.tasks.findById(caller.id(), id).orElseThrow(PageNotFoundException::new);
		String view = TaskPages.safeBack(back);
		model.addAttribute("parts", this.parts.of(caller, task, view));
		if ("true".equals(rowShown)) {
			ZoneId zone = this.zones.zoneOf(caller.id());
			java.time.Instant now = java.time.Instant.now();
			model.addAttribute("row", TaskPages.Shown.of(task, zone, LocalDate.ofInstant(now, zone), now));
			model.addAttribute("rowOob", "true");
		}
		// A subtask added or ticked changes the counts of its project and of Today.
		TaskRowPages.sidebarCounts(this.sidebar.of(caller), view, model);
		return "task-answers :: subtasks";
	}

	private String remindersAnswer(Account caller, long id, String back, List<String> problems, String typedAt,
			@Nullable String htmx, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		if (htmx == null) {
			if (!problems.isEmpty()) {
				redirect.addFlashAttribute("reminderProblems", problems);
				redirect.addFlashAttribute("typedReminderAt", typedAt);
			}
			return "redirect:" + TaskPages.detailPath(id, TaskPages.safeBack(back));
		}
		Task task = this.tasks.findById(caller.id(), id).orElseThrow(PageNotFoundException::new);
		model.addAttribute("parts", this.parts.of(caller, task, TaskPages.safeBack(back)));
		if (!problems.isEmpty()) {
			model.addAttribute("reminderProblems", problems);
			model.addAttribute("typedReminderAt", typedAt);
			response.setStatus(422);
		}
		return "task-answers :: reminders";
	}

	/**
	 * The task is not the caller's, or no longer exists: for htmx, the pane says so in
	 * place of the part (a 404 that changes nothing); otherwise the "Not found" page.
	 */
	private static String gone(@Nullable String htmx, String back, Model model, HttpServletResponse response) {
		if (htmx == null) {
			throw new PageNotFoundException();
		}
		response.setStatus(404);
		response.setHeader("HX-Retarget", "#task-pane");
		response.setHeader("HX-Reswap", "outerHTML");
		model.addAttribute("back", TaskPages.safeBack(back));
		return "task-answers :: gone";
	}

}
