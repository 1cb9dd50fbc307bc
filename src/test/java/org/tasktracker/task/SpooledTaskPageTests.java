package org.tasktracker.task;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tasktracker.web.TimestampSerializer;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A page held as tasks while small, spooled as JSON once large, and the same array on the
 * wire either way.
 */
class SpooledTaskPageTests {

	private final JsonMapper json = JsonMapper.builder().addModule(TimestampSerializer.module()).build();

	@Test
	void holdsASmallPageAsItsTasks() throws Exception {
		List<Task> tasks = tasks(50, "about it");
		try (SpooledTaskPage page = read(tasks)) {
			assertThat(page.size()).as("no spooled length").isNull();
			assertThat(sent(page)).isEqualTo(this.json.writeValueAsString(tasks));
		}
	}

	@Test
	void spoolsALargePageAndKnowsItsLength() throws Exception {
		List<Task> tasks = tasks(20, "\uD83D\uDE00".repeat(10_000));
		try (SpooledTaskPage page = read(tasks)) {
			String sent = sent(page);
			assertThat(page.size()).isEqualTo(sent.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
			assertThat(this.json.readTree(sent)).isEqualTo(this.json.readTree(this.json.writeValueAsString(tasks)));
		}
	}

	@Test
	void beginsAgainWhenARetriedReadBegins() throws Exception {
		List<Task> tasks = tasks(3, "kept");
		try (SpooledTaskPage page = new SpooledTaskPage(writer())) {
			page.begin();
			tasks(20, "\uD83D\uDE00".repeat(10_000)).forEach(page::add);
			page.end(99L);
			page.begin();
			tasks.forEach(page::add);
			page.end(null);

			assertThat(page.nextAfter()).isNull();
			assertThat(page.tasks()).isEqualTo(3);
			assertThat(sent(page)).isEqualTo(this.json.writeValueAsString(tasks));
		}
	}

	/**
	 * A client that leaves while its page is sent fails the write: the controller takes
	 * an {@link IOException} for that, and must get one for a held page as for a spooled
	 * one.
	 */
	@Test
	void aFailedSendIsAnIoExceptionForAHeldPageAsForASpooledOne() {
		for (List<Task> tasks : List.of(tasks(50, "about it"), tasks(20, "\uD83D\uDE00".repeat(10_000)))) {
			try (SpooledTaskPage page = read(tasks)) {
				assertThatExceptionOfType(IOException.class).isThrownBy(() -> page.sendTo(new OutputStream() {

					@Override
					public void write(int b) throws IOException {
						throw new IOException("Connection reset by peer");
					}

					@Override
					public void write(byte[] bytes, int offset, int length) throws IOException {
						throw new IOException("Connection reset by peer");
					}

				})).withMessage("Connection reset by peer");
			}
		}
	}

	private SpooledTaskPage read(List<Task> tasks) {
		SpooledTaskPage page = new SpooledTaskPage(writer());
		page.begin();
		tasks.forEach(page::add);
		page.end(null);
		return page;
	}

	private tools.jackson.databind.ObjectWriter writer() {
		return this.json.writerFor(Task.class).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
	}

	private static String sent(SpooledTaskPage page) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		page.sendTo(out);
		return out.toString(java.nio.charset.StandardCharsets.UTF_8);
	}

	private static List<Task> tasks(int count, String description) {
		List<Task> tasks = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			tasks.add(new Task(i, "task " + i, description, false, TaskFixtures.CREATED, TaskFixtures.CREATED, null));
		}
		return tasks;
	}

}
