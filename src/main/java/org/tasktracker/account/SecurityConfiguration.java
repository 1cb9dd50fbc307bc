package org.tasktracker.account;

import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tasktracker.web.ProblemWriter;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who a request acts as and what it may do, in Spring Security's filter chain: a bearer
 * token (the resource server's opaque tokens, checked by {@link TokenService}), a
 * password (HTTP Basic, checked by {@link PasswordAuthentication}), or else the local
 * user when {@link LocalAccess} allows it. Every refusal is a problem response
 * ({@link AccessProblems}); users over their rate go no further than
 * {@link RateLimitFilter}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ AccountProperties.class, PasswordHashProperties.class })
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/** Tasks and what organises them: read with tasks:read, changed with tasks:write. */
	private static final String[] TASK_PATHS = { "/tasks", "/tasks/**", "/projects", "/projects/**", "/labels",
			"/labels/**", "/sync", "/export", "/export.ics", "/import" };

	private static final String[] PUBLIC = { "/health", "/health/**", "/openapi.json", "/openapi.json/**", "/docs",
			"/docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error" };

	/**
	 * No Micrometer observation of each security filter, authentication and
	 * authorization: each request is already observed as a whole
	 * ({@code http.server.requests}), and the per-filter observations cost more than the
	 * filters themselves ({@code docs/design/accounts.md}).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** Argon2id, bcrypt still read, each hash on threads of its own. */
	@Bean
	PasswordHashing passwordEncoder(PasswordHashProperties cost) {
		return PasswordHashing.forThisMachine(cost);
	}

	/**
	 * The only password check. As a bean it is Spring Security's global one, and Spring
	 * Boot's generated default user never exists.
	 */
	@Bean
	AuthenticationProvider passwordAuthentication(UserRepository users, PasswordEncoder encoder,
			PasswordAttempts attempts) {
		return new PasswordAuthentication(users, encoder, attempts);
	}

	@Bean
	SecurityFilterChain api(HttpSecurity http, AccountProperties properties, TokenService tokens,
			AccessProblems problems, RateLimits limits, ProblemWriter problemWriter) {
		if (properties.mode() == AuthMode.OFF) {
			log.warn("AUTH_MODE=off: requests without credentials act as the local user from any address");
		}
		// With open registration anyone may ask; UserService then lets only an admin
		// acting
		// with the admin scope create an admin.
		AuthorizationManager<RequestAuthorizationContext> createUser = (properties
			.registration() == AccountProperties.Registration.OPEN) ? (authentication, context) -> GRANTED : ADMIN;
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			// No servlet API integration (request.isUserInRole and the like): nothing
			// uses it,
			// and it wraps every request.
			.servletApi(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.httpBasic((basic) -> basic.realmName(AccessProblems.REALM).authenticationEntryPoint(problems))
			.oauth2ResourceServer((server) -> server
				.opaqueToken((opaque) -> opaque.authenticationManager(new TokenAuthentication(tokens)))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(new OneAuthorizationFilter(problemWriter), BearerTokenAuthenticationFilter.class)
			.addFilterBefore(new LocalUserFilter(properties.mode()), AnonymousAuthenticationFilter.class)
			.addFilterBefore(new RateLimitFilter(limits,
					(request, response, retryAfter) -> problemWriter.write(request, response,
							HttpStatus.TOO_MANY_REQUESTS, "Too many requests; retry after " + retryAfter + " s")),
					ExceptionTranslationFilter.class)
			// An async dispatch only writes the answer of a request that was authorized
			// when it came in (a waiting sync poll's); the filters that tell who asks
			// work on the request's own dispatch.
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ASYNC)
				.permitAll()
				.requestMatchers(PUBLIC)
				.permitAll()
				.requestMatchers(HttpMethod.GET, TASK_PATHS)
				.access(scope(Scope.TASKS_READ))
				.requestMatchers(HttpMethod.GET, "/users/me", "/tokens")
				.access(scope(Scope.TASKS_READ))
				.requestMatchers(HttpMethod.HEAD, TASK_PATHS)
				.access(scope(Scope.TASKS_READ))
				.requestMatchers(HttpMethod.HEAD, "/users/me", "/tokens")
				.access(scope(Scope.TASKS_READ))
				.requestMatchers(TASK_PATHS)
				.access(scope(Scope.TASKS_WRITE))
				.requestMatchers(HttpMethod.PATCH, "/users/me")
				.access(scope(Scope.TASKS_WRITE))
				.requestMatchers(HttpMethod.POST, "/users")
				.access(createUser)
				.requestMatchers("/users", "/users/**")
				.access(ADMIN)
				.requestMatchers("/metrics")
				.access(METRICS)
				.requestMatchers(HttpMethod.POST, "/tokens")
				.access(SecurityConfiguration::notByToken)
				.requestMatchers("/tokens/**")
				.access(scope(Scope.TASKS_WRITE))
				.anyRequest()
				.authenticated());
		return http.build();
	}

	private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

	private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

	/** Granted when the request may act with {@code scope}; a token may lack it. */
	static AuthorizationManager<RequestAuthorizationContext> scope(Scope scope) {
		return (authentication, context) -> {
			if (!(authentication.get() instanceof AccountAuthentication account)) {
				return DENIED;
			}
			if (account.may(scope)) {
				return GRANTED;
			}
			context.getRequest().setAttribute(AccessProblems.NEEDED_SCOPE, scope.value());
			return DENIED;
		};
	}

	/** User management: an admin, and, by token, one with the {@code admin} scope. */
	private static final AuthorizationManager<RequestAuthorizationContext> ADMIN = adminWith(Scope.ADMIN,
			"Only an admin may manage users");

	/**
	 * The Prometheus scrape: an admin, and, by token, one with the {@code metrics} scope.
	 * The local user is an admin, so in {@code local} mode loopback needs nothing.
	 */
	private static final AuthorizationManager<RequestAuthorizationContext> METRICS = adminWith(Scope.METRICS,
			"Only an admin may read the metrics");

	private static AuthorizationManager<RequestAuthorizationContext> adminWith(Scope scope, String denial) {
		return (authentication, context) -> {
			if (!(authentication.get() instanceof AccountAuthentication account)) {
				return DENIED;
			}
			if (!account.getPrincipal().admin()) {
				context.getRequest().setAttribute(AccessProblems.DENIAL, denial);
				return DENIED;
			}
			if (!account.may(scope)) {
				context.getRequest().setAttribute(AccessProblems.NEEDED_SCOPE, scope.value());
				return DENIED;
			}
			return GRANTED;
		};
	}

	/** Creating tokens: with a password, a web session or as the local user. */
	private static AuthorizationResult notByToken(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		if (!(authentication.get() instanceof AccountAuthentication account)) {
			return DENIED;
		}
		if (account.proof() == AccountAuthentication.Proof.TOKEN) {
			context.getRequest()
				.setAttribute(AccessProblems.DENIAL, "A token cannot create tokens; use your password (HTTP Basic)");
			return DENIED;
		}
		return GRANTED;
	}

}
