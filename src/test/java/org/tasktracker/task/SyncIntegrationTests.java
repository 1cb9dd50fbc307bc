package org.tasktracker.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;
import static org.tasktracker.support.ProblemAssert.assertProblem;

/**
 * The change feed over HTTP (contract v3, part D): the whole state in pages, then only
 * what changed, deletions as ids, and refusals of tokens not the caller's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class SyncIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private SyncRepository repository;

	@Autowired
	private TaskService tasks;

	private TreeAndOrderApi api;

	@BeforeEach
	void setUp() {
		this.api = new TreeAndOrderApi(this.client, "UTC");
	}

	@Test
	void withoutSinceTheWholeStateComesInPagesEachObjectOnce() {
		Set<Long> projects = new HashSet<>();
		Set<Long> tasks = new HashSet<>();
		for (int i = 0; i < 3; i++) {
			projects.add(this.api.project("Project " + i));
		}
		for (int i = 0; i < 8; i++) {
			tasks.add(this.api.createId("{\"title\": \"Task " + i + "\"}"));
		}

		Replica replica = new Replica();
		int pages = replica.syncAll(this.api, 3);

		assertThat(pages).isEqualTo(4);
		assertThat(replica.projects.keySet()).isEqualTo(projects);
		assertThat(replica.tasks.keySet()).isEqualTo(tasks);
		assertThat(replica.repeats).isZero();
		assertThat(replica.tasks.values())
			.allSatisfy((task) -> assertThat(task.get("version").longValue()).isEqualTo(1));
	}

	@Test
	void fromATokenOnlyWhatChangedComesWithTheIdsOfWhatWasDeleted() {
		long kept = this.api.createId("{\"title\": \"Kept\"}");
		long changed = this.api.createId("{\"title\": \"Changed\"}");
		long deleted = this.api.createId("{\"title\": \"Deleted\"}");
		long parent = this.api.createId("{\"title\": \"Parent\"}");
		long child = this.api.createId("{\"title\": \"Child\", \"parent_id\": " + parent + "}");
		long project = this.api.project("Gone");
		long inProject = this.api.createId("{\"title\": \"With it\", \"project_id\": " + project + "}");
		Replica replica = new Replica();
		replica.syncAll(this.api, 500);

		this.api.expect(200, "PATCH", "/tasks/" + changed, "{\"title\": \"Changed again\"}");
		this.api.expect(204, "DELETE", "/tasks/" + deleted, null);
		this.api.expect(204, "DELETE", "/tasks/" + parent, null);
		this.api.expect(204, "DELETE", "/projects/" + project + "?with_tasks=true", null);
		long created = this.api.createId("{\"title\": \"New\"}");
		JsonNode page = this.api.expect(200, "GET", "/sync?since=" + replica.token, null);

		assertThat(ids(page.get("tasks"))).containsExactly(changed, created);
		assertThat(page.get("tasks").get(0).get("title").stringValue()).isEqualTo("Changed again");
		assertThat(ids(page.get("deleted").get("tasks"))).containsExactlyInAnyOrder(deleted, parent, child, inProject);
		assertThat(ids(page.get("deleted").get("projects"))).containsExactly(project);
		assertThat(page.get("projects")).isEmpty();
		assertThat(page.get("more").booleanValue()).isFalse();
		replica.apply(page);
		assertThat(replica.tasks.keySet()).containsExactlyInAnyOrder(kept, changed, created);

		JsonNode nothing = this.api.expect(200, "GET", "/sync?since=" + page.get("next").stringValue(), null);
		assertThat(nothing.get("tasks")).isEmpty();
		assertThat(nothing.get("deleted").get("tasks")).isEmpty();
		assertThat(nothing.get("more").booleanValue()).isFalse();
	}

	@Test
	void aTaskBackFromAnUndoneDeleteComesAgainAndIsNoLongerDeleted() {
		long id = this.api.createId("{\"title\": \"Back\"}");
		long owner = this.api.expect(200, "GET", "/users/me", null).get("id").longValue();
		Replica replica = new Replica();
		replica.syncAll(this.api, 500);
		String beforeDelete = replica.token;
		// The web UI's undo is the one way back, with the task's id.
		List<Task> deleted = this.tasks.deleteForUndo(owner, id).orElseThrow();
		replica.syncAll(this.api, 500);
		assertThat(replica.tasks).doesNotContainKey(id);
		String afterDelete = replica.token;

		this.tasks.restoreDeleted(owner, deleted).orElseThrow();

		for (String token : new String[] { beforeDelete, afterDelete }) {
			JsonNode page = this.api.expect(200, "GET", "/sync?since=" + token, null);
			assertThat(ids(page.get("tasks"))).containsExactly(id);
			assertThat(page.get("tasks").get(0).get("version").longValue()).isEqualTo(2);
			assertThat(page.get("deleted").get("tasks")).isEmpty();
		}
	}

	@Test
	void aTokenOfAnotherUserOrAlteredOrMadeUpIsRefusedNamingSince() {
		Replica replica = new Replica();
		replica.syncAll(this.api, 500);
		TreeAndOrderApi other = new TreeAndOrderApi(this.client, "UTC");
		String token = replica.token;
		// A character of the MAC's first byte: the last characters of base64 may be
		// padding.
		int macStart = token.indexOf('.') + 1;
		char first = token.charAt(macStart);
		String altered = token.substring(0, macStart) + ((first == 'A') ? 'B' : 'A') + token.substring(macStart + 1);
		String payload = token.substring(0, token.indexOf('.'));
		// The MAC's last character holds 4 spare bits: flipping one changes no byte.
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		char last = token.charAt(token.length() - 1);
		String spareBits = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);

		for (String refused : new String[] { altered, payload, payload + ".", "garbage", "a.b", "" + token.length(),
				spareBits, token + "==" }) {
			assertInvalid(this.api.send("GET", "/sync?since=" + refused, null), "/sync", "since");
		}
		assertInvalid(other.send("GET", "/sync?since=" + token, null), "/sync", "since");
	}

	@ParameterizedTest
	@ValueSource(strings = { "limit=0", "limit=1001", "limit=x", "limit=1&limit=2", "wait=61", "wait=-1", "wait=1.5",
			"since=a&since=b" })
	void outOfRangeParametersAreRefusedNamingThem(String query) {
		assertInvalid(this.api.send("GET", "/sync?" + query, null), "/sync", query.substring(0, query.indexOf('=')));
	}

	@Test
	void aTokenOlderThanTheTombstonesAreKeptIsGone() {
		long owner = this.api.expect(200, "GET", "/users/me", null).get("id").longValue();
		long monthsAgo = System.currentTimeMillis() - 31L * 24 * 3600 * 1000;
		String old = SyncToken.caughtUp(owner, "1000:1000:", monthsAgo).encode(this.repository.tokenKey());

		JsonNode problem = assertProblem(this.api.send("GET", "/sync?since=" + old, null), 410, "/sync");

		assertThat(problem.get("detail").stringValue()).contains("(30 days)").contains("start again without since");
		assertThat(this.api.expect(200, "GET", "/sync", null).get("more").booleanValue()).isFalse();
	}

	private static List<Long> ids(JsonNode array) {
		List<Long> ids = new ArrayList<>();
		for (JsonNode item : array) {
			ids.add(item.isNumber() ? item.longValue() : item.get("id").longValue());
		}
		return ids;
	}

	/** A sync client's copy of the caller's tasks and projects. */
	static final class Replica {

		final Map<Long, JsonNode> tasks = new HashMap<>();

		final Map<Long, JsonNode> projects = new HashMap<>();

		@Nullable String token;

		/** Objects received twice in one round. */
		int repeats;

		/** Syncs until the round ends. @return how many pages it took */
		int syncAll(TreeAndOrderApi api, int limit) {
			int pages = 0;
			Set<Long> seen = new HashSet<>();
			JsonNode page;
			do {
				page = api.expect(200, "GET",
						"/sync?limit=" + limit + ((this.token != null) ? "&since=" + this.token : ""), null);
				for (JsonNode task : page.get("tasks")) {
					if (!seen.add(task.get("id").longValue())) {
						this.repeats++;
					}
				}
				apply(page);
				pages++;
			}
			while (page.get("more").booleanValue());
			return pages;
		}

		void apply(JsonNode page) {
			page.get("tasks").forEach((task) -> this.tasks.put(task.get("id").longValue(), task));
			page.get("projects").forEach((project) -> this.projects.put(project.get("id").longValue(), project));
			page.get("deleted").get("tasks").forEach((id) -> this.tasks.remove(id.longValue()));
			page.get("deleted").get("projects").forEach((id) -> this.projects.remove(id.longValue()));
			this.token = page.get("next").stringValue();
		}

	}

}
