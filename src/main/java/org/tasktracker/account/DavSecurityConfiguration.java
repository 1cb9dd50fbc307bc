package org.tasktracker.account;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.tasktracker.web.ProblemWriter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The CalDAV paths' filter chain (contract v3, part E), ahead of the API's: HTTP Basic
 * with the username and an API token of that user as the password
 * ({@link DavTokenAuthentication}); {@code tasks:read} for the methods that read,
 * {@code tasks:write} for the others. A 401 always carries
 * {@code WWW-Authenticate: Basic realm="tasktracker"}, since CalDAV clients send
 * credentials only after that challenge; for the same reason a request without
 * credentials never acts as the local user here. Refusals are problem+json, as on the
 * API, except a write without {@code tasks:write}: a {@code DAV:error} with
 * {@code DAV:need-privileges}, which clients act on. The same rate limit applies.
 * {@code /.well-known/caldav} is a redirect anyone may follow (RFC 6764).
 */
@Configuration(proxyBeanMethods = false)
class DavSecurityConfiguration {

	static final String WELL_KNOWN = "/.well-known/caldav";

	static final String[] DAV_PATHS = { "/dav", "/dav/**", WELL_KNOWN };

	/** WebDAV's and CalDAV's methods that only read. */
	private static final HttpMethod[] READS = { HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.valueOf("PROPFIND"), HttpMethod.valueOf("REPORT") };

	@Bean
	@Order(2)
	SecurityFilterChain dav(HttpSecurity http, TokenService tokens, RateLimits limits, ProblemWriter problemWriter) {
		DavProblems problems = new DavProblems(problemWriter);
		http.securityMatcher(DAV_PATHS)
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.servletApi(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.authenticationManager(new DavTokenAuthentication(tokens))
			.httpBasic((basic) -> basic.realmName(AccessProblems.REALM).authenticationEntryPoint(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(new OneAuthorizationFilter(problemWriter), BasicAuthenticationFilter.class)
			.addFilterBefore(new RateLimitFilter(limits,
					(request, response, retryAfter) -> problemWriter.write(request, response,
							HttpStatus.TOO_MANY_REQUESTS, "Too many requests; retry after " + retryAfter + " s")),
					ExceptionTranslationFilter.class)
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers(WELL_KNOWN).permitAll();
				for (HttpMethod read : READS) {
					requests.requestMatchers(read, "/dav", "/dav/**")
						.access(SecurityConfiguration.scope(Scope.TASKS_READ));
				}
				requests.anyRequest().access(SecurityConfiguration.scope(Scope.TASKS_WRITE));
			});
		return http.build();
	}

	/**
	 * The DAV paths' refusals: problem+json like the API's, with a Basic challenge on
	 * every 401 (the API's challenges are Bearer ones).
	 */
	static final class DavProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

		private final ProblemWriter problems;

		DavProblems(ProblemWriter problems) {
			this.problems = problems;
		}

		@Override
		public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
				throws IOException {
			if (AccessProblems.answerUnrefused(this.problems, request, response, failure)) {
				return;
			}
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + AccessProblems.REALM + "\"");
			String detail = (request.getHeader(HttpHeaders.AUTHORIZATION) == null) ? "Credentials are required"
					: "The username or token is not valid";
			this.problems.write(request, response, HttpStatus.UNAUTHORIZED,
					detail + "; send your username and an API token (not your password) with HTTP Basic");
		}

		@Override
		public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
				throws IOException {
			Object scope = request.getAttribute(AccessProblems.NEEDED_SCOPE);
			if (Scope.TASKS_WRITE.value().equals(scope)) {
				needPrivileges(response);
				return;
			}
			this.problems.write(request, response, HttpStatus.FORBIDDEN,
					(scope != null) ? "The token lacks the scope " + scope : "You may not do this");
		}

		/**
		 * RFC 3744, 7.1.1: a write by a token that may only read is refused with the
		 * {@code DAV:need-privileges} element, which clients act on (and show the
		 * calendar read-only, as its privileges say).
		 */
		private static void needPrivileges(HttpServletResponse response) throws IOException {
			response.setStatus(HttpStatus.FORBIDDEN.value());
			response.setContentType("application/xml; charset=utf-8");
			response.getOutputStream()
				.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><D:error xmlns:D=\"DAV:\"><D:need-privileges/>"
						+ "<t:detail xmlns:t=\"urn:x-tasktracker:dav\">The token lacks the scope "
						+ Scope.TASKS_WRITE.value() + ", which writes need</t:detail></D:error>")
					.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}

	}

}
