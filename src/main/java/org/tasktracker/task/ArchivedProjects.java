package org.tasktracker.task;

import java.util.List;

import org.tasktracker.account.Account;
import org.tasktracker.database.DatabaseRetry;

import org.springframework.stereotype.Component;

/**
 * The sidebar's archived projects, read by the sidebar fragment itself
 * ({@code ${@archivedProjects.of(caller)}}) on every page that shows it, so that no page
 * has to put them in its model.
 */
@Component("archivedProjects")
class ArchivedProjects {

	private final ProjectRepository projects;

	private final DatabaseRetry retry;

	ArchivedProjects(ProjectRepository projects, DatabaseRetry retry) {
		this.projects = projects;
		this.retry = retry;
	}

	/** The caller's archived projects, by name. */
	public List<Project> of(Account caller) {
		return this.retry.idempotent(() -> this.projects.findAll(caller.id(), true));
	}

}
