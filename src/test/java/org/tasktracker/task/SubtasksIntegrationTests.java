package org.tasktracker.task;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tasktracker.support.Responses;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;

/**
 * Subtasks over HTTP (contract v3, part C): a tree shares its root's project, moves,
 * completes and is deleted whole, at most four levels deep, never a cycle, never another
 * user's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class SubtasksIntegrationTests {

	@Autowired
	private RestTestClient client;

	private TreeAndOrderApi api;

	@BeforeEach
	void setUp() {
		this.api = new TreeAndOrderApi(this.client, "UTC");
	}

	private long child(long parent, String title) {
		return this.api.createId("{\"title\": \"" + title + "\", \"parent_id\": " + parent + "}");
	}

	@Test
	void aSubtaskJoinsItsParentsProjectAndIsCounted() {
		long project = this.api.project("Move house");
		long parent = this.api.createId("{\"title\": \"Pack\", \"project_id\": " + project + "}");

		JsonNode subtask = this.api.create("{\"title\": \"Books\", \"parent_id\": " + parent + "}");
		long done = child(parent, "Plates");
		this.api.expect(200, "POST", "/tasks/" + done + "/complete", null);

		assertThat(subtask.get("project_id").longValue()).isEqualTo(project);
		assertThat(subtask.get("parent_id").longValue()).isEqualTo(parent);
		assertThat(subtask.get("subtasks").get("total").intValue()).isZero();
		JsonNode counts = this.api.task(parent).get("subtasks");
		assertThat(counts.get("open").intValue()).isEqualTo(1);
		assertThat(counts.get("total").intValue()).isEqualTo(2);
	}

	@Test
	void aSubtaskCreatedForTheInboxUnderAParentInAProjectIsRefused() {
		long project = this.api.project("Garden");
		long parent = this.api.createId("{\"title\": \"Plant\", \"project_id\": " + project + "}");
		long inboxParent = this.api.createId("{\"title\": \"Errands\"}");

		assertInvalid(this.api.send("POST", "/tasks", """
				{"title": "Bulbs", "parent_id": %d, "project_id": null}
				""".formatted(parent)), "/tasks", "project_id");

		assertThat(this.api.task(parent).get("subtasks").get("total").intValue()).isZero();
		JsonNode inInbox = this.api.create("""
				{"title": "Stamps", "parent_id": %d, "project_id": null}
				""".formatted(inboxParent));
		assertThat(inInbox.get("project_id").isNull()).isTrue();
		assertThat(inInbox.get("parent_id").longValue()).isEqualTo(inboxParent);
	}

	@Test
	void anIdempotencyKeyTellsAProjectLeftOutFromOneGivenAsNull() {
		long project = this.api.project("Kitchen");
		long parent = this.api.createId("{\"title\": \"Paint\", \"project_id\": " + project + "}");
		String key = "subtask-" + System.nanoTime();

		ExchangeResult first = this.api.send("POST", "/tasks", "{\"title\": \"Primer\", \"parent_id\": " + parent + "}",
				"Idempotency-Key", key);

		assertThat(Responses.status(first)).isEqualTo(201);
		assertInvalid(this.api.send("POST", "/tasks", """
				{"title": "Primer", "parent_id": %d, "project_id": null}
				""".formatted(parent), "Idempotency-Key", key), "/tasks", "Idempotency-Key");
	}

	@Test
	void completingATaskCompletesItsOpenDescendants() {
		long root = this.api.createId("{\"title\": \"Trip\"}");
		long child = child(root, "Tickets");
		long grandchild = child(child, "Seats");

		JsonNode completed = this.api.expect(200, "POST", "/tasks/" + root + "/complete", null);

		assertThat(completed.get("completed").booleanValue()).isTrue();
		assertThat(completed.get("subtasks").get("open").intValue()).isZero();
		assertThat(this.api.task(child).get("completed").booleanValue()).isTrue();
		assertThat(this.api.task(grandchild).get("completed").booleanValue()).isTrue();
	}

	@Test
	void completingARecurringParentReopensItsCompletedSubtasks() {
		long root = this.api.createId("""
				{"title": "Weekly review", "due": {"date": "2026-01-05"}, "recurrence": {"rule": "FREQ=WEEKLY"}}
				""");
		long step = child(root, "Inbox zero");
		this.api.expect(200, "POST", "/tasks/" + step + "/complete", null);

		this.api.expect(200, "POST", "/tasks/" + root + "/complete", null);

		assertThat(this.api.task(step).get("completed").booleanValue()).isFalse();
		assertThat(this.api.task(root).get("subtasks").get("open").intValue()).isEqualTo(1);
	}

	@Test
	void deletingATaskDeletesItsDescendants() {
		long root = this.api.createId("{\"title\": \"Party\"}");
		long child = child(root, "Invite");
		long grandchild = child(child, "Friends");

		this.api.send("DELETE", "/tasks/" + root, null);

		this.api.expect(404, "GET", "/tasks/" + child, null);
		this.api.expect(404, "GET", "/tasks/" + grandchild, null);
	}

	@Test
	void aCycleIsRefusedAndChangesNothing() {
		long root = this.api.createId("{\"title\": \"Root\"}");
		long child = child(root, "Child");
		long grandchild = child(child, "Grandchild");

		assertInvalid(this.api.send("PATCH", "/tasks/" + root, "{\"parent_id\": " + root + "}"), "/tasks/" + root,
				"parent_id");
		assertInvalid(this.api.send("PATCH", "/tasks/" + root, "{\"parent_id\": " + grandchild + ", \"title\": \"X\"}"),
				"/tasks/" + root, "parent_id");
		JsonNode unchanged = this.api.task(root);
		assertThat(unchanged.get("parent_id").isNull()).isTrue();
		assertThat(unchanged.get("title").stringValue()).isEqualTo("Root");
	}

	@Test
	void aFifthLevelIsRefused() {
		long level = this.api.createId("{\"title\": \"Root\"}");
		for (int depth = 1; depth <= 4; depth++) {
			level = child(level, "Level " + depth);
		}
		long fourth = level;

		assertInvalid(this.api.send("POST", "/tasks", "{\"title\": \"Fifth\", \"parent_id\": " + fourth + "}"),
				"/tasks", "parent_id");
		long other = this.api.createId("{\"title\": \"Other\"}");
		child(other, "Its child");
		long third = this.api.task(fourth).get("parent_id").longValue();
		assertInvalid(this.api.send("PATCH", "/tasks/" + other, "{\"parent_id\": " + third + "}"), "/tasks/" + other,
				"parent_id");
	}

	@Test
	void anotherUsersOrAMissingTaskIsNoParent() {
		TreeAndOrderApi other = new TreeAndOrderApi(this.client, "UTC");
		long theirs = other.createId("{\"title\": \"Theirs\"}");
		long mine = this.api.createId("{\"title\": \"Mine\"}");

		assertInvalid(this.api.send("POST", "/tasks", "{\"title\": \"Sub\", \"parent_id\": " + theirs + "}"), "/tasks",
				"parent_id");
		assertInvalid(this.api.send("PATCH", "/tasks/" + mine, "{\"parent_id\": " + theirs + "}"), "/tasks/" + mine,
				"parent_id");
		assertInvalid(this.api.send("PATCH", "/tasks/" + mine, "{\"parent_id\": 999999999}"), "/tasks/" + mine,
				"parent_id");
		assertThat(other.task(theirs).get("subtasks").get("total").intValue()).isZero();
		assertThat(other.ids("parent_id=" + mine)).as("another user's children are not listed").isEmpty();
	}

	@Test
	void changingARootsProjectMovesItsTreeAndASubtasksProjectMakesItARoot() {
		long home = this.api.project("Home");
		long work = this.api.project("Work");
		long root = this.api.createId("{\"title\": \"Root\", \"project_id\": " + home + "}");
		long child = child(root, "Child");
		long grandchild = child(child, "Grandchild");

		this.api.expect(200, "PATCH", "/tasks/" + root, "{\"project_id\": " + work + "}");

		assertThat(this.api.task(grandchild).get("project_id").longValue()).isEqualTo(work);

		JsonNode moved = this.api.expect(200, "PATCH", "/tasks/" + child, "{\"project_id\": " + home + "}");

		assertThat(moved.get("parent_id").isNull()).isTrue();
		assertThat(moved.get("project_id").longValue()).isEqualTo(home);
		assertThat(this.api.task(grandchild).get("project_id").longValue()).isEqualTo(home);
		assertThat(this.api.task(root).get("subtasks").get("total").intValue()).isZero();
	}

	@Test
	void listsDirectChildrenOrOnlyRootTasks() {
		long root = this.api.createId("{\"title\": \"Root\"}");
		long child = child(root, "Child");
		child(child, "Grandchild");

		assertThat(this.api.ids("parent_id=" + root)).containsExactly(child);
		assertThat(this.api.ids("parent_id=none")).containsExactly(root);
		assertInvalid(this.api.send("GET", "/tasks?parent_id=-1", null), null, "parent_id");
	}

}
