package org.tasktracker.task;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * One page of a listing held whole, for a part of a page that shows a short list (a
 * task's subtasks, a project's list after a move): {@code GET /tasks}'s query through
 * {@link TaskService#list}, so its rules are the API's.
 */
final class ListedTasks implements TaskPageSink {

	private final List<Task> tasks = new ArrayList<>();

	private ListedTasks() {
	}

	/**
	 * @param query the parameters as {@code GET /tasks} takes them
	 * ({@code parent_id=5&sort=position&limit=200})
	 */
	static List<Task> of(TaskService service, long ownerId, String query) {
		MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
		for (String pair : query.split("&")) {
			parameters.add(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
		}
		ListedTasks page = new ListedTasks();
		service.list(ownerId, TaskListQuery.from(parameters), page);
		return List.copyOf(page.tasks);
	}

	@Override
	public void begin() {
		this.tasks.clear();
	}

	@Override
	public void add(Task task) {
		this.tasks.add(task);
	}

	@Override
	public void end(@Nullable Long nextAfter) {
	}

}
