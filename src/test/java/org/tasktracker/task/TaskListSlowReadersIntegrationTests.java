package org.tasktracker.task;

import java.io.IOException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.tasktracker.support.TestSetupJdbc;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More clients than pooled connections ask for the largest page (1,000 tasks with the
 * largest descriptions, a 40 MB body) and stop reading it: the page's database connection
 * is back in the pool before the client is waited on, so the stalled readers cost the
 * other clients nothing.
 * <p>
 * Nothing here depends on how fast the machine is. Fourteen 40 MB pages take a slow, busy
 * machine many seconds to read (20 s on two loaded cores), which the service's limits
 * would turn into 503s; so the wait for a pooled connection and the statement and socket
 * timeouts are 90 s here, as they are not what is tested. Whether a connection is kept
 * for a stalled reader is looked at directly instead of timed: once every reader is
 * stalled, no database session is part way through a page, the whole pool can be taken at
 * once, and other requests are served. Tomcat would cut a stalled reader off after its
 * connection timeout, freeing whatever was kept for it; so that timeout is 180 s here,
 * twice the pool's wait, and no reader may have been cut off by the time the others have
 * been served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.connection-timeout=180s", "spring.datasource.hikari.connection-timeout=90000",
				"tasktracker.database.statement-timeout=90s",
				"spring.datasource.hikari.data-source-properties.socketTimeout=90" })
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
@Isolated
class TaskListSlowReadersIntegrationTests {

	private static final int SLOW_READERS = 14;

	/**
	 * Longer than a reader could wait for a pooled connection, so that a reader refused
	 * one shows as the 503 it gets rather than as a read timeout.
	 */
	private static final Duration READ_TIMEOUT = Duration.ofSeconds(150);

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private RestTestClient client;

	private LargestPage largest;

	private final List<Socket> readers = new ArrayList<>();

	@BeforeEach
	void insertTheLargestPage() {
		this.largest = LargestPage.insert(this.dataSource);
	}

	@AfterEach
	void deleteIt() throws IOException {
		for (Socket reader : this.readers) {
			reader.close();
		}
		this.largest.delete();
	}

	@Test
	void servesOthersWhileMoreClientsThanPooledConnectionsReadTheLargestPageSlowly(CapturedOutput output)
			throws Exception {
		int poolSize = this.dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
		assertThat(SLOW_READERS).as("slow readers").isGreaterThan(poolSize);

		for (int i = 0; i < SLOW_READERS; i++) {
			this.readers.add(this.largest.request(this.port, READ_TIMEOUT));
		}
		for (Socket reader : this.readers) {
			// Had the readers that came first kept their connections, the others would
			// get no connection and a 503.
			assertThat(LargestPage.statusLine(reader)).as("a slow reader's status line").isEqualTo("HTTP/1.1 200 ");
		}

		// Every reader has its page and has stopped reading: whatever the service keeps
		// for them while it waits, it keeps now.
		assertThat(pageReadsInTheDatabase()).as("database sessions part way through a page").isZero();
		takeEveryPooledConnectionAtOnce(poolSize);
		for (int i = 0; i < 20; i++) {
			this.client.get().uri("/tasks?limit=5").exchange().expectStatus().isOk();
		}
		// Only a cut-off would free what was kept for a reader, and none has come yet:
		// the readers were all stalled, and waited on, throughout.
		assertThat(output.getOut()).as("the log").doesNotContain("Cut off a client");
	}

	/**
	 * Database sessions running a page's statement, or holding the transaction it ran in
	 * open; an idle session that last ran one is back in its pool.
	 */
	private int pageReadsInTheDatabase() {
		return TestSetupJdbc.client(this.dataSource).sql("""
				SELECT count(*) FROM pg_stat_activity
				WHERE pid <> pg_backend_pid() AND state <> 'idle' AND query LIKE '%FROM tasks%LIMIT % + 1%'
				""").query(Integer.class).single();
	}

	/**
	 * Takes every connection the service's pool may lend, as a request would, and gives
	 * them back. One kept for a stalled reader would come free only when Tomcat cut the
	 * reader off, long after the pool had given up waiting for it.
	 */
	private void takeEveryPooledConnectionAtOnce(int poolSize) throws SQLException {
		List<Connection> taken = new ArrayList<>();
		try {
			for (int i = 0; i < poolSize; i++) {
				taken.add(this.dataSource.getConnection());
			}
		}
		finally {
			for (Connection connection : taken) {
				connection.close();
			}
		}
	}

}
