package org.tasktracker.caldav;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * {@code /.well-known/caldav} (RFC 6764, 5): a permanent redirect to the DAV root, for
 * any method (clients send PROPFIND here as often as GET), so that a client given only
 * the server's address finds the server; no credentials needed.
 */
@Hidden
@Controller
class WellKnownController {

	@RequestMapping("/.well-known/caldav")
	void wellKnown(HttpServletRequest request, HttpServletResponse response) {
		response.setStatus(HttpStatus.MOVED_PERMANENTLY.value());
		response.setHeader(HttpHeaders.LOCATION, request.getContextPath() + DavPaths.ROOT);
	}

}
