package org.tasktracker.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The web UI's failures as pages: a missing or another user's task is the same "not
 * found" page, an unreadable id a "bad request", a database that cannot be reached a 503
 * page that says so. Nothing of the failure itself (SQL, class names) is shown. The page
 * ({@code error-page.html}) is in the app's layout: with the sidebar for a signed-in user
 * on a refusal, never on a 503, where no query may run.
 */
@ControllerAdvice(annotations = WebPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageProblems {

	private static final Logger log = LoggerFactory.getLogger(PageProblems.class);

	private final WebProperties properties;

	PageProblems(WebProperties properties) {
		this.properties = properties;
	}

	@ExceptionHandler(PageNotFoundException.class)
	ModelAndView notFound() {
		return page(HttpStatus.NOT_FOUND, "Not found", "There is nothing here, or it is not yours.");
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
			org.springframework.validation.BindException.class, InvalidRequestException.class,
			tools.jackson.core.JacksonException.class })
	ModelAndView badRequest() {
		return page(HttpStatus.BAD_REQUEST, "Bad request", "That address is not one the app makes.");
	}

	@ExceptionHandler({ CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
			DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
			QueryTimeoutException.class })
	ModelAndView databaseUnavailable(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		log.warn("Database unavailable for a page: {}", ex.getClass().getSimpleName());
		response.setHeader(HttpHeaders.RETRY_AFTER,
				Long.toString(Math.max(1, this.properties.retryAfter().toSeconds())));
		ModelAndView page = page(HttpStatus.SERVICE_UNAVAILABLE, "The database cannot be reached",
				"Your tasks are safe; try again in a few seconds.");
		page.addObject("tryAgain", request.getRequestURI());
		return page;
	}

	@ExceptionHandler(ResponseStatusException.class)
	ModelAndView status(ResponseStatusException ex) {
		HttpStatus status = HttpStatus.resolve(ex.getStatusCode().value());
		return page((status != null) ? status : HttpStatus.BAD_REQUEST, "Request refused",
				"The request could not be carried out.");
	}

	/** A refusal the API would answer with a problem: its status, and its words. */
	@ExceptionHandler(org.springframework.web.ErrorResponseException.class)
	ModelAndView refused(org.springframework.web.ErrorResponseException ex) {
		HttpStatus status = HttpStatus.resolve(ex.getStatusCode().value());
		String detail = ex.getBody().getDetail();
		return page((status != null) ? status : HttpStatus.BAD_REQUEST, "Request refused",
				(detail != null) ? detail + "." : "The request could not be carried out.");
	}

	private static ModelAndView page(HttpStatus status, String title, String message) {
		ModelAndView page = new ModelAndView("error-page");
		page.setStatus(status);
		page.addObject("status", status.value());
		page.addObject("title", title);
		page.addObject("message", message);
		return page;
	}

}
