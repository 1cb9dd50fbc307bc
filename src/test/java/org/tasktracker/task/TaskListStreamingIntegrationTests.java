package org.tasktracker.task;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

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
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.json;

/**
 * The largest page (1,000 tasks with the largest descriptions, a 40 MB body) against
 * clients that read it slowly or not at all: it is sent whole, a client that stops
 * reading is cut off, and one that leaves part way costs nothing. That more slow readers
 * than pooled connections cost the other clients nothing is
 * {@link TaskListSlowReadersIntegrationTests}, in a context of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.tomcat.connection-timeout=2s")
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class TaskListStreamingIntegrationTests {

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
	void writesTheLargestPageWhole() {
		ExchangeResult response = this.client.get()
			.uri("/tasks?limit=1000&q={marker}", this.largest.marker())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.LINK)
			.returnResult();

		JsonNode page = json(response);
		assertThat(page.size()).isEqualTo(1000);
		assertThat(page.get(0).get("title").stringValue()).isEqualTo(this.largest.marker() + " 1");
		assertThat(page.get(999).get("title").stringValue()).isEqualTo(this.largest.marker() + " 1000");
		for (JsonNode task : page) {
			assertThat(task.get("description").stringValue()).isEqualTo(LargestPage.DESCRIPTION);
		}
		assertThat(response.getResponseHeaders().getContentLength())
			.isEqualTo(response.getResponseBodyContent().length);
	}

	@Test
	void cutsOffAClientThatStopsReadingAndSaysSo(CapturedOutput output) throws Exception {
		Socket reader = requestTheLargestPage();
		this.readers.add(reader);
		assertThat(LargestPage.statusLine(reader)).isEqualTo("HTTP/1.1 200 ");

		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> output.getOut().contains("Cut off a client that stopped reading its page of"));
		this.client.get().uri("/tasks?limit=1").exchange().expectStatus().isOk();
	}

	@Test
	void releasesEverythingQuietlyWhenTheClientLeavesPartWayThroughAPage(CapturedOutput output) throws Exception {
		try (Socket socket = requestTheLargestPage()) {
			assertThat(LargestPage.statusLine(socket)).isEqualTo("HTTP/1.1 200 ");
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
		return this.largest.request(this.port, Duration.ofSeconds(30));
	}

}
