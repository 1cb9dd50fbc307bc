package org.tasktracker.task;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.web.Confirmation;
import org.tasktracker.web.PageNotFoundException;
import org.tasktracker.web.RefusalWords;
import org.tasktracker.web.WebPage;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The web UI's forms for projects and labels. Each goes through the API's own controller
 * method, so that a name is checked, and a clash or a missing project refused, with the
 * same rules; a refusal comes back to the page as a message in the page's words. Deleting
 * a project and removing a label from every task each take a confirmation page first
 * ({@link Confirmation}), which names what will go; the act's form carries what was
 * confirmed, and a post without it only leads to that page.
 */
@Controller
@WebPage
@Hidden
class OrganisingPages {

	/**
	 * The project forms' words for the API's: a missing project is named by its id there.
	 */
	private static final RefusalWords.Words PROJECT_WORDS = new RefusalWords.Words(Map.of("name", "The name"),
			Map.of("color: must be a colour as #rrggbb, or null", "Choose one of the colours, or none."),
			"That project no longer exists.");

	private static final RefusalWords.Words LABEL_WORDS = new RefusalWords.Words(Map.of("name", "The name"), Map.of(),
			"No task carries that label any more.");

	private final ProjectController projects;

	private final LabelController labels;

	private final ProjectRepository projectRows;

	private final LabelRepository labelRows;

	private final DatabaseRetry retry;

	private final JsonMapper json;

	OrganisingPages(ProjectController projects, LabelController labels, ProjectRepository projectRows,
			LabelRepository labelRows, DatabaseRetry retry, JsonMapper json) {
		this.projects = projects;
		this.labels = labels;
		this.projectRows = projectRows;
		this.labelRows = labelRows;
		this.retry = retry;
		this.json = json;
	}

	@PostMapping("/app/projects")
	String createProject(@AuthenticationPrincipal Account caller, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "/app") String back, RedirectAttributes redirect) {
		try {
			Project project = this.projects.create(caller, named(name)).getBody();
			redirect.addFlashAttribute("notice", "Project added: " + project.name());
			return "redirect:/app/projects/" + project.id();
		}
		catch (ErrorResponseException ex) {
			return refused(ex, PROJECT_WORDS, back, redirect);
		}
	}

	@PostMapping("/app/projects/{id}/rename")
	String renameProject(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
		String back = "/app/projects/" + id;
		try {
			this.projects.update(caller, Long.toString(id), named(name), null);
			redirect.addFlashAttribute("notice", "Renamed.");
			return "redirect:" + back;
		}
		catch (ErrorResponseException ex) {
			return refused(ex, PROJECT_WORDS, back, redirect);
		}
	}

	/** A colour from the palette, or none ({@code color} empty). */
	@PostMapping("/app/projects/{id}/color")
	String colorProject(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "") String color, RedirectAttributes redirect) {
		String back = "/app/projects/" + id;
		try {
			ObjectNode body = this.json.createObjectNode();
			if (color.isEmpty()) {
				body.putNull("color");
			}
			else {
				body.put("color", color);
			}
			this.projects.update(caller, Long.toString(id), body, null);
			redirect.addFlashAttribute("notice", color.isEmpty() ? "Colour removed." : "Colour changed.");
			return "redirect:" + back;
		}
		catch (ErrorResponseException ex) {
			return refused(ex, PROJECT_WORDS, back, redirect);
		}
	}

	@PostMapping("/app/projects/{id}/archive")
	String archiveProject(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam boolean archived, RedirectAttributes redirect) {
		String back = "/app/projects/" + id;
		try {
			ObjectNode body = this.json.createObjectNode();
			body.put("archived", archived);
			this.projects.update(caller, Long.toString(id), body, null);
			redirect.addFlashAttribute("notice", archived ? "Archived." : "Back from the archive.");
			return "redirect:" + back;
		}
		catch (ErrorResponseException ex) {
			return refused(ex, PROJECT_WORDS, back, redirect);
		}
	}

	/** The question before a project is deleted: with how many tasks. */
	@GetMapping("/app/projects/{id}/delete")
	String confirmProjectDeletion(@AuthenticationPrincipal Account caller, @PathVariable long id, Model model) {
		Project project = project(caller, id).orElseThrow(PageNotFoundException::new);
		long tasks = this.retry.idempotent(() -> this.projectRows.countTasks(caller.id(), id));
		String back = "/app/projects/" + id;
		Confirmation confirmation = (tasks == 0)
				? new Confirmation("Delete project " + project.name() + "?",
						List.of("It holds no tasks. This cannot be undone."), back + "/delete", Map.of("tasks", "0"),
						"Delete project", back)
				: new Confirmation("Delete project " + project.name() + " and its " + tasks(tasks) + "?",
						List.of(open(project.openTasks(), tasks), (tasks == 1)
								? "The task is deleted with it, and this cannot be undone. To keep it out of sight "
										+ "instead, archive the project; to keep it in view, move it first."
								: "They are deleted with it, and this cannot be undone. To keep them out of sight "
										+ "instead, archive the project; to keep them in view, move them first."),
						back + "/delete", Map.of("tasks", Long.toString(tasks)), "Delete project and " + tasks(tasks),
						back);
		model.addAttribute(Confirmation.ATTRIBUTE, confirmation);
		return Confirmation.VIEW;
	}

	/**
	 * Deletes the project with the number of tasks confirmed; when it holds another
	 * number by now, or none was confirmed, back to the question.
	 */
	@PostMapping("/app/projects/{id}/delete")
	String deleteProject(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(required = false) @Nullable String tasks, RedirectAttributes redirect) {
		String question = "redirect:/app/projects/" + id + "/delete";
		Project project = project(caller, id).orElse(null);
		if (project == null) {
			redirect.addFlashAttribute("problems", List.of(PROJECT_WORDS.missing()));
			return "redirect:/app/inbox";
		}
		if (tasks == null || !tasks.matches("\\d{1,18}")) {
			return question;
		}
		long confirmed = Long.parseLong(tasks);
		long holds = this.retry.idempotent(() -> this.projectRows.countTasks(caller.id(), id));
		if (holds != confirmed) {
			redirect.addFlashAttribute("notice", "The project now holds " + tasks(holds) + ".");
			return question;
		}
		try {
			LinkedMultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
			parameters.add("with_tasks", Boolean.toString(holds > 0));
			this.projects.delete(caller, Long.toString(id), parameters, null);
			redirect.addFlashAttribute("notice", (holds == 0) ? "Project " + project.name() + " deleted."
					: "Project " + project.name() + " deleted, with its " + tasks(holds) + ".");
			return "redirect:/app/inbox";
		}
		catch (ErrorResponseException ex) {
			if (ex.getStatusCode().value() == HttpStatus.CONFLICT.value()) {
				// A task was added since the count: ask again, with the new one.
				redirect.addFlashAttribute("notice", "A task was added to the project meanwhile.");
				return question;
			}
			return refused(ex, PROJECT_WORDS, "/app/projects/" + id, redirect);
		}
	}

	@PostMapping("/app/labels/{key}/rename")
	String renameLabel(@AuthenticationPrincipal Account caller, @PathVariable String key,
			@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
		try {
			Label label = this.labels.rename(caller, key, named(name));
			redirect.addFlashAttribute("notice", "Renamed to @" + label.name() + ".");
			return "redirect:" + labelPage(label.name());
		}
		catch (ErrorResponseException ex) {
			return refused(ex, LABEL_WORDS, labelPage(key), redirect);
		}
	}

	/** The question before a label is taken off every task that carries it. */
	@GetMapping("/app/labels/{key}/delete")
	String confirmLabelRemoval(@AuthenticationPrincipal Account caller, @PathVariable String key, Model model) {
		Label label = this.retry.idempotent(() -> this.labelRows.find(caller.id(), TaskRequests.labelKey(key)))
			.orElseThrow(PageNotFoundException::new);
		String page = labelPage(label.name());
		model.addAttribute(Confirmation.ATTRIBUTE,
				new Confirmation(
						"Remove @" + label.name() + " from "
								+ ((label.tasks() == 1) ? "its task" : "its " + tasks(label.tasks())) + "?",
						List.of("The tasks stay; only the label goes. This cannot be undone."), page + "/delete",
						Map.of("confirmed", "true"), "Remove @" + label.name(), page));
		return Confirmation.VIEW;
	}

	@PostMapping("/app/labels/{key}/delete")
	String deleteLabel(@AuthenticationPrincipal Account caller, @PathVariable String key,
			@RequestParam(defaultValue = "false") boolean confirmed, RedirectAttributes redirect) {
		if (!confirmed) {
			return "redirect:" + labelPage(key) + "/delete";
		}
		try {
			this.labels.delete(caller, key);
			redirect.addFlashAttribute("notice", "Label removed from every task.");
			return "redirect:/app/inbox";
		}
		catch (ErrorResponseException ex) {
			return refused(ex, LABEL_WORDS, "/app/inbox", redirect);
		}
	}

	private java.util.Optional<Project> project(Account caller, long id) {
		return this.retry.idempotent(() -> this.projectRows.find(caller.id(), id));
	}

	/** "1 task", "12 tasks". */
	private static String tasks(long count) {
		return count + ((count == 1) ? " task" : " tasks");
	}

	/** How many of a project's tasks are still open, in words. */
	private static String open(long open, long all) {
		if (open == all) {
			return (all == 1) ? "The task is open." : "All of them are open.";
		}
		if (open == 0) {
			return (all == 1) ? "The task is completed." : "All of them are completed.";
		}
		return open + " of them " + ((open == 1) ? "is" : "are") + " open, " + (all - open) + " completed.";
	}

	/** A label's page, its name encoded as one segment: a label may hold / ; % ? #. */
	private static String labelPage(String label) {
		return "/app/labels/" + LabelPaths.segment(TaskRequests.labelKey(label));
	}

	private ObjectNode named(String name) {
		ObjectNode body = this.json.createObjectNode();
		body.put("name", name);
		return body;
	}

	/**
	 * Back to the page with the refusal's words, field by field where it names fields; to
	 * the Inbox when what the page showed is gone.
	 */
	private static String refused(ErrorResponseException ex, RefusalWords.Words words, String back,
			RedirectAttributes redirect) {
		redirect.addFlashAttribute("problems", RefusalWords.of(ex, words));
		return "redirect:" + ((ex.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) ? "/app/inbox"
				: TaskPages.safeBack(back));
	}

}
