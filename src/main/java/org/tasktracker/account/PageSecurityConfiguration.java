package org.tasktracker.account;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.tasktracker.database.BackgroundJobs;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * The web UI's filter chain, ahead of the API's: a sign-in form and a session cookie
 * (sessions kept in PostgreSQL by Spring Session JDBC), a CSRF token on every form and
 * htmx request that changes something, and a Content-Security-Policy that allows no
 * inline script. Where {@link LocalAccess} allows it, the local user needs no sign-in, as
 * on the API. A failed sign-in counts against the same limit as a failed password check
 * ({@link PasswordAuthentication}); a session lasts only while its user is unchanged
 * ({@link SessionUserFilter}); pages count against the user's rate limit like API
 * requests.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityConfiguration {

	/** The UI's pages, its form posts, and the files they load. */
	static final String[] PAGE_PATHS = { "/", "/login", "/logout", "/app", "/app/**", "/assets/**", "/webjars/**",
			"/favicon.ico" };

	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

	@Bean
	@Order(1)
	SecurityFilterChain pages(HttpSecurity http, AccountProperties properties, WebSessions sessions, RateLimits limits,
			ITemplateEngine templates) {
		HttpSessionRequestCache requestCache = requestCache();
		http.securityMatcher(PAGE_PATHS)
			.servletApi(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.requestCache((cache) -> cache.requestCache(requestCache))
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(signedIn(requestCache))
				.failureHandler(PageSecurityConfiguration::signInFailed)
				.permitAll())
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?out").permitAll())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
			.addFilterAfter(new SessionUserFilter(sessions), SecurityContextHolderFilter.class)
			.addFilterBefore(LocalUserFilter.forPages(properties.mode()), AnonymousAuthenticationFilter.class)
			.addFilterBefore(pageRateLimit(limits, templates), ExceptionTranslationFilter.class)
			// The sign-in page with any query: the failure handler's ?error, ?wait, ?busy
			// and ?ended are not the form-login's own failure URL, which it would permit.
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/login", "/assets/**", "/webjars/**", "/favicon.ico")
						.permitAll()
						.anyRequest()
						.authenticated());
		return http.build();
	}

	/**
	 * Upserts of session attributes: two first requests of one new session each store a
	 * CSRF token, and a plain insert makes the second fail on the primary key.
	 */
	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> postgresSessionAttributes() {
		return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
	}

	/**
	 * Deletes expired web sessions every minute, on one instance at a time: Spring
	 * Session's own clean-up runs on every instance, so it is turned off
	 * ({@code spring.session.jdbc.cleanup-cron: "-"}).
	 */
	@Bean
	RecurringTask<Void> webSessionCleanupJob(JdbcIndexedSessionRepository sessions) {
		return BackgroundJobs.every("web-session-cleanup", Duration.ofMinutes(1), sessions::cleanUpExpiredSessions);
	}

	/**
	 * The page asked for before the sign-in, kept in the session, is where the sign-in
	 * leads, at its own address: without a matching parameter, Spring Security's
	 * {@code ?continue} is not added to it (the saved request is looked for on every
	 * request instead, in the session each page request reads anyway).
	 */
	private static HttpSessionRequestCache requestCache() {
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		cache.setMatchingRequestParameterName(null);
		return cache;
	}

	/**
	 * After a sign-in, the new session's CSRF token is made and stored before the first
	 * page: the pages a browser then loads at once all read that one token, instead of
	 * each making its own, and a form of every one of them can be sent.
	 */
	private static AuthenticationSuccessHandler signedIn(HttpSessionRequestCache requestCache) {
		SavedRequestAwareAuthenticationSuccessHandler pages = new SavedRequestAwareAuthenticationSuccessHandler();
		pages.setRequestCache(requestCache);
		pages.setDefaultTargetUrl("/app");
		return (request, response, authentication) -> {
			if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
				token.getToken();
			}
			pages.onAuthenticationSuccess(request, response, authentication);
		};
	}

	/**
	 * Back to the form with what went wrong, in the address and nowhere else: Spring's
	 * own handler keeps the exception, and with it the typed password, in the session,
	 * which Spring Session writes to the database. A database that cannot be reached is
	 * the 503 page's (PageDatabaseFailureFilter), not a wrong password.
	 */
	private static void signInFailed(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException, ServletException {
		if (failure instanceof InternalAuthenticationServiceException) {
			throw new ServletException("The sign-in could not be checked", failure.getCause());
		}
		String target = switch (failure) {
			case TooManyAttemptsException tooMany -> "/login?wait=" + tooMany.retryAfterSeconds();
			case PasswordHashing.Busy busy -> "/login?busy";
			default -> "/login?error";
		};
		response.sendRedirect(target);
	}

	/**
	 * The rate limit of the user's pages: the same bucket as the API's, and over it a
	 * page that says how long to wait. The files pages load are not counted.
	 */
	private static RateLimitFilter pageRateLimit(RateLimits limits, ITemplateEngine templates) {
		return new RateLimitFilter(limits, (request, response, retryAfter) -> {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			response.setCharacterEncoding("UTF-8");
			Context context = new Context(Locale.ENGLISH);
			context.setVariable("retryAfter", retryAfter);
			context.setVariable("back", request.getRequestURI());
			templates.process("too-many-requests", context, response.getWriter());
		}, (request) -> {
			String path = request.getRequestURI();
			return path.startsWith("/assets/") || path.startsWith("/webjars/") || path.equals("/favicon.ico");
		});
	}

}
