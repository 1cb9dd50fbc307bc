package org.tasktracker.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tasktracker.support.Responses;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;

/**
 * Manual order over HTTP (contract v3, part C): new tasks go last, a move places a task
 * after a sibling, sort=position lists and pages in that order, and keys stay short.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ManualOrderIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	private TreeAndOrderApi api;

	private long project;

	@BeforeEach
	void setUp() {
		this.api = new TreeAndOrderApi(this.client, "UTC");
		this.project = this.api.project("Groceries");
	}

	private long add(String title) {
		return this.api.createId("{\"title\": \"" + title + "\", \"project_id\": " + this.project + "}");
	}

	private List<Long> order() {
		return this.api.ids("project_id=" + this.project + "&parent_id=none&sort=position");
	}

	private JsonNode move(long id, String body) {
		return this.api.expect(200, "POST", "/tasks/" + id + "/move", body);
	}

	@Test
	void newTasksGoLastAndAMovePlacesATaskAfterItsSibling() {
		long milk = add("Milk");
		long eggs = add("Eggs");
		long bread = add("Bread");
		assertThat(order()).containsExactly(milk, eggs, bread);

		move(bread, "{\"after\": " + milk + "}");
		assertThat(order()).containsExactly(milk, bread, eggs);

		JsonNode first = move(eggs, "{\"after\": null}");
		assertThat(order()).containsExactly(eggs, milk, bread);
		assertThat(first.get("position").stringValue()).hasSizeLessThanOrEqualTo(64);

		move(eggs, "{}");
		assertThat(order()).containsExactly(milk, bread, eggs);
		long butter = add("Butter");
		assertThat(order()).containsExactly(milk, bread, eggs, butter);
	}

	@Test
	void aMoveWritesTheMovedTaskOnly() {
		long milk = add("Milk");
		long eggs = add("Eggs");
		JsonNode before = this.api.task(milk);

		move(eggs, "{\"after\": null}");

		assertThat(this.api.task(milk)).isEqualTo(before);
	}

	@Test
	void aSiblingThatDoesNotFitIsRefusedNamingAfter() {
		long milk = add("Milk");
		long elsewhere = this.api.createId("{\"title\": \"In the Inbox\"}");
		TreeAndOrderApi other = new TreeAndOrderApi(this.client, "UTC");
		long theirs = other.createId("{\"title\": \"Theirs\"}");

		assertInvalid(this.api.send("POST", "/tasks/" + milk + "/move", "{\"after\": " + elsewhere + "}"),
				"/tasks/" + milk + "/move", "after");
		assertInvalid(this.api.send("POST", "/tasks/" + milk + "/move", "{\"after\": " + milk + "}"),
				"/tasks/" + milk + "/move", "after");
		assertInvalid(this.api.send("POST", "/tasks/" + milk + "/move", "{\"after\": " + theirs + "}"),
				"/tasks/" + milk + "/move", "after");
		assertInvalid(this.api.send("POST", "/tasks/" + milk + "/move", "{\"after\": \"x\", \"colour\": 1}"),
				"/tasks/" + milk + "/move", "after", "colour");
		other.expect(404, "POST", "/tasks/" + milk + "/move", "{\"after\": null}");
	}

	@Test
	void aMoveIntoAnotherProjectAndParentTakesTheSubtreeAlong() {
		long inbox = this.api.createId("{\"title\": \"Plan\"}");
		long step = this.api.createId("{\"title\": \"Step\", \"parent_id\": " + inbox + "}");
		long milk = add("Milk");

		JsonNode moved = move(inbox, "{\"project_id\": " + this.project + ", \"after\": " + milk + "}");

		assertThat(moved.get("project_id").longValue()).isEqualTo(this.project);
		assertThat(this.api.task(step).get("project_id").longValue()).isEqualTo(this.project);
		assertThat(order()).containsExactly(milk, inbox);
	}

	@Test
	void aMoveThatLeavesOutTheParentKeepsIt() {
		long plan = add("Plan");
		long first = this.api.createId("{\"title\": \"First\", \"parent_id\": " + plan + "}");
		long second = this.api.createId("{\"title\": \"Second\", \"parent_id\": " + plan + "}");
		long elsewhere = this.api.project("Elsewhere");

		JsonNode moved = move(first, "{\"project_id\": " + this.project + "}");

		assertThat(moved.get("parent_id").longValue()).isEqualTo(plan);
		assertThat(this.api.ids("parent_id=" + plan + "&sort=position")).containsExactly(second, first);
		assertInvalid(this.api.send("POST", "/tasks/" + first + "/move", "{\"project_id\": " + elsewhere + "}"),
				"/tasks/" + first + "/move", "project_id");
		assertThat(this.api.task(first).get("parent_id").longValue()).isEqualTo(plan);
		assertThat(this.api.task(first).get("project_id").longValue()).isEqualTo(this.project);
	}

	@Test
	void aMoveIntoAGapWithNoRoomLeftRenumbersTheListInOrder() {
		long milk = add("Milk");
		long eggs = add("Eggs");
		long bread = add("Bread");
		// Milk and eggs as many moves into one gap leave them: keys as long as they may
		// be,
		// with no key between them.
		String crowded = "1" + "V".repeat(62);
		this.jdbc.sql(
				"UPDATE tasks SET position = :position, version = version + 1, changed_xid = pg_current_xact_id() WHERE id = :id")
			.param("position", crowded)
			.param("id", milk)
			.update();
		this.jdbc.sql(
				"UPDATE tasks SET position = :position, version = version + 1, changed_xid = pg_current_xact_id() WHERE id = :id")
			.param("position", crowded + "1")
			.param("id", eggs)
			.update();

		JsonNode moved = move(bread, "{\"after\": " + milk + "}");

		assertThat(order()).containsExactly(milk, bread, eggs);
		assertThat(moved.get("position").stringValue()).hasSizeLessThan(64);
		assertThat(this.api.task(eggs).get("position").stringValue()).hasSizeLessThan(64);
	}

	@Test
	void sortByPositionPagesWithItsCursor() {
		List<Long> added = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			added.add(add("Item " + i));
		}
		move(added.get(4), "{\"after\": null}");
		List<Long> expected = List.of(added.get(4), added.get(0), added.get(1), added.get(2), added.get(3));

		assertThat(walk("project_id=" + this.project + "&sort=position&limit=2")).isEqualTo(expected);
	}

	@Test
	void movedAndUnmovedTasksPageTogetherInEitherOrder() {
		List<Long> roots = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			roots.add(add("Root " + i));
		}
		long parent = roots.get(0);
		List<Long> children = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			children.add(this.api.createId("{\"title\": \"Child " + i + "\", \"parent_id\": " + parent + "}"));
		}
		// Moved tasks first, in the middle and last, among tasks never moved.
		for (List<Long> list : List.of(roots, children)) {
			move(list.get(5), "{\"after\": null}");
			move(list.get(6), "{\"after\": " + list.get(2) + "}");
			move(list.get(1), "{}");
		}
		List<Long> expectedRoots = List.of(roots.get(5), roots.get(0), roots.get(2), roots.get(6), roots.get(3),
				roots.get(4), roots.get(1));
		List<Long> expectedChildren = List.of(children.get(5), children.get(0), children.get(2), children.get(6),
				children.get(3), children.get(4), children.get(1));

		assertThat(walk("project_id=" + this.project + "&parent_id=none&sort=position&limit=2"))
			.isEqualTo(expectedRoots);
		assertThat(walk("project_id=" + this.project + "&parent_id=none&sort=position&order=desc&limit=2"))
			.isEqualTo(expectedRoots.reversed());
		assertThat(walk("parent_id=" + parent + "&sort=position&limit=3")).isEqualTo(expectedChildren);
		assertThat(walk("parent_id=" + parent + "&sort=position&order=desc&limit=2"))
			.isEqualTo(expectedChildren.reversed());
	}

	@Test
	void everyPageInManualOrderFollowsTheKeysWhateverTheFilterOrderAndPageSize() {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			String labels = (i % 4 == 0) ? ", \"labels\": [\"Errand\"]" : "";
			String title = (i % 3 == 0) ? "Find item " + i : "Item " + i;
			ids.add(this.api.createId("{\"title\": \"" + title + "\", \"project_id\": " + this.project + labels + "}"));
		}
		this.api.expect(200, "POST", "/tasks/" + ids.get(3) + "/complete", null);
		this.api.expect(200, "POST", "/tasks/" + ids.get(8) + "/complete", null);
		Random random = new Random(34);
		for (int i = 0; i < 20; i++) {
			long moving = ids.get(random.nextInt(ids.size()));
			int after = random.nextInt(ids.size() + 1);
			String body = (after == ids.size()) ? "{}"
					: (ids.get(after) == moving) ? "{\"after\": null}" : "{\"after\": " + ids.get(after) + "}";
			move(moving, body);
		}

		for (String filter : List.of("", "&completed=false", "&q=find", "&label=errand")) {
			String list = "project_id=" + this.project + "&parent_id=none" + filter;
			// Every task of the list, by id, then sorted here by (position, id).
			List<JsonNode> all = new ArrayList<>();
			this.api.expect(200, "GET", "/tasks?" + list + "&limit=100", null).forEach(all::add);
			all.sort(java.util.Comparator.comparing((JsonNode task) -> task.get("position").stringValue())
				.thenComparingLong((task) -> task.get("id").longValue()));
			List<Long> expected = all.stream().map((task) -> task.get("id").longValue()).toList();
			assertThat(expected).as(filter).isNotEmpty();
			for (int limit : new int[] { 1, 2, 5 }) {
				assertThat(walk(list + "&sort=position&limit=" + limit)).as(filter + " by " + limit)
					.isEqualTo(expected);
				assertThat(walk(list + "&sort=position&order=desc&limit=" + limit)).as(filter + " by " + limit)
					.isEqualTo(expected.reversed());
			}
		}
	}

	/** Every task of a listing, page by page through its Link headers. */
	private List<Long> walk(String query) {
		List<Long> walked = new ArrayList<>();
		String next = "/tasks?" + query;
		while (next != null) {
			ExchangeResult page = this.api.send("GET", next, null);
			Responses.json(page).forEach((task) -> walked.add(task.get("id").longValue()));
			String link = page.getResponseHeaders().getFirst("Link");
			next = (link != null) ? link.substring(1, link.indexOf('>')) : null;
		}
		return walked;
	}

	@Test
	void manyRandomMovesKeepTheOrderAsMovedAndKeysShort() {
		List<Long> expected = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			expected.add(add("Item " + i));
		}
		Random random = new Random(33);
		// Within the rate limit; PositionKeysUnitTests moves 10,000 times.
		for (int move = 0; move < 150; move++) {
			long moving = expected.get(random.nextInt(expected.size()));
			expected.remove(moving);
			// Half the moves crowd the same gap, right after the first task.
			int at = (random.nextInt(4) > 0) ? 1 : random.nextInt(expected.size() + 1);
			String after = (at == 0) ? "null" : String.valueOf(expected.get(at - 1));
			expected.add(at, moving);
			JsonNode moved = move(moving, "{\"after\": " + after + "}");
			assertThat(moved.get("position").stringValue()).hasSizeLessThanOrEqualTo(64);
		}

		assertThat(order()).isEqualTo(expected);
	}

}
