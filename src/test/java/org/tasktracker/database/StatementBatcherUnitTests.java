package org.tasktracker.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DeadlockLoserDataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How writes are gathered into statements, with a stand-in for the database that
 * upper-cases what it is given. The {@value StatementBatcher#MAX_STATEMENTS} statements
 * the batcher allows are held open by "busy" writes, so that the next writes have to
 * wait, and then let go.
 */
class StatementBatcherUnitTests {

	private static final int WAITING = 5;

	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch busy = new CountDownLatch(StatementBatcher.MAX_STATEMENTS);

	/** Every statement run, as the requests it carried. */
	private final List<List<String>> statements = new CopyOnWriteArrayList<>();

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	@AfterEach
	void stop() {
		this.release.countDown();
		this.threads.shutdownNow();
	}

	@Test
	void runsALoneWriteAlone() {
		StatementBatcher<String, String> batcher = batcher((requests) -> upperCased(requests));

		assertThat(batcher.run("alone")).isEqualTo("ALONE");
		assertThat(this.statements).containsExactly(List.of("alone"));
	}

	@Test
	void runsTheWritesThatWaitedAsOneStatementAndGivesEachItsOwnAnswer() throws Exception {
		StatementBatcher<String, String> batcher = batcher((requests) -> upperCased(requests));

		List<Future<String>> busyWrites = startBusyWrites(batcher);
		List<Future<String>> waiting = startWaitingWrites(batcher, "waiting");
		this.release.countDown();

		for (int i = 0; i < WAITING; i++) {
			assertThat(waiting.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("WAITING " + i);
		}
		for (Future<String> write : busyWrites) {
			assertThat(write.get(10, TimeUnit.SECONDS)).startsWith("BUSY");
		}
		assertThat(this.statements).hasSize(StatementBatcher.MAX_STATEMENTS + 1);
		assertThat(this.statements.get(StatementBatcher.MAX_STATEMENTS)).containsExactlyInAnyOrder("waiting 0",
				"waiting 1", "waiting 2", "waiting 3", "waiting 4");
	}

	@Test
	void aFailedStatementFailsEveryWriteInIt() throws Exception {
		DataAccessResourceFailureException away = new DataAccessResourceFailureException("database away");
		StatementBatcher<String, String> batcher = batcher((requests) -> {
			throw away;
		});

		startBusyWrites(batcher);
		List<Future<String>> waiting = startWaitingWrites(batcher, "waiting");
		this.release.countDown();

		for (Future<String> write : waiting) {
			assertThat(failureOf(write)).isSameAs(away);
		}
	}

	@Test
	void dataThatPostgresRefusesFailsOnlyItsOwnWrite() throws Exception {
		StatementBatcher<String, String> batcher = batcher((requests) -> {
			throw new DataIntegrityViolationException("one row refused");
		});

		startBusyWrites(batcher);
		List<Future<String>> waiting = startWaitingWrites(batcher, "fine");
		Future<String> refused = this.threads.submit(() -> batcher.run("refused"));
		await().atMost(10, TimeUnit.SECONDS).until(() -> batcher.queued() == WAITING + 1);
		this.release.countDown();

		assertThat(failureOf(refused)).isInstanceOf(DataIntegrityViolationException.class);
		for (int i = 0; i < WAITING; i++) {
			assertThat(waiting.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("FINE " + i);
		}
	}

	@Test
	void writesOfAStatementThatLostADeadlockRunAgainAlone() throws Exception {
		StatementBatcher<String, String> batcher = batcher((requests) -> {
			throw new DeadlockLoserDataAccessException("deadlock detected", null);
		});

		startBusyWrites(batcher);
		List<Future<String>> waiting = startWaitingWrites(batcher, "retried");
		this.release.countDown();

		for (int i = 0; i < WAITING; i++) {
			assertThat(waiting.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("RETRIED " + i);
		}
		assertThat(this.statements).contains(List.of("retried 0"), List.of("retried 4"));
	}

	/**
	 * A batcher whose lone writes upper-case their request, wait for release when "busy"
	 * and are refused when "refused"; {@code together} runs the statements of several.
	 */
	private StatementBatcher<String, String> batcher(Function<List<String>, List<String>> together) {
		return new StatementBatcher<>("test writes", (request) -> {
			this.statements.add(List.of(request));
			if (request.startsWith("busy")) {
				this.busy.countDown();
				awaitRelease();
			}
			if (request.startsWith("refused")) {
				throw new DataIntegrityViolationException("refused");
			}
			return request.toUpperCase(Locale.ROOT);
		}, (requests) -> {
			this.statements.add(requests);
			return together.apply(requests);
		}, new SimpleMeterRegistry());
	}

	private static List<String> upperCased(List<String> requests) {
		return requests.stream().map((request) -> request.toUpperCase(Locale.ROOT)).toList();
	}

	private void awaitRelease() {
		try {
			assertThat(this.release.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Fills every statement the batcher allows with a write that waits for release. */
	private List<Future<String>> startBusyWrites(StatementBatcher<String, String> batcher) throws InterruptedException {
		List<Future<String>> writes = new ArrayList<>();
		for (int i = 0; i < StatementBatcher.MAX_STATEMENTS; i++) {
			String request = "busy " + i;
			writes.add(this.threads.submit(() -> batcher.run(request)));
		}
		assertThat(this.busy.await(10, TimeUnit.SECONDS)).isTrue();
		return writes;
	}

	private List<Future<String>> startWaitingWrites(StatementBatcher<String, String> batcher, String prefix) {
		List<Future<String>> writes = new ArrayList<>();
		for (int i = 0; i < WAITING; i++) {
			String request = prefix + " " + i;
			writes.add(this.threads.submit(() -> batcher.run(request)));
		}
		await().atMost(10, TimeUnit.SECONDS).until(() -> batcher.queued() == WAITING);
		return writes;
	}

	private static Throwable failureOf(Future<String> write) throws InterruptedException {
		try {
			write.get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (TimeoutException ex) {
			throw new AssertionError("the write did not end", ex);
		}
		throw new AssertionError("the write succeeded");
	}

}
