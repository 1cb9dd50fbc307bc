package org.tasktracker.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;
import org.tasktracker.account.UserZones;
import org.tasktracker.web.InvalidRequestException;
import org.tasktracker.web.PageNotFoundException;
import org.tasktracker.web.WebPage;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What a row of a list does in place (issue 33), answered with the row or the list and a
 * message for the page's live region ({@code #notice}), never the whole view: completing
 * a recurring task (the row stays, with its next due, "Moved to Tue 8 Dec" and an Undo),
 * its undo, and a move in the manual order of a project or the Inbox (a row dragged, or
 * moved by Alt+arrow). Without script each is answered with a redirect back to the view.
 */
@Controller
@WebPage
@Hidden
class TaskRowPages {

	private final TaskService tasks;

	private final UserZones zones;

	TaskRowPages(TaskService tasks, UserZones zones) {
		this.tasks = tasks;
		this.zones = zones;
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
		String notice = (!task.completed() && task.due() != null)
				? "Moved to " + TaskPaneParts.dueWords(task.due(), zone, LocalDate.now(zone))
				: "Completed: " + task.title();
		if (htmx == null) {
			redirect.addFlashAttribute("notice", notice);
			redirect.addFlashAttribute("undoReopen", id);
			return "redirect:" + TaskPages.safeBack(back);
		}
		model.addAttribute("undoRow", id);
		return row(task, zone, back, notice, model);
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
		return row(task, zone, back, notice, model);
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
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Optional<Task> found = this.tasks.findById(caller.id(), id);
		if (found.isEmpty()) {
			return missing(htmx, model, response);
		}
		String refusal = null;
		Optional<Task> moved = found;
		if (!after.isBlank() && !after.matches("\\d{1,18}")) {
			refusal = "That place is not in this list.";
		}
		else {
			try {
				moved = this.tasks.move(caller.id(), id,
						new TaskMove(false, null, false, null, true, after.isBlank() ? null : Long.valueOf(after)));
			}
			catch (InvalidRequestException ex) {
				refusal = "It cannot go there: the task above it must be in the same list.";
			}
		}
		if (moved.isEmpty()) {
			return missing(htmx, model, response);
		}
		Task task = moved.get();
		if (htmx == null) {
			redirect.addFlashAttribute((refusal != null) ? "problems" : "notice",
					(refusal != null) ? List.of(refusal) : "Moved: " + task.title());
			return "redirect:" + TaskPages.safeBack(back);
		}
		ZoneId zone = this.zones.zoneOf(caller.id());
		Instant now = Instant.now();
		LocalDate today = LocalDate.ofInstant(now, zone);
		List<Task> list = ListedTasks.of(this.tasks, caller.id(),
				TaskPages.manualOrder(task.projectId()) + "&limit=" + TaskPages.VIEW_LIMIT);
		int place = list.stream().map(Task::id).toList().indexOf(id);
		model.addAttribute("rows",
				list.stream().map((listed) -> TaskPages.Shown.of(listed, zone, today, now)).toList());
		model.addAttribute("rowBack", TaskPages.safeBack(back));
		if (refusal != null) {
			response.setStatus(422);
			model.addAttribute("problem", refusal);
		}
		else {
			model.addAttribute("notice",
					"Moved: " + task.title() + ((place >= 0) ? ", " + (place + 1) + " of " + list.size() + "." : "."));
		}
		return "task-answers :: list";
	}

	private String row(Task task, ZoneId zone, String back, String notice, Model model) {
		Instant now = Instant.now();
		model.addAttribute("row", TaskPages.Shown.of(task, zone, LocalDate.ofInstant(now, zone), now));
		model.addAttribute("rowBack", TaskPages.safeBack(back));
		model.addAttribute("notice", notice);
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
