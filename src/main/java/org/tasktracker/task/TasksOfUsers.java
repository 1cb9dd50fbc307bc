package org.tasktracker.task;

import org.tasktracker.account.TimezoneChanged;
import org.tasktracker.account.UserDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What the task module keeps of a user follows the user: deleted with it, and its all-day
 * due dates moved with its time zone, in the same transaction.
 */
@Component
class TasksOfUsers {

	private final TaskRepository tasks;

	private final ProjectRepository projects;

	private final LabelRepository labels;

	private final SyncRepository sync;

	TasksOfUsers(TaskRepository tasks, ProjectRepository projects, LabelRepository labels, SyncRepository sync) {
		this.sync = sync;
		this.tasks = tasks;
		this.projects = projects;
		this.labels = labels;
	}

	@EventListener
	void on(UserDeleted event) {
		this.tasks.deleteOwnedBy(event.userId());
		this.projects.deleteOwnedBy(event.userId());
		this.labels.deleteOwnedBy(event.userId());
		// After the deletes above, which each left their tombstones.
		this.sync.deleteOwnedBy(event.userId());
	}

	@EventListener
	void on(TimezoneChanged event) {
		this.tasks.moveDueDatesTo(event.userId(), event.zone().getId());
		this.tasks.touchTimedDues(event.userId());
	}

}
