package org.tasktracker.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses request bodies over {@code tasktracker.http.max-request-body} (over
 * {@code tasktracker.http.max-import-body} for {@value #IMPORT_PATH}) with 413 before
 * anything parses them. A declared {@code Content-Length} is checked up front; a chunked
 * body is read up to the limit and handed on from memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimitFilter extends RequestFilter {

	/** The one path whose bodies may be larger: a whole account's export. */
	static final String IMPORT_PATH = "/import";

	private final DataSize maxRequestBody;

	private final long limit;

	private final DataSize maxImportBody;

	private final HandlerExceptionResolver exceptionResolver;

	RequestBodyLimitFilter(WebProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
		this.maxRequestBody = properties.maxRequestBody();
		this.limit = this.maxRequestBody.toBytes();
		this.maxImportBody = properties.maxImportBody();
		this.exceptionResolver = exceptionResolver;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean importing = IMPORT_PATH.equals(request.getRequestURI());
		DataSize max = importing ? this.maxImportBody : this.maxRequestBody;
		long limit = importing ? this.maxImportBody.toBytes() : this.limit;
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			reject(request, response, max);
			return;
		}
		if (declared == -1 && request.getHeader("Transfer-Encoding") != null) {
			byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
			if (body.length > limit) {
				reject(request, response, max);
				return;
			}
			chain.doFilter(new BufferedBodyRequest(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, DataSize max) {
		this.exceptionResolver.resolveException(request, response, null, new RequestBodyTooLargeException(max));
	}

	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("Buffered body is read synchronously");
				}

			};
		}

	}

}
