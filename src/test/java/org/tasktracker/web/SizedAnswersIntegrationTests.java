package org.tasktracker.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task or a problem in JSON goes out with its {@code Content-Length} rather than
 * chunked, read here as a client's socket gets it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class SizedAnswersIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void aTaskCreatedAndCompletedIsAnsweredWithItsLength() throws IOException {
		String body = "{\"title\": \"Sized answer\"}";
		Answer created = exchange(
				"POST /tasks HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n",
				body);
		assertThat(created.status()).isEqualTo("HTTP/1.1 201 ");
		created.assertSized();
		long id = created.json().get("id").longValue();

		Answer completed = exchange("POST /tasks/" + id + "/complete HTTP/1.1\r\n", "");
		assertThat(completed.status()).isEqualTo("HTTP/1.1 200 ");
		completed.assertSized();
		assertThat(completed.json().get("completed").booleanValue()).isTrue();
	}

	@Test
	void aProblemIsAnsweredWithItsLength() throws IOException {
		Answer missing = exchange("GET /tasks/" + Long.MAX_VALUE + " HTTP/1.1\r\n", "");

		assertThat(missing.status()).isEqualTo("HTTP/1.1 404 ");
		missing.assertSized();
		assertThat(missing.json().get("detail").stringValue()).isEqualTo("Task " + Long.MAX_VALUE + " does not exist");
	}

	/** Sends a request on a connection of its own and reads the answer to its end. */
	private Answer exchange(String requestHead, String body) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			String request = requestHead + "Host: localhost\r\nConnection: close\r\n\r\n" + body;
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			return Answer.read(socket.getInputStream());
		}
	}

	/**
	 * An answer as it came over the wire: its head as text, and its body's bytes after
	 * the head.
	 */
	private record Answer(String head, byte[] body) {

		static Answer read(InputStream in) throws IOException {
			byte[] bytes = in.readAllBytes();
			String text = new String(bytes, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			assertThat(end).as("the end of the head").isPositive();
			return new Answer(text.substring(0, end), Arrays.copyOfRange(bytes, end + 4, bytes.length));
		}

		String status() {
			return this.head.substring(0, 13);
		}

		/** Its length given, and its body exactly that long: not chunked. */
		void assertSized() {
			String lower = this.head.toLowerCase(Locale.ROOT);
			assertThat(lower).doesNotContain("transfer-encoding")
				.contains("\r\ncontent-length: " + this.body.length + "\r\n");
		}

		JsonNode json() {
			return json.readTree(this.body);
		}

	}

}
