package org.tasktracker.task;

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

	JsonNode get(long id) {
		return this.user.api("GET", "/tasks/" + id, null);
	}

	/** The one task that the listing's query finds. */
	JsonNode only(String query) {
		JsonNode tasks = this.user.api("GET", "/tasks?" + query, null);
		assertThat(tasks).hasSize(1);
		return tasks.get(0);
	}

	WebElement row(long id) {
		return this.user.find("li[data-task-id='" + id + "']");
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

}
