package org.tasktracker.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * Spring's JSON converter, but a body of up to {@value #HELD_LIMIT} bytes is written
 * whole before any of it is sent, and sent with its {@code Content-Length}.
 * <p>
 * Spring MVC flushes the response once the converter has written it. Without a length,
 * that flush commits the response chunked, and ending it writes the last chunk apart: two
 * writes to the socket for every task or problem answered, where one does. A larger body
 * (a whole sync state, say) goes out as it is written, as before, so no answer is held in
 * memory whole for its length alone.
 */
final class SizedJsonMessageConverter extends JacksonJsonHttpMessageConverter {

	static final int HELD_LIMIT = 64 * 1024;

	SizedJsonMessageConverter(JsonMapper mapper) {
		super(mapper);
	}

	@Override
	protected void writeInternal(Object object, ResolvableType type, HttpOutputMessage outputMessage,
			@Nullable Map<String, Object> hints) throws IOException {
		HeldBody held = new HeldBody(outputMessage);
		super.writeInternal(object, type, held, hints);
		held.send();
	}

	/**
	 * The message as the converter sees it: its body is held until it ends or passes the
	 * limit. The headers are the message's own, writable until the body is sent.
	 */
	private static final class HeldBody extends OutputStream implements HttpOutputMessage {

		private final HttpOutputMessage message;

		private final ByteArrayOutputStream held = new ByteArrayOutputStream(1024);

		private @Nullable OutputStream passedOn;

		HeldBody(HttpOutputMessage message) {
			this.message = message;
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.message.getHeaders();
		}

		@Override
		public OutputStream getBody() {
			return this;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] source, int offset, int count) throws IOException {
			if (this.passedOn == null && this.held.size() + count > HELD_LIMIT) {
				this.passedOn = this.message.getBody();
				this.held.writeTo(this.passedOn);
			}
			if (this.passedOn != null) {
				this.passedOn.write(source, offset, count);
				return;
			}
			this.held.write(source, offset, count);
		}

		/** Flushes only a body already passed on: a held one is sent whole. */
		@Override
		public void flush() throws IOException {
			if (this.passedOn != null) {
				this.passedOn.flush();
			}
		}

		/** The converter's writing must not close the response: {@link #send} ends it. */
		@Override
		public void close() {
		}

		/** Sends a held body with its length; a passed on one is already sent. */
		void send() throws IOException {
			if (this.passedOn != null) {
				return;
			}
			this.message.getHeaders().setContentLength(this.held.size());
			this.held.writeTo(this.message.getBody());
		}

	}

}
