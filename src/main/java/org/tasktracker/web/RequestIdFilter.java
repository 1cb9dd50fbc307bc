package org.tasktracker.web;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id: the client's {@code X-Request-Id} when it is
 * sane, a new one otherwise. The id is echoed in the response, put in the logging context
 * and repeated in the body of any 500 or 503.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

	public static final String HEADER = "X-Request-Id";

	static final String MDC_KEY = "request_id";

	private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

	/** Printable, log-safe and short: nothing that could forge a log line. */
	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// An error or async dispatch keeps the id its request was given.
		String id = (request.getAttribute(ATTRIBUTE) instanceof String given) ? given : request.getHeader(HEADER);
		if (id == null || !SANE.matcher(id).matches()) {
			id = newId();
		}
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(HEADER, id);
		MDC.put(MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	/**
	 * An async dispatch (a waiting sync poll's answer) logs under its request's id too.
	 */
	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	/**
	 * A random version 4 UUID from {@link ThreadLocalRandom}: an id needs to be unique,
	 * not unguessable, and {@link UUID#randomUUID()}'s SecureRandom showed in profiles
	 * under load ({@code docs/performance.md}).
	 */
	static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
		long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(mostSignificant, leastSignificant).toString();
	}

	static String currentId(WebRequest request) {
		Object id = request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		return (id != null) ? id.toString() : "unknown";
	}

	static String currentId(HttpServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		return (id != null) ? id.toString() : "unknown";
	}

}
