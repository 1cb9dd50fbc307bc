package org.tasktracker.web;

import java.net.URI;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.ErrorResponse;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an {@code application/problem+json} response (RFC 9457).
 * Bodies never carry stack traces, SQL, class names or connection details: defects and
 * database failures are logged in full under the request id, which the body repeats.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	private final WebProperties properties;

	private final MeterRegistry meters;

	ProblemHandler(WebProperties properties, MeterRegistry meters) {
		this.properties = properties;
		this.meters = meters;
	}

	@ExceptionHandler({ CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
			DataAccessResourceFailureException.class, TransientDataAccessResourceException.class })
	ResponseEntity<Object> handleDatabaseUnavailable(Exception ex, WebRequest request) {
		log.warn("Database unavailable: {}", ex.getClass().getSimpleName());
		return serviceUnavailable(ex, "The database cannot be reached; retry later", request);
	}

	/**
	 * A statement that ran past the database's time limit for requests
	 * ({@code tasktracker.database.statement-timeout}) and was cancelled: the database is
	 * overloaded, or the request asks for too much at once.
	 */
	@ExceptionHandler(QueryTimeoutException.class)
	ResponseEntity<Object> handleStatementTimeout(QueryTimeoutException ex, WebRequest request) {
		log.warn("Statement over the time limit, cancelled: {}", route(request));
		return serviceUnavailable(ex, "The request took longer than the database allows; retry later", request);
	}

	private ResponseEntity<Object> serviceUnavailable(Exception ex, String detail, WebRequest request) {
		this.meters.counter("tasktracker.database.unavailable", "exception", ex.getClass().getSimpleName()).increment();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
		problem.setProperty("request_id", RequestIdFilter.currentId(request));
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, this.properties.retryAfter().toSeconds())));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	/** The method and route template ({@code GET /tasks/{id}}) of a request. */
	private static String route(WebRequest request) {
		HttpServletRequest servletRequest = (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
		if (servletRequest == null) {
			return request.getDescription(false);
		}
		Object route = servletRequest.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		return servletRequest.getMethod() + " " + ((route != null) ? route : servletRequest.getRequestURI());
	}

	/**
	 * Tomcat parses query strings lazily and throws when one is not valid
	 * percent-encoding.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> handleMalformedQuery(InvalidParameterException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The query string is malformed (invalid percent-encoding)");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleDefect(Exception ex, WebRequest request) {
		String requestId = RequestIdFilter.currentId(request);
		log.error("Unhandled failure in request {}", requestId, ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"An unexpected error occurred; quote request id " + requestId + " when reporting it");
		problem.setProperty("request_id", requestId);
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	/** Spring's detail names a missing type as 'null'; this one says what to send. */
	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getContentType() == null) {
			// None sent, or one that does not parse (an unknown charset, say).
			String supported = MediaType.toString(ex.getSupportedMediaTypes()).replace(", ", " or ");
			ex.getBody()
				.setDetail((request.getHeader(HttpHeaders.CONTENT_TYPE) == null)
						? "The body has no Content-Type; send it as " + supported
						: "The Content-Type cannot be read (an unknown charset?); send the body as " + supported
								+ ", in UTF-8");
		}
		return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describeUnreadable(ex));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem;
		if (body instanceof ProblemDetail detail) {
			problem = detail;
		}
		else if (ex instanceof ErrorResponse errorResponse) {
			problem = errorResponse.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
		}
		else {
			problem = ProblemDetail.forStatus(statusCode);
		}
		if (problem.getType() == null) {
			problem.setType(ABOUT_BLANK);
		}
		if (problem.getInstance() == null && request instanceof NativeWebRequest nativeRequest) {
			HttpServletRequest servletRequest = nativeRequest.getNativeRequest(HttpServletRequest.class);
			if (servletRequest != null) {
				problem.setInstance(toUri(servletRequest.getRequestURI()));
			}
		}
		HttpHeaders responseHeaders = new HttpHeaders();
		responseHeaders.putAll(headers);
		responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return new ResponseEntity<>(problem, responseHeaders, statusCode);
	}

	/**
	 * The request path as a problem's {@code instance}, or null if it is no valid URI.
	 */
	static @Nullable URI toUri(String path) {
		try {
			return URI.create(path);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String describeUnreadable(HttpMessageNotReadableException ex) {
		if (ex.getMostSpecificCause() instanceof JacksonException jackson) {
			TokenStreamLocation location = jackson.getLocation();
			if (location != null && location.getLineNr() > 0) {
				return "Request body is not valid JSON (line " + location.getLineNr() + ", column "
						+ location.getColumnNr() + ")";
			}
			return "Request body is not valid JSON";
		}
		return "Request body is missing or unreadable";
	}

}
