package org.tasktracker.account;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.tasktracker.web.RequestFilter;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Right after the web UI's session is read: a session signed in as a user who has since
 * been deleted, or whose name or admin flag changed, is ended, and the request goes to
 * the sign-in page. Asked on every request, answered by {@link WebSessions} from memory
 * at most a second old, so the change holds on every instance within that second.
 */
final class SessionUserFilter extends RequestFilter {

	/** Where a session goes when its user was deleted. */
	static final String DELETED = "/login?ended=deleted";

	/** Where a session goes when its user's admin rights (or name) changed. */
	static final String CHANGED = "/login?ended=changed";

	private final WebSessions sessions;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	SessionUserFilter(WebSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = this.contexts.getContext().getAuthentication();
		if (authentication instanceof AccountAuthentication signedIn && !signedIn.getPrincipal().isLocal()) {
			Optional<Account> now = this.sessions.current(signedIn.getPrincipal().id());
			if (now.isEmpty() || !now.get().equals(signedIn.getPrincipal())) {
				String ended = now.isEmpty() ? DELETED : CHANGED;
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
				this.contexts.clearContext();
				if (request.getHeader("HX-Request") != null) {
					// htmx follows a redirect inside the page; this makes it load the
					// sign-in page whole.
					response.setHeader("HX-Redirect", ended);
					response.setStatus(HttpServletResponse.SC_NO_CONTENT);
				}
				else {
					response.sendRedirect(ended);
				}
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
