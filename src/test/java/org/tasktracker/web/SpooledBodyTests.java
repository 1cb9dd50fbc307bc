package org.tasktracker.web;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body kept in memory up to its limit and in a temporary file beyond, sent whole, and
 * gone without a trace once discarded.
 */
class SpooledBodyTests {

	@Test
	void keepsASmallBodyInMemory() throws Exception {
		long filesBefore = spoolFiles();
		try (SpooledBody body = new SpooledBody(1024)) {
			body.write("[1,2,3]".getBytes());

			assertThat(body.size()).isEqualTo(7);
			assertThat(sent(body)).isEqualTo("[1,2,3]");
			assertThat(spoolFiles()).isEqualTo(filesBefore);
		}
	}

	@Test
	void movesALargeBodyToAFileAndDeletesItWhenDiscarded() throws Exception {
		long filesBefore = spoolFiles();
		SpooledBody body = new SpooledBody(1024);
		String large = "x".repeat(700);
		body.write(large.getBytes());
		body.write(large.getBytes());
		body.close();

		assertThat(spoolFiles()).isEqualTo(filesBefore + 1);
		assertThat(body.size()).isEqualTo(1400);
		assertThat(sent(body)).isEqualTo(large + large);

		body.discard();
		assertThat(spoolFiles()).isEqualTo(filesBefore);
		assertThat(body.size()).isZero();
	}

	@Test
	void startsAnewAfterADiscard() throws Exception {
		SpooledBody body = new SpooledBody(1024);
		body.write("x".repeat(2000).getBytes());
		body.discard();
		body.write("again".getBytes());

		assertThat(sent(body)).isEqualTo("again");
		body.discard();
	}

	private static String sent(SpooledBody body) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		body.sendTo(out);
		return out.toString();
	}

	private static long spoolFiles() throws Exception {
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return files.filter((file) -> file.getFileName().toString().startsWith("tasktracker-body-")).count();
		}
	}

}
