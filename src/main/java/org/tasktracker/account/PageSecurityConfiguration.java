package org.tasktracker.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The web UI's filter chain, ahead of the API's: a sign-in form and a session cookie
 * (sessions kept in PostgreSQL by Spring Session JDBC), a CSRF token on every form and
 * htmx request that changes something, and a Content-Security-Policy that allows no
 * inline script. Where {@link LocalAccess} allows it, the local user needs no sign-in, as
 * on the API. A failed sign-in counts against the same limit as a failed password check
 * ({@link PasswordAuthentication}).
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
	SecurityFilterChain pages(HttpSecurity http, AccountProperties properties) {
		http.securityMatcher(PAGE_PATHS)
			.servletApi(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/app", false).permitAll())
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?out").permitAll())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
			.addFilterBefore(LocalUserFilter.forPages(properties.mode()), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/assets/**", "/webjars/**", "/favicon.ico")
				.permitAll()
				.anyRequest()
				.authenticated());
		return http.build();
	}

}
