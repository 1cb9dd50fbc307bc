package org.tasktracker.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.sql.DataSource;

import org.tasktracker.support.TestSetupJdbc;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The largest page (1,000 tasks with the largest descriptions, a 40 MB body), stored
 * under a marker of its own, for the tests of clients that read it slowly or not at all.
 * It is asked for over a plain socket, so that the test decides how much of the response
 * is read.
 * <p>
 * It is loaded and deleted outside the service's limits: 40 MB of tasks may take a slow
 * machine longer to insert than the statement timeout allows a request.
 */
final class LargestPage {

	/** The contract's largest description: 10,000 code points, here of 4 bytes each. */
	static final String DESCRIPTION = "\uD83D\uDE00".repeat(10_000);

	private final JdbcClient setup;

	private final String marker;

	private LargestPage(JdbcClient setup, String marker) {
		this.setup = setup;
		this.marker = marker;
	}

	/** Stores the page's tasks, for the local user, in the database of the context. */
	static LargestPage insert(DataSource context) {
		LargestPage page = new LargestPage(TestSetupJdbc.client(context), TaskFixtures.uniqueMarker());
		page.setup.sql("""
				INSERT INTO tasks (owner_id, title, description)
				SELECT 1, :marker || ' ' || n, :description FROM generate_series(1, 1000) AS n
				""").param("marker", page.marker).param("description", DESCRIPTION).update();
		return page;
	}

	/** The word in each task's title (followed by its number, 1 to 1000). */
	String marker() {
		return this.marker;
	}

	void delete() {
		this.setup.sql("DELETE FROM tasks WHERE title LIKE :marker || ' %'").param("marker", this.marker).update();
	}

	/**
	 * Asks for the page and reads none of the response.
	 * @param readTimeout how long a read of the response may block before it fails
	 */
	Socket request(int port, Duration readTimeout) throws IOException {
		Socket socket = new Socket("127.0.0.1", port);
		// A small receive buffer, so that the kernel does not read the page for the
		// client.
		socket.setReceiveBufferSize(4096);
		socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
		OutputStream out = socket.getOutputStream();
		out.write(("GET /tasks?limit=1000&q=" + this.marker + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return socket;
	}

	/**
	 * The start of the response's status line, {@code "HTTP/1.1 200 "} for a page: it
	 * comes once the page has been read from the database.
	 */
	static String statusLine(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		return new String(in.readNBytes(13), StandardCharsets.US_ASCII);
	}

}
