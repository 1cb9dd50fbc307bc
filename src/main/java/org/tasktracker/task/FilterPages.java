package org.tasktracker.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Hidden;
import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.web.Confirmation;
import org.tasktracker.web.PageNotFoundException;
import org.tasktracker.web.WebPage;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Saved filters (issue 32), as Todoist's: the search page's "Save as filter" names the
 * search, the sidebar lists the user's filters, and opening one runs its search on the
 * search page ({@link TaskPages#search}), under its name, with a form to rename it and a
 * question before it is deleted ({@link Confirmation}). Another user's filter is a 404 on
 * every route: every statement names the owner.
 */
@Controller
@WebPage
@Hidden
class FilterPages {

	/** The most filters a user keeps; the sidebar lists them all. */
	static final int MAX_FILTERS = 50;

	static final int NAME_MAX = 100;

	private final SavedFilterRepository filters;

	private final TaskPages pages;

	private final DatabaseRetry retry;

	FilterPages(SavedFilterRepository filters, TaskPages pages, DatabaseRetry retry) {
		this.filters = filters;
		this.pages = pages;
		this.retry = retry;
	}

	/**
	 * Saves the search {@code q} as {@code name}; a refusal goes back to the search, with
	 * the name typed kept.
	 */
	@PostMapping("/app/filters")
	String save(@AuthenticationPrincipal Account caller, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String q, RedirectAttributes redirect) {
		String named = name.strip();
		String query = q.strip();
		List<String> problems = new ArrayList<>(nameProblems(named));
		if (query.isEmpty()) {
			problems.add("There is no search to save: type one first.");
		}
		else if (length(query) > TaskListQuery.Q_MAX) {
			problems.add("A search term is at most " + TaskListQuery.Q_MAX + " characters long.");
		}
		if (problems.isEmpty()) {
			try {
				Optional<SavedFilter> saved = this.retry
					.onceOnly(() -> this.filters.create(caller.id(), named, query, MAX_FILTERS));
				if (saved.isPresent()) {
					redirect.addFlashAttribute("notice", "Filter saved: " + saved.get().name());
					return "redirect:/app/filters/" + saved.get().id();
				}
				problems.add("You have " + MAX_FILTERS + " filters, the most there can be: delete one first.");
			}
			catch (DuplicateKeyException ex) {
				problems.add(taken(named));
			}
		}
		redirect.addFlashAttribute("problems", problems);
		redirect.addFlashAttribute("filterName", name);
		// Back to the search as typed, unless it is far past what the box takes: the
		// address must stay within what a server accepts in a request line.
		redirect.addAttribute("q", (length(q) <= 4 * TaskListQuery.Q_MAX) ? q : "");
		return "redirect:/app/search";
	}

	/** The filter's search, run now, on the search page under the filter's name. */
	@GetMapping("/app/filters/{id}")
	String open(@AuthenticationPrincipal Account caller, @PathVariable long id, Model model) {
		SavedFilter filter = find(caller, id);
		String view = this.pages.search(caller, filter.query(), model);
		String path = "/app/filters/" + id;
		model.addAttribute("filter", filter);
		model.addAttribute("current", "filter-" + id);
		model.addAttribute("heading", filter.name());
		model.addAttribute("path", path);
		return view;
	}

	@PostMapping("/app/filters/{id}/rename")
	String rename(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
		find(caller, id);
		String named = name.strip();
		List<String> problems = new ArrayList<>(nameProblems(named));
		if (problems.isEmpty()) {
			try {
				SavedFilter renamed = this.retry.idempotent(() -> this.filters.rename(caller.id(), id, named))
					.orElseThrow(PageNotFoundException::new);
				redirect.addFlashAttribute("notice", "Renamed to " + renamed.name() + ".");
				return "redirect:/app/filters/" + id;
			}
			catch (DuplicateKeyException ex) {
				problems.add(taken(named));
			}
		}
		redirect.addFlashAttribute("problems", problems);
		return "redirect:/app/filters/" + id;
	}

	/** The question before a filter is deleted: the tasks stay, the search goes. */
	@GetMapping("/app/filters/{id}/delete")
	String confirmDelete(@AuthenticationPrincipal Account caller, @PathVariable long id, Model model) {
		SavedFilter filter = find(caller, id);
		String page = "/app/filters/" + id;
		model.addAttribute(Confirmation.ATTRIBUTE,
				new Confirmation("Delete filter " + filter.name() + "?",
						List.of("It searches for: " + filter.query(), "The tasks stay; only the saved search goes."),
						page + "/delete", Map.of("confirmed", "true"), "Delete filter " + filter.name(), page));
		return Confirmation.VIEW;
	}

	@PostMapping("/app/filters/{id}/delete")
	String delete(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "false") boolean confirmed, RedirectAttributes redirect) {
		find(caller, id);
		if (!confirmed) {
			return "redirect:/app/filters/" + id + "/delete";
		}
		SavedFilter deleted = this.retry.idempotent(() -> this.filters.delete(caller.id(), id))
			.orElseThrow(PageNotFoundException::new);
		redirect.addFlashAttribute("notice", "Filter deleted: " + deleted.name() + ".");
		return "redirect:/app/inbox";
	}

	/**
	 * The caller's filter, or the same "Not found" page whether it is missing or not
	 * theirs.
	 */
	private SavedFilter find(Account caller, long id) {
		return this.retry.idempotent(() -> this.filters.find(caller.id(), id)).orElseThrow(PageNotFoundException::new);
	}

	private static List<String> nameProblems(String name) {
		if (name.isEmpty()) {
			return List.of("Name the filter: the name must not be blank.");
		}
		if (length(name) > NAME_MAX) {
			return List.of("A filter's name is at most " + NAME_MAX + " characters long.");
		}
		return List.of();
	}

	private static String taken(String name) {
		return "You have a filter named " + name + " already: choose another name.";
	}

	private static int length(@Nullable String text) {
		return (text == null) ? 0 : text.codePointCount(0, text.length());
	}

}
