package org.tasktracker.task;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.tasktracker.support.Responses.json;

/**
 * Pages written as their rows arrive: the largest page the contract allows comes through
 * whole, and a database failure halfway through cuts the connection rather than ending a
 * short body as if it were complete.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class TaskListStreamingIntegrationTests {

	/** The contract's largest description: 10,000 code points, here of 4 bytes each. */
	private static final String LARGEST_DESCRIPTION = "\uD83D\uDE00".repeat(10_000);

	/**
	 * The database session of a listing held up between two fetches (the list statement
	 * is the one with {@code next_after}).
	 */
	private static final String LISTING_SESSION = "pid <> pg_backend_pid() AND state = 'idle in transaction' "
			+ "AND query LIKE '%next_after%'";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private RestTestClient client;

	private String marker;

	@BeforeEach
	void insertTheLargestPage() {
		this.marker = TaskFixtures.uniqueMarker();
		this.jdbc.sql("""
				INSERT INTO tasks (title, description)
				SELECT :marker || ' ' || n, :description FROM generate_series(1, 1000) AS n
				""").param("marker", this.marker).param("description", LARGEST_DESCRIPTION).update();
	}

	@AfterEach
	void deleteIt() {
		this.jdbc.sql("DELETE FROM tasks WHERE title LIKE :marker || ' %'").param("marker", this.marker).update();
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
	}

	@Test
	void cutsTheConnectionWhenTheDatabaseFailsPartWayThroughAPage(CapturedOutput output) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/tasks?limit=999&q=" + this.marker))
			.timeout(Duration.ofSeconds(30))
			.build();

		HttpResponse<InputStream> response = http.send(request, BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Link")).isPresent();
			assertThat(body.readNBytes(1)).containsExactly('[');
			// Reading no further keeps the service writing this page, between two
			// fetches.
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> terminateTheListingBackend() == 1);

			assertThatIOException().isThrownBy(body::readAllBytes);
		}
		this.client.get().uri("/tasks?limit=1").exchange().expectStatus().isOk();
		// The service says what happened once, in its own words; the failed rollback on
		// the broken connection is not reported as an error of its own.
		assertThat(output.getOut().split("Listing failed after ", -1)).hasSize(2);
		assertThat(output.getOut()).contains("cutting the response short (DataAccessResourceFailureException)")
			.doesNotContain("Application exception overridden by rollback exception");
	}

	@Test
	void releasesTheConnectionQuietlyWhenTheClientLeavesPartWayThroughAPage(CapturedOutput output) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET /tasks?limit=1000&q=" + this.marker + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			byte[] start = socket.getInputStream().readNBytes(15);
			assertThat(new String(start, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 \r\n");
			// Waits until the service is held up writing, between two fetches.
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> listingTransactions() == 1);
			// Leaves with a reset rather than a polite close, as a killed client would.
			socket.setSoLinger(true, 0);
		}

		// The transaction ends and its connection goes back to the pool.
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> listingTransactions() == 0);
		this.client.get()
			.uri("/tasks?limit=1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(1);
		// A client leaving is no fault of the service's: nothing is logged above debug.
		assertThat(output.getOut()).doesNotContain("Listing failed after")
			.doesNotContain("Unhandled failure")
			.doesNotContain("ClientAbortException");
	}

	/** Database sessions that are part way through sending a page. */
	private int listingTransactions() {
		return this.jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE " + LISTING_SESSION)
			.query(Integer.class)
			.single();
	}

	/** Ends the database session that is part way through sending a page. */
	private int terminateTheListingBackend() {
		return this.jdbc.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE " + LISTING_SESSION)
			.query(Integer.class)
			.single();
	}

}
