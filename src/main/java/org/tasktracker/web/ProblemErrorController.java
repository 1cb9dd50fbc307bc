package org.tasktracker.web;

import java.net.URI;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the container's error dispatches (failures outside Spring MVC, such as a path
 * that Spring Security's firewall refuses) with a problem response like every other
 * error, never an HTML page or a stack trace. Not part of the API, so not in its OpenAPI
 * document.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = resolveStatus(request);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		// Spring leaves about:blank implied, and leaves the member out; the contract's
		// problems always carry it, as ProblemHandler's do.
		problem.setType(ABOUT_BLANK);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri instanceof String path) {
			problem.setInstance(ProblemHandler.toUri(path));
		}
		if (status.is5xxServerError()) {
			problem.setProperty("request_id", RequestIdFilter.currentId(request));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus resolveStatus(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null && status.isError()) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
