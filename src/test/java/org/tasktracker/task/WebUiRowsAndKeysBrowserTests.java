package org.tasktracker.task;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.tasktracker.support.AppUser;
import org.tasktracker.support.SideLane;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task's row in a real headless Chromium: its detail pane opened with {@code e} (focus
 * in its first field) and closed with Esc (focus back on the row), a refusal swapped into
 * the pane alone, {@code x} keeping the selection where it was, quick add on a project's
 * page, and a deletion undone. Each htmx request's time is printed ({@code TIMING}): the
 * server's part (request sent to first byte) and the whole, redirect included. The same
 * settings as {@link WebUiBrowserTests}, so that a run of both starts the service once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=ui-admin",
				"tasktracker.auth.admin-password=" + AppUser.PASSWORD })
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SideLane
class WebUiRowsAndKeysBrowserTests {

	@RegisterExtension
	static final AppUser user = AppUser.madeBy("ui-admin", "rows-").zone("Europe/Berlin");

	private final BrowserTasks tasks = new BrowserTasks(user);

	/**
	 * Issue 32: {@code e} left the focus on the row, and Esc did not close the form.
	 */
	@Test
	void eOpensTheEditFormWithFocusInItsFirstFieldAndEscClosesItBackOnTheRow() {
		long project = this.tasks.project("Keys");
		long first = this.tasks.add("Read the letter", project);
		this.tasks.add("File the letter", project);
		user.open("/app/projects/" + project);

		key("j");
		assertThat(this.tasks.selectedId()).isEqualTo(first);
		user.browser().timed("e (the edit form)", () -> key("e"));
		WebElement title = user.await((driver) -> {
			WebElement focused = driver.switchTo().activeElement();
			return "title".equals(focused.getAttribute("name")) ? focused : null;
		});
		assertThat(title.getAttribute("id")).isEqualTo("title-" + first);
		assertThat(title.getAttribute("value")).isEqualTo("Read the letter");

		title.sendKeys(" again", Keys.ESCAPE);
		user.await((driver) -> driver.findElements(By.cssSelector(".task-edit")).isEmpty());
		user.await((driver) -> Long.toString(first)
			.equals(user.driver().switchTo().activeElement().getAttribute("data-task-id")));
		assertThat(this.tasks.selectedId()).isEqualTo(first);
		assertThat(this.tasks.row(first).findElement(By.cssSelector(".title")).getText()).isEqualTo("Read the letter");
		assertThat(this.tasks.get(first).get("title").stringValue()).isEqualTo("Read the letter");

		// The row put back works as before: e opens its form again.
		key("e");
		user.await((driver) -> ("title-" + first).equals(driver.switchTo().activeElement().getAttribute("id")) ? true
				: null);
	}

	/** Issue 32: after {@code x} the selection was lost. */
	@Test
	void xCompletesTheSelectedTaskAndTheSelectionMovesToTheNextRow() {
		long project = this.tasks.project("Complete");
		this.tasks.add("First", project);
		long second = this.tasks.add("Second", project);
		long third = this.tasks.add("Third", project);
		user.open("/app/projects/" + project);

		key("j");
		key("j");
		assertThat(this.tasks.selectedId()).isEqualTo(second);
		user.browser().timed("x (complete, and the view again)", () -> key("x"));

		user.await((driver) -> driver.getPageSource().contains("Completed: Second"));
		user.await((driver) -> (this.tasks.selectedId() == third) ? true : null);
		assertThat(user.driver().switchTo().activeElement().getAttribute("data-task-id"))
			.isEqualTo(Long.toString(third));
		assertThat(this.tasks.get(second).get("completed").booleanValue()).isTrue();
		key("x");
		user.await((driver) -> driver.getPageSource().contains("Completed: Third"));
		user.await((driver) -> (this.tasks.selectedId() == -1L) ? null : true);
		assertThat(this.tasks.row(this.tasks.selectedId()).findElement(By.cssSelector(".title")).getText())
			.isEqualTo("First");
	}

	/**
	 * Issue 32: a refused edit put the standalone edit page in place of the whole app.
	 * Now the refusal is in the task's detail pane, with the app around it and what was
	 * typed.
	 */
	@Test
	void aRefusedEditComesBackInThePaneWithTheAppAround() {
		long id = user.api("POST", "/tasks", "{\"title\": \"Label me\"}").get("id").longValue();
		user.open("/app/inbox");

		this.tasks.row(id).findElement(By.cssSelector("[data-edit]")).click();
		WebElement labels = user.browser()
			.await((driver) -> driver.findElement(By.cssSelector("#task-pane .task-edit input[name=labels]")));
		labels.sendKeys("ok, " + "x".repeat(60));
		user.browser().timed("a refused save", () -> user.find("#task-pane .task-edit button[type=submit]").click());

		WebElement alert = user.browser()
			.await((driver) -> driver.findElement(By.cssSelector("#task-pane .task-edit [role=alert]")));
		assertThat(alert.getText()).isEqualTo("Each label must be at most 50 characters.");
		assertThat(user.find("nav.sidebar").isDisplayed()).isTrue();
		assertThat(user.find("h1").getText()).isEqualTo("Inbox");
		assertThat(user.driver().getCurrentUrl()).isEqualTo(user.base() + "/app/tasks/" + id + "?back=/app/inbox");
		assertThat(user.driver().findElements(By.cssSelector(".task-edit"))).hasSize(1);
		labels = user.find("#task-pane .task-edit input[name=labels]");
		assertThat(labels.getAttribute("value")).isEqualTo("ok, " + "x".repeat(60));
		assertThat(this.tasks.get(id).get("labels")).isEmpty();
		assertThat(user.driver().switchTo().activeElement().getAttribute("id")).as("the focus stays on Save")
			.isEqualTo("save-" + id);

		labels.clear();
		labels.sendKeys("ok");
		user.browser().timed("a save", () -> user.find("#task-pane .task-edit button[type=submit]").click());
		user.await((driver) -> driver.getPageSource().contains("Saved: Label me"));
		assertThat(this.tasks.get(id).get("labels").toString()).isEqualTo("[\"ok\"]");
		assertThat(user.driver().getCurrentUrl()).isEqualTo(user.base() + "/app/tasks/" + id + "?back=/app/inbox");
	}

	/** After a refusal, Esc still closes the pane and puts the focus back on the row. */
	@Test
	void escClosesThePaneAfterARefusal() {
		long id = user.api("POST", "/tasks", "{\"title\": \"Refuse me\"}").get("id").longValue();
		user.open("/app/inbox");
		this.tasks.row(id).findElement(By.cssSelector("[data-edit]")).click();
		WebElement title = user.browser()
			.await((driver) -> driver.findElement(By.cssSelector("#task-pane .task-edit input[name=title]")));
		title.clear();
		title.sendKeys(" ", Keys.ENTER);
		user.await((driver) -> driver.findElement(By.cssSelector("#task-pane .task-edit [role=alert]")));
		assertThat(user.find("#task-pane [role=alert]").getText()).isEqualTo("The title must not be blank.");

		user.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);

		user.await((driver) -> driver.findElements(By.cssSelector(".task-edit")).isEmpty());
		user.await((driver) -> Long.toString(id)
			.equals(user.driver().switchTo().activeElement().getAttribute("data-task-id")));
		assertThat(this.tasks.row(id).findElement(By.cssSelector(".title")).getText()).isEqualTo("Refuse me");
	}

	/**
	 * Issue 32: quick add on a project's page put the task in the Inbox. The preview
	 * shows the page's project, and the task lands in it, and in the view.
	 */
	@Test
	void quickAddOnAProjectsPagePreviewsThatProjectAndAddsToIt() {
		String name = "Errands " + System.nanoTime() % 100_000;
		long project = user.api("POST", "/projects", "{\"name\": \"" + name + "\"}").get("id").longValue();
		user.open("/app/projects/" + project);

		WebElement field = user.find("#quick-add-field");
		field.sendKeys("Buy stamps !2");
		String preview = user.await((driver) -> {
			String text = driver.findElement(By.id("quick-add-preview")).getText();
			return text.contains("P3") ? text : null;
		});
		assertThat(preview).contains("Buy stamps", "#" + name);
		user.browser().timed("quick add", () -> field.sendKeys(Keys.ENTER));

		user.await((driver) -> driver.getPageSource().contains("Added: Buy stamps"));
		JsonNode added = user.api("GET", "/tasks?project_id=" + project, null);
		assertThat(added).hasSize(1);
		assertThat(this.tasks.row(added.get(0).get("id").longValue()).findElement(By.cssSelector(".title")).getText())
			.isEqualTo("Buy stamps");
	}

	/** Issue 32: an undone deletion came back with a new id. */
	@Test
	void anUndoneDeletionComesBackWithItsId() {
		long project = this.tasks.project("Undo");
		long id = this.tasks.add("Recycle the boxes", project);
		JsonNode before = this.tasks.get(id);
		user.open("/app/projects/" + project);

		user.browser().timed("delete", () -> this.tasks.row(id).findElement(By.cssSelector("[data-delete]")).click());
		user.await((driver) -> driver.getPageSource().contains("Deleted: Recycle the boxes"));
		user.browser().timed("undo", () -> user.find("[data-undo]").click());
		user.await((driver) -> driver.getPageSource().contains("Restored: Recycle the boxes"));

		assertThat(this.tasks.row(id).findElement(By.cssSelector(".title")).getText()).isEqualTo("Recycle the boxes");
		JsonNode restored = this.tasks.get(id);
		assertThat(restored.get("version").longValue()).as("a version no client saw before the delete")
			.isEqualTo(before.get("version").longValue() + 1);
		((tools.jackson.databind.node.ObjectNode) restored).remove("version");
		((tools.jackson.databind.node.ObjectNode) before).remove("version");
		assertThat(restored).isEqualTo(before);
	}

	private void key(String key) {
		user.driver().switchTo().activeElement().sendKeys(key);
	}

}
