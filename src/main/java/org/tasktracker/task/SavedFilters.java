package org.tasktracker.task;

import java.util.List;

import org.tasktracker.account.Account;
import org.tasktracker.database.DatabaseRetry;

import org.springframework.stereotype.Component;

/**
 * The sidebar's saved filters, read by the sidebar fragment itself
 * ({@code ${@savedFilters.of(caller)}}) on every page that shows it, as
 * {@link ArchivedProjects} are.
 */
@Component("savedFilters")
class SavedFilters {

	private final SavedFilterRepository filters;

	private final DatabaseRetry retry;

	SavedFilters(SavedFilterRepository filters, DatabaseRetry retry) {
		this.filters = filters;
		this.retry = retry;
	}

	/** The caller's filters, by name. */
	public List<SavedFilter> of(Account caller) {
		return this.retry.idempotent(() -> this.filters.findAll(caller.id()));
	}

}
