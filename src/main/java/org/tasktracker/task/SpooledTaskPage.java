package org.tasktracker.task;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.tasktracker.web.SpooledBody;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SequenceWriter;

/**
 * A page read whole before any of it is sent, so that its database connection goes back
 * to the pool before the client is waited on. A page of ordinary tasks is kept as the
 * tasks themselves and written straight to the response; once the page's text passes
 * {@value #MEMORY_LIMIT} bytes it is written as JSON into a {@link SpooledBody} (memory,
 * then a temporary file) as its rows arrive, so that many large pages at once cannot fill
 * the heap.
 */
final class SpooledTaskPage implements TaskPageSink, AutoCloseable {

	static final int MEMORY_LIMIT = 256 * 1024;

	private final ObjectWriter writer;

	private final List<Task> held = new ArrayList<>();

	/** Bytes the held tasks' text takes at most (two a character, as Java keeps it). */
	private long heldBytes;

	private @Nullable SpooledBody spooled;

	private @Nullable SequenceWriter spooledItems;

	private @Nullable Long nextAfter;

	private @Nullable Long nextKey;

	private @Nullable String nextPosition;

	private int tasks;

	private boolean ended;

	/**
	 * @param writer writes one task; it must not flush after each one
	 */
	SpooledTaskPage(ObjectWriter writer) {
		this.writer = writer;
	}

	@Override
	public void begin() {
		// A retried read begins again: what the failed attempt read is dropped.
		close();
		this.held.clear();
		this.heldBytes = 0;
		this.tasks = 0;
		this.ended = false;
		this.nextAfter = null;
	}

	@Override
	public void add(Task task) {
		this.tasks++;
		if (this.spooledItems != null) {
			this.spooledItems.write(task);
			return;
		}
		this.held.add(task);
		this.heldBytes += 2L
				* (task.title().length() + ((task.description() != null) ? task.description().length() : 0));
		if (this.heldBytes > MEMORY_LIMIT) {
			spool();
		}
	}

	@Override
	public void end(@Nullable Long nextAfter) {
		this.nextAfter = nextAfter;
		if (this.spooledItems != null) {
			this.spooledItems.close();
		}
		this.ended = true;
	}

	/** The {@code after} cursor of the next page, or null when this page is the last. */
	@Override
	public void nextKey(@Nullable Long key) {
		this.nextKey = key;
	}

	/** The next page's sort key, in an order other than by id. */
	@Override
	public void nextPosition(@Nullable String position) {
		this.nextPosition = position;
	}

	@Nullable String nextPosition() {
		return this.nextPosition;
	}

	@Nullable Long nextKey() {
		return this.nextKey;
	}

	@Nullable Long nextAfter() {
		return this.nextAfter;
	}

	/** How many tasks the page holds. */
	int tasks() {
		return this.tasks;
	}

	/** The page's length in bytes, where it is known before sending: a spooled page. */
	@Nullable Long size() {
		return (this.spooled != null) ? this.spooled.size() : null;
	}

	/**
	 * Sends the whole page; only once it has ended.
	 * @throws IOException if the response cannot be written, as when the client has left
	 */
	void sendTo(OutputStream out) throws IOException {
		if (!this.ended) {
			throw new IllegalStateException("The page has not ended");
		}
		if (this.spooled != null) {
			this.spooled.sendTo(out);
			return;
		}
		// Jackson wraps a failed write in an unchecked exception; unwrapped, it is the
		// same failure whichever way the page is sent.
		try (SequenceWriter items = this.writer.writeValuesAsArray(out)) {
			for (Task task : this.held) {
				items.write(task);
			}
		}
		catch (JacksonIOException ex) {
			throw ex.getCause();
		}
	}

	/** Deletes what was spooled. */
	@Override
	public void close() {
		if (this.spooled != null) {
			this.spooled.discard();
		}
		this.spooled = null;
		this.spooledItems = null;
	}

	private void spool() {
		SpooledBody body = new SpooledBody(MEMORY_LIMIT);
		this.spooled = body;
		this.spooledItems = this.writer.writeValuesAsArray(body);
		for (Task task : this.held) {
			this.spooledItems.write(task);
		}
		this.held.clear();
		this.heldBytes = 0;
	}

}
