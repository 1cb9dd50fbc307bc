package org.tasktracker.task;

import java.io.IOException;
import java.io.OutputStream;

import org.jspecify.annotations.Nullable;
import org.tasktracker.web.SpooledBody;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SequenceWriter;

/**
 * A page written as a JSON array into a {@link SpooledBody} as its rows arrive from the
 * database, to be sent once the database is done with: the page's connection goes back to
 * the pool before the client is waited on.
 */
final class SpooledTaskPage implements TaskPageSink, AutoCloseable {

	/**
	 * A default page of ordinary tasks fits in memory; a page of the largest tasks goes
	 * to a file, so that many at once cannot fill the heap.
	 */
	static final int MEMORY_LIMIT = 256 * 1024;

	private final ObjectWriter writer;

	private final SpooledBody body = new SpooledBody(MEMORY_LIMIT);

	private @Nullable SequenceWriter items;

	private @Nullable Long nextAfter;

	private boolean ended;

	/**
	 * @param writer writes one task; it must not flush after each one
	 */
	SpooledTaskPage(ObjectWriter writer) {
		this.writer = writer;
	}

	@Override
	public void begin(@Nullable Long nextAfter) {
		// A retried read begins again: what the failed attempt wrote is dropped.
		this.body.discard();
		this.ended = false;
		this.nextAfter = nextAfter;
		this.items = this.writer.writeValuesAsArray(this.body);
	}

	@Override
	public void add(Task task) {
		started().write(task);
	}

	@Override
	public void end() {
		started().close();
		this.ended = true;
	}

	/** The {@code after} cursor of the next page, or null when this page is the last. */
	@Nullable Long nextAfter() {
		return this.nextAfter;
	}

	/** The page's length in bytes, once it has ended. */
	long size() {
		return this.body.size();
	}

	/** Sends the whole page; only once it has ended. */
	void sendTo(OutputStream out) throws IOException {
		if (!this.ended) {
			throw new IllegalStateException("The page has not ended");
		}
		this.body.sendTo(out);
	}

	/** Deletes what was spooled. */
	@Override
	public void close() {
		this.body.discard();
	}

	private SequenceWriter started() {
		if (this.items == null) {
			throw new IllegalStateException("begin() was not called");
		}
		return this.items;
	}

}
