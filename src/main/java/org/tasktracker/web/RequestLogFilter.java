package org.tasktracker.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One log line per request: method, route (the path template, so ids do not scatter it),
 * status and duration; the request id comes from the logging context.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestLogFilter extends RequestFilter {

	private static final Logger log = LoggerFactory.getLogger("tasktracker.requests");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long started = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (log.isInfoEnabled()) {
				if (request.isAsyncStarted()) {
					// Answered later (a waiting sync poll): logged once it is, with its
					// status and the whole time.
					request.getAsyncContext()
						.addListener(new LoggedWhenComplete(started, MDC.getCopyOfContextMap()), request, response);
				}
				else {
					log(request, response, started);
				}
			}
		}
	}

	private static void log(ServletRequest request, ServletResponse response, long started) {
		if (request instanceof HttpServletRequest httpRequest && response instanceof HttpServletResponse httpResponse) {
			Object route = httpRequest.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
			log.info("{} {} {} {}ms", httpRequest.getMethod(), (route != null) ? route : "(unmatched)",
					httpResponse.getStatus(), (System.nanoTime() - started) / 1_000_000);
		}
	}

	/**
	 * Logs an asynchronous request when it completes, in its request's logging context.
	 */
	private record LoggedWhenComplete(long started, @Nullable Map<String, String> logContext) implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			Map<String, String> previous = MDC.getCopyOfContextMap();
			if (this.logContext != null) {
				MDC.setContextMap(this.logContext);
			}
			try {
				log(event.getSuppliedRequest(), event.getSuppliedResponse(), this.started);
			}
			finally {
				if (previous != null) {
					MDC.setContextMap(previous);
				}
				else {
					MDC.clear();
				}
			}
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

	}

}
