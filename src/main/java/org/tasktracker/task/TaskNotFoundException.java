package org.tasktracker.task;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * No task has the requested id (it never existed or was deleted): answered 404.
 */
class TaskNotFoundException extends ErrorResponseException {

	TaskNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND);
		getBody().setDetail("Task " + id + " does not exist");
	}

}
