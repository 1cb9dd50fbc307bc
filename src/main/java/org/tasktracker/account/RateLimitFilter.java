package org.tasktracker.account;

import java.io.IOException;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.tasktracker.web.RequestFilter;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Applies {@link RateLimits} to every request of an authenticated user other than the
 * local user, API and web UI alike (one bucket per user), and tells the user where it
 * stands in {@code RateLimit-*} headers on every response. The refusal is the caller's: a
 * problem for the API, a page for the web UI.
 */
final class RateLimitFilter extends RequestFilter {

	private final RateLimits limits;

	private final Refusal refusal;

	private final Predicate<HttpServletRequest> uncounted;

	RateLimitFilter(RateLimits limits, Refusal refusal) {
		this(limits, refusal, (request) -> false);
	}

	/**
	 * @param uncounted requests that take nothing from the bucket (the files pages load)
	 */
	RateLimitFilter(RateLimits limits, Refusal refusal, Predicate<HttpServletRequest> uncounted) {
		this.limits = limits;
		this.refusal = refusal;
		this.uncounted = uncounted;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.uncounted.test(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.limits.enabled()
				&& SecurityContextHolder.getContext()
					.getAuthentication() instanceof AccountAuthentication authentication
				&& !authentication.getPrincipal().isLocal()) {
			RateLimits.Decision decision = this.limits.take(authentication.getPrincipal().id());
			response.setHeader("RateLimit-Limit", Integer.toString(this.limits.burst()));
			response.setHeader("RateLimit-Remaining", Integer.toString(decision.remaining()));
			response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
			if (!decision.allowed()) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
				this.refusal.write(request, response, decision.retryAfterSeconds());
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/** Writes the 429 of a request over its user's rate. */
	@FunctionalInterface
	interface Refusal {

		void write(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds) throws IOException;

	}

}
