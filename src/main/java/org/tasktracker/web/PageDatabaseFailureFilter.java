package org.tasktracker.web;

import java.io.IOException;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A page request that meets a database it cannot reach, anywhere on its way (the session
 * is read from the database before any controller runs): a 503 page that says so and
 * gives back what the user typed, ready to send again. Ahead of Spring Session's filter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class PageDatabaseFailureFilter extends RequestFilter {

	private static final Logger log = LoggerFactory.getLogger(PageDatabaseFailureFilter.class);

	private final ITemplateEngine templates;

	private final WebProperties properties;

	PageDatabaseFailureFilter(ITemplateEngine templates, WebProperties properties) {
		this.templates = templates;
		this.properties = properties;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !(path.equals("/") || path.equals("/app") || path.startsWith("/app/") || path.equals("/login")
				|| path.equals("/logout"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | RuntimeException ex) {
			if (!databaseUnavailable(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("Database unavailable for a page: {}", rootCause(ex).getClass().getSimpleName());
			response.resetBuffer();
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader(HttpHeaders.RETRY_AFTER,
					Long.toString(Math.max(1, this.properties.retryAfter().toSeconds())));
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			response.setCharacterEncoding("UTF-8");
			Context context = new Context(Locale.ENGLISH);
			boolean adding = "POST".equals(request.getMethod()) && "/app/tasks".equals(request.getRequestURI());
			context.setVariable("typed", adding ? request.getParameter("text") : null);
			context.setVariable("back", request.getRequestURI());
			this.templates.process("database-down", context, response.getWriter());
		}
	}

	private static boolean databaseUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException
					|| cause instanceof QueryTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

}
