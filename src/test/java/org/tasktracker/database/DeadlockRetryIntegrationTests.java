package org.tasktracker.database;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two transactions that lock two rows in opposite orders, as a subtask's change and its
 * parent's completion do: PostgreSQL ends one as a deadlock's victim, and the retry runs
 * it again once the other has committed, so both writes happen and neither caller sees a
 * failure.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class DeadlockRetryIntegrationTests {

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void theVictimOfADeadlockIsRunAgainAndBothWritesHappen() throws Exception {
		String table = "deadlock_" + System.nanoTime();
		this.jdbc.sql("CREATE TABLE " + table + " (id int PRIMARY KEY, writes int NOT NULL DEFAULT 0)").update();
		this.jdbc.sql("INSERT INTO " + table + " (id) VALUES (1), (2)").update();
		DatabaseRetry retry = new DatabaseRetry(
				new DatabaseProperties(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(3)),
				new SimpleMeterRegistry());
		Transactions transactions = new Transactions(new JdbcTransactionManager(this.dataSource));
		// Each holds its first row before either asks for its second: a deadlock for
		// sure,
		// on the first attempts only.
		CyclicBarrier bothHoldOne = new CyclicBarrier(2);
		AtomicInteger attempts = new AtomicInteger();
		try (ExecutorService writers = Executors.newFixedThreadPool(2)) {
			List<Future<Integer>> done = List.of(1, 2)
				.stream()
				.map((first) -> writers.submit(() -> retry.onceOnly(() -> {
					boolean firstAttempt = attempts.incrementAndGet() <= 2;
					return transactions.execute((status) -> {
						int second = 3 - first;
						this.jdbc.sql("UPDATE " + table + " SET writes = writes + 1 WHERE id = :id")
							.param("id", first)
							.update();
						if (firstAttempt) {
							await(bothHoldOne);
						}
						return this.jdbc.sql("UPDATE " + table + " SET writes = writes + 1 WHERE id = :id")
							.param("id", second)
							.update();
					});
				})))
				.toList();
			for (Future<Integer> writer : done) {
				assertThat(writer.get(60, TimeUnit.SECONDS)).isEqualTo(1);
			}
		}
		finally {
			List<Integer> writes = this.jdbc.sql("SELECT writes FROM " + table + " ORDER BY id")
				.query(Integer.class)
				.list();
			this.jdbc.sql("DROP TABLE " + table).update();
			assertThat(writes).as("each transaction's two writes, once").containsExactly(2, 2);
		}
		assertThat(attempts).as("one transaction ran twice").hasValue(3);
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
