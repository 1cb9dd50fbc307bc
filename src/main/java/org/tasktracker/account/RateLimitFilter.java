package org.tasktracker.account;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.tasktracker.web.ProblemWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link RateLimits} to every request of an authenticated user other than the
 * local user, and tells the user where it stands in {@code RateLimit-*} headers on every
 * response.
 */
final class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimits limits;

	private final ProblemWriter problems;

	RateLimitFilter(RateLimits limits, ProblemWriter problems) {
		this.limits = limits;
		this.problems = problems;
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
				this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
						"Too many requests; retry after " + decision.retryAfterSeconds() + " s");
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
