package org.tasktracker;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tasktracker.support.TestSetupJdbc;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertProblem;

/**
 * No request may keep the database or the server busy for long: a statement over the time
 * limit is cancelled and answered 503, and clients that never finish sending their
 * headers are cut off without holding anything the others need.
 * <p>
 * Tomcat's connection timeout is long here, {@value #CONNECTION_TIMEOUT_SECONDS} s (a
 * first request to a fresh service takes well under one), so that a slow, busy machine
 * serves the other client long before any stalled one is cut off, and what that request
 * waited for is told by which came first, not by a clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.database.statement-timeout=300ms",
				"server.tomcat.connection-timeout=" + BoundedWorkIntegrationTests.CONNECTION_TIMEOUT_SECONDS + "s" })
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class BoundedWorkIntegrationTests {

	static final int CONNECTION_TIMEOUT_SECONDS = 8;

	private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(CONNECTION_TIMEOUT_SECONDS);

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void cancelsAStatementOverTheTimeLimitWith503(CapturedOutput output) throws Exception {
		// The test's own task, lock and check run outside the limit they test.
		DataSource setup = TestSetupJdbc.dataSource(this.dataSource);
		long id = JdbcClient.create(setup)
			.sql("INSERT INTO tasks (owner_id, title) VALUES (1, 'held') RETURNING id")
			.query(Long.class)
			.single();
		try (Connection holder = setup.getConnection(); Statement statement = holder.createStatement()) {
			holder.setAutoCommit(false);
			// Completing the task waits for this row lock past the limit.
			statement.execute("SELECT 1 FROM tasks WHERE id = " + id + " FOR UPDATE");

			ExchangeResult response = this.client.post().uri("/tasks/{id}/complete", id).exchange().returnResult();

			// Answered while the test still holds the lock, so the statement never got
			// it: PostgreSQL cancelled it (a connection given up on would be "cannot be
			// reached"), and only the statement timeout cancels statements here. How
			// long the limit is, limitsEveryStatementOfThePool checks: no clock needed.
			JsonNode problem = assertProblem(response, 503, "/tasks/" + id + "/complete");
			assertThat(problem.get("detail").stringValue())
				.isEqualTo("The request took longer than the database allows; retry later");
			assertThat(response.getResponseHeaders().getFirst("Retry-After")).isEqualTo("2");
			holder.rollback();
		}
		assertThat(output.getOut()).contains("Statement over the time limit, cancelled: POST /tasks/{id}/complete");
		assertThat(JdbcClient.create(setup)
			.sql("SELECT completed FROM tasks WHERE id = :id")
			.param("id", id)
			.query(Boolean.class)
			.single()).as("the cancelled statement changed nothing").isFalse();
	}

	@Test
	void limitsEveryStatementOfThePool() {
		assertThat(this.jdbc.sql("SHOW statement_timeout").query(String.class).single()).isEqualTo("300ms");
	}

	@Test
	void cutsOffClientsThatNeverFinishTheirHeadersWhileServingOthers() throws Exception {
		List<Socket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				Socket socket = new Socket("127.0.0.1", this.port);
				socket.getOutputStream()
					.write("GET /tasks HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
				stalled.add(socket);
			}

			this.client.get().uri("/tasks?limit=1").exchange().expectStatus().isOk();
			// Served before any stalled client was let go, so it waited for none of them.
			for (Socket socket : stalled) {
				assertThat(stillWaiting(socket)).as("a stalled client left waiting after the other was served")
					.isTrue();
			}

			for (Socket socket : stalled) {
				socket.setSoTimeout(Math.toIntExact(CONNECTION_TIMEOUT.multipliedBy(3).toMillis()));
				assertThat(readToEnd(socket.getInputStream())).as("what a stalled client gets").doesNotContain("200");
			}
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
	}

	/** Whether the server has neither answered the client nor closed its connection. */
	private static boolean stillWaiting(Socket socket) throws IOException {
		socket.setSoTimeout(10);
		try {
			// A byte is an answer, and -1 the end of the connection.
			socket.getInputStream().read();
			return false;
		}
		catch (SocketTimeoutException ex) {
			return true;
		}
	}

	/** Reads until the server closes the connection. */
	private static String readToEnd(InputStream in) throws IOException {
		return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
	}

}
