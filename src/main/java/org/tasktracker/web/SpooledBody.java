package org.tasktracker.web;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;

/**
 * A response body written in full before any of it is sent: kept in memory up to a limit,
 * in a temporary file beyond it. Whatever produced it (a database read, say) is finished
 * and its resources are free before a slow client is waited on, and memory stays bounded
 * however large the body or however many are under way. {@link #discard} deletes the
 * file. Not thread-safe.
 */
public final class SpooledBody extends OutputStream {

	private static final Logger log = LoggerFactory.getLogger(SpooledBody.class);

	private final int memoryLimit;

	private byte[] memory = new byte[8192];

	private int inMemory;

	private @Nullable Path file;

	private @Nullable OutputStream fileOut;

	private long size;

	/**
	 * @param memoryLimit bytes kept in memory before the body moves to a file
	 */
	public SpooledBody(int memoryLimit) {
		this.memoryLimit = memoryLimit;
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		if (this.file == null && this.inMemory + length > this.memoryLimit) {
			spill();
		}
		if (this.file != null) {
			if (this.fileOut == null) {
				throw new IOException("The body was closed");
			}
			this.fileOut.write(bytes, offset, length);
		}
		else {
			if (this.inMemory + length > this.memory.length) {
				this.memory = Arrays.copyOf(this.memory,
						Math.min(this.memoryLimit, Math.max(this.memory.length * 2, this.inMemory + length)));
			}
			System.arraycopy(bytes, offset, this.memory, this.inMemory, length);
			this.inMemory += length;
		}
		this.size += length;
	}

	/** Bytes written so far. */
	public long size() {
		return this.size;
	}

	/** Sends the whole body to {@code out}. */
	public void sendTo(OutputStream out) throws IOException {
		if (this.file == null) {
			out.write(this.memory, 0, this.inMemory);
			return;
		}
		close();
		Files.copy(this.file, out);
	}

	/**
	 * Answers with the whole body as a file to download ({@code 200}, its length, an
	 * attachment named {@code fileName}), then discards it, sent or not. A client that
	 * stopped reading is cut off by the connection timeout, logged with {@code what} it
	 * was sent; one that left needs no answer.
	 */
	public void sendAsDownload(HttpServletResponse response, String contentType, String fileName, String what) {
		try {
			response.setStatus(HttpServletResponse.SC_OK);
			response.setContentType(contentType);
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
			response.setContentLengthLong(size());
			sendTo(response.getOutputStream());
		}
		catch (IOException ex) {
			if (NestedExceptionUtils.getRootCause(ex) instanceof SocketTimeoutException) {
				log.info("Cut off a client that stopped reading its {}", what);
			}
		}
		finally {
			discard();
		}
	}

	/**
	 * Forgets everything written and deletes the temporary file, if there is one; the
	 * body can then be written anew.
	 */
	public void discard() {
		deleteFile();
		if (this.memory.length == 0) {
			this.memory = new byte[8192];
		}
		this.inMemory = 0;
		this.size = 0;
	}

	/** Finishes writing; the body stays, to be sent. */
	@Override
	public void close() throws IOException {
		if (this.fileOut != null) {
			this.fileOut.close();
			this.fileOut = null;
		}
	}

	private void spill() throws IOException {
		Path spool = Files.createTempFile("tasktracker-body-", ".tmp");
		this.file = spool;
		this.fileOut = new BufferedOutputStream(Files.newOutputStream(spool), 65536);
		this.fileOut.write(this.memory, 0, this.inMemory);
		this.inMemory = 0;
		this.memory = new byte[0];
	}

	private void deleteFile() {
		try {
			if (this.fileOut != null) {
				this.fileOut.close();
			}
			if (this.file != null) {
				Files.deleteIfExists(this.file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.fileOut = null;
			this.file = null;
		}
	}

}
