package org.tasktracker.task;

import io.swagger.v3.oas.annotations.Hidden;
import org.tasktracker.account.Account;
import org.tasktracker.web.RefusalWords;
import org.tasktracker.web.WebPage;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The web UI's forms for projects and labels. Each goes through the API's own controller
 * method, so that a name is checked, and a clash or a missing project refused, with the
 * same rules; a refusal comes back to the page as a message.
 */
@Controller
@WebPage
@Hidden
class OrganisingPages {

	private final ProjectController projects;

	private final LabelController labels;

	private final JsonMapper json;

	OrganisingPages(ProjectController projects, LabelController labels, JsonMapper json) {
		this.projects = projects;
		this.labels = labels;
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
			return refused(ex, back, redirect);
		}
	}

	@PostMapping("/app/projects/{id}/rename")
	String renameProject(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
		String back = "/app/projects/" + id;
		try {
			this.projects.update(caller, Long.toString(id), named(name));
			redirect.addFlashAttribute("notice", "Renamed.");
			return "redirect:" + back;
		}
		catch (ErrorResponseException ex) {
			return refused(ex, back, redirect);
		}
	}

	@PostMapping("/app/projects/{id}/archive")
	String archiveProject(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam boolean archived, RedirectAttributes redirect) {
		String back = "/app/projects/" + id;
		try {
			ObjectNode body = this.json.createObjectNode();
			body.put("archived", archived);
			this.projects.update(caller, Long.toString(id), body);
			redirect.addFlashAttribute("notice", archived ? "Archived." : "Back from the archive.");
			return "redirect:" + back;
		}
		catch (ErrorResponseException ex) {
			return refused(ex, back, redirect);
		}
	}

	@PostMapping("/app/projects/{id}/delete")
	String deleteProject(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(name = "with_tasks", defaultValue = "false") boolean withTasks, RedirectAttributes redirect) {
		try {
			LinkedMultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
			parameters.add("with_tasks", Boolean.toString(withTasks));
			this.projects.delete(caller, Long.toString(id), parameters);
			redirect.addFlashAttribute("notice", "Project deleted.");
			return "redirect:/app/inbox";
		}
		catch (ErrorResponseException ex) {
			return refused(ex, "/app/projects/" + id, redirect);
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
			return refused(ex, labelPage(key), redirect);
		}
	}

	@PostMapping("/app/labels/{key}/delete")
	String deleteLabel(@AuthenticationPrincipal Account caller, @PathVariable String key, RedirectAttributes redirect) {
		try {
			this.labels.delete(caller, key);
			redirect.addFlashAttribute("notice", "Label removed from every task.");
			return "redirect:/app/inbox";
		}
		catch (ErrorResponseException ex) {
			return refused(ex, labelPage(key), redirect);
		}
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
	 * Back to the page with the refusal's words, field by field where it names fields.
	 */
	private static String refused(ErrorResponseException ex, String back, RedirectAttributes redirect) {
		redirect.addFlashAttribute("problems", RefusalWords.of(ex));
		return "redirect:" + TaskPages.safeBack(back);
	}

}
