package org.tasktracker.task;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.tasktracker.support.AppUser;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser test user's tasks: made and read through the API, and found on the page as
 * rows and in the detail pane.
 */
final class BrowserTasks {

	/** A day as rows and notices name it ("Fri 15 Jan"). */
	static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	private final AppUser user;

	BrowserTasks(AppUser user) {
		this.user = user;
	}

	/**
	 * Makes a project named from {@code name} and a number, so that the tests of a class
	 * never share one.
	 * @return its id
	 */
	long project(String name) {
		return this.user.api("POST", "/projects", "{\"name\": \"" + name + " " + System.nanoTime() % 100_000 + "\"}")
			.get("id")
			.longValue();
	}

	/**
	 * Adds a task to a project.
	 * @return its id
	 */
	long add(String title, long project) {
		return this.user.api("POST", "/tasks", "{\"title\": \"" + title + "\", \"project_id\": " + project + "}")
			.get("id")
			.longValue();
	}

	/**
	 * Adds a subtask to a task.
	 * @return its id
	 */
	long addSubtask(String title, long parent) {
		return this.user.api("POST", "/tasks", "{\"title\": \"" + title + "\", \"parent_id\": " + parent + "}")
			.get("id")
			.longValue();
	}

	JsonNode get(long id) {
		return this.user.api("GET", "/tasks/" + id, null);
	}

	/** The one task that the listing's query finds. */
	JsonNode only(String query) {
		JsonNode tasks = this.user.api("GET", "/tasks?" + query, null);
		assertThat(tasks).hasSize(1);
		return tasks.get(0);
	}

	/** The ids of the tasks that the listing's query finds, in its order. */
	List<Long> listed(String query) {
		return this.user.api("GET", "/tasks?" + query, null)
			.valueStream()
			.map((task) -> task.get("id").longValue())
			.toList();
	}

	WebElement row(long id) {
		return this.user.find("li[data-task-id='" + id + "']");
	}

	/** The rows' ids in their order, read at once: htmx may swap the list meanwhile. */
	List<Long> rowIds() {
		return idsOnPage(
				"return Array.from(document.querySelectorAll('ul.tasks > li.task'), (row) => row.dataset.taskId)");
	}

	/** The ids of the subtasks in the detail pane, in their order, read at once. */
	List<Long> subtaskIds() {
		return idsOnPage(
				"return Array.from(document.querySelectorAll('#pane-subtasks li'), (li) => li.dataset.subtaskId)");
	}

	/** The id of the row with the focus, or -1 where none has it. */
	long focusedId() {
		Object id = this.user.driver().executeScript("return document.activeElement.dataset.taskId || null");
		return (id != null) ? Long.parseLong(id.toString()) : -1;
	}

	/** The id of the selected row, or -1 where none is. */
	long selectedId() {
		var selected = this.user.driver().findElements(By.cssSelector(".task.selected"));
		return selected.isEmpty() ? -1L : Long.parseLong(selected.get(0).getAttribute("data-task-id"));
	}

	/** Waits for the detail pane of the task, shown. */
	WebElement awaitPane(long id) {
		return this.user.await((driver) -> {
			var panes = driver.findElements(By.cssSelector("#task-pane[data-pane-task='" + id + "']"));
			return (!panes.isEmpty() && panes.get(0).isDisplayed()) ? panes.get(0) : null;
		});
	}

	@SuppressWarnings("unchecked")
	private List<Long> idsOnPage(String script) {
		return ((List<Object>) this.user.driver().executeScript(script)).stream()
			.map((id) -> Long.valueOf(id.toString()))
			.toList();
	}

}
