package org.tasktracker.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Writes a problem response (RFC 9457) from a servlet filter, where requests are answered
 * before any controller or exception handler: refused credentials, missing rights, rate
 * limits. The body has the same members, in the same order, as those of
 * {@link ProblemHandler}.
 */
@Component
public class ProblemWriter {

	private final JsonMapper json;

	private final WebProperties properties;

	ProblemWriter(JsonMapper json, WebProperties properties) {
		this.json = json;
		this.properties = properties;
	}

	/**
	 * A 503 with {@code Retry-After}, as {@link ProblemHandler} answers when the database
	 * cannot be reached.
	 */
	public void writeDatabaseUnavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER,
				Long.toString(Math.max(1, this.properties.retryAfter().toSeconds())));
		write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "The database cannot be reached; retry later");
	}

	/**
	 * Writes the status and body; the caller sets any headers first.
	 * @param detail what went wrong, in words a client can show; never a secret
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", status.getReasonPhrase());
		body.put("status", status.value());
		body.put("detail", detail);
		if (ProblemHandler.toUri(request.getRequestURI()) != null) {
			body.put("instance", request.getRequestURI());
		}
		if (status.is5xxServerError()) {
			// As ProblemHandler's own: the id that finds the request's lines in the log.
			body.put("request_id", RequestIdFilter.currentId(request));
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), body);
	}

}
