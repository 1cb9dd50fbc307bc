package org.tasktracker.caldav;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.tasktracker.web.RequestFilter;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A {@code PROPFIND} of the server's root, which clients given only the server's address
 * send first (python's caldav, DAVx5 before it tries {@code /.well-known/caldav}), is
 * redirected to the DAV root as the well-known address is (RFC 6764, 5). The root is
 * otherwise the web UI's, whose sign-in and CSRF rules would refuse it with a 403. Ahead
 * of Spring Security: a redirect anyone may follow, like the well-known one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class RootDiscoveryFilter extends RequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"PROPFIND".equals(request.getMethod())
				|| !request.getRequestURI().equals(request.getContextPath() + "/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setStatus(HttpStatus.MOVED_PERMANENTLY.value());
		response.setHeader(HttpHeaders.LOCATION, request.getContextPath() + DavPaths.ROOT);
	}

}
