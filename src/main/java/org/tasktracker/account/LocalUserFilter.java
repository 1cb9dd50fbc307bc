package org.tasktracker.account;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.tasktracker.web.RequestFilter;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * After the credential filters: a request without credentials acts as the local user when
 * {@link LocalAccess} allows it in this {@link AuthMode}. A request whose password a
 * browser may have added on its own (HTTP Basic) is refused when a page of another site
 * sent it, as a credential-less one would be.
 */
final class LocalUserFilter extends RequestFilter {

	private final AuthMode mode;

	private final boolean refuseCrossSitePasswords;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	LocalUserFilter(AuthMode mode) {
		this(mode, true);
	}

	private LocalUserFilter(AuthMode mode, boolean refuseCrossSitePasswords) {
		this.mode = mode;
		this.refuseCrossSitePasswords = refuseCrossSitePasswords;
	}

	/**
	 * For the web UI: a signed-in user came through the sign-in form, not a password the
	 * browser added by itself, and may follow a link from another site to a page (the
	 * session cookie is {@code SameSite=Lax}, and every change needs a CSRF token).
	 */
	static LocalUserFilter forPages(AuthMode mode) {
		return new LocalUserFilter(mode, false);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = this.contexts.getContext().getAuthentication();
		if (authentication == null && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
			String refusal = LocalAccess.refusal(this.mode, request);
			if (refusal == null) {
				SecurityContext context = this.contexts.createEmptyContext();
				context.setAuthentication(
						AccountAuthentication.wholeUser(Account.LOCAL, AccountAuthentication.Proof.LOCAL));
				this.contexts.setContext(context);
			}
			else {
				request.setAttribute(AccessProblems.LOCAL_REFUSAL, refusal);
			}
		}
		else if (this.refuseCrossSitePasswords && authentication instanceof AccountAuthentication account
				&& account.proof() == AccountAuthentication.Proof.PASSWORD) {
			String refusal = LocalAccess.crossSite(request);
			if (refusal != null) {
				this.contexts.clearContext();
				request.setAttribute(AccessProblems.LOCAL_REFUSAL, refusal);
			}
		}
		chain.doFilter(request, response);
	}

}
