package org.tasktracker.account;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.tasktracker.web.ProblemWriter;
import org.tasktracker.web.RequestFilter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Refuses a request with more than one {@code Authorization} header before any of them is
 * read: the credential filters would each read the first, and which one a request meant
 * is not for the service to guess (RFC 6750's {@code invalid_request}).
 */
final class OneAuthorizationFilter extends RequestFilter {

	private final ProblemWriter problems;

	OneAuthorizationFilter(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
		if (headers != null && headers.hasMoreElements()) {
			headers.nextElement();
			if (headers.hasMoreElements()) {
				response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
						"Bearer realm=\"" + AccessProblems.REALM + "\", error=\"invalid_request\"");
				this.problems.write(request, response, HttpStatus.BAD_REQUEST, "Send at most one Authorization header");
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
