package org.tasktracker.task;

import org.tasktracker.account.UserDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Deletes a deleted user's tasks, in the transaction that deletes the user. */
@Component
class TasksOfDeletedUsers {

	private final TaskRepository tasks;

	TasksOfDeletedUsers(TaskRepository tasks) {
		this.tasks = tasks;
	}

	@EventListener
	void on(UserDeleted event) {
		this.tasks.deleteOwnedBy(event.userId());
	}

}
