package org.tasktracker.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The queue in front of the pool: connections go to waiting requests in arrival order,
 * and a request that waits too long fails like a pool timeout. The pool itself is a stub;
 * what is tested is the hand-out. That a request arriving just as a connection comes back
 * does not take it first is the fair semaphore's documented guarantee; the race cannot be
 * staged reliably here, and its effect on tail latency is measured by bench/run.sh.
 */
class ArrivalOrderDataSourceTests {

	private final DataSource pool = mock(DataSource.class);

	private final Connection pooled = mock(Connection.class);

	@BeforeEach
	void setUp() throws SQLException {
		given(this.pool.getConnection()).willReturn(this.pooled);
	}

	@Test
	void handsReturnedConnectionsToWaitingRequestsInArrivalOrder() throws Exception {
		ArrivalOrderDataSource dataSource = new ArrivalOrderDataSource(this.pool, 1, Duration.ofSeconds(10));
		Connection held = dataSource.getConnection();
		CompletableFuture<Connection> first = waitForConnection(dataSource);
		Awaitility.await().until(() -> dataSource.waiting() == 1);
		CompletableFuture<Connection> second = waitForConnection(dataSource);
		Awaitility.await().until(() -> dataSource.waiting() == 2);

		held.close();

		Connection firstConnection = first.get(10, TimeUnit.SECONDS);
		assertThat(second).isNotDone();
		firstConnection.close();
		second.get(10, TimeUnit.SECONDS).close();
	}

	@Test
	void failsLikeAPoolTimeoutWhenNoConnectionComesFree() throws SQLException {
		ArrivalOrderDataSource impatient = new ArrivalOrderDataSource(this.pool, 1, Duration.ofMillis(50));
		Connection held = impatient.getConnection();

		assertThatExceptionOfType(SQLTransientConnectionException.class).isThrownBy(impatient::getConnection)
			.withMessage("No pooled connection became free within 50 ms")
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("08001"));

		held.close();
		impatient.getConnection().close();
	}

	@Test
	void givesBackOnePlaceForAConnectionClosedTwice() throws SQLException {
		ArrivalOrderDataSource impatient = new ArrivalOrderDataSource(this.pool, 1, Duration.ofMillis(50));
		Connection connection = impatient.getConnection();
		connection.close();
		connection.close();

		Connection again = impatient.getConnection();
		assertThatExceptionOfType(SQLTransientConnectionException.class).isThrownBy(impatient::getConnection);
		again.close();
	}

	@Test
	void givesBackThePlaceWhenThePoolFails() throws SQLException {
		SQLTransientConnectionException poolTimeout = new SQLTransientConnectionException("pool timed out");
		given(this.pool.getConnection()).willThrow(poolTimeout).willReturn(this.pooled);

		ArrivalOrderDataSource dataSource = new ArrivalOrderDataSource(this.pool, 1, Duration.ofMillis(50));

		assertThatExceptionOfType(SQLTransientConnectionException.class).isThrownBy(dataSource::getConnection)
			.isSameAs(poolTimeout);
		dataSource.getConnection().close();
	}

	private static CompletableFuture<Connection> waitForConnection(DataSource dataSource) {
		CompletableFuture<Connection> connection = new CompletableFuture<>();
		Thread.ofVirtual().start(() -> {
			try {
				connection.complete(dataSource.getConnection());
			}
			catch (SQLException ex) {
				connection.completeExceptionally(ex);
			}
		});
		return connection;
	}

}
