package org.tasktracker.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.json;

/**
 * The largest page (1,000 tasks with the largest descriptions, a 40 MB body) against
 * clients that read it slowly or not at all: the page's database connection is back in
 * the pool before the client is waited on, so more slow readers than pooled connections
 * cost the other clients nothing, and a client that stops reading is cut off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.tomcat.connection-timeout=2s")
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class TaskListStreamingIntegrationTests {

	/** The contract's largest description: 10,000 code points, here of 4 bytes each. */
	private static final String LARGEST_DESCRIPTION = "\uD83D\uDE00".repeat(10_000);

	/** More than the pool's 10 connections. */
	private static final int SLOW_READERS = 14;

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private RestTestClient client;

	/**
	 * For the tests' own loading, clean-up and checks: 40 MB of tasks may take a slow
	 * machine longer to insert than the service's statement timeout allows a request.
	 */
	private JdbcClient setup;

	private String marker;

	private final List<Socket> readers = new ArrayList<>();

	@BeforeEach
	void insertTheLargestPage() {
		this.marker = TaskFixtures.uniqueMarker();
		this.setup = TestSetupJdbc.client(this.dataSource);
		this.setup.sql("""
				INSERT INTO tasks (owner_id, title, description)
				SELECT 1, :marker || ' ' || n, :description FROM generate_series(1, 1000) AS n
				""").param("marker", this.marker).param("description", LARGEST_DESCRIPTION).update();
	}

	@AfterEach
	void deleteIt() throws IOException {
		for (Socket reader : this.readers) {
			reader.close();
		}
		this.setup.sql("DELETE FROM tasks WHERE title LIKE :marker || ' %'").param("marker", this.marker).update();
	}

	@Test
	void writesTheLargestPageWhole() {
		ExchangeResult response = this.client.get()
			.uri("/tasks?limit=1000&q={marker}", this.marker)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.LINK)
			.returnResult();

		JsonNode page = json(response);
		assertThat(page.size()).isEqualTo(1000);
		assertThat(page.get(0).get("title").stringValue()).isEqualTo(this.marker + " 1");
		assertThat(page.get(999).get("title").stringValue()).isEqualTo(this.marker + " 1000");
		for (JsonNode task : page) {
			assertThat(task.get("description").stringValue()).isEqualTo(LARGEST_DESCRIPTION);
		}
		assertThat(response.getResponseHeaders().getContentLength())
			.isEqualTo(response.getResponseBodyContent().length);
	}

	@Test
	void servesOthersWhileMoreClientsThanPooledConnectionsReadTheLargestPageSlowly() throws Exception {
		for (int i = 0; i < SLOW_READERS; i++) {
			this.readers.add(requestTheLargestPage());
		}
		for (Socket reader : this.readers) {
			// The status line comes once the page has been read from the database.
			assertThat(statusLine(reader)).isEqualTo("HTTP/1.1 200 ");
		}
		assertThat(listingsInTheDatabase()).as("database sessions still reading a page").isZero();

		for (int i = 0; i < 20; i++) {
			long started = System.nanoTime();
			this.client.get().uri("/tasks?limit=5").exchange().expectStatus().isOk();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
		}
	}

	@Test
	void cutsOffAClientThatStopsReadingAndSaysSo(CapturedOutput output) throws Exception {
		Socket reader = requestTheLargestPage();
		this.readers.add(reader);
		assertThat(statusLine(reader)).isEqualTo("HTTP/1.1 200 ");

		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> output.getOut().contains("Cut off a client that stopped reading its page of"));
		this.client.get().uri("/tasks?limit=1").exchange().expectStatus().isOk();
	}

	@Test
	void releasesEverythingQuietlyWhenTheClientLeavesPartWayThroughAPage(CapturedOutput output) throws Exception {
		try (Socket socket = requestTheLargestPage()) {
			assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 200 ");
			// Leaves with a reset rather than a polite close, as a killed client would.
			socket.setSoLinger(true, 0);
		}

		this.client.get()
			.uri("/tasks?limit=1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(1);
		// A client leaving is no fault of the service's: nothing is logged above debug.
		assertThat(output.getOut()).doesNotContain("Unhandled failure")
			.doesNotContain("ClientAbortException")
			.doesNotContain("Cut off a client");
	}

	private Socket requestTheLargestPage() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		// A small receive buffer, so that the kernel does not read the page for the
		// client.
		socket.setReceiveBufferSize(4096);
		socket.setSoTimeout(30_000);
		OutputStream out = socket.getOutputStream();
		out.write(("GET /tasks?limit=1000&q=" + this.marker + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return socket;
	}

	private static String statusLine(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		return new String(in.readNBytes(13), StandardCharsets.US_ASCII);
	}

	/** Database sessions that are part way through reading a page. */
	private int listingsInTheDatabase() {
		return this.setup.sql("""
				SELECT count(*) FROM pg_stat_activity
				WHERE pid <> pg_backend_pid() AND state <> 'idle' AND query LIKE '%next_after%'
				""").query(Integer.class).single();
	}

}
