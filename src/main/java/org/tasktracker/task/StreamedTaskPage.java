package org.tasktracker.task;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SequenceWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Writes a page straight to the HTTP response as a JSON array, task by task, with a
 * {@code Link} header to the next page when one follows. A failure to write (the client
 * has gone) is thrown as Jackson's {@link JacksonIOException}.
 */
final class StreamedTaskPage implements TaskPageSink {

	private final HttpServletResponse response;

	private final ObjectWriter writer;

	private final TaskListQuery query;

	private @Nullable SequenceWriter items;

	/**
	 * @param writer writes one task; it must not flush after each one, or every task
	 * would leave in a packet of its own
	 */
	StreamedTaskPage(HttpServletResponse response, ObjectWriter writer, TaskListQuery query) {
		this.response = response;
		this.writer = writer;
		this.query = query;
	}

	@Override
	public void begin(@Nullable Long nextAfter) {
		this.response.setStatus(HttpServletResponse.SC_OK);
		this.response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		if (nextAfter != null) {
			this.response.setHeader(HttpHeaders.LINK, "<" + this.query.nextPageUrl(nextAfter) + ">; rel=\"next\"");
		}
		try {
			this.items = this.writer.writeValuesAsArray(this.response.getOutputStream());
		}
		catch (IOException ex) {
			throw JacksonIOException.construct(ex);
		}
	}

	@Override
	public void add(Task task) {
		try {
			started().write(task);
		}
		catch (DatabindException ex) {
			// A write that fails part way through a task comes out of Jackson as a
			// DatabindException around the IOException: its serializers unwrap the
			// JacksonIOException to add the path, whatever WRAP_EXCEPTIONS says.
			throw (ex.getCause() instanceof IOException failedWrite) ? JacksonIOException.construct(failedWrite) : ex;
		}
	}

	@Override
	public void end() {
		// Closing the array only writes to the generator, which reports a failed write
		// as a JacksonIOException itself.
		started().close();
	}

	private SequenceWriter started() {
		if (this.items == null) {
			throw new IllegalStateException("begin() was not called");
		}
		return this.items;
	}

}
