package org.tasktracker.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;
import org.tasktracker.account.UserZones;
import org.tasktracker.database.DatabaseRetry;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The sidebar's projects, labels and counts for pages that other modules render
 * (settings, the "not found" page), read by their templates
 * ({@code ${@sidebar.of(caller)}}): {@code account} and {@code web} cannot depend on
 * {@code task}, and the sidebar fragment stays the one the task views include. The task
 * views put the same contents in their model.
 */
@Component("sidebar")
class Sidebar {

	/** The most a sidebar count says ("999+"): its index is read only that far. */
	private static final int COUNT_CAP = 999;

	private final TaskRepository repository;

	private final ProjectRepository projects;

	private final LabelRepository labels;

	private final UserZones zones;

	private final DatabaseRetry retry;

	Sidebar(TaskRepository repository, ProjectRepository projects, LabelRepository labels, UserZones zones,
			DatabaseRetry retry) {
		this.repository = repository;
		this.projects = projects;
		this.labels = labels;
		this.zones = zones;
		this.retry = retry;
	}

	/**
	 * The signed-in user of this request, or {@code null} when there is none (a page that
	 * shows the sidebar only to a signed-in user asks this first).
	 */
	public @Nullable Account signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof Account account) ? account : null;
	}

	/** What the sidebar fragment lists for the caller: three indexed reads. */
	public Contents of(Account caller) {
		return of(caller, this.zones.zoneOf(caller.id()));
	}

	/** The same, for a caller whose time zone is known already. */
	Contents of(Account caller, ZoneId zone) {
		Instant tomorrowStart = LocalDate.now(zone).plusDays(1).atStartOfDay(zone).toInstant();
		TaskRepository.OpenCounts counts = this.retry
			.idempotent(() -> this.repository.openCounts(caller.id(), tomorrowStart, COUNT_CAP));
		return new Contents(this.retry.idempotent(() -> this.projects.findAll(caller.id(), false)),
				this.retry.idempotent(() -> this.labels.findAll(caller.id()))
					.stream()
					.map(TaskPages.LabelLink::of)
					.toList(),
				counts.inbox(), counts.today(), COUNT_CAP);
	}

	/** The sidebar fragment's variables, by the names the task views' model uses. */
	record Contents(List<Project> projects, List<TaskPages.LabelLink> labels, int inboxCount, int todayCount,
			int countCap) {

		/** Puts them in a page's model, by those names. */
		void addTo(Model model) {
			model.addAttribute("projects", this.projects);
			model.addAttribute("labels", this.labels);
			model.addAttribute("inboxCount", this.inboxCount);
			model.addAttribute("todayCount", this.todayCount);
			model.addAttribute("countCap", this.countCap);
		}

	}

}
