package org.tasktracker.task;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tasktracker.support.TestSetupJdbc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The change feed never skips a change, however transactions interleave, and its long
 * polls wait without holding a connection (contract v3, part D).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class SyncNeverSkipsIntegrationTests {

	/** Generous: the machine may be slow and busy; nothing here depends on it. */
	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@Autowired
	private RestTestClient client;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private SyncWaiters waiters;

	@Autowired
	private JsonMapper json;

	@LocalServerPort
	private int port;

	private TreeAndOrderApi api;

	private long owner;

	@BeforeEach
	void setUp() {
		this.api = new TreeAndOrderApi(this.client, "UTC");
		this.owner = this.api.expect(200, "GET", "/users/me", null).get("id").longValue();
	}

	/**
	 * The classic bug of "changes since T": a transaction that began first commits after
	 * a later one, and after a client read the later one. Here the later one is read
	 * while the first still holds its change; the next read must bring the first.
	 */
	@Test
	void aChangeThatCommitsAfterALaterOneWasReadComesInTheNextRead() throws Exception {
		long slow = this.api.createId("{\"title\": \"Slow\"}");
		long fast = this.api.createId("{\"title\": \"Fast\"}");
		SyncIntegrationTests.Replica replica = new SyncIntegrationTests.Replica();
		replica.syncAll(this.api, 500);

		try (Connection connection = TestSetupJdbc.dataSource(this.dataSource).getConnection()) {
			connection.setAutoCommit(false);
			retitle(connection, slow, "Slow, committed last");
			this.api.expect(200, "PATCH", "/tasks/" + fast, "{\"title\": \"Fast, committed first\"}");
			replica.syncAll(this.api, 500);
			assertThat(replica.tasks.get(fast).get("title").stringValue()).isEqualTo("Fast, committed first");
			assertThat(replica.tasks.get(slow).get("title").stringValue()).isEqualTo("Slow");
			connection.commit();
		}
		replica.syncAll(this.api, 500);

		assertThat(replica.tasks.get(slow).get("title").stringValue()).isEqualTo("Slow, committed last");
		assertThat(replica.tasks.get(slow).get("version").longValue()).isEqualTo(2);
	}

	/**
	 * Writers through the API and writers that hold their transaction open until the
	 * client has synced at least once more, while the client syncs in a loop: afterwards
	 * the client's copy is exactly the database's.
	 */
	@Test
	void aClientSyncingInALoopWhileManyWriteEndsWithExactlyTheDatabasesState() throws Exception {
		List<Long> apiTasks = new ArrayList<>();
		List<Long> slowTasks = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			apiTasks.add(this.api.createId("{\"title\": \"API " + i + "\"}"));
			slowTasks.add(this.api.createId("{\"title\": \"Slow " + i + "\"}"));
		}
		SyncIntegrationTests.Replica replica = new SyncIntegrationTests.Replica();
		AtomicInteger rounds = new AtomicInteger();
		AtomicBoolean writing = new AtomicBoolean(true);
		java.util.concurrent.Semaphore written = new java.util.concurrent.Semaphore(0);
		ConcurrentLinkedQueue<Long> live = new ConcurrentLinkedQueue<>(apiTasks);
		try (ExecutorService threads = Executors.newFixedThreadPool(6)) {
			Future<?> syncer = threads.submit(() -> {
				while (writing.get()) {
					written.tryAcquire(3, 100, TimeUnit.MILLISECONDS);
					replica.syncAll(this.api, 7);
					rounds.incrementAndGet();
				}
				return null;
			});
			List<Future<?>> writers = new ArrayList<>();
			for (int w = 0; w < 3; w++) {
				writers.add(threads.submit(() -> {
					for (int op = 0; op < 25; op++) {
						apiWrite(live);
						written.release();
					}
					return null;
				}));
			}
			for (int w = 0; w < 2; w++) {
				List<Long> own = slowTasks.subList(w * 6, w * 6 + 6);
				writers.add(threads.submit(() -> {
					for (int op = 0; op < 6; op++) {
						slowWrite(own, op, rounds);
					}
					return null;
				}));
			}
			for (Future<?> writer : writers) {
				writer.get(PATIENCE.toSeconds() * 3, TimeUnit.SECONDS);
			}
			writing.set(false);
			syncer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		}
		replica.syncAll(this.api, 7);

		Map<Long, String> database = new HashMap<>();
		TestSetupJdbc.client(this.dataSource)
			.sql("SELECT id, version, title, completed FROM tasks WHERE owner_id = :owner")
			.param("owner", this.owner)
			.query((row) -> {
				database.put(row.getLong("id"),
						row.getLong("version") + " " + row.getString("title") + " " + row.getBoolean("completed"));
			});
		Map<Long, String> copy = new HashMap<>();
		replica.tasks.forEach((id, task) -> copy.put(id, task.get("version").longValue() + " "
				+ task.get("title").stringValue() + " " + task.get("completed").booleanValue()));
		assertThat(rounds.get()).as("the client synced while the writers wrote").isGreaterThan(1);
		assertThat(copy).isEqualTo(database);
	}

	@Test
	void aWaitingSyncAnswersAsSoonAsAChangeCommits() throws Exception {
		long id = this.api.createId("{\"title\": \"Before\"}");
		SyncIntegrationTests.Replica replica = new SyncIntegrationTests.Replica();
		replica.syncAll(this.api, 500);
		int before = this.waiters.waiting();

		CompletableFuture<JsonNode> waiting = CompletableFuture
			.supplyAsync(() -> this.api.expect(200, "GET", "/sync?wait=60&since=" + replica.token, null));
		await().atMost(PATIENCE).until(() -> this.waiters.waiting() > before);
		this.api.expect(200, "PATCH", "/tasks/" + id, "{\"title\": \"After\"}");

		// Without the wake-up, the answer would come after 60 s with no task in it.
		JsonNode page = waiting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		assertThat(page.get("tasks")).hasSize(1);
		assertThat(page.get("tasks").get(0).get("title").stringValue()).isEqualTo("After");
	}

	/**
	 * Six times as many waiting requests as the pool has connections: other requests are
	 * still served while they wait, and one change wakes them all.
	 */
	@Test
	void waitingSyncsHoldNoConnection() throws Exception {
		long id = this.api.createId("{\"title\": \"Before\"}");
		SyncIntegrationTests.Replica replica = new SyncIntegrationTests.Replica();
		replica.syncAll(this.api, 500);
		WaitingPolls polls = WaitingPolls.start(this.port, this.api, replica.token, 60, this.waiters);

		assertThat(this.api.ids("limit=5")).contains(id);
		this.api.expect(200, "PATCH", "/tasks/" + id, "{\"title\": \"After\"}");

		polls.assertEachAnsweredWith("After", this.json);
	}

	private void apiWrite(ConcurrentLinkedQueue<Long> live) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Long id = live.peek();
		int kind = random.nextInt(4);
		if (id == null || kind == 0) {
			live.add(this.api.createId("{\"title\": \"Created " + random.nextInt(1_000_000) + "\"}"));
		}
		else if (kind == 1 && live.remove(id)) {
			this.api.expect(204, "DELETE", "/tasks/" + id, null);
		}
		else {
			List<Long> ids = new ArrayList<>(live);
			long target = ids.get(random.nextInt(ids.size()));
			int status = (kind == 2) ? this.api
				.send("PATCH", "/tasks/" + target, "{\"title\": \"Edit " + random.nextInt(1_000_000) + "\"}")
				.getStatus()
				.value() : this.api.send("POST", "/tasks/" + target + "/complete", null).getStatus().value();
			// Another writer may have deleted it meanwhile.
			assertThat(status).isIn(200, 404);
		}
	}

	/**
	 * One change in a transaction held open until the client has finished a round of sync
	 * that began after the change was written, then committed: every such change commits
	 * after the client read past it.
	 */
	private void slowWrite(List<Long> own, int op, AtomicInteger rounds) throws Exception {
		try (Connection connection = TestSetupJdbc.dataSource(this.dataSource).getConnection()) {
			connection.setAutoCommit(false);
			if (op % 3 == 2) {
				try (PreparedStatement insert = connection
					.prepareStatement("INSERT INTO tasks (owner_id, title) VALUES (?, 'Slow insert')")) {
					insert.setLong(1, this.owner);
					insert.executeUpdate();
				}
			}
			else {
				retitle(connection, own.get(op), "Slow edit " + op);
			}
			int seen = rounds.get();
			await().atMost(PATIENCE).until(() -> rounds.get() >= seen + 2);
			connection.commit();
		}
	}

	private void retitle(Connection connection, long id, String title) throws Exception {
		try (PreparedStatement update = connection.prepareStatement(
				"UPDATE tasks SET title = ?, updated_at = now(), version = version + 1, changed_xid = pg_current_xact_id() WHERE owner_id = ? AND id = ?")) {
			update.setString(1, title);
			update.setLong(2, this.owner);
			update.setLong(3, id);
			assertThat(update.executeUpdate()).isEqualTo(1);
		}
	}

}
